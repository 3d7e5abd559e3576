/// Guesses the year a page was printed from the years written in its text.
///
/// The text is first compacted (all whitespace removed, full-width digits made ASCII),
/// because PDF dumps break lines and space out digits (`研究部署\n\n2021年工作`,
/// `2021 年`). A *year* is four digits not preceded by a digit, followed by `年`, within
/// `DatePatterns.validYears`. Then the first rule below that fires decides; within one
/// rule the most frequent year wins, ties going to the latest:
///
/// 1. `cueRules`, in order — a cue word right before or after a year:
///    - `2022年全市组织工作综述` → an annual review is printed the next year (2023);
///    - `全面总结2020年工作` → the year being closed (2020), even beside `部署2021年工作`;
///    - `部署2018年工作要点` → a plan announced early in that year (2018);
///    - `2017年是党的十九大…召开之年`, `今年是2017年` → that year.
/// 2. The most frequent year written in the text.
/// 3. With no year written at all: a national anniversary (`建党100周年` → 1921 + 100),
///    from `anniversaries`.
///
/// Only a year is inferred: a month or day near `本报讯` (`12 月 28 日`) without a year is
/// not trusted. The result has origin `.text`, so `PageDate.inferred` is true.
public struct DateInference: Sendable {
    /// Where a cue stands relative to the year it qualifies.
    public enum Placement: Sendable, Hashable {
        /// The cue comes first, with at most `gap` scalars between it and the year.
        case beforeYear(gap: Int)
        /// The cue follows the year's `年` within `window` scalars of the same clause;
        /// `joiner` must follow `年` directly when given (`是` in `2017年是…之年`).
        case afterYear(window: Int, joiner: String?)
    }

    /// A cue word that dates the page relative to a year written beside it.
    public struct CueRule: Sendable, Hashable {
        /// A short name for the rule, reported in `Finding.rule`.
        public var name: String
        /// The cue word, compared scalar by scalar with the compacted text.
        public var cue: String
        /// Where the cue stands relative to the year.
        public var placement: Placement
        /// Printed year minus the year written (`+1` for a review of last year).
        public var shift: Int

        /// A rule; see `defaultCueRules` for examples.
        public init(name: String, cue: String, placement: Placement, shift: Int) {
            self.name = name
            self.cue = cue
            self.placement = placement
            self.shift = shift
        }
    }

    /// A well-known founding year for `N周年` phrases.
    public struct Anniversary: Sendable, Hashable {
        /// The event as written before `N周年` (`建党`, `香港回归`).
        public var event: String
        /// The year the event happened.
        public var year: Int

        /// An anniversary entry.
        public init(event: String, year: Int) {
            self.event = event
            self.year = year
        }
    }

    /// What the inference found and which rule decided it.
    public struct Finding: Sendable, Hashable {
        /// The printed year inferred.
        public var year: Int
        /// The name of the rule that decided it (`annual review`, `most frequent year`, …).
        public var rule: String
    }

    /// Cue rules in priority order (rule 1 above).
    public static let defaultCueRules: [CueRule] = [
        CueRule(name: "annual review", cue: "综述", placement: .afterYear(window: 16, joiner: nil), shift: 1),
        CueRule(name: "year summed up", cue: "总结", placement: .beforeYear(gap: 2), shift: 0),
        CueRule(name: "year planned", cue: "部署", placement: .beforeYear(gap: 2), shift: 0),
        CueRule(name: "year described", cue: "之年", placement: .afterYear(window: 48, joiner: "是"), shift: 0),
        CueRule(name: "this year", cue: "今年", placement: .beforeYear(gap: 2), shift: 0),
    ]

    /// National and provincial anniversaries (rule 3): the event named within a few scalars before `N周年`.
    public static let defaultAnniversaries: [Anniversary] = [
        Anniversary(event: "建党", year: 1921),
        Anniversary(event: "中国共产党成立", year: 1921),
        Anniversary(event: "新中国成立", year: 1949),
        Anniversary(event: "中华人民共和国成立", year: 1949),
        Anniversary(event: "改革开放", year: 1978),
        Anniversary(event: "香港回归", year: 1997),
        Anniversary(event: "澳门回归", year: 1999),
        Anniversary(event: "抗战胜利", year: 1945),
        Anniversary(event: "抗日战争胜利", year: 1945),
        Anniversary(event: "建军", year: 1927),
        Anniversary(event: "五四运动", year: 1919),
        Anniversary(event: "辛亥革命", year: 1911),
        // Province-wide campaigns of Zhejiang, whose round anniversaries every
        // paper of the province marks (`八八战略实施20周年`).
        Anniversary(event: "八八战略", year: 2003),
        Anniversary(event: "千万工程", year: 2003),
        Anniversary(event: "平安浙江", year: 2004),
        Anniversary(event: "法治浙江", year: 2006),
    ]

    /// Cue rules, tried in order.
    public var cueRules: [CueRule]
    /// Anniversaries used when no year is written.
    public var anniversaries: [Anniversary]

    /// An inference with the given rules (by default the documented ones).
    public init(cueRules: [CueRule] = defaultCueRules, anniversaries: [Anniversary] = defaultAnniversaries) {
        self.cueRules = cueRules
        self.anniversaries = anniversaries
    }

