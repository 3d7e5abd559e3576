/// A curation line that could not be applied, with its line number.
public struct CurationProblem: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { "\(file):\(line): \(message)" }
}

/// Why a curation file could not be read at all (missing where one was
/// named, or not UTF-8 text), with what to do about it.
public struct CurationError: Error, Sendable, CustomStringConvertible {
    /// The curation file concerned.
    public var path: String
    /// What went wrong and how it may be remedied.
    public var message: String

    public init(path: String, _ message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { TerminalText.escaped("\(path): curation: \(message)") }
}
