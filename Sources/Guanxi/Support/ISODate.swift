/// The dates a user types (`--since`, `--until`, a curation `split … by-date`):
/// `2019`, `2019-04` or `2019-04-27`, each part in range (`2019-13` and
/// `2019-02-30` are no dates).
///
/// ```swift
/// ISODate.problem("2019-02-30")  // "2019-02 has 28 days"
/// ISODate.problem("2019-02")     // nil
/// ```
public enum ISODate {
    /// Nil when `text` is a date of one of the three forms; otherwise what is
    /// wrong with it, for a message.
    public static func problem(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        guard [4, 7, 10].contains(bytes.count) else { return "write 2019, 2019-04 or 2019-04-27" }
        var parts: [Int] = []
        var value = 0, digits = 0
        for (i, byte) in bytes.enumerated() {
            if i == 4 || i == 7 {
                guard byte == UInt8(ascii: "-") else { return "write 2019, 2019-04 or 2019-04-27" }
                parts.append(value)
                (value, digits) = (0, 0)
                continue
            }
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else {
                return "write 2019, 2019-04 or 2019-04-27"
            }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
            digits += 1
        }
        parts.append(value)
        let year = parts[0]
        if year == 0 { return "there is no year 0000" }
        if parts.count > 1 && !(1...12).contains(parts[1]) { return "there is no month \(parts[1])" }
        if parts.count > 2 {
            let days = daysIn(month: parts[1], year: year)
            if !(1...days).contains(parts[2]) {
                return "\(text.prefix(7)) has \(days) days"
            }
        }
        return nil
    }

    /// Days in a month of the Gregorian calendar.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `2017–2018`, `2017`, or `-`: the years two ISO dates (either may be
    /// missing) span, as answers and pages print them.
    public static func yearSpan(_ first: String?, _ last: String?) -> String {
        let a = first.map { String($0.prefix(4)) }, b = last.map { String($0.prefix(4)) }
        switch (a, b) {
        case (nil, nil): return "-"
        case (let x?, nil), (nil, let x?): return x
        case (let x?, let y?): return x == y ? x : "\(x)–\(y)"
        }
    }
}
