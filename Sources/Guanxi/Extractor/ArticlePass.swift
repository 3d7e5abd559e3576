/// One run of the extractor's rules over one article: finds name occurrences
/// segment by segment, then resolves bare mentions and abbreviations, then
/// merges occurrences into one `PersonMention` per name.
struct ArticlePass {
    /// A name found at one place of one segment.
    struct Occurrence {
        var segment: Int
        var range: Range<Int>
        var name: String
        var kind: PersonKind
        var titles: [TitleMention]
        var rule: String
        var inName = false
        var ideology = false
    }

    /// A title word with no name after it and no institution before it: a
    /// candidate for `卢轶副市长` or `习总书记`, resolved in the second pass.
    struct OpenTitle {
        var segment: Int
        var written: TitleReader.Written
    }

    let extractor: Extractor
    let segments: [MappedText]
    let home: String?
    /// Every occurrence found, in the order found. Occurrences of one segment
    /// never overlap; only ``record(_:)`` appends, so the indexes below stay true.
    private(set) var found: [Occurrence] = []
    var openTitles: [OpenTitle] = []
    /// `owner[segment][i]`: the index in `found` of the occurrence covering
    /// scalar `i`, or -1. Makes the overlap test O(name length), not O(found).
    var owner: [[Int32]]
    /// Names of officials found so far, as of the last `isEstablishedOfficial`
    /// (filled from `officials` only when asked: most articles never ask).
    var officialNames = NameIndex()
    /// Indexes in `found` of officials, in the order recorded.
    var officials: [Int] = []
    /// How many of `officials` are in `officialNames`.
    var officialNamesFilled = 0
    /// Where each pair of scalars occurs, for counting and finding names in
    /// O(occurrences of the pair) rather than O(article); built only for a
    /// long article (a short one is searched faster than indexed).
    let pairs: PairIndex?
    /// Articles longer than this many scalars get a `PairIndex`.
    static let pairIndexThreshold = 4096
    /// `marks[segment]`: where each scan may start a word in that segment.
    let marks: [ScanMarks]

    init(extractor: Extractor, segments: [MappedText], home: String?) {
        self.extractor = extractor
        self.segments = segments
        self.home = home
        found.reserveCapacity(16)  // most articles: one allocation, no regrowth
        self.owner = segments.map { Array(repeating: -1, count: $0.count) }
        let total = segments.reduce(0) { $0 + $1.count }
        self.pairs = total > Self.pairIndexThreshold ? PairIndex(segments.map(\.scalars)) : nil
        self.marks = segments.map { extractor.scanStarts.marks(of: $0.scalars) }
    }

    var ontology: Ontology { extractor.ontology }
    var names: NameReader { extractor.names }

    mutating func run() {
        for (index, segment) in segments.enumerated() where !segment.isEmpty {
            scanTitles(index, segment)
            scanCitizens(index, segment)
            scanPastAndPlaces(index, segment)
            scanIdeology(index, segment)
            scanNameLists(index, segment)
            scanCuedNames(index, segment)
            scanCredits(index, segment)
        }
        resolveOpenTitles()
        addBareMentions()
    }

    // MARK: - Occurrence bookkeeping

    func string(_ seg: Int, _ r: Range<Int>) -> String { segments[seg].string(r) }

    func overlaps(_ seg: Int, _ r: Range<Int>) -> Bool {
        let owners = owner[seg]
        for i in max(0, r.lowerBound)..<min(owners.count, r.upperBound) where owners[i] >= 0 { return true }
        return false
    }

    /// Appends an occurrence and indexes it.
    mutating func record(_ o: Occurrence) {
        let k = found.count
        found.append(o)
        for i in max(0, o.range.lowerBound)..<min(owner[o.segment].count, o.range.upperBound) {
            owner[o.segment][i] = Int32(k)
        }
        if o.kind == .official {
            officials.append(k)
        }
    }

    mutating func add(
        _ seg: Int, _ r: Range<Int>, _ kind: PersonKind, _ titles: [TitleMention], _ rule: String,
        inName: Bool = false, ideology: Bool = false, name: String? = nil
    ) {
        if r.lowerBound >= 0, r.lowerBound < owner[seg].count, case let k = Int(owner[seg][r.lowerBound]), k >= 0,
            found[k].range == r
        {
            for t in titles where !found[k].titles.contains(where: { $0.text == t.text && $0.span == t.span }) {
                found[k].titles.append(t)
            }
            return
        }
        guard !overlaps(seg, r) else { return }
        record(
            Occurrence(
                segment: seg, range: r, name: name ?? string(seg, r), kind: kind, titles: titles, rule: rule,
                inName: inName, ideology: ideology))
    }

    /// How many times the text of `r` occurs in the article's segments.
    func occurrences(_ seg: Int, _ r: Range<Int>) -> Int {
        let needle = segments[seg].scalars[r]
        if needle.count >= 2, let pairs { return pairs.count(of: needle) }
        var count = 0
        Self.forEachOccurrence(of: needle, in: segments) { _, _ in count += 1 }
        return count
    }

    /// Calls `body` with the segment and offset of each occurrence of
    /// `needle` in `segments`, without overlap, segment by segment, left to
    /// right (as `PairIndex.positions(of:)` lists them).
    static func forEachOccurrence(
        of needle: ArraySlice<Unicode.Scalar>, in segments: [MappedText], _ body: (Int, Int) -> Void
    ) {
        guard let first = needle.first else { return }
        let m = needle.count
        for (seg, text) in segments.enumerated() where text.count >= m {
            text.scalars.withUnsafeBufferPointer { hay in
                var i = 0
                let last = hay.count - m
                while i <= last {
                    if hay[i] == first && needle.elementsEqual(hay[i..<(i + m)]) {
                        body(seg, i)
                        i += m
                    } else {
                        i += 1
                    }
                }
            }
        }
    }
}
