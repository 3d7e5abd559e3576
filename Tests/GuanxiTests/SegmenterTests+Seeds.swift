import Foundation
import Testing

@testable import Guanxi

/// Reads a seed page by hand (UTF-8, CRLF → LF), as the Reader is rewritten elsewhere.
func seedPage(_ name: String) throws -> Page {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let path = root.appendingPathComponent("seeds").appendingPathComponent(name).path
    let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "\r\n", with: "\n")
    return Page(source: "seeds/" + name, format: .text, encoding: "UTF-8", text: text)
}

let seedNames = [
    "000_079fb6277d6555bd.txt", "001_543cd74df5d7101c.txt", "002_464f650378e7a734.txt",
    "003_3b3c3c81c1d6d9c1.txt", "004_bd9b75ef619eb89a.txt",
]

@Test(arguments: seedNames) func dumpSeed(_ name: String) throws {
    guard ProcessInfo.processInfo.environment["DUMP"] != nil else { return }
    for a in ArticleSegmenter().segment(try seedPage(name)) {
        print("\(name) #\(a.index) \(a.kind) H=[\(a.headline?.text ?? "-")] B=[\(a.byline?.text ?? "-")]")
        print("   body: \(a.body.text.prefix(60)) … \(a.body.text.suffix(30))")
    }
}
