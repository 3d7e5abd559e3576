/// Merging occurrences into one mention per name, with titles and kinds decided.
extension ArticlePass {
    /// Whether the occurrence is only a reference: an ideology phrase, or a
    /// name followed in its clause by 重要讲话, 重要论述, 为核心 ….
    func isReference(_ o: Occurrence) -> Bool {
        if o.ideology { return true }
        let s = segments[o.segment].scalars
        var i = o.range.upperBound
        let stop = min(s.count, i + 40)
        while i < stop, !ScalarClass.clauseEnds.contains(s[i]) {
            if ontology.referenceCues.longestMatch(in: s, at: i) != nil { return true }
            i += 1
        }
        return false
    }

    /// One `PersonMention` per name, in order of first occurrence.
    ///
    /// A plain loop, not a closure over `self`: a closure (or `isReference`
    /// passed as a function) captures a copy of the whole pass per name.
    func people() -> [PersonMention] {
        // Occurrences grouped by name, groups in order of first occurrence: one
        // hash of the name per occurrence (hashing a CJK String normalizes it).
        // Indexes into `found` are sorted and chained group by group (no
        // array per name), not copies of the occurrences (each copy retains
        // a name, a title list and a rule).
        let found = self.found  // closures below capture this array, not the pass
        var groupOf = NameIndex(capacity: found.count)
        var chains = OccurrenceChains(count: found.count)
        // Compared by two fields each, not by copies of the occurrences.
        let readingOrder = found.indices.sorted { a, b in
            let x = found[a].segment, y = found[b].segment
            return (x == 1 ? -1 : x, found[a].range.lowerBound) < (y == 1 ? -1 : y, found[b].range.lowerBound)
        }
        for k in readingOrder {
            let (g, inserted) = groupOf.insert(found[k].name)
            chains.append(k, toGroup: g, isNew: inserted)
        }
        let order = groupOf.names
        var result: [PersonMention] = []
        result.reserveCapacity(order.count)
        for (g, name) in order.enumerated() {
            let occ = chains.members(of: g)
            // A name seen only in an ideology phrase is a reference, not a person of the story.
            guard occ.contains(where: { !found[$0].ideology }) else { continue }
            var journalistOnly = occ.contains { found[$0].kind == .journalist }
            if journalistOnly {
                check: for k in occ {
                    for t in found[k].titles where !isJournalistTitle(t) {
                        journalistOnly = false
                        break check
                    }
                }
            }
            var kind = PersonKind.person
            if journalistOnly {
                kind = .journalist
            } else {
                for candidate in Self.kindPriority where occ.contains(where: { found[$0].kind == candidate }) {
                    kind = candidate
                    break
                }
            }
            // Titles told apart by their text: searched in `titles` while
            // few, hashed once there are many.
            var titles: [TitleMention] = []
            var titleTexts: Set<String>?
            for k in occ {
                for t in found[k].titles {
                    if titleTexts != nil {
                        if titleTexts!.insert(t.text).inserted { titles.append(t) }
                    } else if !titles.contains(where: { $0.text == t.text }) {
                        titles.append(t)
                        if titles.count > 8 { titleTexts = Set(titles.lazy.map(\.text)) }
                    }
                }
            }
            var spans: [Range<Int>] = []
            spans.reserveCapacity(chains.size(of: g))
            var seenSpans: Set<Range<Int>>?  // kept once spans outgrow a linear search
            for k in occ {
                let r = segments[found[k].segment].sourceRange(of: found[k].range)
                if seenSpans != nil {
                    if seenSpans!.insert(r).inserted { spans.append(r) }
                } else if !spans.contains(r) {
                    spans.append(r)
                    if spans.count > 16 { seenSpans = Set(spans) }
                }
            }
            spans.sort { $0.lowerBound < $1.lowerBound }
            var rules: [String] = []
            for k in occ where !rules.contains(found[k].rule) { rules.append(found[k].rule) }
            var referenced = kind == .official
            if referenced {
                for k in occ where !isReference(found[k]) {
                    referenced = false
                    break
                }
            }
            var inName = true
            for k in occ where !found[k].inName {
                inName = false
                break
            }
            result.append(
                PersonMention(
                    name: name, kind: kind, titles: titles, referenced: referenced, inName: inName,
                    spans: spans, rules: rules))
        }
        return result
    }

    /// The kind a person named with several gets: the first of these it was found as.
    static let kindPriority: [PersonKind] = [.official, .journalist, .citizen, .historical, .person]

    func isJournalistTitle(_ t: TitleMention) -> Bool {
        ontology.titles.payload(for: t.text)?.titleClass == .journalist
    }

    /// One `OrganizationMention` per canonical institution, in order of first sight.
    func institutions() -> [OrganizationMention] {
        // Appended in place (an index, not a copy out of a dictionary), so an
        // institution named 100,000 times costs 100,000 appends, not a copy each.
        var result: [OrganizationMention] = []
        // Canonical name → index in `result`: searched with `==` while an
        // article names few institutions (equal strings compare byte by byte;
        // hashing a CJK String normalizes it), hashed once it names many.
        var names: [String] = []
        var index: [String: Int]?
        func position(of name: String) -> Int? {
            if let index { return index[name] }
            return names.firstIndex(of: name)
        }
        // The forms of institution k are `result[k].mentions`, searched with
        // `==` while few; `forms[k]` hashes them once there are many.
        var forms: [Set<String>?] = []
        for (seg, text) in segments.enumerated() where seg != 1 {
            for f in extractor.organizations.find(text.scalars, home: home, marks: marks[seg]) {
                let written = text.string(f.range)
                let span = text.sourceRange(of: f.range)
                if let k = position(of: f.name) {
                    if forms[k] != nil {
                        if forms[k]!.insert(written).inserted { result[k].mentions.append(written) }
                    } else if !result[k].mentions.contains(written) {
                        result[k].mentions.append(written)
                        if result[k].mentions.count > 8 { forms[k] = Set(result[k].mentions) }
                    }
                    result[k].spans.append(span)
                } else {
                    if index != nil {
                        index![f.name] = result.count
                    } else {
                        names.append(f.name)
                        if names.count > 16 { index = Dictionary(uniqueKeysWithValues: zip(names, names.indices)) }
                    }
                    forms.append(nil)
                    result.append(
                        OrganizationMention(
                            name: f.name, jurisdiction: f.jurisdiction, parent: f.parent, mentions: [written],
                            spans: [span]))
                }
            }
        }
        return result
    }
}
