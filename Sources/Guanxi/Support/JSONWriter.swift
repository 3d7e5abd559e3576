/// A minimal JSON writer for the fixed shapes guanxi prints line by line
/// (`extract`, `articles`).
///
/// Foundation's `JSONEncoder` spends most of an extraction run in generic
/// encoding machinery on Linux; these outputs are flat and known, so they are
/// written directly. Keys are written in the order given (callers pass them
/// sorted); strings are escaped per RFC 8259.
public struct JSONWriter: Sendable {
    public private(set) var output = ""
    private var needsComma = [false]

    public init() {}

    private mutating func separate() {
        if needsComma[needsComma.count - 1] { output.append(",") }
        needsComma[needsComma.count - 1] = true
    }

    public mutating func beginObject() {
        separate()
        output.append("{")
        needsComma.append(false)
    }

    public mutating func endObject() {
        output.append("}")
        needsComma.removeLast()
    }

    public mutating func beginArray() {
        separate()
        output.append("[")
        needsComma.append(false)
    }

    public mutating func endArray() {
        output.append("]")
        needsComma.removeLast()
    }

    /// Writes `"key":`; the value follows.
    public mutating func key(_ k: String) {
        separate()
        Self.appendString(k, to: &output)
        output.append(":")
        needsComma[needsComma.count - 1] = false
    }

    public mutating func string(_ s: String?) {
        separate()
        if let s { Self.appendString(s, to: &output) } else { output.append("null") }
    }

    public mutating func int(_ n: Int) {
        separate()
        output.append(String(n))
    }

    public mutating func bool(_ b: Bool) {
        separate()
        output.append(b ? "true" : "false")
    }

    public mutating func strings(_ values: [String]) {
        beginArray()
        for v in values { string(v) }
        endArray()
    }

    static func appendString(_ s: String, to out: inout String) {
        out.append("\"")
        out.append(TextEscaping.json(s))
        out.append("\"")
    }
}
