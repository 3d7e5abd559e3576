import Foundation
import Testing

@testable import Guanxi

/// Fixtures under `Fixtures/reader`, the repository's seed pages, and scratch directories.
enum ReaderFixtures {
    static func path(_ name: String) throws -> String {
        let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures/reader")
        return try #require(url).path
    }

    /// The repository root, found from this file's location (seeds are not a test resource).
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    static func seed(_ prefix: String) throws -> String {
        let dir = repositoryRoot.appendingPathComponent("seeds")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        let name = try #require(names.first { $0.hasPrefix(prefix) })
        return dir.appendingPathComponent(name).path
    }

    /// A fresh empty directory, removed by the caller with `cleanUp`.
    static func scratch() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("guanxi-reader-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.path
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        let dir = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    static func cleanUp(_ dir: String) {
        _ = chmod(dir, 0o755)
        try? FileManager.default.removeItem(atPath: dir)
    }

    /// The error `body` throws, or nil.
    static func readerError(_ body: () throws(ReaderError) -> Page) -> ReaderError? {
        do {
            _ = try body()
            return nil
        } catch {
            return error
        }
    }
}

// MARK: - Encodings

@Suite("Reader: encodings")
struct ReaderEncodingTests {
    @Test func utf8WithCRLFIsNormalizedToLF() throws {
        let page = try PageReader().read(path: try ReaderFixtures.path("utf8-crlf.txt"))
        #expect(page.format == .text)
        #expect(page.encoding == "UTF-8")
        #expect(
            page.text == "本报讯 市委书记郑一鸣出席会议。\n会议强调，要抓好落实。\n\n2019年是新中国成立70周年。\nEND\n")
        #expect(!page.text.unicodeScalars.contains("\r"))
    }

    @Test func utf8BOMIsStripped() throws {
        let page = try PageReader().read(path: try ReaderFixtures.path("utf8-bom.txt"))
        #expect(page.encoding == "UTF-8 BOM")
        #expect(page.text == "本报讯（记者 周文澜）市长钱思远主持会议。\n")
        #expect(page.text.unicodeScalars.first == "本")
    }

    @Test func gb18030TextIsDetected() throws {
        let page = try PageReader().read(path: try ReaderFixtures.path("gb18030.txt"))
        #expect(page.encoding == "GB18030")
        #expect(page.text.hasPrefix("本报讯 市委副书记方立群到西溪镇㑇村调研。\n陈䶮、何静怡等参加。"))
        // The file name has no date; the text says 2016 is the year described.
        #expect(page.date == PageDate(year: 2016, origin: .text))
    }

    @Test func gb2312HTMLWithMetaCharsetIsDecoded() throws {
        let page = try PageReader().read(path: try ReaderFixtures.path("founder-gb2312.htm"))
        #expect(page.format == .html)
        #expect(page.encoding == "GB18030")
        #expect(page.headline == "方立群调研基层党建工作")
        #expect(page.byline == "记者 林晓岚 通讯员 吴承泽")
        #expect(
            page.text == """
                方立群调研基层党建工作
                本报讯 11日，市委副书记方立群到西溪镇调研基层党建工作。
                方立群强调，要坚持抓基层、打基础，推动基层党组织全面进步、全面过硬。
                """)
        #expect(page.date == PageDate(year: 2019, month: 3, day: 12, origin: .html))
    }

    @Test func utf16WithBOMIsDecoded() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "市长主持会议\r\n".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let page = try PageReader().read(bytes: bytes, source: "memo.txt")
        #expect(page.encoding == "UTF-16LE")
        #expect(page.text == "市长主持会议\n")
    }

    @Test func staleGBLabelOnUTF8BytesReadsAsUTF8() throws {
        let html = """
            <html><head><meta charset="gbk"></head><body><div id="ozoom"><p>本报讯 全市安全生产工作会议召开，副市长出席并讲话。</p></div></body></html>
            """
        let page = try PageReader().read(bytes: Array(html.utf8), source: "x.html")
        #expect(page.encoding == "UTF-8")
        #expect(page.text == "本报讯 全市安全生产工作会议召开，副市长出席并讲话。")
    }

    @Test func utf8CutMidCharacterKeepsTheValidPart() throws {
        var bytes = Array("本报讯 市委常委会召开会议。".utf8)
        bytes.removeLast(2)  // half of the final "。"
        let page = try PageReader().read(bytes: bytes, source: "cut.txt")
        #expect(page.encoding == "UTF-8")
        #expect(page.text == "本报讯 市委常委会召开会议")
    }

    @Test func charsetDeclarationIsFoundInRawBytes() {
        let head = Array(#"<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=GB2312">"#.utf8)
        #expect(PageReader.declaredCharset(head) == "gb2312")
        #expect(PageReader.declaredCharset(Array(#"<meta charset='utf-8'>"#.utf8)) == "utf-8")
        #expect(PageReader.declaredCharset(Array("<p>no declaration</p>".utf8)) == nil)
        #expect(TextDecoder.canonicalCharset("x-gbk") == "GB18030")
    }
}

