/// Why the graph store could not be opened, read or written, with what to do about it.
///
/// `description` is one line for the terminal; it never contains article text.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, independent of the store file.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String, Sendable {
            case notADatabase = "not a database"
            case notAStore = "not a guanxi store"
            case newerSchema = "newer schema"
            case olderSchema = "older schema"
            case foreignCode = "foreign code"
            case missing = "missing"
            case corrupt = "corrupt"
            case database = "database"
        }

        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// The file exists but is not an SQLite database (left untouched).
        public static let notADatabase = Code(.notADatabase)
        /// An SQLite database that guanxi did not make, or an empty file,
        /// where a store was expected (left untouched).
        public static let notAStore = Code(.notAStore)
        /// The store was written by a newer guanxi.
        public static let newerSchema = Code(.newerSchema)
        /// The store was written by an older guanxi: only a build upgrades it.
        public static let olderSchema = Code(.olderSchema)
        /// The store holds triggers or views that guanxi did not create.
        public static let foreignCode = Code(.foreignCode)
        /// No store at the path and the command does not create one.
        public static let missing = Code(.missing)
        /// The SQLite file is damaged.
        public static let corrupt = Code(.corrupt)
        /// SQLite refused an operation (locked, full disk, constraint).
        public static let database = Code(.database)

        public var description: String { value.rawValue }
    }

    public var code: Code
    /// What went wrong and how it may be remedied.
    public var message: String
    /// The store file concerned.
    public var path: String
    /// The underlying error, if any.
    public var cause: (any Error & Sendable)?

    public init(_ code: Code, path: String, _ message: String, cause: (any Error & Sendable)? = nil) {
        self.code = code
        self.path = path
        self.message = message
        self.cause = cause
    }

    public var description: String { TerminalText.escaped("\(path): \(code): \(message)") }

    /// A tree with the cause, for `--verbose`.
    public var detailedDescription: String {
        var lines = ["StoreError: \(code)", "├─ Path: \(path)", "├─ Reason: \(message)"]
        if let cause { lines.append("└─ Cause: \(cause)") } else { lines[lines.count - 1] = "└─ Reason: \(message)" }
        return lines.joined(separator: "\n")
    }
}
