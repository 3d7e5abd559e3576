import Foundation

/// A 64-bit FNV-1a digest of a file's bytes, as 16 hex digits: enough to tell
/// that a file changed on disk between two builds.
enum ContentHash {
    static func of(_ data: Data) -> String {
        data.withUnsafeBytes { of($0) }
    }

    static func of(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBytes { of($0) }
    }

    private static func of(_ bytes: UnsafeRawBufferPointer) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
