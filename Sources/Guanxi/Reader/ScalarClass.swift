/// Small classifications of Unicode scalars and bytes shared by the reader's parts.
enum ScalarClass {
    /// CJK unified ideographs (basic block, extension A, compatibility ideographs).
    static func isHan(_ v: UInt32) -> Bool {
        (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0xF900...0xFAFF).contains(v)
            || (0x20000...0x2FA1F).contains(v)
    }

    /// Whitespace as it appears in Chinese pages: ASCII, no-break, ideographic, BOM, zero-width.
    static func isSpace(_ v: UInt32) -> Bool {
        switch v {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200B, 0x2028, 0x2029, 0x202F, 0x205F,
            0x3000, 0xFEFF:
            return true
        default:
            return false
        }
    }

    /// ASCII decimal digit value, or nil.
    static func digit(_ v: UInt32) -> Int? {
        (0x30...0x39).contains(v) ? Int(v - 0x30) : nil
    }

    /// A scalar that ordinary Chinese or English text is made of: printable ASCII, line
    /// whitespace, Latin-1 letters, general and CJK punctuation, kana, Han, Hangul,
    /// full-width forms, enclosed and geometric symbols used in e-papers (□ ■ ● ①).
    static func isTextual(_ v: UInt32) -> Bool {
        switch v {
        case 0x09, 0x0A, 0x0C, 0x0D, 0x20...0x7E: return true
        case 0xA0...0x24F: return true
        case 0x370...0x52F: return true  // Greek, Cyrillic (common in GB2312)
        case 0x2000...0x2BFF: return true  // punctuation, arrows, math, box drawing, shapes
        case 0x3000...0x30FF, 0x3100...0x312F, 0x3200...0x33FF: return true
        case 0xAC00...0xD7AF: return true
        case 0xFE30...0xFE4F, 0xFF00...0xFFEF: return true
        default: return isHan(v)
        }
    }
}
