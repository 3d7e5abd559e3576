/// The scans of an article that skip to the next scalar a word of their
/// lexicon can start with.
enum ScanKind: Int, CaseIterable {
    case titles
    case citizenCues
    case pastCues
    case ideologyCues
    case institutions

    /// This scan's bit in a `ScanMarks` byte.
    var bit: UInt8 { 1 << UInt8(rawValue) }
}

/// For every scalar of the Basic Multilingual Plane, the scans a word may
/// start at it for: one byte, one bit per `ScanKind`. Built once per
/// extractor from the start sets; read by every article.
struct ScanStartTable: Sendable {
    /// BMP scalar → bits of the scans whose start set holds it.
    private let table: [UInt8]
    /// The start sets, by `ScanKind`, for the scalars beyond the BMP.
    private let sets: [ScalarSet]

    /// A table over `sets`, given in the order of `ScanKind`.
    init(_ sets: [ScalarSet]) {
        precondition(sets.count == ScanKind.allCases.count, "one start set per scan")
        self.sets = sets
        var table = [UInt8](repeating: 0, count: 0x10000)
        for (k, set) in sets.enumerated() {
            set.forEachBMPMember { table[Int($0)] |= 1 << UInt8(k) }
        }
        self.table = table
    }

    /// The marks of `s`: one table read per scalar, for all scans at once.
    func marks(of s: [Unicode.Scalar]) -> ScanMarks {
        let marks = [UInt8](unsafeUninitializedCapacity: s.count) { out, count in
            table.withUnsafeBufferPointer { table in
                s.withUnsafeBufferPointer { s in
                    for i in 0..<s.count {
                        let v = s[i].value
                        out[i] = v < 0x10000 ? table[Int(v)] : astralBits(v)
                    }
                }
            }
            count = s.count
        }
        return ScanMarks(bytes: marks)
    }

    private func astralBits(_ v: UInt32) -> UInt8 {
        var bits: UInt8 = 0
        for (k, set) in sets.enumerated() where set.contains(v) { bits |= 1 << UInt8(k) }
        return bits
    }
}

/// One byte per scalar of a text saying which scans a word may start there
/// for: each scan finds its next candidate eight scalars at a time, where
/// `ScalarSet.firstIndex` would test every scalar against its own set.
struct ScanMarks {
    let bytes: [UInt8]

    /// The first position at or after `start` where `scan` may find a word,
    /// or the text's length: as `firstIndex(in:from:)` of that scan's set.
    func next(_ scan: ScanKind, from start: Int) -> Int {
        let bit = scan.bit
        return bytes.withUnsafeBytes { m in
            let n = m.count
            var i = max(start, 0)
            let wide = UInt64(bit) &* 0x0101_0101_0101_0101
            while i + 8 <= n {
                let word = UInt64(littleEndian: m.loadUnaligned(fromByteOffset: i, as: UInt64.self)) & wide
                if word != 0 { return i + word.trailingZeroBitCount / 8 }
                i += 8
            }
            while i < n {
                if m[i] & bit != 0 { return i }
                i += 1
            }
            return n
        }
    }
}

/// A bitmap over the first two scalars of a set of words: where it says no,
/// no word of two scalars or more starts. One bit test (16 KB, resident in
/// the L1/L2 cache) rules out most positions before a trie is walked; with
/// thousands of place names, the first scalar alone rules out too few.
struct PairFilter: Sendable {
    private static let bits = 17
    private var words = [UInt64](repeating: 0, count: (1 << PairFilter.bits) / 64)

    /// An empty filter.
    init() {}

    @inline(__always)
    private static func slot(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> Int {
        let h = (a.value &* 0x9E37_79B1) ^ (b.value &* 0x85EB_CA6B)
        return Int(truncatingIfNeeded: (h &* 0xC2B2_AE35) >> UInt32(32 - bits))
    }

    /// Adds the first two scalars of `word` (a word of one scalar adds nothing).
    mutating func insert(_ word: String) {
        var it = word.unicodeScalars.makeIterator()
        guard let a = it.next(), let b = it.next() else { return }
        let k = Self.slot(a, b)
        words[k >> 6] |= 1 << UInt64(k & 63)
    }

    /// Whether some word may start with `a` then `b`.
    @inline(__always)
    func contains(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> Bool {
        let k = Self.slot(a, b)
        return words.withUnsafeBufferPointer { $0[k >> 6] & (1 << UInt64(k & 63)) != 0 }
    }

    /// Whether a word of two scalars or more may start at `i` of `s`.
    @inline(__always)
    func mayStart(_ s: [Unicode.Scalar], at i: Int) -> Bool {
        i + 1 < s.count && contains(s[i], s[i + 1])
    }
}
