/// A minimal JSON writer for the fixed shapes guanxi prints line by line
/// (`extract`, `articles`).
///
/// Foundation's `JSONEncoder` spends most of an extraction run in generic
/// encoding machinery on Linux; these outputs are flat and known, so they are
/// written directly, as UTF-8 bytes into one growing buffer (appending to a
/// `String` piece by piece costs far more). Keys are written in the order given
/// (callers pass them sorted); strings are escaped per RFC 8259.
///
/// Each token (`,"key":`, a number, a short string) is written through one
/// pointer into room made ahead in the buffer: one check of the buffer per
/// token, not one `append` (and uniqueness check) per byte.
public struct JSONWriter: Sendable {
    /// `bytes[..<count]` is the JSON written; the rest is room made ahead.
    private var bytes: [UInt8] = []
    private var count = 0
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
    public var output: String { String(decoding: bytes[..<count], as: UTF8.self) }

    /// The JSON written so far, as UTF-8 bytes (no copy into a String; a
    /// copy of the buffer's written part: `takeUTF8()` hands it over).
    public var utf8: [UInt8] { count == bytes.count ? bytes : Array(bytes[..<count]) }

    /// The JSON written, as UTF-8 bytes, handed over without a copy; the
    /// writer is empty afterwards.
    public mutating func takeUTF8() -> [UInt8] {
        bytes.removeSubrange(count...)
        defer {
            bytes = []
            count = 0
        }
        return bytes
    }

    /// Writes at most `maxCount` bytes with `fill`, which returns how many it
    /// wrote, straight into the buffer.
    @inline(__always)
    private mutating func write(maxCount: Int, _ fill: (UnsafeMutablePointer<UInt8>) -> Int) {
        if count + maxCount > bytes.count { makeRoom(count + maxCount) }
        let start = count
        count += bytes.withUnsafeMutableBufferPointer { buffer in
            // Room was made above; a buffer of that size has a base address.
            guard let base = buffer.baseAddress else { return 0 }
            return fill(base + start)
        }
    }

    /// Grows the room made ahead to at least `needed` bytes, doubling (so
    /// zeroing the room costs at most twice the output).
    private mutating func makeRoom(_ needed: Int) {
        let target = max(needed, 2 * bytes.count, 256)
        // A new buffer with the bytes written so far, the rest zeroed by
        // memset (appending a repeated zero went a byte at a time).
        bytes = [UInt8](unsafeUninitializedCapacity: target) { buffer, initialized in
            let base = buffer.baseAddress!
            bytes.withUnsafeBufferPointer { old in
                if let from = old.baseAddress { base.initialize(from: from, count: count) }
            }
            (base + count).initialize(repeating: 0, count: target - count)
            initialized = target
        }
    }

    @inline(__always)
    private mutating func append(_ b: UInt8) {
        write(maxCount: 1) { out in
            out[0] = b
            return 1
        }
    }

    /// The number of bytes written so far.
    var byteCount: Int { count }

    /// Ends a complete top-level value without writing a separator, so that
    /// the next value starts afresh in the same buffer (``RowText`` keeps a
    /// document's text columns back to back).
    mutating func endValue() {
        precondition(depth == 0, "a value ends when it is complete")
        levels = 0
    }