// MARK: - Bad input

@Suite("Reader: bad input")
struct ReaderBadInputTests {
    @Test func emptyFileAndWhitespaceOnlyFile() throws {
        let dir = try ReaderFixtures.scratch()
        defer { ReaderFixtures.cleanUp(dir) }
        try ReaderFixtures.write([], to: dir + "/empty.txt")
        try ReaderFixtures.write(Array(" \n\t\u{3000}\r\n".utf8), to: dir + "/blank.txt")

        let empty = ReaderFixtures.readerError { () throws(ReaderError) in
            try PageReader().read(path: dir + "/empty.txt")
        }
        #expect(empty?.code == .empty)
        #expect(empty?.description == "\(dir)/empty.txt: empty: the file has no text (0 bytes)")
        let blank = ReaderFixtures.readerError { () throws(ReaderError) in
            try PageReader().read(path: dir + "/blank.txt")
        }
        #expect(blank?.code == .empty)
        #expect(blank?.message == "the file holds only whitespace (8 bytes)")
    }

    @Test func binaryFiles() {
        let withNUL: [UInt8] = Array("PK".utf8) + [0x03, 0x04, 0x00, 0x00] + Array("本报讯".utf8)
        let nul = ReaderFixtures.readerError { () throws(ReaderError) in
            try PageReader().read(bytes: withNUL, source: "archive.txt")
        }
        #expect(nul?.code == .binary)
        #expect(nul?.message == "contains NUL bytes; not a text or HTML page")

        let controls = [UInt8](repeating: 0x01, count: 20) + Array(String(repeating: "a", count: 80).utf8)
        let ctl = ReaderFixtures.readerError { () throws(ReaderError) in
            try PageReader().read(bytes: controls, source: "junk.txt")
        }
        #expect(ctl?.code == .binary)
        #expect(ctl?.message == "20 control bytes in the first 100; not a text or HTML page")
    }

    @Test func invalidBytesAreUndecodable() {
        let bytes = Array("本报讯".utf8) + [0xFF, 0xFF, 0xFE, 0x20] + Array("会议".utf8)
        let error = ReaderFixtures.readerError { () throws(ReaderError) in
            try PageReader().read(bytes: bytes, source: "bad.txt")
        }
        #expect(error?.code == .undecodable)
        #expect(error?.description == "bad.txt: undecodable: \(TextDecoderMessages.undecodable)")
    }

    @Test func gb18030ThatDecodesToControlJunkIsRefused() {
        // 81 30 81 30 is GB18030 for U+0080, a C1 control: valid bytes, but not text.
        let bytes: [UInt8] = Array([[UInt8]](repeating: [0x81, 0x30, 0x81, 0x30], count: 10).joined())
        let error = ReaderFixtures.readerError { () throws(ReaderError) in
            try PageReader().read(bytes: bytes, source: "odd.txt")
        }
        #expect(error?.code == .undecodable)
        #expect(error?.message == TextDecoderMessages.undecodable)
    }

