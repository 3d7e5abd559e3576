/// Why a file could not be read into a page. Each case names what a user can do.
public struct ReaderError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, independent of the file.
    public enum Code: String, Sendable, Hashable {
        case notFound = "not found"
        case unreadable = "unreadable"
        case empty = "empty"
        case binary = "binary"
        case undecodable = "undecodable"
        case tooLarge = "too large"
        case noArticle = "no article"
        case unsupported = "unsupported"
        case badManifest = "bad manifest"
    }

    public var code: Code
    public var path: String
    /// One line, for the terminal: what was seen and what to do.
    public var message: String

    public init(_ code: Code, path: String, _ message: String) {
        self.code = code
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(code.rawValue): \(message)" }
}
