/// A line (or the part of it that is text) inside a story chunk.
struct ChunkEntry {
    var line: Int
    var role: LineRole
    /// Body text of the line, if any (a credit-only line has none).
    var piece: Range<Int>?
    /// A credit printed on the line (`记者 陈慧 通讯员 朱宇天`), if any.
    var credit: Range<Int>?

    var isTitle: Bool { role == .title }
}

/// The lines between two story starts.
struct Chunk {
    var byline: Range<Int>?
    var anchorLines: [Int] = []
    var entries: [ChunkEntry] = []

    var isEmpty: Bool { anchorLines.isEmpty && entries.isEmpty }
}

extension ArticleSegmenter {
    /// Items of a text page, in no particular order.
    func pageDrafts(_ scalars: [Unicode.Scalar], _ lines: [PageLine]) -> [Draft] {
        let roles = roles(scalars, lines)
        var taken = [Bool](repeating: false, count: lines.count)
        var drafts: [Draft] = []
        for run in weatherRuns(scalars, lines, roles) {
            var draft = Draft(kind: .weather)
            for k in run {
                taken[k] = true
                draft.own(k)
                draft.body.append(lines[k].range)
            }
            drafts.append(draft)
        }
        for c in lines.indices where !taken[c] {
            guard case .byline(let byline) = roles[c], byline.isPhoto else { continue }
            drafts.append(photoDraft(credit: c, byline, scalars, lines, roles, &taken))
        }
        let flow = lines.indices.filter { !taken[$0] }
        let chunks = chunks(flow, scalars, lines, roles)
        drafts += stories(chunks, scalars, lines, paragraphPerLine: isParagraphPerLine(lines))
        return drafts
    }

    func isParagraphPerLine(_ lines: [PageLine]) -> Bool {
        ColumnLayout(widths: lines.map(\.span.width)).isParagraphPerLine
    }

    /// Runs of weather lines at the page's bottom and top (at most 8 lines each).
    func weatherRuns(_ scalars: [Unicode.Scalar], _ lines: [PageLine], _ roles: [LineRole]) -> [Range<Int>] {
        func run(_ order: [Int]) -> [Int] {
            var found: [Int] = []
            var hits: [(strong: Int, weak: Int)] = []
            for k in order.prefix(8) {
                if case .byline = roles[k] { break }
                let h = weather.hits(scalars, lines[k].range)
                guard h.strong + h.weak > 0 else { break }
                found.append(k)
                hits.append(h)
            }
            // Drop lines from the inner end until the remaining run is weather, if ever.
            while !found.isEmpty, !weather.isWeather(hits) {
                found.removeLast()
                hits.removeLast()
            }
            return found
        }
        var runs: [Range<Int>] = []
        let bottom = run(Array(lines.indices.reversed()))
        if let top = bottom.last, let end = bottom.first { runs.append(top..<(end + 1)) }
        let topRun = run(Array(lines.indices)).filter { k in !runs.contains { $0.contains(k) } }
        if let first = topRun.first, let last = topRun.last { runs.append(first..<(last + 1)) }
        return runs
    }

    /// A photo caption ending at the credit on line `c`: from the nearest headline line
    /// above (the photo's title), or else from the caption's last sentence.
    func photoDraft(
        credit c: Int, _ byline: BylineLine, _ scalars: [Unicode.Scalar], _ lines: [PageLine],
        _ roles: [LineRole], _ taken: inout [Bool]
    ) -> Draft {
        var title: Int?
        var j = c - 1
        while j >= 0, c - j <= 20, !taken[j] {
            if case .byline = roles[j] { break }
            if roles[j] == .title {
                title = j
                break
            }
            j -= 1
        }
        var start = c
        if let title {
            start = title
        } else {
            while start > 0, !taken[start - 1], roles[start - 1] == .body,
                start == c || !endsSentence(scalars, lines[start - 1])
            {
                start -= 1
            }
        }
        var draft = Draft(kind: .photo, byline: byline.credit)
        if let title { draft.headlineLines = [title] }
        for k in start...c {
            taken[k] = true
            draft.own(k)
            if k == title { continue }
            if k < c {
                draft.body.append(lines[k].range)
            } else if case .trailingCredit(let textEnd, _, _) = byline {
                draft.body.append(lines[k].start..<textEnd)
            }
        }
        return draft
    }

