#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Decodes page bytes without being told the encoding, and checks they are text at all.
///
/// Order: byte-order mark (UTF-8, UTF-16) → a declared charset (HTML `<meta>`) → valid
/// UTF-8 → GB18030 (GB2312/GBK are subsets), accepted only when every byte decodes and
/// the result looks like text. Line ends are normalized to `\n` (CRLF and lone CR), so
/// every offset downstream refers to the decoded, LF-normalized text.
struct TextDecoder: Sendable {
    /// A decoded file: the text and the name of the encoding it was read from.
    struct Decoded: Sendable, Equatable {
        /// The text, or only its scalars when decoding produced them on the
        /// way (plain UTF-8 without CR): the String is then built when asked.
        private enum Content: Sendable {
            case text(String)
            case scalars([Unicode.Scalar])
        }

        private var content: Content
        var encoding: String

        init(text: String, encoding: String) {
            self.content = .text(text)
            self.encoding = encoding
        }

        init(scalars: [Unicode.Scalar], encoding: String) {
            self.content = .scalars(scalars)
            self.encoding = encoding
        }

        /// The decoded text (built from the scalars, if that is all there is).
        var text: String {
            switch content {
            case .text(let text): return text
            case .scalars(let scalars): return String(scalars: scalars)
            }
        }

        /// The Unicode scalars of `text` when decoding produced them, so the
        /// page need not decode them again.
        var scalars: [Unicode.Scalar]? {
            if case .scalars(let scalars) = content { return scalars }
            return nil
        }

        static func == (a: Decoded, b: Decoded) -> Bool { a.text == b.text && a.encoding == b.encoding }
    }

    /// Why bytes could not be decoded; the reader turns this into a `ReaderError`.
    enum Failure: Error, Equatable {
        case binary(String)
        case undecodable(String)
    }

    /// How many leading bytes the binary check looks at.
    static let sniffLength = 8192
    /// Largest share of control bytes (other than tab, LF, CR, FF, ESC) in text.
    static let maxControlShare = 0.05
    /// Smallest share of ordinary text scalars for a GB18030 decoding to be believed.
    static let minTextualShare = 0.97

    /// Decodes `bytes`; `declaredCharset` is an encoding named by the file itself (HTML meta).
    func decode(_ bytes: [UInt8], declaredCharset: String? = nil) throws(Failure) -> Decoded {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            guard let text = Self.utf8(bytes[3...]) else {
                throw .undecodable("starts with a UTF-8 byte-order mark but is not valid UTF-8")
            }
            return Decoded(text: Self.normalizeLineEnds(text), encoding: "UTF-8 BOM")
        }
        // Bytes that merely start like a UTF-16 byte-order mark (FF FE …) are taken
        // as UTF-16 only when what they decode to reads as text.
        if let utf16 = Self.utf16WithBOM(bytes), Self.looksLikeText(utf16.text) {
            return Decoded(text: Self.normalizeLineEnds(utf16.text), encoding: utf16.encoding)
        }
        try Self.checkNotBinary(bytes)

