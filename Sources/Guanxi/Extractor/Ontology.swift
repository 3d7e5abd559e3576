import Foundation

/// The lexicons that drive extraction (titles, institutions, places, surnames,
/// cue words), loaded from the TSV files in `ontology/` and compiled once into
/// tries.
///
/// No person's name is in any of them: the same lexicons read next year's
/// paper and a neighbouring county's. See `ontology/README.md` for the columns.
public final class Ontology: Sendable {
    /// A title word from `titles.tsv`.
    public struct Title: Sendable, Hashable {
        /// What sort of label a title is.
        public enum Class: String, Sendable, Hashable {
            case post, rank, journalist, leader, descriptor
        }
        public var text: String
        public var role: String
        public var titleClass: Class
        public var implies: String?
        public var scope: String?
        public var kind: PersonKind
    }

    /// An institution unit from `organizations.tsv`.
    public struct Unit: Sendable, Hashable {
        public var written: String
        public var canonical: String
        public var parent: String?
        public var standalone: Bool
        public var unitClass: String
        /// A jurisdiction's own institution (`委`, `政府`, `政协`, `公安局`: a
        /// `{J}` and no `{P}` in its canonical name). It follows a place or a
        /// prefix, never another unit: `党委政府`, `公安局党委` and `党委党工委`
        /// are no chains of one institution.
        public var isTopLevel = false
    }

    /// A jurisdiction from `places.tsv`.
    public struct Place: Sendable, Hashable {
        public var name: String
        /// The first short form, if any (`永康`; `黔东南` of 黔东南,黔东南州).
        public var short: String? { shorts.first }
        /// Every short form papers write (`黔东南`, `黔东南州`).
        public var shorts: [String]
        public var level: String
        public var parent: String?
    }

    /// What a cue word in `cues.tsv` signals.
    public enum CueClass: String, Sendable, Hashable {
        case after, reference, ideology, landmark, legacy, award, officials, past
    }

    /// A piece of an institution chain: a place, a bare prefix, or a unit.
    enum ChainPiece: Sendable, Hashable {
        case place(String)  // full jurisdiction name
        case prefix(String)  // 市, 县, 区, 省, 镇, 乡, 我市 …: the home's level
        case unit(Unit)
    }

    /// The jurisdiction a paper's `市`/`我市` refers to (`永康市`); nil = infer.
    public let homeJurisdiction: String?

    public let titles: ScalarTrie<Title>
    public let titlesEndingAt: ScalarTrie<Title>
    let chainBackward: ScalarTrie<ChainPiece>
    let chainForward: ScalarTrie<ChainPiece>
    /// What each payload of `chainForward` is, by payload index: the
    /// institution finder rejects most positions without copying a payload.
    let chainForwardShapes: [ChainShape]
    /// What each payload of `chainBackward` is, by payload index.
    let chainBackwardShapes: [ChainShape]
    /// The first scalars of the units and bare prefixes (not of the places).
    let unitAndPrefixStarts: ScalarSet

    /// The kind of a `ChainPiece`, without its strings.
    enum ChainShape: UInt8, Sendable {
        case place, prefix, unit, standaloneUnit

        init(_ piece: ChainPiece) {
            switch piece {
            case .place: self = .place
            case .prefix: self = .prefix
            case .unit(let unit): self = unit.standalone ? .standaloneUnit : .unit
            }
        }

