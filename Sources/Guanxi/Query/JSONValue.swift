/// A JSON document with keys in a fixed order, written pretty with two-space
/// indents: what `--format json` prints, byte for byte the same for the same answer.
///
/// Absent values are written as `null`, never left out, so every object of a
/// kind has the same keys.
public indirect enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    /// Members in the order written.
    case object([(String, JSONValue)])

    /// A string, or `null` for nil.
    public static func string(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.pretty() == rhs.pretty() }
    public func hash(into hasher: inout Hasher) { hasher.combine(pretty()) }

    /// The value as pretty JSON text (UTF-8 characters kept as they are), without a final newline.
    public func pretty() -> String {
        var out = ""
        write(to: &out, indent: 0)
        return out
    }

    /// The value of `key` in an object, if any (for tests and callers that pick a member).
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    private func write(to out: inout String, indent: Int) {
        let pad = String(repeating: "  ", count: indent + 1), end = String(repeating: "  ", count: indent)
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d): out += d.isFinite ? "\((d * 1000).rounded() / 1000)" : "null"
        case .string(let s): Self.quote(s, into: &out)
        case .array(let items):
            guard !items.isEmpty else { out += "[]"; return }
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += pad
                item.write(to: &out, indent: indent + 1)
                out += i == items.count - 1 ? "\n" : ",\n"
            }
            out += end + "]"
        case .object(let members):
            guard !members.isEmpty else { out += "{}"; return }
            out += "{\n"
            for (i, (key, value)) in members.enumerated() {
                out += pad
                Self.quote(key, into: &out)
                out += ": "
                value.write(to: &out, indent: indent + 1)
                out += i == members.count - 1 ? "\n" : ",\n"
            }
            out += end + "}"
        }
    }

    private static func quote(_ s: String, into out: inout String) {
        out += "\"" + TextEscaping.json(s) + "\""
    }
}
