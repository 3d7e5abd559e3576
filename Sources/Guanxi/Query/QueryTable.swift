/// Rows of text a query answers with, printed as an aligned table for the
/// terminal or as CSV.
///
/// Columns are aligned by display width: CJK ideographs and full-width
/// punctuation count 2 columns, everything else 1 (``QueryTable/displayWidth(_:)``).
/// CSV follows RFC 4180: a header row, fields holding a comma, a double quote
/// or a line break are quoted, quotes doubled, lines end with CRLF.
///
/// ```swift
/// let t = QueryTable(columns: ["name", "articles"], rows: [["金政", "3"]], numeric: [1])
/// print(t.text())
/// ```
public struct QueryTable: Sendable, Hashable {
    /// A line printed above the table in text form (`partners:`), not in CSV.
    public var title: String?
    public var columns: [String]
    public var rows: [[String]]
    /// Indexes of columns aligned right (counts).
    public var numeric: Set<Int>

    public init(title: String? = nil, columns: [String], rows: [[String]], numeric: Set<Int> = []) {
        self.title = title
        self.columns = columns
        self.rows = rows
        self.numeric = numeric
    }

    /// Columns `text` takes on a terminal: 2 for each wide scalar, 0 for
    /// combining marks and controls, 1 otherwise.
    public static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { sum, s in
            if s.properties.generalCategory == .nonspacingMark || s.value < 0x20 { return sum }
            return sum + ScalarClass.width(s)
        }
    }

    /// The table with a header line, columns two spaces apart, padded to their
    /// widest cell; line breaks in cells shown as spaces, other control
    /// characters escaped (``TerminalText``), cells wider than `maxWidth` cut
    /// with `…` (CSV and JSON are never cut). No trailing newline.
    ///
    /// - Complexity: O(cells).
    public func text(maxWidth: Int = 60) -> String {
        let clean = ([columns] + rows).map { row in
            row.map {
                Self.cut(
                    TerminalText.escaped(
                        $0.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")),
                    to: maxWidth)
            }
        }
        var widths = Array(repeating: 0, count: columns.count)
        for row in clean {
            for (i, cell) in row.enumerated() where i < widths.count {
                widths[i] = max(widths[i], Self.displayWidth(cell))
            }
        }
        var lines: [String] = []
        if let title { lines.append(title) }
        for row in clean {
            var line = ""
            for (i, cell) in row.enumerated() where i < widths.count {
                let pad = String(repeating: " ", count: widths[i] - Self.displayWidth(cell))
                let last = i == widths.count - 1
                line += numeric.contains(i) ? pad + cell : (last ? cell : cell + pad)
                if !last { line += "  " }
            }
            while line.hasSuffix(" ") { line.removeLast() }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    /// `text` cut to at most `width` display columns, ending in `…` when cut.
    static func cut(_ text: String, to width: Int) -> String {
        guard displayWidth(text) > width else { return text }
        var out = String.UnicodeScalarView()
        var used = 0
        for s in text.unicodeScalars {
            let w = displayWidth(String(s))
            if used + w > width - 2 { break }
            out.append(s)
            used += w
        }
        return String(out) + "…"
    }

    /// The table as RFC 4180 CSV with a header row, each line ending in CRLF.
    public func csv() -> String {
        ([columns] + rows).map { row in row.map(Self.csvField).joined(separator: ",") + "\r\n" }.joined()
    }

    /// One CSV field, quoted when it holds a comma, a quote, CR or LF; one a
    /// spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`,
    /// tab or CR) quoted with a `'` before it (OWASP's advice).
    public static func csvField(_ field: String) -> String {
        let formula = TextEscaping.startsLikeAFormula(field)
        guard formula || field.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
        else {
            return field
        }
        return "\"" + (formula ? "'" : "") + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
