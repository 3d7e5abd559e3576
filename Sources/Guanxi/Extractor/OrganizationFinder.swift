/// Finds the institutions a text names (`市委统战部`, `金华市公安局`, `民革`) and
/// gives each its canonical name, parent and jurisdiction.
struct OrganizationFinder: Sendable {
    let ontology: Ontology
    let titles: TitleReader
    /// The scalars a unit or a bare prefix starts with, and the town
    /// suffixes 镇 and 乡: a chain starts at one of them, at a place written
    /// just before one, or two positions before a town suffix. (Thousands of
    /// place names start with most common characters; units and prefixes
    /// with few.)
    let wordAndTownEnds: ScalarSet

    init(ontology: Ontology, titles: TitleReader) {
        self.ontology = ontology
        self.titles = titles
        self.wordAndTownEnds = ontology.unitAndPrefixStarts.union(ScalarSet("镇乡"))
    }

    /// One institution written in the text.
    struct Found {
        var range: Range<Int>
        var name: String
        var parent: String?
        var jurisdiction: String?
    }

    /// Every institution chain in `s`, left to right, longest first.
    /// - Parameter marks: `s`'s scan marks, if the caller has them (they
    ///   find the next candidate faster; the result is the same).
    func find(_ s: [Unicode.Scalar], home: String?, marks: ScanMarks? = nil) -> [Found] {
        var out: [Found] = []
        var i = 0
        var floor = 0  // where the last chain found ends: no chain starts before it
        while i < s.count {
            let w = nextCandidate(s, from: i, marks: marks)
            guard w < s.count else { break }
            // A place that ends just before the unit or prefix at `w`, or with
            // it (`金华市委`, `乐东黎族自治县人民政府`: the mark is 市, 县 or 委),
            // starts the chain there.
            var place = placeStart(s, endingAt: w, floor: floor)
            if let through = placeStart(s, endingAt: w + 1, floor: floor), through < place ?? s.count {
                place = through
            }
            if let p = place, mayStartChain(s, at: p),
                let f = chain(s, at: p, home: home)
            {
                out.append(f)
                i = f.range.upperBound
                floor = i
            } else if mayStartChain(s, at: w), let f = chain(s, at: w, home: home) {
                out.append(f)
                i = f.range.upperBound
                floor = i
            } else {
                i = w + 1
            }
        }
        return out
    }

    /// The first position at or after `start` where a unit, a prefix or a
    /// town shape starts (or `s.count`).
    private func nextCandidate(_ s: [Unicode.Scalar], from start: Int, marks: ScanMarks?) -> Int {
        let w = marks?.next(.institutions, from: start) ?? wordAndTownEnds.firstIndex(in: s, from: start)
        // A town shape starts two scalars before its 镇/乡, which is at `w` or later.
        for k in max(start, w - 2)..<w where townShape(s, at: k) { return k }
        return w
    }

    /// Where the place that ends at `end` starts, if one does at or after `floor`.
    @inline(__always)
    private func placeStart(_ s: [Unicode.Scalar], endingAt end: Int, floor: Int) -> Int? {
        guard end > floor, end <= s.count,
            let m = ontology.chainBackward.longestMatchIndex(in: s, at: end, limit: floor..<s.count),
            ontology.chainBackwardShapes[m.index] == .place
        else { return nil }
        return end - m.length
    }

    /// A town missing from the lexicon: two characters and 镇/乡 after a
    /// non-ideograph (or the start).
    @inline(__always)
    private func townShape(_ s: [Unicode.Scalar], at start: Int) -> Bool {
        start + 3 <= s.count && ScalarClass.isIdeograph(s[start]) && ScalarClass.isIdeograph(s[start + 1])
            && (s[start + 2] == "镇" || s[start + 2] == "乡")
            && (start == 0 || !ScalarClass.isIdeograph(s[start - 1]))
    }

    /// Whether a chain can start at `start`, decided without building pieces
    /// or copying payloads (most positions start none): a town shape, or
    /// words that may chain.
    @inline(__always)
    private func mayStartChain(_ s: [Unicode.Scalar], at start: Int) -> Bool {
        townShape(s, at: start) || wordsMayChain(s, at: start)
    }

