/// Why an export or a validation could not be done, with what to do about it.
///
/// `description` is one line for the terminal; it never contains article text.
///
/// ```swift
/// do { try GraphExporter(options).write(graph, to: .file("g.graphml")) }
/// catch let error as ExportError { print(error) }  // g.graphml: cannot write: …
/// ```
public struct ExportError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, independent of the file concerned.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String, Sendable {
            case output = "cannot write"
            case usage = "bad request"
            case xmlWriter = "XML writer"
            case schemaMissing = "schema missing"
            case invalid = "invalid"
            case unreadable = "unreadable"
            case unknownFormat = "unknown format"
            case idCollision = "id collision"
        }

        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// The output file or folder cannot be created or written.
        public static let output = Code(.output)
        /// The options do not fit together (for example CSV without `-o`).
        public static let usage = Code(.usage)
        /// libxml2's writer refused an element or attribute.
        public static let xmlWriter = Code(.xmlWriter)
        /// The schema files needed to validate could not be found.
        public static let schemaMissing = Code(.schemaMissing)
        /// The file does not conform to its schema.
        public static let invalid = Code(.invalid)
        /// The file to validate cannot be read or is not well-formed XML.
        public static let unreadable = Code(.unreadable)
        /// The file's format could not be recognised for validation.
        public static let unknownFormat = Code(.unknownFormat)
        /// Two store ids hashed to the same ASCII DOT id.
        public static let idCollision = Code(.idCollision)

        public var description: String { value.rawValue }
    }

    /// One problem a schema validator reported.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    public var code: Code
    /// What went wrong and how it may be remedied.
    public var message: String
    /// The file concerned (`-` for standard output).
    public var path: String
    /// Schema problems, for ``Code/invalid``.
    public var problems: [Problem]
    /// The underlying error, if any.
    public var cause: (any Error & Sendable)?

    public init(
        _ code: Code, path: String, _ message: String, problems: [Problem] = [],
        cause: (any Error & Sendable)? = nil
    ) {
        self.code = code
        self.path = path
        self.message = message
        self.problems = problems
        self.cause = cause
    }

    public var description: String { TerminalText.escaped("\(path): \(code): \(message)") }

    /// A tree with every problem and the cause, for `--verbose`.
    public var detailedDescription: String {
        var lines = ["ExportError: \(code)", "├─ Path: \(path)", "├─ Reason: \(message)"]
        for problem in problems { lines.append("├─ \(problem)") }
        if let cause { lines.append("├─ Cause: \(cause)") }
        lines[lines.count - 1] = "└" + lines[lines.count - 1].dropFirst()
        return lines.joined(separator: "\n")
    }
}
