/// A connection to an SQL database server as ``PostgresGraphStore`` uses it:
/// statements with `$n` parameters, rows of integers and text, and
/// transactions. The GuanxiPostgres library provides one over PostgresNIO,
/// so that this library holds no network code.
///
/// Every method throws ``StoreError`` (the server's message, never a password).
public protocol SQLSession: AnyObject, Sendable {
    /// Runs `sql` with `binds` as `$1…`; returns every row.
    @discardableResult
    func rows(_ sql: String, _ binds: [SQLValue]) throws -> [SQLRow]
    /// Runs statements without parameters (several, separated by `;`).
    func execute(_ sql: String) throws
    /// Runs `body` in a transaction (a savepoint inside another): committed
    /// when it returns, rolled back when it throws or when `rollback`.
    func transaction<T>(rollback: Bool, _ body: () throws -> T) throws -> T
    /// Runs `body`'s reads on one snapshot of the database (a read-only
    /// repeatable-read transaction), so that a build committing meanwhile is
    /// seen wholly or not at all; inside a transaction, runs it there.
    func reading<T>(_ body: () throws -> T) throws -> T
    /// Loads `rows` (each a value for each of `columns`, in order) into
    /// `table` with one `COPY … FROM STDIN` in text format (``CopyText``):
    /// a bulk load, with no `ON CONFLICT`. Names are unquoted identifiers
    /// (PostgreSQL folds them to lower case).
    func copy(into table: String, columns: [String], rows: [[SQLValue]]) throws
}

/// A value bound to a statement or read from a row: the column types of the store.
public enum SQLValue: Sendable, Hashable {
    case int(Int64?)
    case text(String?)

    static func int(_ value: Int?) -> SQLValue { .int(value.map(Int64.init)) }
    static func bool(_ value: Bool) -> SQLValue { .int(value ? 1 : 0) }
}

/// One row of a result, its cells by column number.
public struct SQLRow: Sendable, Hashable {
    public var values: [SQLValue]

    public init(_ values: [SQLValue]) { self.values = values }

    /// A text cell; nil for NULL (an integer reads as its digits).
    public func string(_ column: Int) -> String? {
        switch values[column] {
        case .text(let value): value
        case .int(let value): value.map(String.init)
        }
    }

    /// An integer cell; nil for NULL or text that is not a number.
    public func int64(_ column: Int) -> Int64? {
        switch values[column] {
        case .int(let value): value
        case .text(let value): value.flatMap { Int64($0) }
        }
    }

    public func int(_ column: Int) -> Int? { int64(column).map(Int.init) }
    /// A 0/1 integer cell as a Bool.
    public func bool(_ column: Int) -> Bool { (int64(column) ?? 0) != 0 }
}

extension SQLSession {
    @discardableResult
    func rows(_ sql: String) throws -> [SQLRow] { try rows(sql, []) }

    /// The first column of the first row as an integer; nil when there is no row or it is NULL.
    func int(_ sql: String, _ binds: [SQLValue] = []) throws -> Int64? {
        try rows(sql, binds).first?.int64(0)
    }

    func transaction<T>(_ body: () throws -> T) throws -> T { try transaction(rollback: false, body) }

    /// Inserts `rows` with `head` (`INSERT INTO t (a, b)`) and `tail`
    /// (`ON CONFLICT …`) as `SELECT * FROM unnest($1::T1[], $2::T2[], …)`:
    /// each column bound as one array (of `types`), so that a statement of
    /// many rows has one parameter a column, not one a cell. For writes
    /// COPY cannot do (an upsert).
    func insertColumns(_ head: String, types: [String], _ rows: [[SQLValue]], _ tail: String = "") throws {
        let page = 20_000
        let arrays = types.enumerated().map { "$\($0.offset + 1)::\($0.element)[]" }.joined(separator: ", ")
        var start = 0
        while start < rows.count {
            let part = rows[start..<min(start + page, rows.count)]
            let binds: [SQLValue] = types.indices.map { column in
                .text(PostgresGraphStore.textArray(part.map { row in SQLRow(row).string(column) }))
            }
            try self.rows("\(head) SELECT * FROM unnest(\(arrays)) \(tail)", binds)
            start += part.count
        }
    }

    /// Inserts `rows` (each of `columns` values) with `head` (`INSERT INTO t (a, b)`)
    /// and `tail` (`ON CONFLICT …`), many rows a statement.
    func insert(_ head: String, columns: Int, _ rows: [[SQLValue]], _ tail: String = "") throws {
        // PostgreSQL takes at most 65,535 parameters a statement.
        let page = max(1, min(1_000, 60_000 / columns))
        var start = 0
        while start < rows.count {
            let part = rows[start..<min(start + page, rows.count)]
            var sql = head + " VALUES "
            var binds: [SQLValue] = []
            binds.reserveCapacity(part.count * columns)
            for (k, row) in part.enumerated() {
                sql +=
                    (k == 0 ? "(" : ", (") + (1...columns).map { "$\(k * columns + $0)" }.joined(separator: ", ") + ")"
                binds += row
            }
            try self.rows(sql + " " + tail, binds)
            start += part.count
        }
    }
}
