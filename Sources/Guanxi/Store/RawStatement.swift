import GRDB
import GRDBSQLite

/// A prepared statement driven through the SQLite C API, for the loops over
/// every mention or evidence row that linking runs: GRDB's `Row` and
/// `StatementArguments` cost more per row than SQLite's own work there.
///
/// Lives inside one GRDB `Database` access; GRDB owns the statement.
struct RawStatement {
    private let statement: Statement
    private var handle: OpaquePointer { statement.sqliteStatement }

    init(_ db: Database, sql: String) throws {
        statement = try db.makeStatement(sql: sql)
    }

    /// Steps to the next row; false when done. Throws on an SQLite error.
    @discardableResult
    func step() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code:
            throw DatabaseError(
                resultCode: ResultCode(rawValue: code),
                message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))))
        }
    }

    /// Binds `values` to the parameters in order, runs the statement
    /// (INSERT, UPDATE, DELETE) and resets it.
    func run(_ values: any RawBindable...) throws {
        for (i, value) in values.enumerated() { value.bind(to: self, at: Int32(i + 1)) }
        try run()
    }

    /// Runs an INSERT/UPDATE/DELETE with the values bound, then resets it.
    func run() throws {
        defer { reset() }
        _ = try step()
    }

    /// Makes the statement ready to run again, keeping its bindings.
    func rewind() {
        sqlite3_reset(handle)
    }

    /// Makes the statement ready to run again and clears its bindings.
    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
    func bool(_ column: Int32) -> Bool { sqlite3_column_int64(handle, column) != 0 }
    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    /// The column's text as UTF-8 bytes, valid until the next step.
    func bytes(_ column: Int32) -> UnsafeBufferPointer<UInt8> {
        guard let text = sqlite3_column_text(handle, column) else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, column)))
    }

    func string(_ column: Int32) -> String? {
        isNull(column) ? nil : String(decoding: bytes(column), as: UTF8.self)
    }

    func bind(_ value: Int64?, at index: Int32) {
        if let value { sqlite3_bind_int64(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    func bind(_ value: Bool, at index: Int32) { sqlite3_bind_int64(handle, index, value ? 1 : 0) }

    func bind(_ value: String?, at index: Int32) {
        guard var text = value else { sqlite3_bind_null(handle, index); return }
        text.withUTF8 { utf8 in
            _ = sqlite3_bind_text(handle, index, utf8.baseAddress, Int32(utf8.count), sqliteTransient)
        }
    }

    /// Binds `column` of `text` without a copy: `text` must stay alive and
    /// unchanged until the statement has run (the rows of a document are
    /// inserted inside one `withUnsafeBufferPointer` of their ``RowText``).
    func bind(_ column: RowText.Column?, in text: UnsafeBufferPointer<UInt8>, at index: Int32) {
        guard let column else { sqlite3_bind_null(handle, index); return }
        precondition(column.start >= 0 && column.start + column.count <= text.count, "a column of this text")
        guard column.count > 0, let base = text.baseAddress else {
            _ = sqlite3_bind_text(handle, index, "", 0, sqliteTransient)
            return
        }
        // nil destructor: SQLITE_STATIC, SQLite reads the bytes where they are.
        _ = sqlite3_bind_text64(
            handle, index, base + column.start, sqlite3_uint64(column.count), nil, UInt8(SQLITE_UTF8))
    }
}

/// A value ``RawStatement/run(_:)`` can bind: integers, text, booleans and their optionals (nil is NULL).
protocol RawBindable {
    func bind(to statement: RawStatement, at index: Int32)
}

extension Int64: RawBindable {
    func bind(to statement: RawStatement, at index: Int32) { statement.bind(self, at: index) }
}

extension String: RawBindable {
    func bind(to statement: RawStatement, at index: Int32) { statement.bind(self, at: index) }
}

extension Bool: RawBindable {
    func bind(to statement: RawStatement, at index: Int32) { statement.bind(self, at: index) }
}

extension Optional: RawBindable where Wrapped: RawBindable {
    func bind(to statement: RawStatement, at index: Int32) {
        if let value = self { value.bind(to: statement, at: index) } else { statement.bind(nil as String?, at: index) }
    }
}

/// SQLite copies the bound text (the Swift buffer does not outlive the call).
private let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// An INSERT of many rows per execution: `VALUES (?, …), (?, …), …`, bound
/// row by row. SQLite opens its cursors (the table, its indexes, the parents
/// its foreign keys check) once per execution, which for a narrow row costs
/// about as much as inserting it; up to 64 rows an execution share that cost.
/// Lives for one transaction (a batch of documents, a relink).
///
/// Write `INSERT OR FAIL` where a failure ends the transaction anyway. A
/// plain `INSERT` of many rows may abort half done, so SQLite copies every
/// page the execution changes to a statement journal first, to undo it:
/// inserting a post's articles into the middle of `postArticle` copied
/// several times the corpus's size to a temporary file in a relink. `OR FAIL`
/// stops at the failing row without undoing the rows before it, and needs
/// no copy. (An `ON CONFLICT … DO UPDATE` always may abort.)
final class MultiRowInsert {
    private let db: Database
    private let head: String
    private let row: String
    private let tail: String
    private let columns: Int
    /// `statements[n - 1]`: the statement of `n` rows (a power of two),
    /// prepared when first needed.
    private var statements: [RawStatement?] = Array(repeating: nil, count: MultiRowInsert.rowsPerStatement)
    static let rowsPerStatement = 64

    /// `head` up to `VALUES`, `columns` placeholders a row, `tail` after the
    /// rows (an `ON CONFLICT` clause, or empty). Lives inside one access to `db`.
    init(_ db: Database, _ head: String, columns: Int, _ tail: String = "") {
        self.db = db
        self.head = head
        self.row = "(" + Array(repeating: "?", count: columns).joined(separator: ", ") + ")"
        self.tail = tail
        self.columns = columns
    }

    /// Inserts `count` rows; `bind(statement, k, first)` binds row `k`'s
    /// values at parameters `first`, `first + 1`, ….
    func run(count: Int, bind: (RawStatement, Int, Int32) -> Void) throws {
        var k = 0
        while k < count {
            // Executions of 64, 32, …, 1 rows: a batch of documents prepares
            // at most seven statements, whatever its articles' sizes.
            let rows = 1 << (Int.bitWidth - 1 - min(count - k, Self.rowsPerStatement).leadingZeroBitCount)
            let statement = try self.statement(rows: rows)
            for r in 0..<rows { bind(statement, k + r, Int32(r * columns + 1)) }
            try statement.run()
            k += rows
        }
    }

    private func statement(rows: Int) throws -> RawStatement {
        if let known = statements[rows - 1] { return known }
        let made = try RawStatement(
            db, sql: head + " " + Array(repeating: row, count: rows).joined(separator: ", ") + " " + tail)
        statements[rows - 1] = made
        return made
    }
}