    /// Writes `text`'s UTF-8 as it is: no quotes, no escaping.
    mutating func raw(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            write(maxCount: utf8.count) { out in
                if let base = utf8.baseAddress { out.update(from: base, count: utf8.count) }
                return utf8.count
            }
        }
    }

    /// Writes the UTF-8 of `scalars` as it is: no quotes, no escaping.
    mutating func raw(scalars: [Unicode.Scalar]) {
        scalars.withUnsafeBufferPointer { scalars in
            write(maxCount: 4 * scalars.count) { UTF8.write(scalars, to: $0) }
        }
    }

    /// Ends a line of JSON Lines: writes `\n` after a complete top-level value,
    /// so the next value starts a new line rather than continuing a list.
    public mutating func endLine() {
        precondition(depth == 0, "a line ends after a complete value")
        append(0x0A)
        levels = 0
    }

    /// Marks a value written at this level; whether a comma must come first.
    @inline(__always)
    private mutating func needsComma() -> Bool {
        defer { levels |= 1 }
        return levels & 1 != 0
    }

    /// Writes a comma if `comma`, then the ASCII `token`.
    @inline(__always)
    private mutating func write(comma: Bool, _ token: StaticString) {
        token.withUTF8Buffer { token in
            write(maxCount: token.count + 1) { out in
                var n = Self.put(comma: comma, at: out)
                for b in token {
                    out[n] = b
                    n += 1
                }
                return n
            }
        }
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
        write(comma: needsComma(), "{")
        push()
    }

    public mutating func endObject() {
        append(UInt8(ascii: "}"))
        pop()
    }

    public mutating func beginArray() {
        write(comma: needsComma(), "[")
        push()
    }

    public mutating func endArray() {
        append(UInt8(ascii: "]"))
        pop()
    }

    /// Writes `"key":`; the value follows.
    public mutating func key(_ k: String) {
        writeString(k, comma: needsComma())
        append(UInt8(ascii: ":"))
        levels &= ~1
    }

    /// Writes `"key":` for a key spelled in the source that needs no escaping
    /// (ASCII letters, digits, `_`): its bytes are copied as they are.
    mutating func plainKey(_ k: StaticString) {
        let comma = needsComma()
        k.withUTF8Buffer { key in write(maxCount: key.count + 4) { Self.put(key: key, comma: comma, at: $0) } }
        levels &= ~1
    }

    /// Writes `"key":` and the string `value` (a key as `plainKey` takes
    /// it): one token when the value needs no escaping.
    mutating func field(_ k: StaticString, _ value: String) {
        let comma = needsComma()
        var value = value
        let written = value.withUTF8 { utf8 -> Bool in
            guard !Self.needsEscaping(utf8) else { return false }
            k.withUTF8Buffer { key in
                write(maxCount: key.count + utf8.count + 6) { out in
                    let n = Self.put(key: key, comma: comma, at: out)
                    return n + Self.putQuoted(utf8, at: out + n)
                }
            }
            return true
        }
        if !written {
            k.withUTF8Buffer { key in write(maxCount: key.count + 4) { Self.put(key: key, comma: comma, at: $0) } }
            writeString(value, comma: false)
        }
    }

    /// Writes `"key":true` or `"key":false` as one token.
    mutating func field(_ k: StaticString, _ value: Bool) {
        let comma = needsComma()
        k.withUTF8Buffer { key in
            write(maxCount: key.count + 9) { out in
                var n = Self.put(key: key, comma: comma, at: out)
                for b in (value ? "true" : "false").utf8 {
                    out[n] = b
                    n += 1
                }
                return n
            }
        }
    }

    /// Writes a comma at `out` if `comma`; returns the bytes written.
    @inline(__always)
    private static func put(comma: Bool, at out: UnsafeMutablePointer<UInt8>) -> Int {
        if comma { out[0] = UInt8(ascii: ",") }
        return comma ? 1 : 0
    }

    /// Writes `utf8` (which needs no escaping) between quotes at `out`;
    /// returns the bytes written.
    private static func putQuoted(_ utf8: UnsafeBufferPointer<UInt8>, at out: UnsafeMutablePointer<UInt8>) -> Int {
        out[0] = UInt8(ascii: "\"")
        if let base = utf8.baseAddress { (out + 1).update(from: base, count: utf8.count) }
        out[utf8.count + 1] = UInt8(ascii: "\"")
        return utf8.count + 2
    }

    /// Puts `,"key":` (the comma if `comma`) at `out`; returns the bytes put.
    @inline(__always)
    private static func put(key: UnsafeBufferPointer<UInt8>, comma: Bool, at out: UnsafeMutablePointer<UInt8>) -> Int {
        assert(key.allSatisfy { $0 >= 0x20 && $0 < 0x80 && $0 != 0x22 && $0 != 0x5C }, "a plain key")
        var n = put(comma: comma, at: out)
        out[n] = UInt8(ascii: "\"")
        n += 1
        for b in key {
            out[n] = b
            n += 1
        }
        out[n] = UInt8(ascii: "\"")
        out[n + 1] = UInt8(ascii: ":")
        return n + 2
    }

    public mutating func string(_ s: String?) {
        let comma = needsComma()
        if let s { writeString(s, comma: comma) } else { write(comma: comma, "null") }
    }

    /// A string given as Unicode scalars (normalized article text), encoded
    /// and escaped straight into the buffer, as `string(_:)` would write
    /// `String(scalars:)` of them, without building that String.
    public mutating func string(scalars: [Unicode.Scalar]?) {
        let comma = needsComma()
        guard let scalars else { return write(comma: comma, "null") }
        // At most 6 bytes a scalar (`\u2028`, `\u001f`), the quotes and a comma.
        write(maxCount: 6 * scalars.count + 3) { out in
            var k = 0
            @inline(__always) func put(_ b: UInt8) {
                out[k] = b
                k += 1
            }
            @inline(__always) func put(_ ascii: StaticString) {
                ascii.withUTF8Buffer { for b in $0 { put(b) } }
            }
            if comma { put(UInt8(ascii: ",")) }
            put(UInt8(ascii: "\""))
            for s in scalars {
                let v = s.value
                switch v {
                case 0x22: put("\\\"")
                case 0x5C: put("\\\\")
                case 0x0A: put("\\n")
                case 0x0D: put("\\r")
                case 0x09: put("\\t")
                case 0x2028: put("\\u2028")
                case 0x2029: put("\\u2029")
                case 0..<0x20:
                    // Other controls as \u00XX, lower-case hex as `TextEscaping.json` writes them.
                    put("\\u00")
                    for digit in [v >> 4, v & 0xF] {
                        put(UInt8(digit < 10 ? 0x30 + digit : 0x57 + digit))  // 0-9, a-f
                    }
                case 0x20..<0x80:
                    put(UInt8(v))
                case 0x80..<0x800:
                    put(UInt8(0xC0 | (v >> 6)))
                    put(UInt8(0x80 | (v & 0x3F)))
                case 0x800..<0x10000:
                    put(UInt8(0xE0 | (v >> 12)))
                    put(UInt8(0x80 | ((v >> 6) & 0x3F)))
                    put(UInt8(0x80 | (v & 0x3F)))
                default:
                    put(UInt8(0xF0 | (v >> 18)))
                    put(UInt8(0x80 | ((v >> 12) & 0x3F)))
                    put(UInt8(0x80 | ((v >> 6) & 0x3F)))
                    put(UInt8(0x80 | (v & 0x3F)))
                }
            }
            put(UInt8(ascii: "\""))
            return k
        }
    }

    public mutating func int(_ n: Int) {
        let comma = needsComma()
        // Decimal digits written straight into the buffer (no String per number).
        write(maxCount: 22) { out in
            var k = Self.put(comma: comma, at: out)
            if n < 0 {
                out[k] = UInt8(ascii: "-")
                k += 1
            }
            // Digits from the last, dividing by the constant 10 (a multiply).
            var v = n.magnitude
            var digits = 1
            var rest = v
            while rest >= 10 {
                rest /= 10
                digits += 1
            }
            k += digits
            var p = k
            repeat {
                p -= 1
                out[p] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: v % 10)
                v /= 10
            } while v > 0
            return k
        }
    }

    public mutating func bool(_ b: Bool) {
        write(comma: needsComma(), b ? "true" : "false")
    }

    public mutating func strings(_ values: [String]) {
        beginArray()
        for v in values { string(v) }
        endArray()
    }

    /// Whether `utf8` holds a byte `TextEscaping.json` escapes (controls, `"`,
    /// `\`, and the lead byte of U+2028/2029); without any, it returns the
    /// string as it is.
    @inline(__always)
    private static func needsEscaping(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        for b in utf8 where b < 0x20 || b == 0x22 || b == 0x5C || b == 0xE2 { return true }
        return false
    }

    /// Writes `s` quoted and escaped, after a comma if `comma`.
    private mutating func writeString(_ s: String, comma: Bool) {
        var s = s
        let plain = s.withUTF8 { utf8 -> Bool in
            if Self.needsEscaping(utf8) { return false }
            write(maxCount: utf8.count + 3) { out in
                let n = Self.put(comma: comma, at: out)
                return n + Self.putQuoted(utf8, at: out + n)
            }
            return true
        }
        if !plain {
            var escaped = "\"" + TextEscaping.json(s) + "\""
            escaped.withUTF8 { utf8 in
                write(maxCount: utf8.count + 1) { out in
                    var n = Self.put(comma: comma, at: out)
                    if let base = utf8.baseAddress {
                        (out + n).update(from: base, count: utf8.count)
                        n += utf8.count
                    }
                    return n
                }
            }
        }
    }
}
