import Foundation
import Guanxi
import PostgresNIO

/// One connection to a PostgreSQL server (``SQLSession``), used synchronously: each call
/// waits for the server's answer on the calling thread (never on an event
/// loop's). Calls are serialized; ``transaction(_:)`` nests as savepoints.
public final class PostgresSession: SQLSession, @unchecked Sendable {
    let url: PostgresURL
    private let connection: PostgresConnection
    private let logger: Logger
    private let lock = NSRecursiveLock()
    private var depth = 0
    private static let idSource = ManagedAtomicCounter()

    /// Connects to `url`.
    /// - Throws: ``StoreError`` `.database` saying why (server down, refused login, TLS), without the password.
    public init(_ url: PostgresURL) throws {
        self.url = url
        var logger = Logger(label: "guanxi.postgres")
        logger.logLevel = .critical
        self.logger = logger
        let tls: PostgresConnection.Configuration.TLS
        do {
            tls = try Self.tls(url.tls)
        } catch {
            throw StoreError(.database, path: url.description, "cannot set up TLS: \(error)")
        }
        let configuration = PostgresConnection.Configuration(
            host: url.host, port: url.port, username: url.user, password: url.password, database: url.database,
            tls: tls)
        do {
            connection = try PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration,
                id: Self.idSource.next(), logger: logger
            ).wait()
        } catch {
            throw Self.storeError(error, url: url, connecting: true)
        }
    }

    deinit {
        try? connection.close().wait()
    }

    private static func tls(_ mode: PostgresURL.TLSMode) throws -> PostgresConnection.Configuration.TLS {
        var configuration = TLSConfiguration.makeClientConfiguration()
        switch mode {
        case .disable:
            return .disable
        case .allow, .prefer:
            configuration.certificateVerification = .none
            return .prefer(try NIOSSLContext(configuration: configuration))
        case .require:
            // libpq's `require`: encrypted, the certificate not verified.
            configuration.certificateVerification = .none
            return .require(try NIOSSLContext(configuration: configuration))
        case .verifyCA:
            configuration.certificateVerification = .noHostnameVerification
            return .require(try NIOSSLContext(configuration: configuration))
        case .verifyFull:
            configuration.certificateVerification = .fullVerification
            return .require(try NIOSSLContext(configuration: configuration))
        }
    }

    /// Runs `sql` with `binds` as `$1…`; returns every row.
    @discardableResult
    public func rows(_ sql: String, _ binds: [SQLValue]) throws -> [SQLRow] {
        try lock.withLock {
            var bindings = PostgresBindings(capacity: binds.count)
            for bind in binds {
                switch bind {
                case .int(let value?): bindings.append(value)
                case .text(let value?): bindings.append(value)
                case .int(nil), .text(nil): bindings.appendNull()
                }
            }
            do {
                let result = try connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger).wait()
                return result.rows.map(Self.row)
            } catch {
                throw Self.storeError(error, url: url, connecting: false)
            }
        }
    }

    /// Runs statements without parameters (several, separated by `;`).
    public func execute(_ sql: String) throws {
        // One statement a query: the extended protocol takes one at a time.
        for statement in Self.statements(sql) { try rows(statement, []) }
    }

    /// The statements of `sql`, split at each `;` outside quotes and comments.
    static func statements(_ sql: String) -> [String] {
        var statements: [String] = []
        var current = ""
        var quote: Unicode.Scalar?
        var comment = false
        var previous: Unicode.Scalar = " "
        for c in sql.unicodeScalars {
            if comment {
                if c == "\n" { comment = false }
            } else if let q = quote {
                if c == q { quote = nil }
            } else if c == "'" || c == "\"" {
                quote = c
            } else if c == "-" && previous == "-" {
                comment = true
            } else if c == ";" {
                let statement = current.trimmingCharacters(in: .whitespacesAndNewlines)
                if !statement.isEmpty { statements.append(statement) }
                current = ""
                previous = " "
                continue
            }
            current.unicodeScalars.append(c)
            previous = c
        }
        let last = current.trimmingCharacters(in: .whitespacesAndNewlines)
        if !last.isEmpty { statements.append(last) }
        return statements
    }

    /// Runs `body` in a transaction (a savepoint inside another): committed
    /// when it returns, rolled back when it throws or when `rollback`.
    public func transaction<T>(rollback: Bool, _ body: () throws -> T) throws -> T {
        try lock.withLock {
            let savepoint = "guanxi_\(depth)"
            try execute(depth == 0 ? "BEGIN" : "SAVEPOINT \(savepoint)")
            depth += 1
            do {
                let result = try body()
                depth -= 1
                if rollback {
                    try execute(depth == 0 ? "ROLLBACK" : "ROLLBACK TO SAVEPOINT \(savepoint)")
                } else {
                    try execute(depth == 0 ? "COMMIT" : "RELEASE SAVEPOINT \(savepoint)")
                }
                return result
            } catch {
                depth -= 1
                try? execute(depth == 0 ? "ROLLBACK" : "ROLLBACK TO SAVEPOINT \(savepoint)")
                throw error
            }
        }
    }

    public func reading<T>(_ body: () throws -> T) throws -> T {
        try lock.withLock {
            guard depth == 0 else { return try body() }
            try execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            depth += 1
            defer {
                depth -= 1
                try? execute("ROLLBACK")
            }
            return try body()
        }
    }

    /// Loads `rows` into `table` with `COPY … FROM STDIN`, sent a megabyte at a time.
    public func copy(into table: String, columns: [String], rows: [[SQLValue]]) throws {
        guard !rows.isEmpty else { return }
        try lock.withLock {
            let connection = self.connection, logger = self.logger
            let outcome = Outcome()
            let done = DispatchSemaphore(value: 0)
            // copyFrom is async: it runs on a task of its own queue while this
            // thread waits. Not on the cooperative pool: the thread waiting
            // may be one of the pool's, and with every one of them waiting
            // the task would never run.
            Task(executorPreference: CopyExecutor.shared) {
                do {
                    try await connection.copyFrom(
                        table: table.lowercased(), columns: columns.map { $0.lowercased() }, logger: logger
                    ) { writer in
                        var bytes: [UInt8] = []
                        bytes.reserveCapacity(1 << 20 + 4_096)
                        for row in rows {
                            CopyText.append(row, to: &bytes)
                            if bytes.count >= 1 << 20 {
                                try await writer.write(ByteBuffer(bytes: bytes))
                                bytes.removeAll(keepingCapacity: true)
                            }
                        }
                        if !bytes.isEmpty { try await writer.write(ByteBuffer(bytes: bytes)) }
                    }
                } catch {
                    outcome.error = error
                }
                done.signal()
            }
            done.wait()
            if let error = outcome.error { throw Self.storeError(error, url: url, connecting: false) }
        }
    }

    // MARK: - Errors

    /// A store error for `error`, naming the server by its URL without the password.
    static func storeError(_ error: any Error, url: PostgresURL, connecting: Bool) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] {
                let state = error.serverInfo?[.sqlState] ?? ""
                let detail = error.serverInfo?[.detail].map { " (\($0))" } ?? ""
                var hint = ""
                switch state {
                case "28P01", "28000": hint = "; check the user and password (PGPASSWORD) and the server's pg_hba.conf"
                case "3D000": hint = "; create it (createdb) or name another database in the URL"
                case "42501": hint = "; this role may not do that: a reader role cannot build or curate"
                default: break
                }
                return StoreError(
                    .database, path: url.description, "PostgreSQL error \(state): \(message)\(detail)\(hint)",
                    cause: PostgresFailure(state: state, message: message))
            }
            if connecting || error.code == .connectionError || error.code == .serverClosedConnection {
                let reason = error.underlying.map { "\($0)" } ?? "\(error.code)"
                return StoreError(
                    .database, path: url.description,
                    "cannot connect to the PostgreSQL server at \(url.host):\(url.port) (\(reason)); is it running, "
                        + "and does the URL name it?")
            }
            return StoreError(.database, path: url.description, "PostgreSQL: \(error.code)")
        }
        return StoreError(.database, path: url.description, "\(error)")
    }
}

