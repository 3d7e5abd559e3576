/// An answer of ``GraphQuery`` in the three forms the CLI prints: heading lines
/// and tables for the terminal, the same tables as CSV, and one JSON document.
///
/// CSV of an answer with several tables (``PersonProfile``) prints each table
/// with its own header row, separated by an empty line.
public protocol QueryAnswer: Sendable {
    /// Lines printed above the tables in text form only (who the answer is about).
    var heading: [String] { get }
    /// The rows of the answer.
    var tables: [QueryTable] { get }
    /// The answer as one JSON document with stable keys (docs/queries.md).
    var json: JSONValue { get }
}

extension QueryAnswer {
    /// Heading and tables for a terminal, tables separated by an empty line.
    public func text() -> String {
        var blocks: [String] = []
        if !heading.isEmpty { blocks.append(heading.joined(separator: "\n")) }
        blocks += tables.map { $0.text() }
        return blocks.joined(separator: "\n\n")
    }

    /// The tables as CSV (RFC 4180), several tables separated by an empty line.
    public func csv() -> String { tables.map { $0.csv() }.joined(separator: "\r\n") }
}

/// `2017–2018`, `2017`, or `-`: the years two ISO dates span.
func years(_ first: String?, _ last: String?) -> String { ISODate.yearSpan(first, last) }