    /// Cuts the remaining lines at story starts.
    func chunks(_ flow: [Int], _ scalars: [Unicode.Scalar], _ lines: [PageLine], _ roles: [LineRole]) -> [Chunk] {
        var chunks: [Chunk] = [Chunk()]
        func startChunk(byline: Range<Int>?, line: Int) {
            if chunks[chunks.count - 1].isEmpty {
                chunks[chunks.count - 1].byline = byline
            } else {
                chunks.append(Chunk(byline: byline))
            }
            chunks[chunks.count - 1].anchorLines.append(line)
        }
        for (p, k) in flow.enumerated() {
            let line = lines[k]
            switch roles[k] {
            case .body, .title:
                chunks[chunks.count - 1].entries.append(ChunkEntry(line: k, role: roles[k], piece: line.range))
            case .byline(.marker(let credit)):
                startChunk(byline: credit, line: k)
            case .byline(.newsLead(let credit, let bodyStart)):
                let current = chunks[chunks.count - 1]
                if !current.anchorLines.isEmpty, current.entries.isEmpty {
                    // `□记者 X` (or a credit line) right above `本报讯…`: one story start.
                    chunks[chunks.count - 1].byline = current.byline ?? credit
                    chunks[chunks.count - 1].anchorLines.append(k)
                } else {
                    startChunk(byline: credit, line: k)
                }
                if let text = LineSpan(scalars, bodyStart..<line.end) {
                    chunks[chunks.count - 1].entries.append(
                        ChunkEntry(line: k, role: .body, piece: text.start..<text.end))
                }
            case .byline(.credit(let credit, _)):
                let nextIsLead: Bool
                if p + 1 < flow.count, case .byline(.newsLead) = roles[flow[p + 1]] {
                    nextIsLead = true
                } else {
                    nextIsLead = false
                }
                if nextIsLead {
                    startChunk(byline: credit, line: k)
                } else {
                    chunks[chunks.count - 1].entries.append(ChunkEntry(line: k, role: roles[k], credit: credit))
                }
            case .byline(.trailingCredit(let textEnd, let credit, _)):
                chunks[chunks.count - 1].entries.append(
                    ChunkEntry(line: k, role: roles[k], piece: line.start..<textEnd, credit: credit))
            }
        }
        return chunks.filter { !$0.isEmpty }
    }

    /// Stories from chunks: headline blocks found and given to the story they belong to.
    func stories(
        _ chunks: [Chunk], _ scalars: [Unicode.Scalar], _ lines: [PageLine], paragraphPerLine: Bool
    ) -> [Draft] {
        guard let first = chunks.first else { return [] }
        let headlinesFirst = first.anchorLines.isEmpty && first.entries.first?.isTitle == true
        var drafts: [Draft] = []
        var carried: [Int] = []
        for chunk in chunks {
            let entries = chunk.entries
            let endsSentence: (ChunkEntry) -> Bool = { entry in
                guard let piece = entry.piece, !piece.isEmpty else { return entry.credit != nil }
                return entry.credit != nil || ScalarClass.endsSentence(scalars, piece)
            }
            // The run after the last sentence, when it starts with a headline line.
            var tailStart = entries.count
            if let last = entries.lastIndex(where: endsSentence), last + 1 < entries.count,
                entries[last + 1].isTitle
            {
                tailStart = last + 1
            }
            var leading = 0
            if headlinesFirst {
                while leading < tailStart, entries[leading].isTitle { leading += 1 }
            }
            // Headline blocks inside the chunk that separate stories.
            var blocks: [Range<Int>] = []
            var i = leading
            while i < tailStart {
                guard entries[i].isTitle else {
                    i += 1
                    continue
                }
                var j = i
                while j < tailStart, entries[j].isTitle { j += 1 }
                let subtitled = entries[i..<j].contains { headlines.isSubtitle(scalars, lines[$0.line].range) }
                if subtitled || (paragraphPerLine && j - i >= 2) { blocks.append(i..<j) }
                i = j
            }
            // Bodies between blocks, and the headline each one gets.
            var bodyRanges: [Range<Int>] = []
            var from = leading
            for block in blocks {
                bodyRanges.append(from..<block.lowerBound)
                from = block.upperBound
            }
            bodyRanges.append(from..<tailStart)
            let lineIndices: (Range<Int>) -> [Int] = { range in range.map { entries[$0].line } }
            var titles: [[Int]]
            if headlinesFirst {
                titles = [carried + lineIndices(0..<leading)] + blocks.map(lineIndices)
                carried = lineIndices(tailStart..<entries.count)
            } else {
                titles = blocks.map(lineIndices) + [lineIndices(tailStart..<entries.count)]
            }
            for (n, bodyRange) in bodyRanges.enumerated() {
                var draft = Draft(kind: .story)
                if n == 0 {
                    draft.byline = chunk.byline
                    chunk.anchorLines.forEach { draft.own($0) }
                }
                draft.headlineLines = titles[n]
                draft.headlineLines.forEach { draft.own($0) }
                for entry in entries[bodyRange] {
                    draft.own(entry.line)
                    if let piece = entry.piece { draft.body.append(piece) }
                    if let credit = entry.credit {
                        if draft.byline == nil { draft.byline = credit } else { draft.body.append(credit) }
                    }
                }
                if headlinesFirst, draft.body.isEmpty, draft.byline == nil {
                    // Only a headline: it heads the next story.
                    carried = draft.headlineLines + carried
                    continue
                }
                if draft.firstLine != .max { drafts.append(draft) }
            }
        }
        // A headline left over at the page end: the last story's, or its text.
        if !carried.isEmpty, let last = drafts.indices.last {
            if drafts[last].headlineLines.isEmpty {
                drafts[last].headlineLines = carried
            } else {
                drafts[last].body += carried.map { lines[$0].range }
            }
        }
        return drafts
    }
}
