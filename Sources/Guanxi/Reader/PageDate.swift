/// The date of a page: a full day, a month or only a year, and where it came from.
///
/// `iso` renders it as the `guanxi extract` contract asks: `2018-03-29`, `2018-03`
/// or `2018`. A date guessed from years written in the text is `inferred`.
public struct PageDate: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// Where a date was found, in the order the reader trusts them.
    public enum Origin: String, Sendable, Hashable, Codable {
        case manifest
        case path
        case html
        case text
    }

    /// The year, 1949…2100 when read by the reader.
    public var year: Int
    /// The month 1…12, if known.
    public var month: Int?
    /// The day of the month, if known (only with a month).
    public var day: Int?
    /// Which source gave the date.
    public var origin: Origin

    /// A date; a day without a month is dropped.
    public init(year: Int, month: Int? = nil, day: Int? = nil, origin: Origin) {
        self.year = year
        self.month = month
        self.day = month == nil ? nil : day
        self.origin = origin
    }

    /// True when the date was guessed from the article text rather than read.
    public var inferred: Bool { origin == .text }

    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    public var iso: String {
        // The usual date, written as its ten ASCII bytes at most: no string
        // concatenation (every extracted article prints its date).
        if (0...9999).contains(year), (month ?? 0) >= 0, (month ?? 0) <= 99, (day ?? 0) >= 0, (day ?? 0) <= 99 {
            return String(unsafeUninitializedCapacity: 10) { out in
                var k = 0
                func put(_ value: Int, digits: Int) {
                    var divisor = digits == 4 ? 1000 : 10
                    while divisor > 0 {
                        out[k] = UInt8(ascii: "0") + UInt8(value / divisor % 10)
                        k += 1
                        divisor /= 10
                    }
                }
                put(year, digits: 4)
                if let month {
                    out[k] = UInt8(ascii: "-")
                    k += 1
                    put(month, digits: 2)
                    if let day {
                        out[k] = UInt8(ascii: "-")
                        k += 1
                        put(day, digits: 2)
                    }
                }
                return k
            }
        }
        var s = padded(year, 4)
        if let month {
            s += "-" + padded(month, 2)
            if let day { s += "-" + padded(day, 2) }
        }
        return s
    }

    /// Same as `iso`.
    public var description: String { iso }

    /// Orders by year, month, day; a missing month or day sorts first.
    public static func < (a: PageDate, b: PageDate) -> Bool {
        (a.year, a.month ?? 0, a.day ?? 0) < (b.year, b.month ?? 0, b.day ?? 0)
    }
}

private func padded(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}
