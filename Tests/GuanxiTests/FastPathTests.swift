import Foundation
import Testing

@testable import Guanxi

/// The byte-level fast paths of reading and writing: each gives the same
/// answer as the general code it stands in for.
@Suite struct FastPathTests {
    @Test func byteKeyAgreesWithStringOnNormalizedTextAndWithSQLiteOnTheRest() {
        let words = ["", "a", "ab", "市", "市委", "中共永康市委", "中共永康市委统一战线工作部", "永康市", "永康", "𠮷野", "é"]
        for a in words {
            for b in words {
                // The linker's keys come from one normalizer: there the two agree.
                #expect((ByteKey(a) == ByteKey(b)) == (a == b), "\(a) vs \(b)")
                if a == b { #expect(ByteKey(a).hashValue == ByteKey(b).hashValue) }
            }
        }
        // Canonically equivalent, different bytes: one String, two keys, as
        // SQLite's BINARY collation has them.
        let composed = "caf\u{E9}", decomposed = "cafe\u{301}"
        #expect(composed == decomposed)
        #expect(ByteKey(composed) != ByteKey(decomposed))
        // Keys side by side in a struct stay apart when their bytes run on.
        struct Pair: Hashable { var a: ByteKey, b: ByteKey }
        var seen = Set<Pair>()
        seen.insert(Pair(a: ByteKey("市委"), b: ByteKey("书记")))
        seen.insert(Pair(a: ByteKey("市"), b: ByteKey("委书记")))
        #expect(seen.count == 2)
        var counts: [ByteKey: Int] = [:]
        for w in ["永康市", "东阳市", "永康市"] { counts[ByteKey(w), default: 0] += 1 }
        #expect(counts[ByteKey("永康市")] == 2 && counts[ByteKey("东阳市")] == 1 && counts.count == 2)
        // Ordered as SQLite's BINARY collation orders text: by bytes, a prefix first.
        for a in words + [composed, decomposed] {
            for b in words + [composed, decomposed] {
                #expect((ByteKey(a) < ByteKey(b)) == a.utf8.lexicographicallyPrecedes(b.utf8), "\(a) < \(b)")
            }
        }
        #expect(
            ["永康市", "市委", "", "a", "𠮷野", "ab"].sorted { ByteKey($0) < ByteKey($1) } == [
                "", "a", "ab", "市委", "永康市", "𠮷野",
            ])
    }

    @Test func buildInputsArePathsAsFoundationStandardizesThem() throws {
        let dir = try TempDir()
        defer { dir.cleanUp() }
        try dir.write("永康/2018/03-01.txt", "市委书记")
        try dir.write("永康/2018/a b%20c.txt", "市委书记")
        try dir.write("东阳/page.html", "<p>市委书记</p>")
        try dir.write("东阳/.hidden/x.txt", "市委书记")
        try FileManager.default.createSymbolicLink(atPath: dir.path("link"), withDestinationPath: dir.path("东阳"))
        let root = dir.url.path
        // Relative forms too: up from the working folder to `/`, then down.
        let up = FileManager.default.currentDirectoryPath.split(separator: "/").map { _ in ".." }.joined(separator: "/")
        let relative = (up.isEmpty ? "." : up) + root
        let given = [
            root + "/永康", root + "/./永康/2018/", root + "//东阳/../东阳", root + "/link/",
            root + "/永康/2018/03-01.txt", root + "/",
        ]
        for inputs in [given, [relative + "/永康/2018", relative + "/永康/./2018/", relative + "/link", relative]] {
            var skipped: [BuildSummary.Skipped] = []
            let found = GraphBuilder.inputs(inputs, skipped: &skipped)
            #expect(!found.isEmpty && skipped.isEmpty)
            for input in found {
                #expect(input.path == URL(fileURLWithPath: input.file).standardizedFileURL.path, "\(input.file)")
            }
            // Each file once, by its standard path, at its first place.
            var expected: [String] = []
            for path in inputs {
                for file in InputFiles.expand([path]).files {
                    let standard = URL(fileURLWithPath: file).standardizedFileURL.path
                    if !expected.contains(standard) { expected.append(standard) }
                }
            }
            #expect(found.map(\.path) == expected)
        }
    }

    @Test func prefetcherStaysAWindowAheadAndStops() throws {
        let dir = try TempDir()
        defer { dir.cleanUp() }
        var paths: [String] = []
        for k in 0..<10 {
            let path = dir.path("p\(k).txt")
            try Data("市委书记\(k)".utf8).write(to: URL(fileURLWithPath: path))
            paths.append(path)
        }
        paths.insert(dir.path("vanished.txt"), at: 4)  // left to the reader to report
        let prefetcher = FilePrefetcher(paths: paths, window: 3, threads: 2)
        #expect(prefetcher.wait(forHinted: 3, timeout: 10))
        Thread.sleep(forTimeInterval: 0.05)
        #expect(prefetcher.hinted == 3, "no further than the window ahead of the reader")
        prefetcher.advance(to: 5)
        #expect(prefetcher.wait(forHinted: 8, timeout: 10))
        Thread.sleep(forTimeInterval: 0.05)
        #expect(prefetcher.hinted == 8)
        prefetcher.advance(to: paths.count)
        #expect(prefetcher.wait(forHinted: paths.count, timeout: 10))
        prefetcher.stop()
        // Stopping while the threads wait for the reader ends them too.
        let idle = FilePrefetcher(paths: paths, window: 1, threads: 3)
        #expect(idle.wait(forHinted: 1, timeout: 10))
        idle.stop()
        #expect(idle.hinted == 1)
    }