        var isUnit: Bool { self == .unit || self == .standaloneUnit }
    }
    public let cues: ScalarTrie<CueClass>
    let afterCues: ScalarTrie<Bool>
    let referenceCues: ScalarTrie<Bool>
    let ideologyCues: ScalarTrie<Bool>
    let landmarkCues: ScalarTrie<Bool>
    let legacyCues: ScalarTrie<Bool>
    let awardCues: ScalarTrie<Bool>
    /// Words after a title-less list of names that make its people officials.
    let officialListCues: ScalarTrie<Bool>
    /// Words after such a list that make its people figures of the past.
    let pastListCues: ScalarTrie<Bool>
    /// Where the citizen rules can fire: the first scalars of the award
    /// cues, and closing quotes (after an epithet).
    let citizenCueStarts: ScalarSet
    /// The first scalars of the landmark and legacy cues.
    let pastCueStarts: ScalarSet
    /// The first scalars of the place names (full and short) of `chainForward`.
    let placeStarts: ScalarSet
    /// The first two scalars of the place names (full and short).
    let placePairs: PairFilter
    /// The first two scalars of the words of `chainForward` with two or more.
    let chainPairs: PairFilter
    /// The words of `chainForward` of one scalar (委, 市, 县 …).
    let chainSingles: ScalarSet
    /// Full place names of two scalars (和县, 新县, 成县), as `a << 32 | b`.
    let narrowPlaces: Set<UInt64>
    public let places: [String: Place]
    let placeByShort: [String: String]
    let singleSurnames: ScalarSet
    let commonSurnames: ScalarSet
    let compoundSurnames: Set<UInt64>
    /// First characters of the compound surnames: most text is ruled out
    /// with one bit test before `compoundSurnames` is hashed.
    let compoundSurnameStarts: ScalarSet
    let units: [String: Unit]
    /// How name-like each character is (`names.tsv`).
    let nameModel: NameModel

    /// The bare prefixes of institution chains: the level of a jurisdiction
    /// (`市委` is the home city's, `州委` the home autonomous prefecture's) or
    /// of a town or zone that is not named (`镇党委`, `街道党工委`, `开发区管委会`).
    static let prefixes = [
        "市", "县", "区", "省", "州", "旗", "盟", "镇", "乡", "街道", "苏木", "开发区", "高新区", "新区",
        "我市", "本市", "全市", "我县", "本县", "我区",
    ]

    /// The lexicon files the ontology is made of.
    public static let fileNames = [
        "titles.tsv", "organizations.tsv", "places.tsv", "surnames.tsv", "cues.tsv", "names.tsv",
    ]

    /// Loads the lexicons in `directory` (the files of `fileNames`).
    /// - Throws: `OntologyError` naming the file and line of a malformed entry.
    public convenience init(directory: URL, homeJurisdiction: String? = nil) throws(OntologyError) {
        var files: [String: String] = [:]
        for name in Self.fileNames {
            let path = directory.appendingPathComponent(name).path
            guard let data = FileManager.default.contents(atPath: path),
                let text = String(data: data, encoding: .utf8)
            else {
                throw OntologyError(file: path, line: 0, "cannot read the lexicon")
            }
            files[name] = text
        }
        try self.init(files: files, homeJurisdiction: homeJurisdiction)
    }

