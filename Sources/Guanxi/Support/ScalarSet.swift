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

    /// Calls `body` with each member of the Basic Multilingual Plane, in order.
    func forEachBMPMember(_ body: (UInt32) -> Void) {
        for (k, word) in bits.enumerated() where word != 0 {
            var w = word
            while w != 0 {
                body(UInt32(k * 64 + w.trailingZeroBitCount))
                w &= w - 1
            }
        }
    }

    /// The members of `self` and of `other`.
    func union(_ other: ScalarSet) -> ScalarSet {
        var out = self
        for k in out.bits.indices { out.bits[k] |= other.bits[k] }
        out.astral.formUnion(other.astral)
        return out
    }

    /// The first position at or after `start` whose scalar is a member, or
    /// `s.count`: how a scan skips the text where no word can start.
    ///
    /// - Complexity: O(positions skipped), one bit test each.
    func firstIndex(in s: [Unicode.Scalar], from start: Int) -> Int {
        s.withUnsafeBufferPointer { s in
            bits.withUnsafeBufferPointer { bits in
                var i = max(start, 0)
                while i < s.count {
                    let v = s[i].value
                    if v < 0x10000 {
                        if bits[Int(v >> 6)] & (1 << UInt64(v & 63)) != 0 { return i }
                    } else if !astral.isEmpty, astral.contains(v) {
                        return i
                    }
                    i += 1
                }
                return s.count
            }
        }
    }
}
