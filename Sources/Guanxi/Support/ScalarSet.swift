/// A set of Unicode scalars that answers `contains` with one bit test for the
/// Basic Multilingual Plane, where every character the rules test lives.
///
/// `Set<Unicode.Scalar>` hashes each lookup (SipHash); the rules ask for
/// nearly every scalar of every article, so the character classes and the
/// surname lists use this instead. 8 KB per set.
struct ScalarSet: Sendable {
    private var bits: [UInt64]
    private var astral: Set<UInt32> = []

    /// The scalars of `members`.
    init<S: Sequence>(_ members: S) where S.Element == Unicode.Scalar {
        bits = Array(repeating: 0, count: 0x10000 / 64)
        for s in members { insert(s.value) }
    }

    /// The scalars of `string`.
    init(_ string: String) { self.init(string.unicodeScalars) }

    /// Adds the scalar of value `v`.
    mutating func insert(_ v: UInt32) {
        if v < 0x10000 {
            bits[Int(v >> 6)] |= 1 << UInt64(v & 63)
        } else {
            astral.insert(v)
        }
    }

    /// - Complexity: O(1); one array read for the BMP.
    @inline(__always)
    func contains(_ s: Unicode.Scalar) -> Bool { contains(s.value) }

    @inline(__always)
    func contains(_ v: UInt32) -> Bool {
        if v < 0x10000 { return bits[Int(v >> 6)] & (1 << UInt64(v & 63)) != 0 }
        return !astral.isEmpty && astral.contains(v)
    }
}
