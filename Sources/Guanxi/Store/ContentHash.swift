import Foundation

/// A 64-bit FNV-1a digest of a file's bytes, as 16 hex digits: enough to tell
/// that a file changed on disk between two builds.
enum ContentHash {
    static func of(_ data: Data) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        // Over the raw bytes: `Data`'s iterator costs a call per byte.
        data.withUnsafeBytes { bytes in
            for byte in bytes {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
