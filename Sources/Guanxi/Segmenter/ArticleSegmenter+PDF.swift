extension ArticleSegmenter {
    /// The stories the PDF layout found (``PageLayout``): its headline lines, then its
    /// paragraphs; a credit paragraph (`记者 X 通讯员 Y`, `记者 X 摄`, `□首席记者 X`)
    /// is the byline, a `本报讯（记者 X）` lead gives it and its text starts the body.
    func pdfDrafts(_ layout: PageLayout, _ scalars: [Unicode.Scalar], _ lines: [PageLine]) -> [Draft] {
        var drafts: [Draft] = []
        for story in layout.stories {
            var draft = Draft(kind: story.kind)
            draft.headlineLines = story.headline.flatMap { lineIndices($0, lines) }
            draft.headlineLines.forEach { draft.own($0) }
            for k in story.paragraphs.flatMap({ lineIndices($0, lines) }) {
                draft.own(k)
                switch bylines.parse(scalars, lines[k].range) {
                case .marker(let credit):
                    if draft.byline == nil { draft.byline = credit }
                case .credit(let credit, let photo):
                    if draft.byline == nil { draft.byline = credit }
                    // A caption the layout saw no picture for (a scan): its credit says so.
                    if photo, draft.headlineLines.isEmpty { draft.kind = .photo }
                case .newsLead(let credit, let bodyStart):
                    if draft.byline == nil, let credit { draft.byline = credit }
                    if let text = LineSpan(scalars, bodyStart..<lines[k].end) {
                        draft.body.append(text.start..<text.end)
                    }
                case .trailingCredit(let textEnd, let credit, let photo):
                    if draft.byline == nil { draft.byline = credit }
                    if photo, draft.headlineLines.isEmpty { draft.kind = .photo }
                    if let text = LineSpan(scalars, lines[k].start..<textEnd) {
                        draft.body.append(text.start..<text.end)
                    }
                case nil:
                    draft.body.append(lines[k].range)
                }
            }
            if !draft.body.isEmpty || !draft.headlineLines.isEmpty { drafts.append(draft) }
        }
        return drafts
    }

    /// The indices of the page lines inside `range` (one text line of the layout).
    private func lineIndices(_ range: Range<Int>, _ lines: [PageLine]) -> [Int] {
        var low = 0
        var high = lines.count
        while low < high {
            let mid = (low + high) / 2
            if lines[mid].end <= range.lowerBound { low = mid + 1 } else { high = mid }
        }
        var found: [Int] = []
        while low < lines.count, lines[low].start < range.upperBound {
            found.append(low)
            low += 1
        }
        return found
    }
}
