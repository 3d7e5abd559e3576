/// The extension of a path's last component, compared on its UTF-8 bytes.
///
/// Follows `NSString.pathExtension`: trailing slashes are ignored, the
/// extension is what follows the last `.` of the last component, and a
/// component whose only `.` is its first character (`.txt`, a hidden file)
/// or that is `..` has none. Bridging every path to `NSString` cost more than
/// reading the file list itself on a corpus of small pages.
enum PathExtension {
    /// Whether `path` has the extension `ext` (lower-case ASCII), ignoring ASCII case.
    /// Only ASCII letters fold: no other scalar lower-cases to `t`, `x`, `h`, `m` or `l`.
    static func matches(_ path: String, _ ext: StaticString) -> Bool {
        var path = path
        return path.withUTF8 { matches($0, ext) }
    }

    private static func matches(_ u: UnsafeBufferPointer<UInt8>, _ ext: StaticString) -> Bool {
        var end = u.count
        while end > 0, u[end - 1] == 0x2F { end -= 1 }  // trailing '/'
        var componentStart = end
        while componentStart > 0, u[componentStart - 1] != 0x2F { componentStart -= 1 }
        var dot = end - 1
        while dot >= componentStart, u[dot] != 0x2E { dot -= 1 }
        guard dot > componentStart else { return false }  // no '.', or only a leading one
        if dot == end - 1, dot - 1 == componentStart, u[dot - 1] == 0x2E { return false }  // ".."
        return ext.withUTF8Buffer { e in
            guard end - (dot + 1) == e.count else { return false }
            for k in 0..<e.count {
                var b = u[dot + 1 + k]
                if b >= 0x41 && b <= 0x5A { b += 0x20 }
                if b != e[k] { return false }
            }
            return true
        }
    }
}