    /// Builds the ontology from the texts of its lexicon files, keyed by file name.
    public init(files: [String: String], homeJurisdiction: String? = nil) throws(OntologyError) {
        let dir = files
        var titles = ScalarTrie<Title>()
        var titlesEndingAt = ScalarTrie<Title>(reversed: true)
        var chainBackward = ScalarTrie<ChainPiece>(reversed: true)
        var chainForward = ScalarTrie<ChainPiece>()
        var cues = ScalarTrie<CueClass>()
        var afterCues = ScalarTrie<Bool>()
        var referenceCues = ScalarTrie<Bool>()
        var ideologyCues = ScalarTrie<Bool>()
        var landmarkCues = ScalarTrie<Bool>()
        var legacyCues = ScalarTrie<Bool>()
        var awardCues = ScalarTrie<Bool>()
        var officialListCues = ScalarTrie<Bool>()
        var pastListCues = ScalarTrie<Bool>()
        var places: [String: Place] = [:]
        var placeByShort: [String: String] = [:]
        var singleSurnames = ScalarSet([])
        var commonSurnames = ScalarSet([])
        var compoundSurnames: Set<UInt64> = []
        var compoundSurnameStarts = ScalarSet([])
        var placeStarts = ScalarSet([])
        var placePairs = PairFilter()
        var chainPairs = PairFilter()
        var chainSingles = ScalarSet([])
        var narrowPlaces: Set<UInt64> = []
        var unitAndPrefixStarts = ScalarSet([])
        var units: [String: Unit] = [:]
        var nameModel = NameModel()
        for row in try Self.rows(dir, "titles.tsv", columns: 6) {
            guard let cls = Title.Class(rawValue: row.fields[2]),
                let kind = PersonKind(rawValue: row.fields[5])
            else {
                throw OntologyError(file: "titles.tsv", line: row.line, "unknown class or kind")
            }
            let title = Title(
                text: row.fields[0], role: row.fields[1], titleClass: cls,
                implies: Self.dash(row.fields[3]), scope: Self.dash(row.fields[4]), kind: kind)
            titles.insert(title.text, title)
            titlesEndingAt.insert(title.text, title)
        }
        for row in try Self.rows(dir, "organizations.tsv", columns: 5) {
            var unit = Unit(
                written: row.fields[0], canonical: row.fields[1], parent: Self.dash(row.fields[2]),
                standalone: row.fields[3] == "yes", unitClass: row.fields[4])
            unit.isTopLevel =
                TitleReader.hasPlaceholder(unit.canonical, "J")
                && !TitleReader.hasPlaceholder(unit.canonical, "P")
            units[unit.written] = unit
            chainBackward.insert(unit.written, .unit(unit))
            chainForward.insert(unit.written, .unit(unit))
            chainPairs.insert(unit.written)
            unitAndPrefixStarts.insert(unit.written.unicodeScalars.first!.value)
            if unit.written.unicodeScalars.count == 1 { chainSingles.insert(unit.written.unicodeScalars.first!.value) }
        }
        for row in try Self.rows(dir, "places.tsv", columns: 4) {
            let shorts = Self.dash(row.fields[1]).map { $0.split(separator: ",").map(String.init) } ?? []
            let place = Place(
                name: row.fields[0], shorts: shorts, level: row.fields[2], parent: Self.dash(row.fields[3]))
            // The first row of a name wins, in `places` as in the tries.
            guard places[place.name] == nil else { continue }
            places[place.name] = place
            chainBackward.insert(place.name, .place(place.name))
            chainForward.insert(place.name, .place(place.name))
            placeStarts.insert(place.name.scalarArray[0].value)
            placePairs.insert(place.name)
            chainPairs.insert(place.name)
            let nameScalars = place.name.scalarArray
            if nameScalars.count == 2 {
                narrowPlaces.insert(UInt64(nameScalars[0].value) << 32 | UInt64(nameScalars[1].value))
            }
            for short in shorts where !short.isEmpty && placeByShort[short] == nil {
                placeStarts.insert(short.scalarArray[0].value)
                placeByShort[short] = place.name
                chainBackward.insert(short, .place(place.name))
                chainForward.insert(short, .place(place.name))
                placePairs.insert(short)
                chainPairs.insert(short)
            }
        }
        for prefix in Self.prefixes {
            chainBackward.insert(prefix, .prefix(prefix))
            chainForward.insert(prefix, .prefix(prefix))
            chainPairs.insert(prefix)
            unitAndPrefixStarts.insert(prefix.unicodeScalars.first!.value)
            if prefix.unicodeScalars.count == 1 { chainSingles.insert(prefix.unicodeScalars.first!.value) }
        }
        for row in try Self.rows(dir, "surnames.tsv", columns: 1) {
            let scalars = Array(row.fields[0].unicodeScalars)
            if scalars.count == 1 {
                singleSurnames.insert(scalars[0].value)
                if row.fields.count > 1 && row.fields[1] == "common" {
                    commonSurnames.insert(scalars[0].value)
                }
            } else if scalars.count == 2 {
                compoundSurnames.insert(UInt64(scalars[0].value) << 32 | UInt64(scalars[1].value))
                compoundSurnameStarts.insert(scalars[0].value)
            }
        }
        for row in try Self.rows(dir, "cues.tsv", columns: 2) {
            guard let cls = CueClass(rawValue: row.fields[1]) else {
                throw OntologyError(file: "cues.tsv", line: row.line, "unknown class \(row.fields[1])")
            }
            cues.insert(row.fields[0], cls)
            switch cls {
            case .after: afterCues.insert(row.fields[0], true)
            case .reference: referenceCues.insert(row.fields[0], true)
            case .ideology: ideologyCues.insert(row.fields[0], true)
            case .landmark: landmarkCues.insert(row.fields[0], true)
            case .legacy: legacyCues.insert(row.fields[0], true)
            case .award: awardCues.insert(row.fields[0], true)
            case .officials: officialListCues.insert(row.fields[0], true)
            case .past: pastListCues.insert(row.fields[0], true)
            }
        }
        for row in try Self.rows(dir, "names.tsv", columns: 3) {
            let scalars = Array(row.fields[0].unicodeScalars)
            guard scalars.count == 1, let given = Int(row.fields[2]) else {
                throw OntologyError(file: "names.tsv", line: row.line, "expected a character and two numbers")
            }
            nameModel.set(scalars[0], surname: Int(row.fields[1]), given: given)
        }
        self.homeJurisdiction = homeJurisdiction
        self.titles = titles
        self.titlesEndingAt = titlesEndingAt
        self.chainBackward = chainBackward
        self.chainForward = chainForward
        self.chainForwardShapes = chainForward.mapPayloads(ChainShape.init)
        self.chainBackwardShapes = chainBackward.mapPayloads(ChainShape.init)
        self.unitAndPrefixStarts = unitAndPrefixStarts
        self.cues = cues
        self.afterCues = afterCues
        self.referenceCues = referenceCues
        self.ideologyCues = ideologyCues
        self.landmarkCues = landmarkCues
        self.legacyCues = legacyCues
        self.awardCues = awardCues
        self.officialListCues = officialListCues
        self.pastListCues = pastListCues
        self.citizenCueStarts = awardCues.firstScalars.union(ScalarClass.closingQuotes)
        self.pastCueStarts = landmarkCues.firstScalars.union(legacyCues.firstScalars)
        self.placeStarts = placeStarts
        self.placePairs = placePairs
        self.chainPairs = chainPairs
        self.chainSingles = chainSingles
        self.narrowPlaces = narrowPlaces
        self.places = places
        self.placeByShort = placeByShort
        self.singleSurnames = singleSurnames
        self.commonSurnames = commonSurnames
        self.compoundSurnames = compoundSurnames
        self.compoundSurnameStarts = compoundSurnameStarts
        self.units = units
        self.nameModel = nameModel
    }

