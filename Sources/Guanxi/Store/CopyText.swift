/// Rows in the text format of PostgreSQL's `COPY … FROM STDIN`: cells
/// separated by a tab, rows ended by a newline, NULL as `\N`, and a
/// backslash, tab, newline or carriage return inside a text written as its
/// backslash escape, so that any text arrives as it was.
public enum CopyText {
    /// Appends `row` to `bytes`.
    public static func append(_ row: [SQLValue], to bytes: inout [UInt8]) {
        for (k, cell) in row.enumerated() {
            if k > 0 { bytes.append(0x09) }
            switch cell {
            case .int(let value?): appendInteger(value, to: &bytes)
            case .text(let value?): appendText(value, to: &bytes)
            case .int(nil), .text(nil): bytes.append(contentsOf: [0x5C, 0x4E])  // \N
            }
        }
        bytes.append(0x0A)
    }

    /// `rows` as one COPY text.
    public static func encode(_ rows: [[SQLValue]]) -> [UInt8] {
        var bytes: [UInt8] = []
        for row in rows { append(row, to: &bytes) }
        return bytes
    }

    private static func appendInteger(_ value: Int64, to bytes: inout [UInt8]) {
        // The digits fit a small string: no allocation.
        bytes.append(contentsOf: String(value).utf8)
    }

    private static func appendText(_ value: String, to bytes: inout [UInt8]) {
        var value = value
        value.withUTF8 { utf8 in
            for byte in utf8 {
                switch byte {
                case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
                case 0x09: bytes.append(contentsOf: [0x5C, 0x74])
                case 0x0A: bytes.append(contentsOf: [0x5C, 0x6E])
                case 0x0D: bytes.append(contentsOf: [0x5C, 0x72])
                default: bytes.append(byte)
                }
            }
        }
    }
}
