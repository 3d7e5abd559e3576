/// Why a file could not be read into a page: a code, the file, and a one-line reason with a remedy.
///
/// `description` is the single line the CLI prints (`path: code: message`); it never
/// contains article text. Manifest errors also carry the line number.
///
/// ```swift
/// do { _ = try PageReader().read(path: "a.txt") } catch { print(error) }
/// // a.txt: empty: the file has no text (0 bytes)
/// ```
public struct ReaderError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, independent of the file.
    public enum Code: String, Sendable, Hashable {
        /// The path does not exist (or vanished between listing and reading).
        case notFound = "not found"
        /// The file or directory exists but cannot be opened (permissions, I/O error).
        case unreadable = "unreadable"
        /// The file has no bytes, or only whitespace.
        case empty = "empty"
        /// The file holds binary data (NUL bytes or many control bytes).
        case binary = "binary"
        /// The bytes are neither UTF-8 nor GB18030 (nor the charset an HTML page declares).
        case undecodable = "undecodable"
        /// The file is larger than the reader's size limit.
        case tooLarge = "too large"
        /// An HTML page in which no article text was found.
        case noArticle = "no article"
        /// Not a regular file (a directory given to the reader, a device, a pipe).
        case unsupported = "unsupported"
        /// A date manifest line that cannot be read.
        case badManifest = "bad manifest"
        /// A PDF locked with a password.
        case encrypted = "encrypted"
        /// A PDF poppler cannot read (truncated, corrupt, not a PDF at all).
        case damaged = "damaged"
        /// A scanned PDF page, and no tesseract (or no Chinese model) to read it.
        case needsOCR = "needs OCR"
    }

    /// What went wrong.
    public var code: Code
    /// The file (or manifest) concerned, as the user gave it.
    public var path: String
    /// One line, for the terminal: what was seen and what to do.
    public var message: String
    /// For manifest errors: the 1-based line number in the manifest.
    public var line: Int?

    /// An error about `path`; `message` is one line, without article text.
    public init(_ code: Code, path: String, _ message: String, line: Int? = nil) {
        self.code = code
        self.path = path
        self.message = message
        self.line = line
    }

    /// `path: code: message`, or `path:line: code: message` for a manifest line.
    /// The path is shown with its control characters escaped (``TerminalText``).
    public var description: String {
        let path = TerminalText.escaped(path)
        if let line { return "\(path):\(line): \(code.rawValue): \(message)" }
        return "\(path): \(code.rawValue): \(message)"
    }

    /// A multi-line rendering for `--verbose`: code, file, line and reason on separate lines.
    public var detailedDescription: String {
        var lines = ["ReaderError: \(code.rawValue)", "├─ path: \(path)"]
        if let line { lines.append("├─ line: \(line)") }
        lines.append("└─ reason: \(message)")
        return lines.joined(separator: "\n")
    }
}
