/// Character classes every stage decides on, over Unicode scalars (and, for the
/// reader's decoding checks, raw scalar values).
///
/// Every predicate is a range check on the scalar value: no `Character`, no regex.
enum ScalarClass {
    /// Horizontal whitespace an OCR/PDF dump puts between characters: ASCII space,
    /// tab, carriage return, NBSP, ideographic space U+3000, zero-width space.
    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x20, 0x09, 0x0D, 0xA0, 0x3000, 0x200B, 0xFEFF: return true
        default: return false
        }
    }

    /// Line feed, the only line separator (CR is treated as a space).
    static func isLineBreak(_ s: Unicode.Scalar) -> Bool { s == "\n" }

    /// Space or line break.
    static func isWhitespace(_ s: Unicode.Scalar) -> Bool { isSpace(s) || isLineBreak(s) }

    /// A CJK ideograph (BMP blocks, compatibility ideographs, supplementary planes) or 〇.
    static func isIdeograph(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3134F, 0x3007: return true
        default: return false
        }
    }

    /// Printed full width: ideographs, CJK and full-width punctuation, quotes, dashes,
    /// box markers. Half-width katakana/forms (U+FF61…) are not wide.
    static func isWide(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x2010...0x206F, 0x2190...0x2BFF, 0x2E80...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
            0x20000...0x3134F:
            return true
        default: return false
        }
    }

    /// ASCII letter or digit.
    static func isASCIIAlphanumeric(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        default: return false
        }
    }

    /// Punctuation that can end a sentence (or a quoted sentence) in Chinese text.
    static func isSentenceFinal(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "。", "！", "？", "；", "…", "”", "」", "』", "!", "?", ";", "．": return true
        default: return false
        }
    }

    /// Whether `scalars[range]` ends a sentence: with `。！？；…`, or with a closing
    /// quote right after one (`…。”`). A quote closing a phrase (`“平安大会战”`) does not.
    static func endsSentence(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
        guard !range.isEmpty else { return false }
        let last = scalars[range.upperBound - 1]
        switch last {
        case "”", "」", "』", "’", "\"":
            return range.count >= 2 && isSentenceFinal(scalars[range.upperBound - 2])
        default:
            return isSentenceFinal(last)
        }
    }

    /// Punctuation that only occurs inside or at the end of a sentence, never in a
    /// headline: full stop, comma, semicolon, exclamation and question marks.
    static func isSentencePunctuation(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "。", "，", "；", "！", "？", ",", ";", "!", "?": return true
        default: return false
        }
    }

    /// The full-width form of a half-width sentence punctuation mark, if it has one
    /// the normalizer unifies (`,` `;` `:` `(` `)` `!` `?`).
    static func fullWidthPunctuation(_ s: Unicode.Scalar) -> Unicode.Scalar? {
        switch s {
        case ",": return "，"
        case ";": return "；"
        case ":": return "："
        case "(": return "（"
        case ")": return "）"
        case "!": return "！"
        case "?": return "？"
        default: return nil
        }
    }

    /// The ASCII form of a full-width letter or digit (`Ａ` → `A`, `０` → `0`).
    static func halfWidthAlphanumeric(_ s: Unicode.Scalar) -> Unicode.Scalar? {
        switch s.value {
        case 0xFF10...0xFF19, 0xFF21...0xFF3A, 0xFF41...0xFF5A: return Unicode.Scalar(s.value - 0xFEE0)
        default: return nil
        }
    }

    /// Print width in half-width units: 2 for wide scalars, 1 otherwise.
    static func width(_ s: Unicode.Scalar) -> Int { isWide(s) ? 2 : 1 }

    // MARK: - On raw scalar values (reader)

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

extension UTF8 {
    /// Writes the UTF-8 of `scalars` at `out`, which has room for four bytes
    /// a scalar (or for their exact width); returns the bytes written.
    @inline(__always)
    static func write<S: Sequence>(_ scalars: S, to out: UnsafeMutablePointer<UInt8>) -> Int
    where S.Element == Unicode.Scalar {
        var k = 0
        for s in scalars {
            let v = s.value
            switch v {
            case 0..<0x80:
                out[k] = UInt8(v)
                k += 1
            case 0x80..<0x800:
                out[k] = UInt8(0xC0 | (v >> 6))
                out[k + 1] = UInt8(0x80 | (v & 0x3F))
                k += 2
            case 0x800..<0x10000:
                out[k] = UInt8(0xE0 | (v >> 12))
                out[k + 1] = UInt8(0x80 | ((v >> 6) & 0x3F))
                out[k + 2] = UInt8(0x80 | (v & 0x3F))
                k += 3
            default:
                out[k] = UInt8(0xF0 | (v >> 18))
                out[k + 1] = UInt8(0x80 | ((v >> 12) & 0x3F))
                out[k + 2] = UInt8(0x80 | ((v >> 6) & 0x3F))
                out[k + 3] = UInt8(0x80 | (v & 0x3F))
                k += 4
            }
        }
        return k
    }
}

extension String {
    /// The string of these scalars, its UTF-8 written straight into the new
    /// string's storage (much faster than appending to a `UnicodeScalarView`
    /// one scalar at a time, and no intermediate byte array).
    init<S: Sequence>(scalars: S) where S.Element == Unicode.Scalar {
        var count = 0
        for s in scalars { count += UTF8.width(s) }
        guard count > 0 else {
            self = ""
            return
        }
        self.init(unsafeUninitializedCapacity: count) { out in UTF8.write(scalars, to: out.baseAddress!) }
    }

    /// The Unicode scalars of the string as an array, decoded from its UTF-8
    /// in two tight passes (count, then decode); `Array(unicodeScalars)` goes
    /// through the generic sequence machinery at several times the cost.
    var scalarArray: [Unicode.Scalar] {
        var text = self
        return text.withUTF8 { utf8 in
            var count = 0
            for b in utf8 where b & 0xC0 != 0x80 { count += 1 }
            return [Unicode.Scalar](unsafeUninitializedCapacity: count) { out, initialized in
                // A String's UTF-8 is always valid: every sequence is complete.
                var i = 0
                var k = 0
                let end = utf8.count
                while i < end {
                    let b0 = UInt32(utf8[i])
                    var v: UInt32
                    if b0 < 0x80 {
                        v = b0
                        i += 1
                    } else if b0 < 0xE0 {
                        v = (b0 & 0x1F) << 6 | UInt32(utf8[i + 1] & 0x3F)
                        i += 2
                    } else if b0 < 0xF0 {
                        v = (b0 & 0x0F) << 12 | UInt32(utf8[i + 1] & 0x3F) << 6 | UInt32(utf8[i + 2] & 0x3F)
                        i += 3
                    } else {
                        v =
                            (b0 & 0x07) << 18 | UInt32(utf8[i + 1] & 0x3F) << 12
                            | UInt32(utf8[i + 2] & 0x3F) << 6 | UInt32(utf8[i + 3] & 0x3F)
                        i += 4
                    }
                    out[k] = Unicode.Scalar(v) ?? "\u{FFFD}"
                    k += 1
                }
                initialized = k
            }
        }
    }
}
