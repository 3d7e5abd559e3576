/// A minimal JSON writer for the fixed shapes guanxi prints line by line
/// (`extract`, `articles`).
///
/// Foundation's `JSONEncoder` spends most of an extraction run in generic
/// encoding machinery on Linux; these outputs are flat and known, so they are
/// written directly, as UTF-8 bytes into one growing buffer (appending to a
/// `String` piece by piece costs far more). Keys are written in the order given
/// (callers pass them sorted); strings are escaped per RFC 8259.
public struct JSONWriter: Sendable {
    private var bytes: [UInt8] = []
    /// One bit per open object or array, innermost in bit 0: a value was
    /// written at that level, so the next one needs a comma. Levels pushed
    /// out of the top bit (nesting beyond 64) wait in `spilled`.
    private var levels: UInt64 = 0
    private var depth = 0
    private var spilled: [Bool] = []

    public init() {
        bytes.reserveCapacity(4096)
    }

    /// A writer whose buffer starts with room for `capacity` bytes.
    public init(reservingCapacity capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    /// The JSON written so far.
    public var output: String { String(decoding: bytes, as: UTF8.self) }

    /// The JSON written so far, as UTF-8 bytes (no copy into a String).
    public var utf8: [UInt8] { bytes }

    /// Ends a line of JSON Lines: writes `\n` after a complete top-level value,
    /// so the next value starts a new line rather than continuing a list.
    public mutating func endLine() {
        precondition(depth == 0, "a line ends after a complete value")
        bytes.append(0x0A)
        levels = 0
    }

    @inline(__always)
    private mutating func separate() {
        if levels & 1 != 0 { bytes.append(UInt8(ascii: ",")) }
        levels |= 1
    }

    @inline(__always)
    private mutating func push() {
        if depth >= 63 { spilled.append(levels >> 63 != 0) }
        levels <<= 1
        depth += 1
    }

    @inline(__always)
    private mutating func pop() {
        levels >>= 1
        depth -= 1
        if depth >= 63, let bit = spilled.popLast(), bit { levels |= 1 << 63 }
    }

    public mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        push()
    }

    public mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        pop()
    }

    public mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        push()
    }

    public mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        pop()
    }

    /// Writes `"key":`; the value follows.
    public mutating func key(_ k: String) {
        separate()
        appendString(k)
        bytes.append(UInt8(ascii: ":"))
        levels &= ~1
    }

    /// Writes `"key":` for a key spelled in the source that needs no escaping
    /// (ASCII letters, digits, `_`): its bytes are copied as they are.
    mutating func plainKey(_ k: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        k.withUTF8Buffer { utf8 in
            assert(utf8.allSatisfy { $0 >= 0x20 && $0 < 0x80 && $0 != 0x22 && $0 != 0x5C }, "a plain key")
            for b in utf8 { bytes.append(b) }  // a few bytes: cheaper than append(contentsOf:)
        }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        levels &= ~1
    }

    public mutating func string(_ s: String?) {
        separate()
        if let s { appendString(s) } else { appendASCII("null") }
    }

    /// A string given as Unicode scalars (normalized article text), encoded
    /// and escaped straight into the buffer, as `string(_:)` would write
    /// `String(scalars:)` of them, without building that String.
    public mutating func string(scalars: [Unicode.Scalar]?) {
        separate()
        guard let scalars else {
            appendASCII("null")
            return
        }
        bytes.append(UInt8(ascii: "\""))
        for s in scalars {
            let v = s.value
            switch v {
            case 0x22: appendASCII("\\\"")
            case 0x5C: appendASCII("\\\\")
            case 0x0A: appendASCII("\\n")
            case 0x0D: appendASCII("\\r")
            case 0x09: appendASCII("\\t")
            case 0x2028: appendASCII("\\u2028")
            case 0x2029: appendASCII("\\u2029")
            case 0..<0x20:
                // Other controls as \u00XX, lower-case hex as `TextEscaping.json` writes them.
                appendASCII("\\u00")
                for digit in [v >> 4, v & 0xF] {
                    bytes.append(UInt8(digit < 10 ? 0x30 + digit : 0x57 + digit))  // 0-9, a-f
                }
            case 0x20..<0x80:
                bytes.append(UInt8(v))
            case 0x80..<0x800:
                bytes.append(UInt8(0xC0 | (v >> 6)))
                bytes.append(UInt8(0x80 | (v & 0x3F)))
            case 0x800..<0x10000:
                bytes.append(UInt8(0xE0 | (v >> 12)))
                bytes.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
                bytes.append(UInt8(0x80 | (v & 0x3F)))
            default:
                bytes.append(UInt8(0xF0 | (v >> 18)))
                bytes.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
                bytes.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
                bytes.append(UInt8(0x80 | (v & 0x3F)))
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    public mutating func int(_ n: Int) {
        separate()
        // Decimal digits written straight into the buffer (no String per number).
        if n < 0 { bytes.append(UInt8(ascii: "-")) }
        let v = n.magnitude
        var power: UInt = 1
        while power <= v / 10 { power *= 10 }
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: (v / power) % 10))
            power /= 10
        } while power > 0
    }

    public mutating func bool(_ b: Bool) {
        separate()
        appendASCII(b ? "true" : "false")
    }

    public mutating func strings(_ values: [String]) {
        beginArray()
        for v in values { string(v) }
        endArray()
    }

    @inline(__always)
    private mutating func appendASCII(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    private mutating func appendString(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        var s = s
        let plain = s.withUTF8 { utf8 in
            // The bytes TextEscaping.json escapes (controls, `"`, `\`, and the
            // lead byte of U+2028/2029); without any, it returns `s` as it is.
            for b in utf8 where b < 0x20 || b == 0x22 || b == 0x5C || b == 0xE2 { return false }
            bytes.append(contentsOf: utf8)
            return true
        }
        if !plain {
            var escaped = TextEscaping.json(s)
            escaped.withUTF8 { bytes.append(contentsOf: $0) }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
