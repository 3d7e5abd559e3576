import Testing

@testable import Guanxi

/// Checks the offset map of `normalize(scalars, range:)`: one offset per scalar, inside
/// `range`, non-decreasing, equal input where nothing was substituted, and every
/// non-whitespace input scalar emitted exactly once.
func checkOffsetMap(_ scalars: [Unicode.Scalar], _ range: Range<Int>, _ normalizer: TextNormalizer = TextNormalizer()) {
    let result = normalizer.normalize(scalars, range: range)
    #expect(result.sourceOffsets.count == result.scalars.count)
    #expect(result.sourceOffsets.allSatisfy { range.contains($0) })
    #expect(zip(result.sourceOffsets, result.sourceOffsets.dropFirst()).allSatisfy { $0 <= $1 })
    for (out, offset) in zip(result.scalars, result.sourceOffsets) where out != scalars[offset] {
        let input = scalars[offset]
        let substituted =
            ScalarClass.isWhitespace(out)
            || ScalarClass.fullWidthPunctuation(input) == out
            || ScalarClass.halfWidthAlphanumeric(input) == out
        #expect(substituted, "\(input) → \(out) at \(offset)")
    }
    let emitted = result.sourceOffsets.enumerated().filter { !ScalarClass.isWhitespace(result.scalars[$0.offset]) }
        .map(\.element)
    let expected = range.filter { !ScalarClass.isWhitespace(scalars[$0]) }
    #expect(emitted == expected)
}

@Suite struct NormalizerPropertyTests {
    @Test(arguments: segmenterSeedNames) func offsetMapHoldsOnSeedPages(_ name: String) throws {
        let scalars = Array(try segmenterSeedPage(name).text.unicodeScalars)
        checkOffsetMap(scalars, 0..<scalars.count)
        checkOffsetMap(scalars, (scalars.count / 3)..<(scalars.count / 2))
        checkOffsetMap(scalars, 0..<scalars.count, TextNormalizer(keepsWordSpaces: true, keepsParagraphBreaks: false))
    }

    @Test func offsetMapHoldsOnRandomStrings() {
        let alphabet = Array("永康市委书记 金政，。、“”,;:()!?.12ＡＢ１２ab \n\n\u{3000}\t\r□：—".unicodeScalars)
        var generator = NormalizerRandomSource(seed: 42)
        for _ in 0..<300 {
            let count = Int(generator.next() % 60)
            let scalars = (0..<count).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            let lower = count == 0 ? 0 : Int(generator.next() % UInt64(count))
            checkOffsetMap(scalars, 0..<count)
            checkOffsetMap(scalars, lower..<count)
            checkOffsetMap(scalars, 0..<count, TextNormalizer(keepsWordSpaces: true))
        }
    }
}

/// A small deterministic generator, so failures reproduce.
struct NormalizerRandomSource: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