    /// Issue 23: a Big5 text page (traditional characters) was refused as
    /// undecodable GB18030; it is read as Big5.
    @Test func big5TextIsReadAsBig5() throws {
        // 市委書記王建新在會上強調 in Big5.
        let bytes: [UInt8] = [
            0xA5, 0xAB, 0xA9, 0x65, 0xAE, 0xD1, 0xB0, 0x4F, 0xA4, 0xFD, 0xAB, 0xD8, 0xB7, 0x73, 0xA6, 0x62,
            0xB7, 0x7C, 0xA4, 0x57, 0xB1, 0x6A, 0xBD, 0xD5, 0xA1, 0x41, 0x0A,
        ]
        let page = try PageReader().read(bytes: bytes, source: "big5.txt")
        #expect(page.encoding == "BIG5-HKSCS")
        #expect(page.text.hasPrefix("市委書記王建新在會上強調"))
    }

    @Test func htmlWithoutArticle() throws {
        let path = try ReaderFixtures.path("no-article.htm")
        let error = ReaderFixtures.readerError { () throws(ReaderError) in try PageReader().read(path: path) }
        #expect(error?.code == .noArticle)
        #expect(error?.path == path)
    }

    @Test func fileOverTheSizeLimit() throws {
        let dir = try ReaderFixtures.scratch()
        defer { ReaderFixtures.cleanUp(dir) }
        let big = dir + "/big.txt"
        let line = Array("本报讯 市委书记出席会议并讲话。\n".utf8)
        var bytes: [UInt8] = []
        while bytes.count <= PageReader.defaultMaxFileSize { bytes += line }
        try ReaderFixtures.write(bytes, to: big)

        let error = ReaderFixtures.readerError { () throws(ReaderError) in try PageReader().read(path: big) }
        #expect(error?.code == .tooLarge)
        #expect(error?.message.hasSuffix("is larger than the 16 MB limit (use --max-file-size)") == true)
        // A higher limit reads it.
        let page = try PageReader(maxFileSize: 32 << 20).read(path: big)
        #expect(page.text.unicodeScalars.count == bytes.count / line.count * 17)
        // A small limit is described in bytes.
        let small = ReaderFixtures.readerError { () throws(ReaderError) in
            try PageReader(maxFileSize: 1000).read(path: big)
        }
        #expect(small?.message.hasSuffix("larger than the 1000 bytes limit (use --max-file-size)") == true)
    }

    @Test func unreadableFile() throws {
        let dir = try ReaderFixtures.scratch()
        defer { ReaderFixtures.cleanUp(dir) }
        let path = dir + "/locked.txt"
        try ReaderFixtures.write(Array("本报讯 会议召开。".utf8), to: path)
        #expect(chmod(path, 0o000) == 0)
        // Root reads files whatever their mode bits; then there is nothing to assert.
        guard access(path, R_OK) != 0 else { return }
        let error = ReaderFixtures.readerError { () throws(ReaderError) in try PageReader().read(path: path) }
        #expect(error?.code == .unreadable)
        #expect(error?.message == "permission denied (check the file's permissions)")
    }

    @Test func fileThatVanishedAfterListing() throws {
        let dir = try ReaderFixtures.scratch()
        defer { ReaderFixtures.cleanUp(dir) }
        try ReaderFixtures.write(Array("本报讯".utf8), to: dir + "/gone.txt")
        let (files, problems) = InputFiles.expand([dir])
        #expect(files == [dir + "/gone.txt"])
        #expect(problems.isEmpty)
        try FileManager.default.removeItem(atPath: dir + "/gone.txt")
        let error = ReaderFixtures.readerError { () throws(ReaderError) in try PageReader().read(path: files[0]) }
        #expect(error?.code == .notFound)
        #expect(error?.message == "no such file (it may have been moved or deleted)")
    }

    @Test func directoryGivenToTheReader() throws {
        let dir = try ReaderFixtures.scratch()
        defer { ReaderFixtures.cleanUp(dir) }
        let error = ReaderFixtures.readerError { () throws(ReaderError) in try PageReader().read(path: dir) }
        #expect(error?.code == .unsupported)
    }

