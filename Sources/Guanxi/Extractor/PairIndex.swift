/// Where each pair of adjacent scalars starts, over all segments of an article:
/// finds the occurrences of a name of two or more scalars in time proportional
/// to the occurrences of its first two, not to the article's length.
///
/// Built as hash chains (two flat `Int32` arrays, no dictionary of arrays):
/// `head[h]` is the first position whose pair hashes to `h`, `next[p]` the
/// following one, in reading order. A chain may hold pairs of another value
/// sharing the hash; `positions(of:)` compares the whole needle anyway.
struct PairIndex {
    private let segments: [[Unicode.Scalar]]
    /// Global position of each segment's first scalar (segments laid end to end).
    private let bases: [Int]
    private var head: [Int32]
    private var next: [Int32]
    private let shift: UInt64

    init(_ segments: [[Unicode.Scalar]]) {
        self.segments = segments
        var bases: [Int] = []
        var total = 0
        for s in segments {
            bases.append(total)
            total += s.count
        }
        self.bases = bases
        var bits: UInt64 = 4
        while (1 << bits) < 2 * total { bits += 1 }
        shift = 64 - bits
        head = Array(repeating: -1, count: 1 << Int(bits))
        next = Array(repeating: -1, count: total)
        // Last position first, so that every chain reads left to right.
        head.withUnsafeMutableBufferPointer { head in
            next.withUnsafeMutableBufferPointer { next in
                for seg in segments.indices.reversed() where segments[seg].count >= 2 {
                    let base = bases[seg]
                    segments[seg].withUnsafeBufferPointer { s in
                        var i = s.count - 2
                        while i >= 0 {
                            if ScalarClass.isIdeograph(s[i]) {
                                let h = Self.hash(s[i], s[i + 1], shift)
                                next[base + i] = head[h]
                                head[h] = Int32(base + i)
                            }
                            i -= 1
                        }
                    }
                }
            }
        }
    }

    @inline(__always)
    private static func hash(_ a: Unicode.Scalar, _ b: Unicode.Scalar, _ shift: UInt64) -> Int {
        Int(truncatingIfNeeded: ((UInt64(a.value) << 32 | UInt64(b.value)) &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The non-overlapping occurrences of `needle` (two scalars or more),
    /// segment by segment, left to right; as `ArticlePass.forEachOccurrence` finds them.
    func positions(of needle: ArraySlice<Unicode.Scalar>) -> [(segment: Int, offset: Int)] {
        var out: [(segment: Int, offset: Int)] = []
        forEachPosition(of: needle) { out.append(($0, $1)) }
        return out
    }

    /// How many `positions(of:)` finds, without listing them.
    func count(of needle: ArraySlice<Unicode.Scalar>) -> Int {
        var n = 0
        forEachPosition(of: needle) { _, _ in n += 1 }
        return n
    }

    /// Calls `body` with the segment and offset of each of `positions(of:)`,
    /// in the same order, without building the list.
    func forEachPosition(of needle: ArraySlice<Unicode.Scalar>, _ body: (Int, Int) -> Void) {
        guard needle.count >= 2, let a = needle.first else { return }
        let b = needle[needle.startIndex + 1]
        guard ScalarClass.isIdeograph(a) else { return linear(needle, body) }
        var lastSegment = -1
        var nextFree = 0
        var seg = 0
        var p = Int(head[Self.hash(a, b, shift)])
        while p >= 0 {
            let global = p
            p = Int(next[global])
            while seg + 1 < bases.count, bases[seg + 1] <= global { seg += 1 }
            let i = global - bases[seg]
            if seg != lastSegment { lastSegment = seg; nextFree = 0 }
            let s = segments[seg]
            guard i >= nextFree, i + needle.count <= s.count, s[i..<(i + needle.count)].elementsEqual(needle) else {
                continue
            }
            body(seg, i)
            nextFree = i + needle.count
        }
    }

    /// The same for a needle the index does not cover (not starting with an ideograph).
    private func linear(_ needle: ArraySlice<Unicode.Scalar>, _ body: (Int, Int) -> Void) {
        for (seg, s) in segments.enumerated() where s.count >= needle.count {
            var i = 0
            while i <= s.count - needle.count {
                if s[i..<(i + needle.count)].elementsEqual(needle) {
                    body(seg, i)
                    i += needle.count
                } else {
                    i += 1
                }
            }
        }
    }
}
