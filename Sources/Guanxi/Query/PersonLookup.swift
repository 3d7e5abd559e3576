/// Finds the people a user means by a name as typed: with stray spaces,
/// full-width letters, traditional characters, or an id (`张三@永康市#2`);
/// suggests close names when none matches, instead of an empty screen.
///
/// ```swift
/// PersonLookup(people: try store.people()).resolve("陳 曉蘇")  // .one(陈晓苏@…)
/// ```
public struct PersonLookup: Sendable {
    /// What a typed name resolved to.
    public enum Result: Sendable, Hashable {
        /// Exactly one person.
        case one(StoredPerson)
        /// Several people of that name: the user picks one by id.
        case several([StoredPerson])
        /// Nobody; the closest names in the store, best first.
        case none(suggestions: [StoredPerson])
    }

    public let people: [StoredPerson]
    private let byName: [String: [StoredPerson]]

    public init(people: [StoredPerson]) {
        self.people = people
        self.byName = Dictionary(grouping: people, by: { Self.normalize($0.name) })
    }

    /// The typed name without spaces, with full-width letters, digits and ASCII
    /// signs made half-width (`＠` → `@`, `＃` → `#`) and traditional characters
    /// made simplified (``TraditionalChinese``).
    public static func normalize(_ typed: String) -> String {
        var out = String.UnicodeScalarView()
        for s in typed.unicodeScalars {
            if ScalarClass.isWhitespace(s) { continue }
            if (0xFF01...0xFF5E).contains(s.value), let ascii = Unicode.Scalar(s.value - 0xFEE0) {
                out.append(ascii)
            } else {
                out.append(TraditionalChinese.simplified(s))
            }
        }
        return String(out)
    }

    /// Resolves a name or id as typed.
    public func resolve(_ typed: String) -> Result {
        let query = Self.normalize(typed)
        if let p = people.first(where: { $0.id == query || Self.normalize($0.id) == query }) { return .one(p) }
        if let found = byName[query], !found.isEmpty {
            return found.count == 1 ? .one(found[0]) : .several(found.sorted { $0.id < $1.id })
        }
        return .none(suggestions: suggestions(for: query))
    }

    /// Up to five people whose names are closest to `query` (edit distance,
    /// then shared characters, then articles).
    public func suggestions(for query: String, limit: Int = 5) -> [StoredPerson] {
        let q = Array(query.unicodeScalars)
        guard !q.isEmpty else { return [] }
        var scored: [(Int, Int, StoredPerson)] = []
        for p in people {
            let n = Array(Self.normalize(p.name).unicodeScalars)
            let distance = Self.editDistance(q, n)
            let shared = Set(q).intersection(n).count
            guard distance <= max(1, q.count / 2) || shared >= 2 else { continue }
            scored.append((distance, -shared, p))
        }
        return scored.sorted {
            ($0.0, $0.1, -$0.2.articleCount, $0.2.id) < ($1.0, $1.1, -$1.2.articleCount, $1.2.id)
        }.prefix(limit).map(\.2)
    }

    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
