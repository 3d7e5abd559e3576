extension ArticleSegmenter {
    /// An HTML article page is one story: its headline is the line matching
    /// `Page.headline` among the first lines (or a headline-shaped first line); a
    /// leading `本报讯（记者 X）` or byline line gives the byline.
    ///
    /// When `Page.headline` or `Page.byline` is set but not found in the text, it is
    /// kept with every offset at the text's start, the only place it can point to.
    func htmlDraft(_ page: Page, _ scalars: [Unicode.Scalar], _ lines: [PageLine]) -> Draft {
        var draft = Draft(kind: .story)
        var next = 0
        if let wanted = page.headline.map(squeezed), !wanted.isEmpty {
            if let k = lines.prefix(3).firstIndex(where: { squeezed(scalars.string($0.range)) == wanted }) {
                draft.headlineLines = [k]
                next = k + 1
            } else {
                draft.headline = synthesized(page.headline ?? "")
            }
        } else if lines.count > 1, headlines.isHeadlineShaped(scalars, lines[0].range) {
            draft.headlineLines = [0]
            next = 1
        }
        for k in lines.indices where k != draft.headlineLines.first {
            draft.own(k)
            if k == next, let byline = bylines.parse(scalars, lines[k].range) {
                switch byline {
                case .marker(let credit), .credit(let credit, _):
                    draft.byline = credit
                    next += 1
                    continue
                case .newsLead(let credit, let bodyStart):
                    draft.byline = credit
                    if let text = LineSpan(scalars, bodyStart..<lines[k].end) {
                        draft.body.append(text.start..<text.end)
                    }
                    continue
                case .trailingCredit:
                    break
                }
            }
            draft.body.append(lines[k].range)
        }
        draft.headlineLines.forEach { draft.own($0) }
        if draft.byline == nil, let metadata = page.byline, !metadata.isEmpty {
            draft.metadataByline = synthesized(metadata)
        }
        return draft
    }

    /// `text` without spaces, to compare headlines whatever their spacing.
    private func squeezed(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { !ScalarClass.isWhitespace($0) }))
    }

    private func synthesized(_ text: String) -> MappedText {
        let scalars = Array(text.unicodeScalars)
        return MappedText(scalars: scalars, sourceOffsets: Array(repeating: 0, count: scalars.count))
    }
}