    /// The lexicons shipped with guanxi (the `ontology/` folder of the repo,
    /// compiled into the binary by `scripts/gen-lexicons`).
    ///
    /// `GUANXI_ONTOLOGY` in the environment points at a folder to use instead,
    /// for trying out lexicon changes without rebuilding.
    ///
    /// The bundled lexicons are compiled once per home jurisdiction and
    /// process (thousands of places: a few tenths of a second in a debug
    /// build), then shared: an `Ontology` never changes.
    public static func bundled(homeJurisdiction: String? = nil) throws(OntologyError) -> Ontology {
        if let dir = ProcessInfo.processInfo.environment["GUANXI_ONTOLOGY"] {
            return try Ontology(directory: URL(fileURLWithPath: dir), homeJurisdiction: homeJurisdiction)
        }
        if let cached = BundledCache.shared.ontology(homeJurisdiction) { return cached }
        let ontology = try Ontology(files: BundledLexicons.files, homeJurisdiction: homeJurisdiction)
        BundledCache.shared.store(ontology, homeJurisdiction)
        return ontology
    }

    /// Words after which a place of two characters may stand in running text.
    private static let narrowPlacePreceders = ScalarSet("在到赴至往于和与及由".unicodeScalars)

    /// Function words that start some two-character short forms (和安 of 和安县,
    /// 都昌, 从化): such a form inside running text is more often the word
    /// and the start of the next (`坚持和安全`, `大家都昌盛`).
    private static let functionStarts = ScalarSet("和与及在对为将都从即把被向".unicodeScalars)