    @Test func pathExtensionFollowsNSString() {
        let paths = [
            "a.txt", "A.TXT", "dir/b.Html", "dir.txt/c", "x/.txt", ".htm", "a..", "..", "./a.htm/",
            "a.txt//", "/", "", "a.tx", "a.txtx", "年/2019-01-04.txt", "a.b.htm", "a.", "d/..", "abc",
        ]
        for p in paths {
            let ext = (p as NSString).pathExtension.lowercased()
            #expect(PathExtension.matches(p, "txt") == (ext == "txt"), "\(p)")
            #expect(PathExtension.matches(p, "htm") == (ext == "htm"), "\(p)")
            #expect(PathExtension.matches(p, "html") == (ext == "html"), "\(p)")
        }
    }

    @Test func pathParentFollowsNSString() {
        let paths = [
            "/c/yk/2018/a.txt", "/c/永康/2018年/1月/a.txt", "/a", "/", "", "/c/yk/", "/c/yk//", "a/b", "//a",
            "/c/yk/.hidden", "/c/yk/a b.txt",
        ]
        for p in paths {
            #expect(PathParent.of(p) == (p as NSString).deletingLastPathComponent, "\(p)")
        }
        #expect(PathParent.of("a") == "")  // Foundation on Linux traps on this one
        // A chain of folders stops at the root, and a folder outside it gives just the root.
        #expect(SQLiteGraphStore.folders(in: "/c/永康/2018", upTo: "/c") == ["/c/永康/2018", "/c/永康", "/c"])
        #expect(SQLiteGraphStore.folders(in: "/elsewhere/x", upTo: "/c") == ["/c"])
        #expect(SQLiteGraphStore.folders(in: "/c", upTo: "/c") == ["/c"])
    }

    @Test func utf8ScalarsAgreeWithTheStandardLibrary() {
        let samples: [[UInt8]] = [
            Array("金政 a\u{E9}\u{20000}\n".utf8), [], [0x41],
            [0xC0, 0x80], [0xC1, 0xBF], [0xC2, 0x80], [0xDF, 0xBF], [0xE0, 0x9F, 0xBF], [0xE0, 0xA0, 0x80],
            [0xED, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xEF, 0xBF, 0xBF], [0xF0, 0x8F, 0xBF, 0xBF],
            [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80],
            [0x80], [0xE4, 0xB8], [0xE4, 0xB8, 0x41], [0xF0, 0x9F, 0x98], [0xFF], [0x41, 0xE4],
        ]
        for bytes in samples {
            let standard = String(validating: bytes, as: UTF8.self).map { Array($0.unicodeScalars) }
            #expect(TextDecoder.utf8Scalars(bytes) == standard, "\(bytes)")
        }
        // Every two-byte sequence, and every three-byte one with a fixed last byte.
        for a in 0...255 {
            for b in 0...255 {
                for bytes in [[UInt8(a), UInt8(b)], [UInt8(a), UInt8(b), 0x80]] {
                    let standard = String(validating: bytes, as: UTF8.self).map { Array($0.unicodeScalars) }
                    if a == 0x0D || b == 0x0D {
                        #expect(TextDecoder.utf8Scalars(bytes) == nil)
                    } else if TextDecoder.utf8Scalars(bytes) != standard {
                        Issue.record("differs on \(bytes)")
                    }
                }
            }
        }
        // CR is left to the line-end normalization.
        #expect(TextDecoder.utf8Scalars(Array("a\r\nb".utf8)) == nil)
    }

    @Test func medianBySelectionMatchesSorting() {
        var generator = SystemRandomNumberGenerator()
        for n in 1...60 {
            for _ in 0..<20 {
                let values = (0..<n).map { _ in Int.random(in: 0..<8, using: &generator) * 10 }
                let sorted = values.sorted()
                for k in [0, n / 2, n - 1] {
                    #expect(ColumnLayout.element(k, ofSorted: values) == sorted[k])
                }
            }
        }
    }

    @Test func jsonStringFromScalarsMatchesStringPath() {
        let texts = ["金政\"市长\"\\", "a\nb\r\t\u{1}\u{1F}\u{7F}", "\u{2028}\u{2029}\u{E9}\u{20000}", ""]
        for text in texts {
            var a = JSONWriter()
            a.string(text)
            var b = JSONWriter()
            b.string(scalars: Array(text.unicodeScalars))
            #expect(a.output == b.output)
        }
        var w = JSONWriter()
        w.string(scalars: nil)
        w.endLine()
        w.int(1)
        #expect(w.output == "null\n1")
    }

    @Test func jsonIntegersOfEveryWidthAreWrittenAsSwiftPrintsThem() {
        var numbers = [0, 1, 9, 10, 99, 100, -1, -10, Int.max, Int.min, Int.min + 1]
        var power = 1
        for _ in 0..<18 {
            power *= 10
            numbers += [power - 1, power, power + 1, -power]
        }
        var w = JSONWriter()
        w.beginArray()
        for n in numbers { w.int(n) }
        w.endArray()
        #expect(w.output == "[" + numbers.map(String.init).joined(separator: ",") + "]")
    }

    @Test func jsonFieldsAndStringsAreWrittenPlainOrEscapedPerRFC8259() {
        var w = JSONWriter()
        w.beginObject()
        w.field("a", "金政")
        w.field("b", "x\"y\\z\n")
        w.field("c", true)
        w.key("d")
        w.beginArray()
        w.string("市长")
        w.string("\u{1}")
        w.string(nil)
        w.endArray()
        w.endObject()
        #expect(w.output == #"{"a":"金政","b":"x\"y\\z\n","c":true,"d":["市长","\u0001",null]}"#)
    }
}
