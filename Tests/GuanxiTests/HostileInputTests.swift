import Foundation
import Testing

@testable import Guanxi

#if canImport(Glibc)
import Glibc
#endif

/// Issue 23: hostile input and foreign files. No input hangs a command, and
/// no command but `build` writes where it was not asked to.
@Suite struct HostileInputTests {
    // MARK: - FIFOs, sockets and devices among the pages

    /// A folder holding one seed page and a FIFO named like a page.
    static func folderWithFIFO(in sandbox: CLISandbox) throws -> (folder: URL, fifo: String) {
        let folder = try sandbox.directory("in")
        try FileManager.default.copyItem(
            at: GuanxiCLI.seeds.appendingPathComponent("000_079fb6277d6555bd.txt"),
            to: folder.appendingPathComponent("000.txt"))
        let fifo = folder.appendingPathComponent("pipe.txt").path
        try #require(mkfifo(fifo, 0o644) == 0, "mkfifo failed")
        return (folder, fifo)
    }

    @Test(arguments: ["extract", "articles", "build"])
    func aFIFOAmongThePagesIsSkippedWithOneLineNotWaitedFor(_ command: String) throws {
        let sandbox = try CLISandbox()
        let (folder, fifo) = try Self.folderWithFIFO(in: sandbox)
        for input in [folder.path, fifo] {
            var arguments = [command, input]
            if command == "build" { arguments += ["--store", sandbox.url.appendingPathComponent("g.sqlite").path] }
            let clock = Date()
            let result = try GuanxiCLI.run(arguments, in: sandbox.url, timeout: 30)
            #expect(Date().timeIntervalSince(clock) < 30, "\(arguments) waited on the FIFO")
            #expect(result.status == 1, "\(arguments): \(result.stderr)")
            let naming = result.stderr.split(separator: "\n").filter { $0.contains("pipe.txt") }
            #expect(naming.count == 1, "\(arguments): \(result.stderr)")
            #expect(naming.first?.contains("not a regular file: it is a FIFO") == true, "\(arguments): \(result.stderr)")
        }
        // The page beside it is read.
        let extract = try GuanxiCLI.run(["extract", folder.path], in: sandbox.url, timeout: 30)
        #expect(try extract.jsonLines().count == 3)
    }

    @Test func inputFilesListsNoFIFOAndTheReaderRefusesOne() throws {
        let sandbox = try CLISandbox()
        let (folder, fifo) = try Self.folderWithFIFO(in: sandbox)
        let (files, problems) = InputFiles.expand([folder.path, fifo, "/dev/null"])
        #expect(files == [folder.appendingPathComponent("000.txt").path])
        #expect(problems.map(\.path) == [fifo, fifo, "/dev/null"])
        #expect(problems.allSatisfy { $0.code == .unsupported })
        #expect(problems.last?.message.contains("a character device") == true)
        // A page replaced by a FIFO after it was listed: refused without waiting.
        let error = ReaderFixtures.readerError { () throws(ReaderError) in try PageReader().read(path: fifo) }
        #expect(error?.code == .unsupported)
    }

    @Test func thePrefetcherDoesNotWaitForAFIFOsWriter() throws {
        let sandbox = try CLISandbox()
        let (_, fifo) = try Self.folderWithFIFO(in: sandbox)
        let prefetcher = FilePrefetcher(paths: [fifo], threads: 1)
        let hinted = prefetcher.wait(forHinted: 1, timeout: 5)
        if !hinted {
            // Let a blocked open return, so that stop() can end.
            let writer = open(fifo, O_WRONLY | O_NONBLOCK)
            if writer >= 0 { close(writer) }
        }
        prefetcher.stop()
        #expect(hinted, "the prefetcher blocked opening a FIFO")
    }
}
