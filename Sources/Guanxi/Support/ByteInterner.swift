import Foundation

/// Numbers distinct byte strings in the order they are first seen, keeping
/// one copy of each: the relink numbers every stored mention's name, kind,
/// titles and person with it straight from the bytes SQLite hands over,
/// making no `String` a row.
struct ByteInterner: Sendable {
    /// String `k` is `bytes[starts[k]..<starts[k + 1]]`.
    private var bytes: [UInt8] = []
    private var starts: [Int] = [0]
    private var hashes: [UInt64] = []
    /// Open addressing: each slot holds a string's number, or -1.
    private var slots = [Int32](repeating: -1, count: 64)

    /// How many distinct strings have been numbered.
    var count: Int { hashes.count }

    /// The number of `key`: the one it was given when first seen, else the next.
    mutating func number(_ key: UnsafeBufferPointer<UInt8>) -> Int32 {
        let hash = Self.hash(key)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 {
            let k = Int(slots[slot])
            if hashes[k] == hash && matches(k, key) { return Int32(k) }
            slot = (slot + 1) & mask
        }
        let number = Int32(count)
        bytes.append(contentsOf: key)
        starts.append(bytes.count)
        hashes.append(hash)
        slots[slot] = number
        if count * 2 > slots.count { grow() }
        return number
    }

    /// The bytes numbered `k`, for the duration of `body`.
    func withBytes<T>(_ k: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[starts[k]..<starts[k + 1]])) }
    }

    /// The string numbered `k`.
    func string(_ k: Int) -> String { withBytes(k) { String(decoding: $0, as: UTF8.self) } }

    /// The numbers in the order of their bytes (SQLite's order of text:
    /// bytes compared one by one, a prefix first).
    func numbersInByteOrder() -> [Int32] {
        bytes.withUnsafeBufferPointer { all in
            func key(_ k: Int32) -> UnsafeBufferPointer<UInt8> {
                UnsafeBufferPointer(rebasing: all[starts[Int(k)]..<starts[Int(k) + 1]])
            }
            return (0..<Int32(count)).sorted { a, b in
                let (x, y) = (key(a), key(b))
                let common = min(x.count, y.count)
                let order = common == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, common)
                return order != 0 ? order < 0 : x.count < y.count
            }
        }
    }

    private func matches(_ k: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let length = starts[k + 1] - starts[k]
        guard length == key.count else { return false }
        guard length > 0 else { return true }
        return bytes.withUnsafeBufferPointer { memcmp($0.baseAddress! + starts[k], key.baseAddress!, length) == 0 }
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (k, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(k)
        }
    }

    /// Eight bytes at a time, each word multiplied in; the length and a
    /// final mix spread every input bit over the low bits the slots use.
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        var h = UInt64(truncatingIfNeeded: key.count) &* multiplier
        guard let base = key.baseAddress else { return h }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i + 8 <= key.count {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* multiplier
            h ^= h >> 29
            i += 8
        }
        if i < key.count {
            var tail: UInt64 = 0
            for j in i..<key.count { tail |= UInt64(base[j]) << (8 * UInt64(j - i)) }
            h = (h ^ tail) &* multiplier
        }
        h ^= h >> 32
        h = h &* 0xD6E8_FEB8_6659_FD93
        return h ^ (h >> 32)
    }
}
