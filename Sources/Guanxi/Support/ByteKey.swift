import Foundation

/// A string as a dictionary key compared, ordered and hashed by its UTF-8
/// bytes, as SQLite compares text and a file system compares paths.
///
/// Swift hashes and compares a non-ASCII `String` by its canonical (NFC)
/// form, which costs a table lookup per scalar: for the CJK names, roles and
/// institutions the linker counts per mention, that was most of the cost of
/// a lookup. The linker's keys come from one normalizer, so their bytes
/// already decide equality; for the paths a build lists, two byte strings
/// are two files even when Swift would call them equal.
struct ByteKey: Hashable, Comparable, Sendable {
    let string: String

    init(_ string: String) { self.string = string }

    static func == (a: ByteKey, b: ByteKey) -> Bool {
        let (x, y) = (a.string.utf8, b.string.utf8)
        guard x.count == y.count else { return false }
        let same = x.withContiguousStorageIfAvailable { x in
            y.withContiguousStorageIfAvailable { y in
                x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0
            }
        }
        return (same ?? nil) ?? x.elementsEqual(y)
    }

    /// Byte order, as SQLite's `BINARY` collation sorts text (and as
    /// `sort(1)` does with `LC_ALL=C`): a prefix comes first.
    static func < (a: ByteKey, b: ByteKey) -> Bool {
        let (x, y) = (a.string.utf8, b.string.utf8)
        let before = x.withContiguousStorageIfAvailable { x in
            y.withContiguousStorageIfAvailable { y -> Bool in
                let common = min(x.count, y.count)
                let order = common == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, common)
                return order != 0 ? order < 0 : x.count < y.count
            }
        }
        return (before ?? nil) ?? x.lexicographicallyPrecedes(y)
    }

    func hash(into hasher: inout Hasher) {
        let hashed: Void? = string.utf8.withContiguousStorageIfAvailable {
            hasher.combine(bytes: UnsafeRawBufferPointer($0))
        }
        if hashed == nil { for byte in string.utf8 { hasher.combine(byte) } }
        // The length ends the key, so that keys combined in a row stay apart.
        hasher.combine(string.utf8.count)
    }
}