    /// Whether the lexicon words at `start` may make a chain, from the shapes
    /// of the first two: a place or prefix needs a unit after it; so does a
    /// unit that cannot stand alone.
    @inline(__always)
    private func wordsMayChain(_ s: [Unicode.Scalar], at start: Int) -> Bool {
        guard mayStartWord(s, at: start),
            let first = ontology.chainForward.longestMatchIndex(in: s, at: start)
        else { return false }
        if ontology.chainForwardShapes[first.index] == .standaloneUnit { return true }
        guard mayStartWord(s, at: start + first.length),
            let second = ontology.chainForward.longestMatchIndex(in: s, at: start + first.length)
        else {
            return false
        }
        return ontology.chainForwardShapes[second.index].isUnit
    }

    /// Whether a chain word may start at `i`: a word of one scalar, or the
    /// first two scalars of a longer one (a bit test each, before the trie).
    @inline(__always)
    private func mayStartWord(_ s: [Unicode.Scalar], at i: Int) -> Bool {
        i < s.count && (ontology.chainSingles.contains(s[i].value) || ontology.chainPairs.mayStart(s, at: i))
    }

    private func chain(_ s: [Unicode.Scalar], at start: Int, home: String?) -> Found? {
        var pieces: [Ontology.ChainPiece] = []
        var i = start
        var townPlace: String?
        // A town missing from the lexicon: two characters and 镇/乡, or 街道.
        if townShape(s, at: start) {
            townPlace = String(String.UnicodeScalarView(s[start..<(start + 3)]))
        }
        if let town = townPlace, ontology.places[town] == nil {
            pieces.append(.place(town))
            i = start + 3
        } else if !wordsMayChain(s, at: start) {
            return nil
        }
        while i < s.count, let m = ontology.chainForward.longestMatch(in: s, at: i) {
            if case .place = m.payload, !ontology.placeStands(s, at: i, length: m.length) { break }
            if case .unit(let unit) = m.payload {
                // A jurisdiction's own institution follows a place or prefix,
                // never another unit: `市纪委委员`, `政协委员` hold the title 委员,
                // `公安局党委` is the bureau's committee, `党委政府` two institutions.
                if unit.isTopLevel, case .unit? = pieces.last { break }
                pieces.append(m.payload)
            } else if pieces.isEmpty {
                pieces.append(m.payload)
            } else {
                break
            }
            i += m.length
        }
        guard let last = pieces.last, case .unit(let lastUnit) = last else { return nil }
        if pieces.count == 1 && !lastUnit.standalone { return nil }
        // `政协永康市委员会` is the CPPCC's committee, `中共永康市委员会` the party's:
        // the place and 委 inside it are no committee of their own.
        if lastUnit.written == "委", pieces.count == 2, case .place(let place) = pieces[0],
            i + 2 <= s.count, s[i] == "员", s[i + 1] == "会"
        {
            if start >= 2, s[start - 2] == "政", s[start - 1] == "协", let cppcc = ontology.units["政协"] {
                let name = TitleReader.substitute(cppcc.canonical, j: place, p: "")
                return Found(range: (start - 2)..<(i + 2), name: name, parent: nil, jurisdiction: place)
            }
            i += 2
        }
        var jurisdiction: String?
        for case .place(let name) in pieces { jurisdiction = name }
        if case .prefix(let p) = pieces[0] { jurisdiction = titles.prefixJurisdiction(p, home: home) }
        if jurisdiction == nil, case .prefix = pieces[0] {
            // 镇党委, 县委 in a paper whose home is not of that level: unnamed.
        }
        let (name, j) = titles.resolve(chain: pieces, home: home)
        guard let name, !name.isEmpty else { return nil }
        let parentPieces = Array(pieces.dropLast())
        var parent: String?
        if parentPieces.contains(where: { if case .unit = $0 { return true } else { return false } }) {
            parent = titles.resolve(chain: parentPieces, home: home).0
        } else if let pt = lastUnit.parent {
            parent = TitleReader.substitute(pt, j: j ?? jurisdiction ?? "", p: "")
        }
        return Found(range: start..<i, name: name, parent: parent, jurisdiction: j ?? jurisdiction)
    }
}
