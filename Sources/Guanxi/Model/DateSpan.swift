/// A closed interval of full ISO dates (`2018-01-01` … `2018-12-31`): how a
/// store's partial date (`2018`, `2018-03`, `2018-03-29`) becomes a GEXF spell.
public struct DateSpan: Sendable, Hashable, Comparable {
    /// First day, `YYYY-MM-DD`.
    public var start: String
    /// Last day, `YYYY-MM-DD`, never before `start`.
    public var end: String

    public init(start: String, end: String) {
        self.start = start
        self.end = end
    }

    /// The days a partial date covers: `2018` → 2018-01-01 … 2018-12-31,
    /// `2016-02` → 2016-02-01 … 2016-02-29; `nil` for text that is not a date.
    public init?(partial: String) {
        guard let first = DateSpan.bound(partial, last: false), let last = DateSpan.bound(partial, last: true) else {
            return nil
        }
        self.init(start: first, end: last)
    }

    /// From the start of `first` to the end of `last` (either may be missing;
    /// `nil` when both are, or when they are out of order).
    public init?(first: String?, last: String?) {
        guard let a = (first ?? last).flatMap({ DateSpan(partial: $0) }),
            let b = (last ?? first).flatMap({ DateSpan(partial: $0) }), a.start <= b.end
        else { return nil }
        self.init(start: a.start, end: b.end)
    }

    public static func < (a: DateSpan, b: DateSpan) -> Bool { (a.start, a.end) < (b.start, b.end) }

    /// Sorted, with overlapping or touching spans joined (Gephi refuses
    /// overlapping intervals on one element).
    ///
    /// - Complexity: O(n log n).
    public static func merged(_ spans: [DateSpan]) -> [DateSpan] {
        var out: [DateSpan] = []
        for span in spans.sorted() {
            if let last = out.last, span.start <= last.end || span.start == nextDay(last.end) {
                if span.end > last.end { out[out.count - 1].end = span.end }
            } else {
                out.append(span)
            }
        }
        return out
    }

    static func bound(_ text: String, last: Bool) -> String? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4, let year = Int(parts[0]) else { return nil }
        var month = last ? 12 : 1
        if parts.count > 1 {
            guard parts[1].count == 2, let m = Int(parts[1]), (1...12).contains(m) else { return nil }
            month = m
        }
        var day = last ? ISODate.daysIn(month: month, year: year) : 1
        if parts.count > 2 {
            guard parts[2].count == 2, let d = Int(parts[2]), (1...ISODate.daysIn(month: month, year: year)).contains(d)
            else {
                return nil
            }
            day = d
        }
        return format(year, month, day)
    }

    static func format(_ y: Int, _ m: Int, _ d: Int) -> String {
        func pad(_ v: Int, _ n: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, n - s.count)) + s
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    static func nextDay(_ date: String) -> String {
        let p = date.split(separator: "-").compactMap { Int($0) }
        guard p.count == 3 else { return date }
        var (y, m, d) = (p[0], p[1], p[2] + 1)
        if d > ISODate.daysIn(month: m, year: y) { (m, d) = (m + 1, 1) }
        if m > 12 { (y, m) = (y + 1, 1) }
        return format(y, m, d)
    }
}
