import Foundation

/// Escaping for the three places the web app writes text from the store:
/// HTML text and attributes, JSON inside a `<script>` element, and URL query
/// values. Every name, headline and sentence goes through one of them.
enum HTML {
    /// Text safe in an element or a quoted attribute: `& < > " '` become entities.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for s in text.unicodeScalars {
            switch s {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // Control characters (but tab and newline) are dropped: a page holds none.
                if s.value < 0x20, s != "\n", s != "\t" { continue }
                out.unicodeScalars.append(s)
            }
        }
        return out
    }

    /// JSON text made safe inside `<script type="application/json">`: `<`, `>`
    /// and `&` (only ever inside JSON strings) and the line separators become
    /// `\u` escapes, so no `</script>` or `<!--` can end the element.
    static func scriptJSON(_ json: String) -> String {
        var out = ""
        out.reserveCapacity(json.utf8.count)
        for s in json.unicodeScalars {
            switch s.value {
            case 0x3C: out += "\\u003c"
            case 0x3E: out += "\\u003e"
            case 0x26: out += "\\u0026"
            case 0x2028: out += "\\u2028"
            case 0x2029: out += "\\u2029"
            default: out.unicodeScalars.append(s)
            }
        }
        return out
    }

    /// A query string `?a=1&b=%E9%87%91`; nil values are left out.
    static func query(_ items: [(String, String?)]) -> String {
        let parts = items.compactMap { key, value in value.map { "\(key)=\(component($0))" } }
        return parts.isEmpty ? "" : "?" + parts.joined(separator: "&")
    }

    /// A URL query component: everything but unreserved ASCII is percent-encoded.
    static func component(_ value: String) -> String {
        var out = ""
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }

    /// `text` escaped, with every occurrence of `terms` wrapped in `<mark>`
    /// (longest term first where two start at one place).
    static func highlighted(_ text: String, terms: [String]) -> String {
        let terms = Array(Set(terms.filter { !$0.isEmpty })).sorted { $0.count > $1.count }
        guard !terms.isEmpty else { return escape(text) }
        var marks: [Range<String.Index>] = []
        for term in terms {
            for r in text.ranges(of: term) where !marks.contains(where: { $0.overlaps(r) }) { marks.append(r) }
        }
        marks.sort { $0.lowerBound < $1.lowerBound }
        var out = "", at = text.startIndex
        for r in marks {
            out += escape(String(text[at..<r.lowerBound])) + "<mark>" + escape(String(text[r])) + "</mark>"
            at = r.upperBound
        }
        return out + escape(String(text[at...]))
    }
}
