import Foundation

/// What linking knows about places and names, from the bundled lexicons:
/// each jurisdiction's level and parent (`places.tsv`) and each surname's
/// rank by frequency (`surnames.tsv` lists them most frequent first).
struct CareerGazetteer: Sendable {
    /// Level of a jurisdiction: 1 town, 2 county, 3 prefecture, 4 province, 5 nation.
    private(set) var levels: [String: Int] = [:]
    private(set) var parents: [String: String] = [:]
    /// Each jurisdiction's short name (`东台市` → `东台`), to tell a place
    /// written in a title from one the page's home gave it.
    private(set) var shortNames: [String: String] = [:]
    /// 1-based rank of each single-character surname by frequency.
    private(set) var surnameRanks: [Unicode.Scalar: Int] = [:]

    /// The bundled lexicons' places and surnames, read once.
    static let shared: CareerGazetteer = {
        var g = CareerGazetteer()
        let files: [String: String]
        if let dir = ProcessInfo.processInfo.environment["GUANXI_ONTOLOGY"] {
            var read: [String: String] = [:]
            for name in ["places.tsv", "surnames.tsv"] {
                read[name] = try? String(contentsOfFile: dir + "/" + name, encoding: .utf8)
            }
            files = read
        } else {
            files = BundledLexicons.files
        }
        g.load(places: files["places.tsv"] ?? "", surnames: files["surnames.tsv"] ?? "")
        return g
    }()

    init() {}

    /// Reads `places.tsv` and `surnames.tsv` text.
    init(places: String, surnames: String) {
        load(places: places, surnames: surnames)
    }

    private mutating func load(places: String, surnames: String) {
        let levelNumbers = ["town": 1, "county": 2, "prefecture": 3, "province": 4, "nation": 5]
        for line in places.split(separator: "\n") where !line.hasPrefix("#") {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= 4 else { continue }
            levels[f[0]] = levelNumbers[f[2]]
            if !f[1].isEmpty, f[1] != "-" { shortNames[f[0]] = f[1] }
            if f[3] != "-" { parents[f[0]] = f[3] }
        }
        var rank = 0
        for line in surnames.split(separator: "\n") where !line.hasPrefix("#") {
            let s = line.split(separator: "\t").first.map(String.init) ?? ""
            let scalars = Array(s.unicodeScalars)
            guard scalars.count == 1 else { continue }
            rank += 1
            if surnameRanks[scalars[0]] == nil { surnameRanks[scalars[0]] = rank }
        }
    }

    /// The jurisdiction and its ancestors, nearest first.
    func chain(_ place: String) -> [String] {
        var out = [place]
        var current = parents[place]
        while let p = current, !out.contains(p) {
            out.append(p)
            current = parents[p]
        }
        return out
    }

    /// Whether `title` writes the place `jurisdiction` (`东台市委书记`), rather
    /// than taking it from the page's home (`市委书记`).
    func writes(_ title: String, _ jurisdiction: String) -> Bool {
        title.includes(shortNames[jurisdiction] ?? jurisdiction)
    }

    /// The places a title's jurisdiction may be: its own, and for a bare
    /// `市…` title that the page's home placed in a county-level city, the
    /// prefecture too (a prefecture's paper names the county it visits more
    /// often than itself, so the home guessed may be the county); and for a
    /// bare title put in a prefecture on a page of a county's paper (`paper`,
    /// the folder's home), that county too.
    func places(title: String, jurisdiction j: String, paper: String? = nil) -> [String] {
        // A county's paper whose page named its prefecture more than itself: a
        // bare title the page's home put in the prefecture may be the county's.
        if levels[j] == 3, let county = paper, county != j, parents[county] == j, !writes(title, j) {
            return [j, county]
        }
        guard levels[j] == 2, j.hasSuffix("市"), let parent = parents[j], levels[parent] == 3,
            title.hasPrefix("市") || title.hasPrefix("代市") || title.hasPrefix("副市"), !writes(title, j)
        else { return [j] }
        return [j, parent]
    }

    /// How two known jurisdictions relate.
    func relation(_ a: String, _ b: String) -> PlaceRelation {
        if a == b { return .same }
        let ca = chain(a), cb = chain(b)
        if ca.contains(b) || cb.contains(a) { return .nested }
        // The nearest shared ancestor below the nation.
        guard let shared = ca.dropFirst().first(where: { cb.dropFirst().contains($0) }), let level = levels[shared],
            level < 5
        else { return ca.count > 1 && cb.count > 1 ? .farApart : .unrelated }
        return level <= 3 ? .samePrefecture : .sameProvince
    }
}

/// How two jurisdictions relate, from nearest to farthest.
enum PlaceRelation: String, Sendable {
    case same = "same jurisdiction"
    case nested = "one inside the other"
    case samePrefecture = "neighbours in one prefecture"
    case sameProvince = "one province"
    case farApart = "different provinces"
    /// One of them is not in the gazetteer's tree.
    case unrelated = "not known to be related"
}
