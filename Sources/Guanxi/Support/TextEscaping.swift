/// Escaping rules of the text formats, each a single pass over UTF-8 bytes
/// that returns the input unchanged (no copy) when nothing needs escaping.
enum TextEscaping {
    /// A DOT quoted string's content (escString): `\` → `\\`, `"` → `\"`,
    /// newline → `\n`, carriage return dropped, other C0 controls, U+FFFE and
    /// U+FFFF replaced by U+FFFD (Graphviz refuses some, and writes the rest
    /// into SVG that is not well-formed).
    static func dot(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 < 0x20 || $0 == 0x5C || $0 == 0x22 || $0 == 0xEF }) else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 8)
        for ch in s.unicodeScalars {
            switch ch {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": continue
            default:
                if ch.value < 0x20 || ch.value == 0xFFFE || ch.value == 0xFFFF {
                    out.unicodeScalars.append(replacement)
                } else {
                    out.unicodeScalars.append(ch)
                }
            }
        }
        return out
    }

    /// What stands for a character a format cannot hold.
    static let replacement: Unicode.Scalar = "\u{FFFD}"

    /// Text for XML 1.0: the characters it forbids (C0 controls other than
    /// tab, newline and carriage return; U+FFFE and U+FFFF) replaced by
    /// U+FFFD, so that a control character in a headline, a name or a file
    /// name cannot make a GraphML or GEXF file ill-formed. libxml2's writer
    /// escapes the rest (`&`, `<`, `"`, newlines in attributes).
    static func xml(_ s: String) -> String {
        guard s.utf8.contains(where: { ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D) || $0 == 0xEF }) else {
            return s
        }
        var out = String.UnicodeScalarView()
        for ch in s.unicodeScalars {
            let forbidden =
                (ch.value < 0x20 && ch != "\t" && ch != "\n" && ch != "\r") || ch.value == 0xFFFE
                || ch.value == 0xFFFF
            out.append(forbidden ? replacement : ch)
        }
        return String(out)
    }

    /// A JSON string's content: `"`, `\`, control characters, and U+2028/2029
    /// (so the output is also valid JavaScript). Every JSON guanxi writes
    /// (`extract`, `articles`, queries, exports) escapes through here.
    static func json(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0xE2 }) else { return s }
        return escaped(s, lineSeparators: true)
    }

    /// `"`, `\`, `\n`, `\r`, `\t` and other control characters as `\uXXXX`
    /// (JSON and Turtle share these), and U+2028/2029 when asked.
    private static func escaped(_ s: String, lineSeparators: Bool) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count + 8)
        for ch in s.unicodeScalars {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}" where lineSeparators: out += "\\u2028"
            case "\u{2029}" where lineSeparators: out += "\\u2029"
            default:
                if ch.value < 0x20 {
                    let hex = String(ch.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(ch)
                }
            }
        }
        return out
    }

    /// A CSV field (RFC 4180): quoted when it holds `,` `"` CR LF or starts or
    /// ends with a space; quotes doubled. A field a spreadsheet would run as a
    /// formula (starting with `=`, `+`, `-`, `@`, tab or CR) is quoted with a
    /// `'` before it, as OWASP advises against CSV injection.
    static func csv(_ s: String) -> String {
        let u = s.utf8
        let formula = startsLikeAFormula(s)
        let needs =
            formula || u.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
            || u.first == 0x20 || u.last == 0x20
        guard needs else { return s }
        return "\"" + (formula ? "'" : "") + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Whether a spreadsheet (Excel, LibreOffice, Google Sheets) would read a
    /// cell starting this way as a formula: `=`, `+`, `-`, `@`, tab, CR.
    static func startsLikeAFormula(_ s: String) -> Bool {
        switch s.utf8.first {
        case 0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D: return true
        default: return false
        }
    }

    /// A Turtle short string's content (`"…"`): `\`, `"`, newline, CR, tab.
    static func turtle(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 0x5C || $0 == 0x22 || $0 < 0x20 }) else { return s }
        return escaped(s, lineSeparators: false)
    }

    /// A number with at most two decimals (`1`, `1.5`, `2.25`).
    static func decimal(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let whole = hundredths / 100, frac = hundredths % 100
        if frac == 0 { return String(whole) }
        return frac % 10 == 0 ? "\(whole).\(frac / 10)" : "\(whole).\(frac < 10 ? "0" : "")\(frac)"
    }
}
