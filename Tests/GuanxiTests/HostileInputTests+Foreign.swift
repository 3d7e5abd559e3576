import Foundation
import Testing

@testable import Guanxi

#if canImport(Glibc)
    import Glibc
#endif

// MARK: - File names that are not UTF-8 (issue 23, item 9)

/// 永康日报 in GBK, as a Windows zip archive leaves a name.
private let gbkName: [UInt8] = [0xD3, 0xC0, 0xBF, 0xB5, 0xC8, 0xD5, 0xB1, 0xA8] + Array(".txt".utf8)

/// Makes `folder/name` from raw bytes with `open(2)` and writes `contents` to it.
private func createFile(in folder: URL, name: [UInt8], contents: Data) throws {
    let path = Array(folder.path.utf8) + [UInt8(ascii: "/")] + name + [0]
    let fd = path.withUnsafeBufferPointer { buffer in
        buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
    }
    try #require(fd >= 0, "cannot create the test file: errno \(errno)")
    defer { close(fd) }
    let written = contents.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    try #require(written == contents.count)
}

/// Runs guanxi through `sh`, with `rawPath` as one argument given by its
/// bytes (octal escapes of printf), where a `String` argument cannot carry
/// bytes that are not UTF-8.
private func runWithRawPath(_ before: [String], rawPath: [UInt8], _ after: [String], in directory: URL) throws
    -> GuanxiCLI.Result
{
    let octal = rawPath.map {
        $0 < 0x80 && $0 != UInt8(ascii: "\\") && $0 != UInt8(ascii: "'") && $0 != UInt8(ascii: "%")
            ? String(UnicodeScalar($0)) : "\\" + String($0, radix: 8)
    }.joined()
    let quoted = { (s: String) in "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
    let script =
        "exec " + quoted(try GuanxiCLI.executable().path) + " " + before.map(quoted).joined(separator: " ")
        + " \"$(printf '\(octal)')\" " + after.map(quoted).joined(separator: " ")
    return try ProcessRunner.run(URL(fileURLWithPath: "/bin/sh"), ["-c", script], in: directory)
}

extension HostileInputTests {
    @Test func aPathsTextGivesBackEveryByteAndLeavesUTF8NamesAlone() {
        var generator = SystemRandomNumberGenerator()
        // Bytes drawn mostly from the awkward ones: high bytes, slashes, backslashes, x and hex digits.
        let alphabet: [UInt8] = [
            0x2F, 0x5C, 0x78, 0x41, 0x61, 0x30, 0x39, 0x2E, 0xE6, 0xB0, 0xB8, 0xD3, 0xC0, 0xFF, 0x80,
        ]
        for _ in 0..<2_000 {
            let count = Int.random(in: 0...12, using: &generator)
            let bytes = (0..<count).map { _ in
                Bool.random(using: &generator)
                    ? alphabet.randomElement(using: &generator)! : UInt8.random(in: 1...255, using: &generator)
            }
            let text = PathText.text(bytes)
            #expect(PathText.bytes(text) == bytes, "\(bytes) → \(text)")
            #expect(PathText.canonical(text) == text, "\(bytes) → \(text)")
        }
        // A UTF-8 path is its own text; a GBK name is escaped whole, its folder not.
        #expect(PathText.text(Array("/语料/2018-02-01.txt".utf8)) == "/语料/2018-02-01.txt")
        let mixed = PathText.text(Array("/语料/".utf8) + gbkName)
        #expect(
            mixed.hasPrefix("/语料/\\x") && mixed.hasSuffix(".txt") && !mixed.dropFirst(4).contains { $0.utf8.count > 1 })
        // A typed name escaped only in part names what the build stores.
        let partly = String(
            decoding: [UInt8](#"\xD3\xC0\xBF\xB5\xC8"#.utf8) + [0xD5, 0xB1] + Array(#"\xA8.txt"#.utf8), as: UTF8.self)
        #expect(PathText.canonical(partly) == PathText.text(gbkName))
    }

    @Test func aFileNamedInGBKIsReadStoredUnchangedShownEscapedAndRemoved() throws {
        let sandbox = try TempDir()
        let folder = try sandbox.directory("zip")
        let page = try Data(contentsOf: GuanxiCLI.seeds.appendingPathComponent("000_079fb6277d6555bd.txt"))
        try createFile(in: folder, name: gbkName, contents: page)
        try FileManager.default.copyItem(
            at: GuanxiCLI.seeds.appendingPathComponent("003_3b3c3c81c1d6d9c1.txt"),
            to: folder.appendingPathComponent("ok.txt"))
        let shown = "zip/" + PathText.text(gbkName)
        #expect(shown.allSatisfy(\.isASCII) && shown.contains("\\xD3\\xC0"))

        // extract and articles read it, naming it escaped.
        let extracted = try GuanxiCLI.run(["extract", "zip"], in: sandbox.url)
        #expect(extracted.status == 0 && extracted.stderr.isEmpty, "\(extracted.stderr)")
        let sources = try extracted.jsonLines().compactMap { $0["source"] as? String }
        let fromPage = sources.filter { $0 == shown }.count
        #expect(fromPage > 0, "\(Set(sources))")
        let articles = try GuanxiCLI.run(["articles", "zip", "--format", "text"], in: sandbox.url)
        #expect(articles.stdout.contains("== \(shown) #0 "), "\(articles.stdout.prefix(300))")

        // The same page named on the command line by its bytes, or as printed.
        let raw = try runWithRawPath(["extract"], rawPath: Array("zip/".utf8) + gbkName, [], in: sandbox.url)
        #expect(raw.status == 0, "\(raw.stderr)")
        #expect(try raw.jsonLines().compactMap { $0["source"] as? String } == Array(repeating: shown, count: fromPage))
        let typed = try GuanxiCLI.run(["extract", shown], in: sandbox.url)
        #expect(typed.status == 0, "\(typed.stderr)")
        #expect(try typed.jsonLines().count == fromPage)

        // build stores it under its text; a second build finds it unchanged.
        let store = sandbox.url.appendingPathComponent("g.sqlite").path
        let first = try GuanxiCLI.run(["build", "zip", "--store", "g.sqlite"], in: sandbox.url)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.hasPrefix("files: 2 (2 added, 0 replaced, 0 unchanged, 0 skipped)"), "\(first.stdout)")
        let again = try GuanxiCLI.run(["build", "zip", "--store", "g.sqlite"], in: sandbox.url)
        #expect(again.stdout.hasPrefix("files: 2 (0 added, 0 replaced, 2 unchanged, 0 skipped)"), "\(again.stdout)")
        let byBytes = try runWithRawPath(
            ["build"], rawPath: Array("zip/".utf8) + gbkName, ["--store", "g.sqlite"], in: sandbox.url)
        #expect(byBytes.stdout.hasPrefix("files: 1 (0 added, 0 replaced, 1 unchanged, 0 skipped)"), "\(byBytes.stdout)")
        let absolute = folder.standardizedFileURL.path + "/" + PathText.text(gbkName)
        #expect(
            try sqlite3(store, "SELECT path FROM document ORDER BY path")
                == "\(absolute)\n\(folder.standardizedFileURL.path)/ok.txt\n")
        // The Turtle export names its articles by the path, escaped (and percent-encoded in the IRI).
        let export = try GuanxiCLI.run(
            ["export", "--format", "ttl", "--store", "g.sqlite", "-o", "g.ttl"], in: sandbox.url)
        #expect(export.status == 0, "\(export.stderr)")
        let turtle = try String(contentsOf: sandbox.url.appendingPathComponent("g.ttl"), encoding: .utf8)
        #expect(turtle.contains("zip%2F%5CxD3%5CxC0%5CxBF%5CxB5"), "\(turtle.prefix(400))")

        // remove names it by its bytes.
        let removed = try runWithRawPath(
            ["remove"], rawPath: Array("zip/".utf8) + gbkName, ["--store", "g.sqlite"], in: sandbox.url)
        #expect(removed.status == 0, "\(removed.stderr)")
        #expect(removed.stdout.hasPrefix("  - \(absolute) ("), "\(removed.stdout)")
        #expect(try sqlite3(store, "SELECT count(*) FROM document") == "1\n")
        // …or as printed, after the next build stored it again.
        #expect(try GuanxiCLI.run(["build", "zip", "--store", "g.sqlite"], in: sandbox.url).status == 0)
        let printed = try GuanxiCLI.run(["remove", shown, "--store", "g.sqlite"], in: sandbox.url)
        #expect(printed.status == 0, "\(printed.stderr)")
        #expect(try sqlite3(store, "SELECT count(*) FROM document") == "1\n")
    }
}