        // The common case, read in one pass: valid UTF-8 with LF line ends.
        if declaredCharset == nil, let scalars = Self.utf8Scalars(bytes) {
            return Decoded(scalars: scalars, encoding: "UTF-8")
        }
        let validUTF8 = Self.utf8(bytes[...])
        if let declared = declaredCharset.map(Self.canonicalCharset) {
            // Re-saved pages often keep a stale GB label on UTF-8 bytes; real GB text is
            // practically never valid UTF-8 beyond a few characters, so UTF-8 wins then.
            let stale = declared == "GB18030" && validUTF8 != nil && Self.multibyteCount(bytes) >= 4
            if declared == "UTF-8" || stale, let validUTF8 {
                return Decoded(text: Self.normalizeLineEnds(validUTF8), encoding: "UTF-8")
            }
            if declared != "UTF-8", let text = Self.convert(bytes, from: declared), Self.looksLikeText(text) {
                return Decoded(text: Self.normalizeLineEnds(text), encoding: declared)
            }
        }
        if let validUTF8 {
            return Decoded(text: Self.normalizeLineEnds(validUTF8), encoding: "UTF-8")
        }
        if let cut = Self.utf8CutShort(bytes) {
            return Decoded(text: Self.normalizeLineEnds(cut), encoding: "UTF-8")
        }
        if let text = Self.convert(bytes, from: "GB18030"), Self.looksLikeText(text) {
            return Decoded(text: Self.normalizeLineEnds(text), encoding: "GB18030")
        }
        // Traditional-character pages (Taiwan, Hong Kong, older archives) come
        // in Big5, which GB18030 turns into rare symbols.
        if let text = Self.convert(bytes, from: "BIG5-HKSCS"), Self.looksLikeText(text) {
            return Decoded(text: Self.normalizeLineEnds(text), encoding: "BIG5-HKSCS")
        }
        throw .undecodable(
            "neither valid UTF-8, GB18030 nor Big5: it decodes only into control characters and rare symbols "
                + "(convert it to UTF-8, e.g. with iconv -f ENCODING -t UTF-8)")
    }

    /// Throws `.binary` when the first bytes contain NUL or many control bytes.
    static func checkNotBinary(_ bytes: [UInt8]) throws(Failure) {
        let head = bytes.prefix(sniffLength)
        var controls = 0
        var sawNUL = false
        head.withUnsafeBufferPointer { head in
            Self.isControlByte.withUnsafeBufferPointer { isControl in
                // Branch-free counts over the whole head: text has neither kind.
                var nuls = 0
                for b in head {
                    nuls &+= b == 0 ? 1 : 0
                    controls &+= isControl[Int(b)]
                }
                sawNUL = nuls > 0
            }
        }
        if sawNUL { throw .binary("contains NUL bytes; not a text or HTML page") }
        if !head.isEmpty && Double(controls) / Double(head.count) > maxControlShare {
            throw .binary("\(controls) control bytes in the first \(head.count); not a text or HTML page")
        }
    }

    /// 1 for the control bytes `checkNotBinary` counts (below 0x20 other than
    /// tab, LF, FF, CR and ESC, and DEL; NUL is counted apart), else 0.
    private static let isControlByte: [Int] = (0..<256).map { b in
        (b > 0 && b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0C && b != 0x0D && b != 0x1B) || b == 0x7F ? 1 : 0
    }

    /// Maps charset labels to the names iconv knows; GB2312 and GBK are read as GB18030.
    static func canonicalCharset(_ label: String) -> String {
        let l = label.lowercased()
        switch l {
        case "utf-8", "utf8": return "UTF-8"
        case "gb2312", "gbk", "x-gbk", "gb18030", "gb_2312-80", "cp936", "euc-cn", "x-euc-cn": return "GB18030"
        case "big5", "big5-hkscs", "x-x-big5": return "BIG5-HKSCS"
        default: return label.uppercased()
        }
    }

    /// True when nearly every scalar is one ordinary text is made of.
    static func looksLikeText(_ text: String) -> Bool {
        var total = 0
        var textual = 0
        for s in text.unicodeScalars {
            total += 1
            if ScalarClass.isTextual(s.value) { textual += 1 }
        }
        return total == 0 || Double(textual) / Double(total) >= minTextualShare
    }

    /// `\r\n` and lone `\r` become `\n`.
    static func normalizeLineEnds(_ text: String) -> String {
        var probe = text
        guard probe.withUTF8({ $0.contains(0x0D) }) else { return text }
        var out = String.UnicodeScalarView()
        var previousCR = false
        for s in text.unicodeScalars {
            if s == "\r" {
                out.append("\n")
                previousCR = true
                continue
            }
            if s == "\n" && previousCR {
                previousCR = false
                continue
            }
            previousCR = false
            out.append(s)
        }
        return String(out)
    }

    /// The scalars of `bytes` if they are well-formed UTF-8 holding no CR
    /// (whose line ends need normalizing), else nil.
    ///
    /// Checks exactly the well-formed sequences of the Unicode standard
    /// (Table 3-7, as the standard library validates): no overlong forms,
    /// no surrogates, nothing above U+10FFFF, no sequence cut short. A valid
    /// file's `String(decoding:as:)` then holds exactly these scalars.
    static func utf8Scalars(_ bytes: [UInt8]) -> [Unicode.Scalar]? {
        bytes.withUnsafeBufferPointer { u -> [Unicode.Scalar]? in
            // Each scalar starts with one byte that is not a continuation byte.
            var leads = 0
            for b in u { leads &+= b & 0xC0 == 0x80 ? 0 : 1 }  // no branch: vectorizes
            var valid = true
            let scalars = [Unicode.Scalar](unsafeUninitializedCapacity: leads) { out, written in
                valid = decodeUTF8(u, into: out, written: &written)
            }
            return valid ? scalars : nil
        }
    }

    /// Decodes `u` into `out` (room for one scalar per lead byte), counting
    /// them in `written`; false at the first ill-formed sequence or CR.
    private static func decodeUTF8(
        _ u: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<Unicode.Scalar>, written: inout Int
    ) -> Bool {
        let n = u.count
        var i = 0
        var k = 0
        defer { written = k }
        /// The 6 payload bits of the continuation byte at `j`, or nil.
        @inline(__always) func continuation(_ j: Int) -> UInt32? {
            guard j < n, u[j] & 0xC0 == 0x80 else { return nil }
            return UInt32(u[j] & 0x3F)
        }
        while i < n {
            let b0 = u[i]
            if b0 < 0x80 {
                if b0 == 0x0D { return false }
                out[k] = Unicode.Scalar(b0)
                k += 1
                i += 1
                continue
            }
            let v: UInt32
            switch b0 {
            case 0xC2...0xDF:
                guard let c1 = continuation(i + 1) else { return false }
                v = UInt32(b0 & 0x1F) << 6 | c1
                i += 2
            case 0xE0...0xEF:
                guard let c1 = continuation(i + 1), let c2 = continuation(i + 2) else { return false }
                // E0 needs A0…BF after it (else overlong), ED 80…9F (else a surrogate).
                if b0 == 0xE0 && c1 < 0x20 || b0 == 0xED && c1 >= 0x20 { return false }
                v = UInt32(b0 & 0x0F) << 12 | c1 << 6 | c2
                i += 3
            case 0xF0...0xF4:
                guard let c1 = continuation(i + 1), let c2 = continuation(i + 2), let c3 = continuation(i + 3)
                else { return false }
                // F0 needs 90…BF after it (else overlong), F4 80…8F (else above U+10FFFF).
                if b0 == 0xF0 && c1 < 0x10 || b0 == 0xF4 && c1 >= 0x10 { return false }
                v = UInt32(b0 & 0x07) << 18 | c1 << 12 | c2 << 6 | c3
                i += 4
            default:
                return false  // a continuation byte first, C0, C1, or F5…FF
            }
            guard let scalar = Unicode.Scalar(v) else { return false }
            out[k] = scalar
            k += 1
        }
        return true
    }

    /// Strict UTF-8 decoding: nil on any invalid sequence.
    static func utf8(_ bytes: ArraySlice<UInt8>) -> String? {
        if #available(macOS 15, *) { return String(validating: bytes, as: UTF8.self) }
        var scalars = String.UnicodeScalarView()
        var iterator = bytes.makeIterator()
        var codec = UTF8()
        while true {
            switch codec.decode(&iterator) {
            case .scalarValue(let s): scalars.append(s)
            case .emptyInput: return String(scalars)
            case .error: return nil
            }
        }
    }

    /// UTF-8 whose last character was cut off (a truncated download): the valid part,
    /// when it holds some multi-byte text; the incomplete tail is dropped.
    static func utf8CutShort(_ bytes: [UInt8]) -> String? {
        guard let lead = bytes.suffix(3).lastIndex(where: { $0 >= 0xC2 && $0 <= 0xF4 }) else { return nil }
        let needed = bytes[lead] >= 0xF0 ? 4 : bytes[lead] >= 0xE0 ? 3 : 2
        guard bytes.count - lead < needed, multibyteCount(Array(bytes[..<lead])) >= 4 else { return nil }
        return utf8(bytes[..<lead])
    }

    private static func multibyteCount(_ bytes: [UInt8]) -> Int {
        var n = 0
        for b in bytes where b >= 0xC2 && b <= 0xF4 { n += 1 }
        return n
    }

    private static func utf16WithBOM(_ bytes: [UInt8]) -> (text: String, encoding: String)? {
        guard bytes.count >= 2 else { return nil }
        let little: Bool
        if bytes[0] == 0xFF && bytes[1] == 0xFE {
            little = true
        } else if bytes[0] == 0xFE && bytes[1] == 0xFF {
            little = false
        } else {
            return nil
        }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = 2
        while i + 1 < bytes.count {
            let a = UInt16(bytes[i])
            let b = UInt16(bytes[i + 1])
            units.append(little ? a | b << 8 : a << 8 | b)
            i += 2
        }
        var scalars = String.UnicodeScalarView()
        var iterator = units.makeIterator()
        var codec = UTF16()
        while true {
            switch codec.decode(&iterator) {
            case .scalarValue(let s): scalars.append(s)
            case .emptyInput: return (String(scalars), little ? "UTF-16LE" : "UTF-16BE")
            case .error: return nil
            }
        }
    }

    /// Converts with the C library's iconv, strictly.
    ///
    /// Nil when the charset is unknown or any byte sequence is invalid (no silent
    /// replacement). An incomplete character at the very end is dropped.
    static func convert(_ bytes: [UInt8], from charset: String) -> String? {
        let cd = iconv_open("UTF-8", charset)
        if Int(bitPattern: cd) == -1 { return nil }
        defer { iconv_close(cd) }
        if bytes.isEmpty { return "" }
        var output = [UInt8](repeating: 0, count: bytes.count * 4 + 16)
        var input = bytes
        let produced: Int? = input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                guard let inBase = inBuf.baseAddress, let outBase = outBuf.baseAddress else { return nil }
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBase)
                    .assumingMemoryBound(to: CChar.self)
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBase)
                    .assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count
                var outLeft = outBuf.count
                let result = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                // EINVAL: the input ends inside a multi-byte character (a truncated file);
                // keep what came before it. Any invalid sequence (EILSEQ) fails.
                let cutShort = result == -1 && errno == EINVAL && inLeft < 4 && inLeft < inBuf.count
                if result == -1 && !cutShort || !cutShort && inLeft != 0 { return nil }
                return outBuf.count - outLeft
            }
        }
        guard let produced else { return nil }
        return utf8(output[0..<produced])
    }
}
