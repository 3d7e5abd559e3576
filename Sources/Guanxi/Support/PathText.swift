#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file path's text: the path's bytes, with each byte of 0x80 or more
/// written `\xHH` in a name that is not UTF-8 (a GBK name from a Windows zip
/// archive: `\xD3\xC0\xBF\xB5.txt`; the names around it are left as they
/// are), and a backslash that comes before `x` and two hex digits written
/// `\x5C`. The text names one path (``bytes(_:)`` gives
/// it back), so a document stored under it is found again by the next build
/// and by `guanxi remove`, and it is printable ASCII where the name was not
/// UTF-8, so exports and the terminal show it escaped.
///
/// A UTF-8 path with no such backslash is its own text, unchanged. A path
/// typed with `\xHH` in it (as guanxi prints a name) names those bytes.
///
/// ```swift
/// let text = PathText.text([0xD3, 0xC0] + Array(".txt".utf8))   // "\xD3\xC0.txt"
/// PathText.withFileSystemPath(text) { open($0, O_RDONLY) }
/// ```
public enum PathText {
    /// The text of the path whose bytes are `bytes`.
    public static func text(_ bytes: some Collection<UInt8>) -> String {
        let bytes = Array(bytes)
        if let valid = String(validating: bytes, as: UTF8.self), !hasEscape(valid.utf8) { return valid }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        // Name by name: a name's text does not depend on the folder it is
        // in, so a file has one text however it was reached.
        var start = 0
        while start <= bytes.count {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "/")) ?? bytes.count
            let name = bytes[start..<end]
            let foreign = String(validating: name, as: UTF8.self) == nil
            for i in name.indices {
                let byte = bytes[i]
                if (foreign && byte >= 0x80) || (byte == UInt8(ascii: "\\") && escapeFollows(bytes, at: i + 1)) {
                    appendEscape(byte, to: &out)
                } else {
                    out.append(byte)
                }
            }
            if end < bytes.count { out.append(UInt8(ascii: "/")) }
            start = end + 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `text` as ``text(_:)`` writes the path it names: a name typed with
    /// some of its bytes escaped (`\xC8ձ\xA8`) has every byte escaped
    /// (`\xC8\xD5\xB1\xA8`), as a build stores it.
    public static func canonical(_ text: String) -> String {
        hasEscape(text.utf8) ? Self.text(bytes(text)) : text
    }

    /// The bytes `text` names: each `\xHH` is the byte HH.
    public static func bytes(_ text: String) -> [UInt8] {
        let utf8 = Array(text.utf8)
        guard hasEscape(text.utf8) else { return utf8 }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var i = 0
        while i < utf8.count {
            if utf8[i] == UInt8(ascii: "\\"), escapeFollows(utf8, at: i + 1) {
                out.append(hexValue(utf8[i + 2]) << 4 | hexValue(utf8[i + 3]))
                i += 4
            } else {
                out.append(utf8[i])
                i += 1
            }
        }
        return out
    }

    /// Calls `body` with the NUL-terminated bytes `text` names, to hand to
    /// `open(2)`, `stat(2)` or `opendir(3)`. A text with no escape is passed
    /// as it is (no copy).
    public static func withFileSystemPath<R>(_ text: String, _ body: (UnsafePointer<CChar>) throws -> R) rethrows -> R {
        guard hasEscape(text.utf8) else { return try text.withCString(body) }
        var path = bytes(text)
        path.append(0)
        return try path.withUnsafeBufferPointer { buffer in
            try buffer.withMemoryRebound(to: CChar.self) { try body($0.baseAddress!) }
        }
    }

    /// The path a user typed, as a text: `typed` with its escapes read
    /// (``canonical(_:)``), unless that names nothing and `typed` read
    /// literally names a file or folder (a UTF-8 name really holding `\x41`).
    public static func typed(_ typed: String) -> String {
        guard hasEscape(typed.utf8) else { return typed }
        var info = stat()
        if withFileSystemPath(typed, { stat($0, &info) }) == 0 { return canonical(typed) }
        guard stat(typed, &info) == 0 else { return canonical(typed) }
        return text(Array(typed.utf8))
    }

    /// Whether `utf8` holds a backslash before `x` and two hex digits.
    static func hasEscape(_ utf8: String.UTF8View) -> Bool {
        guard utf8.contains(UInt8(ascii: "\\")) else { return false }
        let bytes = Array(utf8)
        return bytes.indices.contains { bytes[$0] == UInt8(ascii: "\\") && escapeFollows(bytes, at: $0 + 1) }
    }

    /// Whether `bytes[i...]` starts with `x` and two hex digits.
    private static func escapeFollows(_ bytes: [UInt8], at i: Int) -> Bool {
        i + 2 < bytes.count && bytes[i] == UInt8(ascii: "x") && isHex(bytes[i + 1]) && isHex(bytes[i + 2])
    }

    private static func isHex(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66)
    }

    private static func hexValue(_ b: UInt8) -> UInt8 {
        b <= 0x39 ? b - 0x30 : (b | 0x20) - 0x61 + 10
    }

    private static func appendEscape(_ byte: UInt8, to out: inout [UInt8]) {
        let digits = Array("0123456789ABCDEF".utf8)
        out += [UInt8(ascii: "\\"), UInt8(ascii: "x"), digits[Int(byte >> 4)], digits[Int(byte & 0xF)]]
    }
}