    /// Whether the place word of `length` scalars at `start` of `s` is a place
    /// there. A full name of two characters (和县, 新县, 成县, 高县) is also the
    /// end of a word before it and the start of one after (`市委和县委`,
    /// `创新县域`, `完成县委交办的任务`): it stands only after a non-ideograph or
    /// a word such as 在 or 到. So does a two-character short form that starts
    /// with a function word (和安). A two-character word whose last character
    /// starts a cue (`某某宁强调` holds 宁强 before 强调) is no place. Longer
    /// names and other short forms always stand.
    @inline(__always)
    func placeStands(_ s: [Unicode.Scalar], at start: Int, length: Int) -> Bool {
        guard length == 2, start > 0 else { return true }
        // A page's column breaks (`幸福感\n\n和安全感`) split words, not sentences: look past them.
        var before = start - 1
        while before > 0, before >= start - 3, s[before] == "\n" || s[before] == "\r" { before -= 1 }
        guard ScalarClass.isIdeograph(s[before]) else { return true }
        if let cue = afterCues.longestMatch(in: s, at: start + 1), cue.length >= 2 { return false }
        guard
            narrowPlaces.contains(UInt64(s[start].value) << 32 | UInt64(s[start + 1].value))
                || Self.functionStarts.contains(s[start])
        else { return true }
        return Self.narrowPlacePreceders.contains(s[before])
    }

    /// The ancestors of a jurisdiction, nearest first (`永康市` → 金华市, 浙江省, 中国).
    public func ancestors(of name: String) -> [String] {
        var out: [String] = []
        var current = places[name]?.parent
        while let p = current, !out.contains(p) {
            out.append(p)
            current = places[p]?.parent
        }
        return out
    }

    /// The level (`county`, `prefecture`, …) of a jurisdiction, if listed.
    public func level(of name: String) -> String? { places[name]?.level }

    // MARK: - Loading

    private struct Row {
        var line: Int
        var fields: [String]
    }

    private static func dash(_ s: String) -> String? { s == "-" || s.isEmpty ? nil : s }

    /// `text` without the spaces (and tabs, carriage returns) around it;
    /// Foundation's trimming is called only for a field that has some, as
    /// it costs far more than the copy (thousands of rows load at each start).
    private static func trimmed(_ text: Substring) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return "" }
        func isSpace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "\r" || c.properties.isWhitespace }
        if !isSpace(first) && !isSpace(last) { return String(text) }
        return text.trimmingCharacters(in: .whitespaces)
    }

    private static func rows(_ files: [String: String], _ file: String, columns: Int) throws(OntologyError) -> [Row] {
        guard let text = files[file] else {
            throw OntologyError(file: file, line: 0, "the lexicon is missing")
        }
        var rows: [Row] = []
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = trimmed(raw)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = raw.split(separator: "\t", omittingEmptySubsequences: false).map(trimmed)
            guard fields.count >= columns, !fields[0].isEmpty else {
                throw OntologyError(file: file, line: n + 1, "expected \(columns) tab-separated columns")
            }
            rows.append(Row(line: n + 1, fields: fields))
        }
        return rows
    }
}

/// A lexicon file that could not be loaded.
public struct OntologyError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String

    public init(file: String, line: Int, _ message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)"
    }
}

/// The bundled ontologies compiled so far in this process, by home jurisdiction.
private final class BundledCache: @unchecked Sendable {
    static let shared = BundledCache()
    private let lock = NSLock()
    private var byHome: [String: Ontology] = [:]

    /// The key of a home jurisdiction (none: the empty string, never a place name).
    private static func key(_ home: String?) -> String { home ?? "" }

    func ontology(_ home: String?) -> Ontology? {
        lock.lock()
        defer { lock.unlock() }
        return byHome[Self.key(home)]
    }

    func store(_ ontology: Ontology, _ home: String?) {
        lock.lock()
        defer { lock.unlock() }
        byHome[Self.key(home)] = ontology
    }
}
