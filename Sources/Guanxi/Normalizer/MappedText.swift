/// A run of normalized text that remembers, for every Unicode scalar, where it
/// came from in the page text.
///
/// The normalizer joins broken lines, drops OCR spaces and unifies punctuation;
/// the extractor finds names in the result; `sourceRange(of:)` turns what it
/// found back into offsets into `Page.text`, so evidence can always be quoted
/// from the original file.
public struct MappedText: Sendable, Hashable {
    /// The normalized text, built on demand (the extractor reads only
    /// `scalars`; most bodies are never turned into a String by `extract`).
    public var text: String { String(scalars: scalars) }
    /// The scalars of `text`, for offset arithmetic in hot loops.
    public let scalars: [Unicode.Scalar]
    /// `sourceOffsets[i]` is the offset (in Unicode scalars of `Page.text`) of
    /// `scalars[i]`. Non-decreasing; same count as `scalars`.
    public let sourceOffsets: [Int]

    public init(scalars: [Unicode.Scalar], sourceOffsets: [Int]) {
        precondition(scalars.count == sourceOffsets.count, "one source offset per scalar")
        self.scalars = scalars
        self.sourceOffsets = sourceOffsets
    }

    /// Text taken verbatim from the page, starting at `offset`.
    public init(verbatim text: String, at offset: Int) {
        let scalars = text.scalarArray
        self.init(scalars: scalars, sourceOffsets: Array(offset..<(offset + scalars.count)))
    }

    /// The scalars of `range` of a page's `scalars`, verbatim (as
    /// `init(verbatim: scalars.string(range), at: range.lowerBound)`, without the String).
    init(verbatim scalars: [Unicode.Scalar], _ range: Range<Int>) {
        self.init(scalars: Array(scalars[range]), sourceOffsets: Array(range))
    }

    public static let empty = MappedText(scalars: [], sourceOffsets: [])

    public var isEmpty: Bool { scalars.isEmpty }
    public var count: Int { scalars.count }

    /// The page-text range covering the normalized scalars `range`
    /// (from the first scalar's source offset to just after the last one's).
    public func sourceRange(of range: Range<Int>) -> Range<Int> {
        guard !range.isEmpty else {
            let at =
                range.lowerBound < sourceOffsets.count
                ? sourceOffsets[range.lowerBound] : (sourceOffsets.last.map { $0 + 1 } ?? 0)
            return at..<at
        }
        return sourceOffsets[range.lowerBound]..<(sourceOffsets[range.upperBound - 1] + 1)
    }

    /// The normalized text of `range` as a String.
    public func string(_ range: Range<Int>) -> String {
        String(scalars: scalars[range])
    }
}
