import Foundation

/// Reads files into pages: decodes the bytes, parses HTML, finds the date.
///
/// PLACEHOLDER (UTF-8 text only); the full reader replaces this file.
public struct PageReader: Sendable {
    public init() {}

    /// Reads one file.
    public func read(path: String) throws(ReaderError) -> Page {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReaderError(.unreadable, path: path, "cannot open the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ReaderError(.undecodable, path: path, "not UTF-8")
        }
        return Page(source: path, format: .text, encoding: "UTF-8", text: text)
    }
}