    @Test func detailedDescriptionIsATree() {
        let error = ReaderError(.badManifest, path: "dates.csv", "`x` is not a date", line: 3)
        #expect(error.description == "dates.csv:3: bad manifest: `x` is not a date")
        #expect(
            error.detailedDescription
                == "ReaderError: bad manifest\n├─ path: dates.csv\n├─ line: 3\n└─ reason: `x` is not a date")
    }
}

// MARK: - Input files

@Suite("Reader: input files")
struct ReaderInputFilesTests {
    @Test func directoriesRecurseInByteOrderAndSkipOtherExtensions() throws {
        let dir = try ReaderFixtures.scratch()
        defer { ReaderFixtures.cleanUp(dir) }
        for name in [
            "b.txt", "a.txt", "a/z.htm", "a/Y.HTML", "c.pdf", "sub/deep/d.TXT", ".hidden/x.txt", "sub/notes.md",
            "sub/页面.txt",
        ] {
            try ReaderFixtures.write(Array("本报讯".utf8), to: dir + "/" + name)
        }
        let (files, problems) = InputFiles.expand([dir, dir + "/c.pdf", dir + "/missing.txt", dir + "/a.txt"])
        #expect(
            files == [
                dir + "/a/Y.HTML", dir + "/a/z.htm", dir + "/a.txt", dir + "/b.txt", dir + "/c.pdf",
                dir + "/sub/deep/d.TXT", dir + "/sub/页面.txt",
            ])
        #expect(problems.map(\.code) == [.notFound])
        #expect(problems.first?.path == dir + "/missing.txt")
    }

    @Test func explicitFileWithOtherExtensionIsReadAsText() throws {
        let dir = try ReaderFixtures.scratch()
        defer { ReaderFixtures.cleanUp(dir) }
        try ReaderFixtures.write(Array("<p>本报讯</p>".utf8), to: dir + "/page.dat")
        let (files, _) = InputFiles.expand([dir + "/page.dat"])
        let page = try PageReader().read(path: try #require(files.first))
        #expect(page.format == .text)
        #expect(page.text == "<p>本报讯</p>")
    }

    @Test func unreadableDirectoryIsReportedAndTheRestGoesOn() throws {
        let dir = try ReaderFixtures.scratch()
        defer { ReaderFixtures.cleanUp(dir + "/locked"); ReaderFixtures.cleanUp(dir) }
        try ReaderFixtures.write(Array("本报讯".utf8), to: dir + "/locked/a.txt")
        try ReaderFixtures.write(Array("本报讯".utf8), to: dir + "/open/b.txt")
        #expect(chmod(dir + "/locked", 0o000) == 0)
        let (files, problems) = InputFiles.expand([dir])
        #expect(files.contains(dir + "/open/b.txt"))
        // Root lists directories whatever their mode bits; only assert the error otherwise.
        if access(dir + "/locked", R_OK) != 0 {
            #expect(files == [dir + "/open/b.txt"])
            #expect(problems.map(\.code) == [.unreadable])
            #expect(problems.first?.path == dir + "/locked")
        } else {
            #expect(files == [dir + "/locked/a.txt", dir + "/open/b.txt"])
        }
    }

    @Test func symlinkCycleIsWalkedOnce() throws {
        let dir = try ReaderFixtures.scratch()
        defer { ReaderFixtures.cleanUp(dir) }
        try ReaderFixtures.write(Array("本报讯".utf8), to: dir + "/x/a.txt")
        try FileManager.default.createSymbolicLink(atPath: dir + "/x/loop", withDestinationPath: dir + "/x")
        let (files, problems) = InputFiles.expand([dir])
        #expect(files == [dir + "/x/a.txt"])
        #expect(problems.isEmpty)
    }
}

/// Messages of the text decoder that tests compare whole.
enum TextDecoderMessages {
    static let undecodable =
        "neither valid UTF-8, GB18030 nor Big5: it decodes only into control characters and rare symbols "
        + "(convert it to UTF-8, e.g. with iconv -f ENCODING -t UTF-8)"
}