/// The server's error code and message, kept as a store error's cause.
struct PostgresFailure: Error, Sendable, CustomStringConvertible {
    var state: String
    var message: String
    var description: String { "\(state): \(message)" }
}

/// The executor of the COPY tasks: a serial dispatch queue, whose threads
/// are not those of the cooperative pool.
final class CopyExecutor: TaskExecutor, @unchecked Sendable {
    static let shared = CopyExecutor()
    private let queue = DispatchQueue(label: "guanxi.postgres.copy")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

/// The error of a COPY, handed from its task to the waiting thread.
final class Outcome: @unchecked Sendable {
    var error: (any Error)?
}

/// Connection ids for PostgresNIO's logs.
final class ManagedAtomicCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int {
        lock.withLock {
            value += 1; return value
        }
    }
}

extension PostgresSession {
    /// A row's cells as the store reads them: integers (`int2`/`int4`/`int8`)
    /// as integers, everything else as text.
    static func row(_ row: PostgresRow) -> SQLRow {
        var values: [SQLValue] = []
        for cell in row {
            guard cell.bytes != nil else {
                values.append(
                    cell.dataType == .int8 || cell.dataType == .int4 || cell.dataType == .int2 ? .int(nil) : .text(nil))
                continue
            }
            switch cell.dataType {
            case .int2: values.append(.int((try? cell.decode(Int16.self)).map(Int64.init)))
            case .int4: values.append(.int((try? cell.decode(Int32.self)).map(Int64.init)))
            case .int8: values.append(.int(try? cell.decode(Int64.self)))
            default: values.append(.text(try? cell.decode(String.self)))
            }
        }
        return SQLRow(values)
    }
}
