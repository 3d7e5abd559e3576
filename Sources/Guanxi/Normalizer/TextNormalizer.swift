/// Rebuilds running text from PDF-column dumps, keeping a map back to the source.
///
/// PLACEHOLDER (drops line breaks only); the full normalizer replaces this file.
public struct TextNormalizer: Sendable {
    public init() {}

    /// Normalizes `scalars[range]` of a page's text.
    public func normalize(_ scalars: [Unicode.Scalar], range: Range<Int>) -> MappedText {
        var out: [Unicode.Scalar] = []
        var offsets: [Int] = []
        for i in range where scalars[i] != "\n" && scalars[i] != "\r" {
            out.append(scalars[i])
            offsets.append(i)
        }
        return MappedText(scalars: out, sourceOffsets: offsets)
    }
}
