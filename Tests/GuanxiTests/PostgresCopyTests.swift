import Foundation
import Testing

@testable import Guanxi
@testable import GuanxiPostgres

/// Awkward text in a COPY: what separates cells and rows inside a cell,
/// the backslash, NULL beside the text `\N`, CJK and emoji.
private let awkward: [[SQLValue]] = [
    [.int(1), .text("县委书记\t李某某\n兼任县长"), .text("C:\\新闻\\2024\\"), .int(-7)],
    [.int(2), .text("\\N"), .text(nil), .int(Int64?.none)],
    [.int(3), .text(""), .text("回车\r\n换行 🏛️👨‍👩‍👧 \\t 不是制表符"), .int(Int64.max)],
    [.int(4), .text("\\\\\t\\\n"), .text("末尾的反斜杠\\"), .int(Int64.min)],
]

/// The bulk load of the PostgreSQL store (``SQLSession/copy(into:columns:rows:)``, ``CopyText``).
@Suite("PostgreSQL COPY")
struct PostgresCopyTests {
    @Test func copyTextKeepsOneLineARowAndOneTabACellWhateverTheText() {
        let bytes = CopyText.encode(awkward)
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        // Four rows, each ended by a newline: nothing inside a cell ends a row.
        #expect(lines.count == awkward.count + 1 && lines.last?.isEmpty == true)
        for (line, row) in zip(lines, awkward) {
            #expect(line.split(separator: 0x09, omittingEmptySubsequences: false).count == row.count)
        }
        // NULL and the text `\N` are told apart.
        let second = lines[1].split(separator: 0x09, omittingEmptySubsequences: false).map { Array($0) }
        #expect(second[1] != second[2])
        #expect(second[2] == second[3])
    }

    @Test(.enabled(if: TestPostgres.url != nil, TestPostgres.skipped))
    func copiedRowsReadBackAsTheyWere() throws {
        let session = try PostgresSession(PostgresURL(try #require(TestPostgres.url)))
        let table = "copy_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        try session.execute("CREATE TABLE \(table) (id bigint PRIMARY KEY, a text, b text, n bigint)")
        defer { try? session.execute("DROP TABLE \(table)") }
        // Rows past the megabyte sent at a time, so that the load goes in several messages.
        let many = (0..<3_000).map { k -> [SQLValue] in
            var row = awkward[k % awkward.count]
            row[0] = .int(Int64(k))
            row[1] = .text((row[1].text ?? "") + String(repeating: "长文本\t", count: 60))
            return row
        }
        try session.copy(into: table, columns: ["id", "a", "b", "n"], rows: many)
        let back = try session.rows("SELECT id, a, b, n FROM \(table) ORDER BY id").map(\.values)
        #expect(back == many)
        // A row the table refuses fails the whole load, with the server's message.
        let error = #expect(throws: StoreError.self) {
            try session.copy(into: table, columns: ["id", "a", "b", "n"], rows: [many[0]])
        }
        #expect(error?.message.contains("duplicate key") == true)
        #expect(try session.int("SELECT count(*) FROM \(table)") == Int64(many.count))
    }
}

extension SQLValue {
    fileprivate var text: String? {
        if case .text(let value) = self { return value }
        return nil
    }
}