    /// The inferred year as a `PageDate` with origin `.text`, or nil.
    public func date(for text: String) -> PageDate? {
        finding(for: text).map { PageDate(year: $0.year, origin: .text) }
    }

    /// The inferred year and the name of the rule that gave it.
    public func finding(for text: String) -> Finding? {
        let s = Self.compact(text)
        let years = Self.years(in: s)
        for rule in cueRules {
            let cue = rule.cue.unicodeScalars.map(\.value)
            var votes: [Int] = []
            for y in years where Self.matches(rule, cue, s, y) {
                votes.append(y.year + rule.shift)
            }
            if let year = Self.mostFrequent(votes) { return Finding(year: year, rule: rule.name) }
        }
        if let year = Self.mostFrequent(years.map(\.year)) { return Finding(year: year, rule: "most frequent year") }
        if let year = Self.mostFrequent(anniversaryYears(s)) { return Finding(year: year, rule: "anniversary") }
        return nil
    }

    // MARK: - Scanning

    struct YearMention: Equatable {
        var year: Int
        /// Offset of the first digit and just past `年`.
        var start: Int
        var end: Int
    }

    private static let yearMark: UInt32 = 0x5E74  // 年
    /// Sentence and clause ends a cue may not reach across.
    private static let stops: Set<UInt32> = [0x3002, 0xFF01, 0xFF1F, 0xFF1B, 0x21, 0x3F, 0x3B]  // 。！？；!?;

    static func compact(_ text: String) -> [UInt32] {
        var out: [UInt32] = []
        out.reserveCapacity(text.unicodeScalars.count)
        for s in text.unicodeScalars {
            let v = s.value
            if ScalarClass.isSpace(v) { continue }
            out.append((0xFF10...0xFF19).contains(v) ? v - 0xFF10 + 0x30 : v)
        }
        return out
    }

    static func years(in s: [UInt32]) -> [YearMention] {
        var found: [YearMention] = []
        var i = 0
        while i + 4 < s.count {
            if ScalarClass.digit(s[i]) != nil, i == 0 || ScalarClass.digit(s[i - 1]) == nil,
                let y = number(s, i, 4), s[i + 4] == yearMark, DatePatterns.validYears.contains(y)
            {
                found.append(YearMention(year: y, start: i, end: i + 5))
                i += 5
            } else {
                i += 1
            }
        }
        return found
    }

    private static func matches(_ rule: CueRule, _ cue: [UInt32], _ s: [UInt32], _ y: YearMention) -> Bool {
        switch rule.placement {
        case .beforeYear(let gap):
            for g in 0...gap {
                let cueStart = y.start - g - cue.count
                guard cueStart >= 0 else { break }
                if hasPrefix(s, at: cueStart, cue) && !containsStop(s, cueStart + cue.count..<y.start) { return true }
            }
            return false
        case .afterYear(let window, let joiner):
            var from = y.end
            if let joiner {
                let j = joiner.unicodeScalars.map(\.value)
                guard hasPrefix(s, at: from, j) else { return false }
                from += j.count
            }
            var i = from
            while i < min(s.count, y.end + window) {
                if stops.contains(s[i]) { return false }
                if hasPrefix(s, at: i, cue) { return true }
                i += 1
            }
            return false
        }
    }

    private func anniversaryYears(_ s: [UInt32]) -> [Int] {
        let mark: [UInt32] = "周年".unicodeScalars.map(\.value)
        var found: [Int] = []
        var i = 0
        while i < s.count {
            guard Self.hasPrefix(s, at: i, mark) else {
                i += 1
                continue
            }
            var start = i
            while start > 0 && ScalarClass.digit(s[start - 1]) != nil && i - start < 3 { start -= 1 }
            if start < i, let n = Self.number(s, start, i - start) {
                for a in anniversaries {
                    let event = a.event.unicodeScalars.map(\.value)
                    let lowest = max(0, start - event.count - 4)
                    if lowest > start - event.count { continue }
                    let hit = (lowest...(start - event.count)).contains { Self.hasPrefix(s, at: $0, event) }
                    if hit && DatePatterns.validYears.contains(a.year + n) { found.append(a.year + n) }
                }
            }
            i += mark.count
        }
        return found
    }

    private static func mostFrequent(_ years: [Int]) -> Int? {
        var counts: [Int: Int] = [:]
        for y in years { counts[y, default: 0] += 1 }
        return counts.max { a, b in (a.value, a.key) < (b.value, b.key) }?.key
    }

    private static func hasPrefix(_ s: [UInt32], at index: Int, _ p: [UInt32]) -> Bool {
        guard index >= 0, index + p.count <= s.count else { return false }
        for k in 0..<p.count where s[index + k] != p[k] { return false }
        return true
    }

    private static func containsStop(_ s: [UInt32], _ range: Range<Int>) -> Bool {
        range.contains { stops.contains(s[$0]) }
    }

    private static func number(_ s: [UInt32], _ start: Int, _ count: Int) -> Int? {
        var n = 0
        for i in start..<start + count {
            guard let d = ScalarClass.digit(s[i]) else { return nil }
            n = n * 10 + d
        }
        return n
    }
}