// MARK: - Read options removed since (issue 23, item 7)

extension HostileInputTests {
    @Test func aManifestLineOrAHomeRemovedSinceReReadsThePagesTheyRead() throws {
        let sandbox = try TempDir()
        let corpus = try sandbox.directory("corpus")
        for name in ["000_079fb6277d6555bd.txt", "003_3b3c3c81c1d6d9c1.txt"] {
            try FileManager.default.copyItem(
                at: GuanxiCLI.seeds.appendingPathComponent(name), to: corpus.appendingPathComponent(name))
        }
        try sandbox.write(Data("path,date\ncorpus/000_079fb6277d6555bd.txt,2010-01-02\n".utf8), to: "dates.csv")
        try sandbox.write(Data("path,date\n".utf8), to: "none.csv")
        func build(_ store: String, _ extra: [String]) throws -> String {
            let result = try GuanxiCLI.run(["build", "corpus", "--store", store] + extra, in: sandbox.url)
            #expect(result.status == 0, "\(result.stderr)")
            return result.stdout.split(separator: "\n").first.map(String.init) ?? ""
        }
        let store = sandbox.url.appendingPathComponent("g.sqlite").path
        let reference = sandbox.url.appendingPathComponent("r.sqlite").path
        let dates =
            "SELECT d.source, a.position, a.date, a.dateInferred FROM article a JOIN document d ON d.id = a.documentId ORDER BY 1, 2"
        let homes = "SELECT source, homeJurisdiction FROM document ORDER BY source"
        #expect(try build("r.sqlite", []) == "files: 2 (2 added, 0 replaced, 0 unchanged, 0 skipped)")
        #expect(
            try build("g.sqlite", ["--manifest", "dates.csv"])
                == "files: 2 (2 added, 0 replaced, 0 unchanged, 0 skipped)")
        #expect(try sqlite3(store, dates).contains("2010-01-02"))
        // The line removed from the manifest: its page is read again and dated as without one.
        #expect(
            try build("g.sqlite", ["--manifest", "none.csv"])
                == "files: 2 (0 added, 1 replaced, 1 unchanged, 0 skipped)")
        #expect(try sqlite3(store, dates) == sqlite3(reference, dates))
        // The manifest itself left out: nothing more to read.
        #expect(try build("g.sqlite", []) == "files: 2 (0 added, 0 replaced, 2 unchanged, 0 skipped)")
        // A --home given, then left out: the pages get their own homes back.
        #expect(try build("g.sqlite", ["--home", "金华市"]) == "files: 2 (0 added, 2 replaced, 0 unchanged, 0 skipped)")
        #expect(try sqlite3(store, homes) != sqlite3(reference, homes))
        #expect(try build("g.sqlite", []) == "files: 2 (0 added, 2 replaced, 0 unchanged, 0 skipped)")
        #expect(try sqlite3(store, homes) == sqlite3(reference, homes))
        #expect(try build("g.sqlite", []) == "files: 2 (0 added, 0 replaced, 2 unchanged, 0 skipped)")
    }
}
