/// Finds calendar dates written in paths, metadata and page headers.
///
/// Recognized forms (separators may be mixed): `2018-02-01`, `2018_02_01`, `2018/02/01`,
/// `2018.02.01`, `2018-02/01` (Founder `html/2018-02/01/content_…`), `20180201`, and
/// `2018年2月1日`. A bare `2018-02` path component gives a month. Years must lie in
/// `validYears`, months and days in range. Eight digits are only taken as a whole run
/// that no letter or digit touches, so article ids such as `content_1807921` or
/// timestamps such as `20180201093000` never yield a date.
enum DatePatterns {
    /// Years a newspaper page of interest can carry.
    static let validYears = 1949...2100

    private static let separators: Set<UInt32> = [0x2D, 0x5F, 0x2F, 0x2E]  // - _ / .
    private static let yearMark: UInt32 = 0x5E74  // 年
    private static let monthMark: UInt32 = 0x6708  // 月
    private static let dayMark: UInt32 = 0x65E5  // 日

    /// A date found in a string, with the scalar offset where it started.
    struct Match: Equatable {
        var year: Int
        var month: Int?
        var day: Int?
        /// Scalar offsets of the match in the searched string.
        var offset: Int
        var end: Int
    }

    /// All dates in `text`, in order.
    static func matches(in text: String) -> [Match] {
        let s = text.unicodeScalars.map(\.value)
        let runs = digitRuns(s)
        var found: [Match] = []
        for (index, run) in runs.enumerated() {
            let length = run.upperBound - run.lowerBound
            if length == 8 {
                if isLoose(s, before: run.lowerBound) && isLoose(s, after: run.upperBound) {
                    let y = number(s, run.lowerBound..<run.lowerBound + 4)
                    let m = number(s, run.lowerBound + 4..<run.lowerBound + 6)
                    let d = number(s, run.lowerBound + 6..<run.upperBound)
                    if isValid(y, m, d) {
                        found.append(Match(year: y, month: m, day: d, offset: run.lowerBound, end: run.upperBound))
                    }
                }
                continue
            }
            guard length == 4, index + 1 < runs.count else { continue }
            let y = number(s, run)
            let monthRun = runs[index + 1]
            guard monthRun.lowerBound == run.upperBound + 1, (1...2).contains(monthRun.count) else { continue }
            let sep1 = s[run.upperBound]
            let han = sep1 == yearMark
            guard han || separators.contains(sep1) else { continue }
            let m = number(s, monthRun)
            let afterMonth = monthRun.upperBound
            if index + 2 < runs.count {
                let dayRun = runs[index + 2]
                let sep2 = s[afterMonth]
                let sepOK = han ? sep2 == monthMark : separators.contains(sep2)
                if dayRun.lowerBound == afterMonth + 1, (1...2).contains(dayRun.count), sepOK {
                    let d = number(s, dayRun)
                    let closed = !han || (dayRun.upperBound < s.count && s[dayRun.upperBound] == dayMark)
                    if closed && isValid(y, m, d) {
                        let end = han ? dayRun.upperBound + 1 : dayRun.upperBound
                        found.append(Match(year: y, month: m, day: d, offset: run.lowerBound, end: end))
                        continue
                    }
                }
            }
            // `2018-02` as a whole path component, or `2018年2月`.
            let componentStart = run.lowerBound == 0 || s[run.lowerBound - 1] == 0x2F
            let componentEnd = afterMonth == s.count || s[afterMonth] == 0x2F
            let monthOnly = han ? afterMonth < s.count && s[afterMonth] == monthMark : componentStart && componentEnd
            if monthOnly && sep1 != 0x2F && sep1 != 0x2E && isValid(y, m, 1) {
                let end = han ? afterMonth + 1 : afterMonth
                found.append(Match(year: y, month: m, day: nil, offset: run.lowerBound, end: end))
            }
        }
        return found
    }

    /// The date a file's path carries: the last full date (nearest the file name), else
    /// the last year-month.
    static func date(inPath path: String) -> PageDate? {
        let all = matches(in: path)
        guard let best = all.last(where: { $0.day != nil }) ?? all.last else { return nil }
        return PageDate(year: best.year, month: best.month, day: best.day, origin: .path)
    }

    /// Parses a field that must be exactly one date: `2018-02-01`, `2018/2/1`, `20180201`,
    /// `2018年2月1日`, `2018-02` or `2018`; a trailing time (`2016-10-31 09:28:27.0`) is ignored.
    static func parseField(_ field: String, origin: PageDate.Origin) -> PageDate? {
        var s = trimmed(field).unicodeScalars.map(\.value)
        if let cut = s.firstIndex(where: { $0 == 0x20 || $0 == 0x54 }), cut >= 8,
            s[(cut + 1)...].allSatisfy({ ScalarClass.digit($0) != nil || $0 == 0x3A || $0 == 0x2E })
        {
            s.removeSubrange(cut...)
        }
        if s.count == 4, s.allSatisfy({ ScalarClass.digit($0) != nil }) {
            let y = number(s, 0..<4)
            return validYears.contains(y) ? PageDate(year: y, origin: origin) : nil
        }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: s.compactMap(Unicode.Scalar.init))
        guard let m = matches(in: String(view)).first, m.offset == 0, m.end == s.count else { return nil }
        return PageDate(year: m.year, month: m.month, day: m.day, origin: origin)
    }

    static func isValid(_ y: Int, _ m: Int, _ d: Int) -> Bool {
        validYears.contains(y) && (1...12).contains(m) && d >= 1 && d <= ISODate.daysIn(month: m, year: y)
    }

    static func trimmed(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var lo = 0
        var hi = scalars.count
        while lo < hi && ScalarClass.isSpace(scalars[lo].value) { lo += 1 }
        while hi > lo && ScalarClass.isSpace(scalars[hi - 1].value) { hi -= 1 }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[lo..<hi])
        return String(view)
    }

    private static func digitRuns(_ s: [UInt32]) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var i = 0
        while i < s.count {
            guard ScalarClass.digit(s[i]) != nil else {
                i += 1
                continue
            }
            var j = i
            while j < s.count && ScalarClass.digit(s[j]) != nil { j += 1 }
            runs.append(i..<j)
            i = j
        }
        return runs
    }

    private static func number(_ s: [UInt32], _ range: Range<Int>) -> Int {
        var n = 0
        for i in range { n = n * 10 + (ScalarClass.digit(s[i]) ?? 0) }
        return n
    }

    /// No ASCII letter or digit right before `index`.
    private static func isLoose(_ s: [UInt32], before index: Int) -> Bool {
        index == 0 || !isASCIIAlphanumeric(s[index - 1])
    }

    private static func isLoose(_ s: [UInt32], after index: Int) -> Bool {
        index >= s.count || !isASCIIAlphanumeric(s[index])
    }

    private static func isASCIIAlphanumeric(_ v: UInt32) -> Bool {
        (0x30...0x39).contains(v) || (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v)
    }
}
