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
    static func folderWithFIFO(in sandbox: TempDir) throws -> (folder: URL, fifo: String) {
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
        let sandbox = try TempDir()
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
            #expect(
                naming.first?.contains("not a regular file: it is a FIFO") == true, "\(arguments): \(result.stderr)")
        }
        // The page beside it is read.
        let extract = try GuanxiCLI.run(["extract", folder.path], in: sandbox.url, timeout: 30)
        #expect(try extract.jsonLines().count == 3)
    }

    @Test func inputFilesListsNoFIFOAndTheReaderRefusesOne() throws {
        let sandbox = try TempDir()
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
        let sandbox = try TempDir()
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

// MARK: - Only build writes a store

/// Every command that reads a store, each with the arguments it needs.
let readCommands: [[String]] = [
    ["stats"], ["check"], ["explain", "金政"], ["person", "金政"], ["coappear", "金政"], ["post", "市委书记"],
    ["org", "中共永康市委"], ["path", "金政", "张群环"], ["top"], ["export", "--format", "json", "-o", "out.json"],
]

/// A file's bytes, modification time and the names in its folder, to show
/// that nothing wrote there.
struct FileState: Equatable {
    var bytes: Data
    var modified: Date?
    var folder: [String]

    init(_ path: String) throws {
        bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        modified = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
        folder = try FileManager.default.contentsOfDirectory(atPath: (path as NSString).deletingLastPathComponent)
            .sorted()
    }
}

/// Makes `paths` immutable (`chattr +i`: not even root may write, create or
/// delete there) until `release`; false where the file system or the
/// process's capabilities do not allow it.
func makeImmutable(_ paths: [String]) -> Bool {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["chattr", "+i"] + paths
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
}

func releaseImmutable(_ paths: [String]) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["chattr", "-i"] + paths
    process.standardError = FileHandle.nullDevice
    try? process.run()
    process.waitUntilExit()
}

extension HostileInputTests {
    @Test func readCommandsRefuseAForeignDatabaseAndLeaveItByteForByte() throws {
        let sandbox = try TempDir()
        let path = sandbox.url.appendingPathComponent("notes.db").path
        try sqlite3(path, "CREATE TABLE note (body TEXT); INSERT INTO note VALUES ('x'); PRAGMA user_version = 5;")
        let before = try FileState(path)
        for arguments in readCommands + [["build", GuanxiCLI.seeds.path]] {
            let result = try GuanxiCLI.run(arguments + ["--store", path], in: sandbox.url)
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(
                result.stderr.contains("notes.db: not a guanxi store: an SQLite database that guanxi did not make"),
                "\(arguments): \(result.stderr)")
            #expect(try FileState(path) == before, "\(arguments) wrote to the database or beside it")
        }
        #expect(try sqlite3(path, "PRAGMA user_version; PRAGMA journal_mode;") == "5\ndelete\n")
    }

    @Test func readCommandsRefuseAnEmptyFileAndAnEmptyDatabase() throws {
        let sandbox = try TempDir()
        let empty = sandbox.url.appendingPathComponent("empty.sqlite").path
        try sandbox.write(Data(), to: "empty.sqlite")
        let blank = sandbox.url.appendingPathComponent("blank.sqlite").path
        try sqlite3(blank, "PRAGMA user_version = 3; VACUUM;")
        for (path, message) in [(empty, "the file is empty, not a guanxi store"), (blank, "an empty SQLite database")] {
            let before = try FileState(path)
            for arguments in readCommands {
                let result = try GuanxiCLI.run(arguments + ["--store", path], in: sandbox.url)
                #expect(result.status == 2, "\(arguments): \(result.stderr)")
                #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
                #expect(try FileState(path) == before, "\(arguments) wrote to \(path) or beside it")
            }
        }
    }

    @Test func readCommandsOnAMissingStoreCreateNothing() throws {
        let sandbox = try TempDir()
        for arguments in readCommands {
            let result = try GuanxiCLI.run(arguments + ["--store", "none.sqlite"], in: sandbox.url)
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("none.sqlite: missing: no store here"), "\(arguments): \(result.stderr)")
            let left = try FileManager.default.contentsOfDirectory(atPath: sandbox.url.path)
            #expect(left.isEmpty, "\(arguments) created \(left)")
        }
    }

    @Test func readCommandsReadAStoreInAFolderNobodyMayWrite() throws {
        let sandbox = try TempDir()
        let folder = try sandbox.directory("ro")
        let path = folder.appendingPathComponent("g.sqlite").path
        let build = try GuanxiCLI.run(["build", GuanxiCLI.seeds.path, "--store", path], in: sandbox.url)
        try #require(build.status == 0, "\(build.stderr)")
        // At rest, without its -wal and -shm: a reader must not need to create them.
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.path)
        let immutable = makeImmutable([path, folder.path])
        defer {
            if immutable { releaseImmutable([path, folder.path]) }
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
        }
        let before = try FileState(path)
        for arguments in readCommands {
            let result = try GuanxiCLI.run(arguments + ["--store", path], in: sandbox.url)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            #expect(try FileState(path) == before, "\(arguments) wrote to the store or beside it")
        }
        // The header's user_version (bytes 60-63, big-endian): the store's schema.
        #expect(before.bytes[60..<64].reduce(0) { $0 << 8 | Int($1) } == SQLiteGraphStore.schemaVersion)
    }

    @Test func readCommandsRefuseAnOlderStoreUntouchedAndABuildUpgradesIt() throws {
        let sandbox = try TempDir()
        let path = sandbox.url.appendingPathComponent("g.sqlite").path
        try #require(try GuanxiCLI.run(["build", GuanxiCLI.seeds.path, "--store", path], in: sandbox.url).status == 0)
        // As schema 6 left it: the last migration not yet run.
        try sqlite3(
            path,
            "DELETE FROM grdb_migrations WHERE identifier = 'Find mentions by name through their people'; "
                + "PRAGMA user_version = 6;")
        let before = try FileState(path)
        for arguments in readCommands {
            let result = try GuanxiCLI.run(arguments + ["--store", path], in: sandbox.url)
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(
                result.stderr.contains("g.sqlite: older schema: this store has schema version 6"), "\(result.stderr)")
            #expect(try FileState(path) == before, "\(arguments) wrote to the store")
        }
        let upgrade = try GuanxiCLI.run(["build", GuanxiCLI.seeds.path, "--store", path], in: sandbox.url)
        #expect(upgrade.status == 0, "\(upgrade.stderr)")
        #expect(try GuanxiCLI.run(["stats", "--store", path], in: sandbox.url).status == 0)
    }

    @Test func aStoreABuildWasKilledInIsRecoveredAForeignOneIsNot() throws {
        let sandbox = try TempDir()
        let store = sandbox.url.appendingPathComponent("g.sqlite").path
        try #require(try GuanxiCLI.run(["build", GuanxiCLI.seeds.path, "--store", store], in: sandbox.url).status == 0)
        let foreign = sandbox.url.appendingPathComponent("notes.db").path
        // Big enough that deleting its rows spills to the file before a commit.
        try sqlite3(
            foreign,
            "CREATE TABLE note (body TEXT); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                + "WHERE i < 2000) INSERT INTO note SELECT hex(randomblob(500)) FROM n;")
        // A program killed in the middle of a transaction leaves a hot journal.
        for (path, table) in [(store, "document"), (foreign, "note")] {
            let script = """
                import os, sqlite3, sys
                c = sqlite3.connect(sys.argv[1], isolation_level=None)
                c.execute('PRAGMA journal_mode = DELETE'); c.execute('PRAGMA cache_size = 1')
                c.execute('BEGIN'); c.execute('DELETE FROM \(table)'); os._exit(0)
                """
            let python = Process()
            python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            python.arguments = ["python3", "-c", script, path]
            try python.run()
            python.waitUntilExit()
            #expect(FileManager.default.fileExists(atPath: path + "-journal"))
        }
        let stats = try GuanxiCLI.run(["stats", "--store", store], in: sandbox.url)
        #expect(stats.status == 0, "\(stats.stderr)")
        #expect(stats.stdout.contains("documents: 5"), "\(stats.stdout)")

        let before = try FileState(foreign)
        let refused = try GuanxiCLI.run(["stats", "--store", foreign], in: sandbox.url)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("unfinished transaction"), "\(refused.stderr)")
        #expect(try FileState(foreign) == before)
    }
}

// MARK: - Exports never write over the store

extension HostileInputTests {
    @Test func exportOntoTheStoreOrItsFilesIsRefusedAndTheStoreKept() throws {
        let sandbox = try TempDir()
        let store = sandbox.url.appendingPathComponent("g.sqlite").path
        try #require(try GuanxiCLI.run(["build", GuanxiCLI.seeds.path, "--store", store], in: sandbox.url).status == 0)
        try FileManager.default.createSymbolicLink(
            atPath: sandbox.url.appendingPathComponent("link").path, withDestinationPath: store)
        try FileManager.default.linkItem(atPath: store, toPath: sandbox.url.appendingPathComponent("hard").path)
        _ = try sandbox.directory("sub")
        let before = try Data(contentsOf: URL(fileURLWithPath: store))
        let outputs: [(output: String, names: String)] = [
            ("g.sqlite", "the store itself"), ("./sub/../g.sqlite", "the store itself"), (store, "the store itself"),
            ("link", "the store itself"), ("hard", "the store itself"), ("g.sqlite-wal", "write-ahead log"),
            ("g.sqlite-shm", "shared memory file"), ("g.sqlite.lock", "lock file"), ("g.sqlite-journal", "journal"),
        ]
        for (output, names) in outputs {
            for format in ["json", "graphml"] {
                let result = try GuanxiCLI.run(
                    ["export", "--format", format, "--store", "g.sqlite", "-o", output], in: sandbox.url)
                #expect(result.status == 1, "-o \(output): \(result.stderr)")
                #expect(
                    result.stderr.contains("this is \(names.hasPrefix("the") ? "" : "the store's ")\(names)"),
                    "\(result.stderr)")
            }
        }
        // The store as a link, the output its real log.
        let linked = try GuanxiCLI.run(
            ["export", "--format", "json", "--store", "link", "-o", "g.sqlite-wal"], in: sandbox.url)
        #expect(linked.status == 1, "\(linked.stderr)")
        // CSV: a folder's nodes.csv is no store file, but the prefix's can be.
        try FileManager.default.moveItem(
            atPath: store + ".lock", toPath: sandbox.url.appendingPathComponent("p-nodes.csv").path)
        try FileManager.default.createSymbolicLink(
            atPath: store + ".lock", withDestinationPath: sandbox.url.appendingPathComponent("p-nodes.csv").path)
        let csv = try GuanxiCLI.run(["export", "--format", "csv", "--store", "g.sqlite", "-o", "p"], in: sandbox.url)
        #expect(csv.status == 1, "\(csv.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: store)) == before)
        #expect(try GuanxiCLI.run(["check", "--store", store], in: sandbox.url).status == 0)
    }

    @Test func aFailedExportLeavesNoFileAndTheOldOneWhole() throws {
        let dir = try TempDir()
        defer { dir.cleanUp() }
        let path = try dir.write("g.json", "the export before\n")
        let sink = try ExportSink.file(path)
        sink.write(String(repeating: "x", count: 1 << 19))  // past one buffer: written to disk
        sink.fail(ExportError(.output, path: path, "failed on purpose"))
        #expect(throws: ExportError.self) { try sink.finish() }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "the export before\n")
        // A new file that fails is not created at all, and no temporary file stays.
        let fresh = dir.path("new.json")
        do {
            let sink = try ExportSink.file(fresh)
            sink.write("{")
            sink.fail(ExportError(.output, path: fresh, "failed on purpose"))
            #expect(throws: ExportError.self) { try sink.finish() }
        }
        #expect(!FileManager.default.fileExists(atPath: fresh))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path) == ["g.json"])
        // One that succeeds replaces the file, with its permissions.
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)
        let good = try ExportSink.file(path)
        good.write("new\n")
        try good.finish()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new\n")
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o640)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path) == ["g.json"])
    }
}

// MARK: - Option limits

extension HostileInputTests {
    @Test func onlyRealDatesAreDates() {
        for date in ["2019", "2019-02", "2019-02-28", "2020-02-29", "2000-02-29", "1949-10-01"] {
            #expect(ISODate.problem(date) == nil, "\(date)")
        }
        let wrong = [
            "2019-13": "there is no month 13", "2019-00": "there is no month 0", "2019-02-30": "2019-02 has 28 days",
            "1900-02-29": "1900-02 has 28 days", "2019-13-45": "there is no month 13",
            "2019-04-31": "2019-04 has 30 days",
            "2019-1-1": "write 2019, 2019-04 or 2019-04-27", "２０１９": "write 2019, 2019-04 or 2019-04-27",
            "0000": "there is no year 0000", "2019/01": "write 2019, 2019-04 or 2019-04-27",
        ]
        for (date, problem) in wrong { #expect(ISODate.problem(date) == problem, "\(date)") }
        let curation = Curation.parse("split\t张三\tby-date\t2019-13-45\nsplit\t李四\tby-date\t2019-02-30\n", file: "c.tsv")
        #expect(curation.lines.isEmpty)
        #expect(curation.problems.map(\.line) == [1, 2])
        #expect(curation.problems.first?.message.contains("there is no month 13") == true)
    }

    @Test func optionsAtTheirLimitsAreRefusedOrEnd() throws {
        let sandbox = try TempDir()
        let store = sandbox.url.appendingPathComponent("g.sqlite").path
        try #require(try GuanxiCLI.run(["build", GuanxiCLI.seeds.path, "--store", store], in: sandbox.url).status == 0)
        for (option, date) in [("--since", "2019-13"), ("--until", "2019-02-30")] {
            for command in [["person", "金政"], ["top"], ["export", "--format", "json"]] {
                let result = try GuanxiCLI.run(command + [option, date, "--store", store], in: sandbox.url)
                #expect(result.status == 64, "\(command) \(option) \(date): \(result.stderr)")
                #expect(result.stderr.contains("\(option) '\(date)' is not a date"), "\(result.stderr)")
            }
        }
        let huge = "9223372036854775807"
        for command in ["extract", "articles", "build"] {
            let result = try GuanxiCLI.run(
                [command, GuanxiCLI.seeds.path, "--max-file-size", huge]
                    + (command == "build" ? ["--store", store] : []),
                in: sandbox.url)
            #expect(result.status == 64, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("--max-file-size is at most 1048576 MB"), "\(command): \(result.stderr)")
            #expect(!result.stderr.contains("too large"), "\(command): \(result.stderr)")
        }
        let deep = try GuanxiCLI.run(
            ["export", "--format", "json", "--ego", "金政", "--depth", huge, "--store", store], in: sandbox.url,
            timeout: 20)
        let shallow = try GuanxiCLI.run(
            ["export", "--format", "json", "--ego", "金政", "--depth", "50", "--store", store], in: sandbox.url)
        #expect(deep.status == 0, "\(deep.stderr)")
        #expect(deep.stdout == shallow.stdout && !deep.stdout.isEmpty)
    }
}

// MARK: - Code inside a store

extension HostileInputTests {
    /// A view that never ends when evaluated.
    static let endless = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x FROM c"

    @Test func buildRefusesTriggersAndViewsItDidNotCreateBeforeWriting() throws {
        let sandbox = try TempDir()
        let store = sandbox.url.appendingPathComponent("g.sqlite").path
        try #require(try GuanxiCLI.run(["build", GuanxiCLI.seeds.path, "--store", store], in: sandbox.url).status == 0)
        let page = try sandbox.directory("more").appendingPathComponent("p.txt")
        try Data("本报讯 市委书记王建新在会上强调，要抓好落实。\n".utf8).write(to: page)
        for code in [
            "CREATE TABLE spy (x); CREATE TRIGGER t AFTER INSERT ON document BEGIN INSERT INTO spy VALUES (1); END;",
            "CREATE VIEW loop AS \(Self.endless);",
        ] {
            let copy = sandbox.url.appendingPathComponent("copy.sqlite").path
            try? FileManager.default.removeItem(atPath: copy)
            try FileManager.default.copyItem(atPath: store, toPath: copy)
            try sqlite3(copy, code)
            let before = try sqlite3(copy, ".dump")
            let result = try GuanxiCLI.run(["build", page.path, "--store", copy], in: sandbox.url, timeout: 30)
            #expect(result.status == 2, "\(result.stderr)")
            #expect(result.stderr.contains("foreign code: the store holds"), "\(result.stderr)")
            #expect(result.stderr.contains("which guanxi did not create and will not run; nothing was written"))
            #expect(try sqlite3(copy, ".dump") == before)
        }
    }

    @Test func checkReportsCodeItDidNotCreateWithoutEvaluatingIt() throws {
        let sandbox = try TempDir()
        let store = sandbox.url.appendingPathComponent("g.sqlite").path
        try #require(try GuanxiCLI.run(["build", GuanxiCLI.seeds.path, "--store", store], in: sandbox.url).status == 0)
        try sqlite3(
            store, "CREATE VIEW loop AS \(Self.endless); CREATE TRIGGER t AFTER DELETE ON person BEGIN SELECT 1; END;")
        let check = try GuanxiCLI.run(["check", "--store", store], in: sandbox.url, timeout: 30)
        #expect(check.status == 1, "\(check.stdout)\(check.stderr)")
        #expect(
            check.stdout.contains("problem: foreign-code: 2 trigger(s) or view(s) guanxi did not create"),
            "\(check.stdout)")
        #expect(check.stdout.contains("trigger t; view loop"), "\(check.stdout)")
        // The queries never read the extra view: they answer.
        #expect(try GuanxiCLI.run(["person", "金政", "--store", store], in: sandbox.url, timeout: 30).status == 0)

        // A view in place of guanxi's own would be evaluated by every reader: refused.
        try sqlite3(
            store,
            "DROP VIEW coappearanceArticle; CREATE VIEW coappearanceArticle (personA, personB, articleId) AS "
                + "SELECT 'a', 'b', x FROM (\(Self.endless));")
        for arguments in readCommands {
            let result = try GuanxiCLI.run(arguments + ["--store", store], in: sandbox.url, timeout: 30)
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("coappearanceArticle is a view guanxi did not create"), "\(result.stderr)")
        }
    }
}

// MARK: - Small ones

extension HostileInputTests {
    @Test func aStoreThatIsNotARegularFileIsRefusedAndNothingIsCreatedBesideIt() throws {
        let sandbox = try TempDir()
        let fifo = sandbox.url.appendingPathComponent("pipe.sqlite").path
        try #require(mkfifo(fifo, 0o644) == 0)
        // A lock file left by the guanxi that made one is not ours to judge by.
        try? FileManager.default.removeItem(atPath: "/dev/null.lock")
        for store in ["/dev/null", fifo] {
            for arguments in [
                ["build", GuanxiCLI.seeds.path], ["build", GuanxiCLI.seeds.path, "--dry-run"], ["stats"],
            ] {
                let result = try GuanxiCLI.run(arguments + ["--store", store], in: sandbox.url, timeout: 30)
                #expect(result.status == 2, "\(arguments) \(store): \(result.stderr)")
                #expect(result.stderr.contains("\(store): not a database: not a regular file"), "\(result.stderr)")
                #expect(!FileManager.default.fileExists(atPath: store + ".lock"), "\(arguments) made \(store).lock")
            }
        }
    }

    @Test func aDryRunOnANewStoreLeavesNothingBehind() throws {
        let sandbox = try TempDir()
        let tmp = try sandbox.directory("tmp")
        let result = try GuanxiCLI.run(
            ["build", GuanxiCLI.seeds.path, "--store", "new.sqlite", "--dry-run"], in: sandbox.url,
            environment: ["TMPDIR": tmp.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("dry run: nothing was written to new.sqlite"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path) == [])
        #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.url.path).sorted() == ["tmp"])
    }

    @Test func queriesAskedNonsenseSaySoWithStatus1() throws {
        let sandbox = try TempDir()
        let store = sandbox.url.appendingPathComponent("g.sqlite").path
        try #require(try GuanxiCLI.run(["build", GuanxiCLI.seeds.path, "--store", store], in: sandbox.url).status == 0)
        let twice = try GuanxiCLI.run(["coappear", "金政", "金政@永康市", "--store", store], in: sandbox.url)
        #expect(twice.status == 1, "\(twice.stdout)")
        #expect(twice.stderr.contains("names one person twice (金政@永康市)"), "\(twice.stderr)")
        #expect(twice.stdout.isEmpty)
        let unknown = try GuanxiCLI.run(["post", "无此职务", "--store", store], in: sandbox.url)
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no post titled 无此职务"), "\(unknown.stderr)")
        // A post held outside the window is no error: nobody held it then.
        let none = try GuanxiCLI.run(
            ["post", "市委书记", "--since", "2023", "--until", "2023", "--store", store], in: sandbox.url)
        #expect(none.status == 0, "\(none.stderr)")
        #expect(none.stdout.contains("市委书记: 0 holders"))
    }

    @Test func versionAndJSONOfStatsAndExplain() throws {
        let sandbox = try TempDir()
        let version = try GuanxiCLI.run(["--version"], in: sandbox.url)
        #expect(version.status == 0)
        #expect(version.stdout == "guanxi 0.1.0-dev (store schema \(SQLiteGraphStore.schemaVersion))\n")
        let store = sandbox.url.appendingPathComponent("g.sqlite").path
        try #require(try GuanxiCLI.run(["build", GuanxiCLI.seeds.path, "--store", store], in: sandbox.url).status == 0)
        let stats = try GuanxiCLI.run(["stats", "--store", store, "--format", "json"], in: sandbox.url)
        let counts = try #require(try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
        #expect(counts["documents"] as? Int == 5 && counts["articles"] as? Int == 12)
        #expect((counts["people_by_kind"] as? [String: Int])?["official"] == 27)
        #expect(counts["last_build"] as? String == "finished")
        let explain = try GuanxiCLI.run(["explain", "金政", "--store", store, "--format", "json"], in: sandbox.url)
        let people = try #require(try JSONSerialization.jsonObject(with: Data(explain.stdout.utf8)) as? [[String: Any]])
        #expect(people.count == 1)
        #expect((people.first?["person"] as? [String: Any])?["id"] as? String == "金政@永康市")
        #expect((people.first?["mentions"] as? [Any])?.count == 3)
        #expect(
            (people.first?["decisions"] as? [[String: Any]])?.first?["rule"] as? String == "same-name-same-jurisdiction"
        )
    }

    @Test func brokenPDFsGetALineEachAFolderWithNoPageAHintAndLockFilesAreIgnoredByGit() throws {
        let sandbox = try TempDir()
        let folder = try sandbox.directory("papers")
        for name in ["a.pdf", "b.PDF"] { try sandbox.write(Data("%PDF-1.4".utf8), to: "papers/" + name) }
        let other = try sandbox.directory("notes")
        try sandbox.write(Data("%PDF-1.4".utf8), to: "notes/notes.doc")
        for command in ["extract", "articles"] {
            let result = try GuanxiCLI.run([command, folder.path, other.path], in: sandbox.url)
            #expect(result.status == 1, "\(command)")
            let damaged = result.stderr.split(separator: "\n").filter { $0.contains(": damaged: not a readable PDF") }
            #expect(damaged.count == 2, "\(result.stderr)")
            #expect(
                result.stderr.contains("no .txt, .html, .htm or .pdf page in this folder; it holds 1 .doc file(s)"),
                "\(result.stderr)")
        }
        for file in ["guanxi.sqlite.lock", "g.sqlite-journal"] {
            let git = Process()
            git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            git.arguments = ["git", "-C", GuanxiCLI.root.path, "check-ignore", "-q", file]
            try git.run()
            git.waitUntilExit()
            #expect(git.terminationStatus == 0, "\(file) is not in .gitignore")
        }
    }

    @Test func controlCharactersInFileNamesReachTheTerminalEscaped() throws {
        let sandbox = try TempDir()
        let folder = try sandbox.directory("pages")
        // ESC ] 0 ; … BEL retitles a terminal; ESC [ 2 J clears it.
        let name = "evil\u{1B}]0;pwned\u{07}\u{1B}[2J.txt"
        try sandbox.write(Data(), to: "pages/" + name)
        try sandbox.write(Data("本报讯 市委书记王建新在会上强调，要抓好落实。\n".utf8), to: "pages/ok\u{1B}[31m.txt")
        let store = sandbox.url.appendingPathComponent("g.sqlite").path
        for arguments in [["extract", folder.path], ["build", folder.path, "--store", store]] {
            let result = try GuanxiCLI.run(arguments, in: sandbox.url)
            #expect(result.status == 1, "\(arguments)")
            #expect(
                !result.stderr.contains("\u{1B}") && !result.stderr.contains("\u{07}"),
                "\(result.stderr.debugDescription)")
            #expect(result.stderr.contains("evil\\x1B]0;pwned\\x07\\x1B[2J.txt"), "\(result.stderr.debugDescription)")
        }
        let explain = try GuanxiCLI.run(["explain", "王建新", "--store", store], in: sandbox.url)
        #expect(explain.status == 0, "\(explain.stderr)")
        #expect(!explain.stdout.contains("\u{1B}") && explain.stdout.contains("ok\\x1B[31m.txt"), "\(explain.stdout)")
    }
}

// MARK: - Manifests

extension HostileInputTests {
    @Test func aManifestLineDatesOnlyTheFileItNamesAndUnmatchedLinesAreReported() throws {
        let sandbox = try TempDir()
        let text = Data("本报讯 市委书记王建新在会上强调，要抓好落实。\n".utf8)
        _ = try sandbox.directory("a")
        _ = try sandbox.directory("b/2019-05-06")
        try sandbox.write(text, to: "a/p.txt")
        try sandbox.write(text, to: "b/2019-05-06/p.txt")
        try sandbox.write(Data("path,date\np.txt,2016-01-02\nmissing.txt,2017\n".utf8), to: "a/dates.csv")
        let result = try GuanxiCLI.run(
            ["articles", "a", "b", "--manifest", "a/dates.csv"], in: sandbox.url)
        #expect(result.status == 0, "\(result.stderr)")
        let dates = Dictionary(
            try result.jsonLines().map { ($0["source"] as? String ?? "", $0["date"] as? String ?? "-") },
            uniquingKeysWith: { a, _ in a })
        #expect(dates["a/p.txt"] == "2016-01-02")
        #expect(dates["b/2019-05-06/p.txt"] == "2019-05-06", "\(dates)")
        let warnings = result.stderr.split(separator: "\n")
        #expect(warnings.count == 1, "\(result.stderr)")
        #expect(warnings.first?.contains("a/dates.csv:3: no page read is missing.txt") == true, "\(result.stderr)")

        let store = sandbox.url.appendingPathComponent("g.sqlite").path
        let build = try GuanxiCLI.run(
            ["build", "a", "b", "--manifest", "a/dates.csv", "--store", store], in: sandbox.url)
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stderr.contains("warning: a/dates.csv:3: no page read is missing.txt"), "\(build.stderr)")
    }
}

// MARK: - Duplicates

extension HostileInputTests {
    @Test func aPageReadTwiceUnderTwoNamesIsReported() throws {
        let sandbox = try TempDir()
        let seed = GuanxiCLI.seeds.appendingPathComponent("000_079fb6277d6555bd.txt")
        _ = try sandbox.directory("corpus/copy")
        try FileManager.default.copyItem(at: seed, to: sandbox.url.appendingPathComponent("corpus/a.txt"))
        try FileManager.default.copyItem(at: seed, to: sandbox.url.appendingPathComponent("corpus/copy/a.txt"))
        try FileManager.default.copyItem(
            at: GuanxiCLI.seeds.appendingPathComponent("002_464f650378e7a734.txt"),
            to: sandbox.url.appendingPathComponent("corpus/b.txt"))
        let result = try GuanxiCLI.run(["build", "corpus", "--store", "g.sqlite"], in: sandbox.url)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n").filter { $0.contains("same content") }
        #expect(
            lines == [
                "guanxi: warning: corpus/copy/a.txt has the same content as corpus/a.txt: its articles and "
                    + "co-appearances count twice; leave one of the two out"
            ], "\(result.stderr)")
    }
}

// MARK: - Read options

extension HostileInputTests {
    @Test func aBuildWithAnotherManifestDateOrHomeReReadsThePagesItChanges() throws {
        let sandbox = try TempDir()
        let page = GuanxiCLI.seeds.appendingPathComponent("000_079fb6277d6555bd.txt").path
        try sandbox.write(Data("path,date\n\(page),2010-01-02\n".utf8), to: "d1.csv")
        try sandbox.write(Data("path,date\n\(page),2011-03-04\n".utf8), to: "d2.csv")
        func build(_ extra: [String]) throws -> String {
            let result = try GuanxiCLI.run(
                ["build", GuanxiCLI.seeds.path, "--store", "g.sqlite"] + extra, in: sandbox.url)
            #expect(result.status == 0, "\(result.stderr)")
            return result.stdout.split(separator: "\n").first.map(String.init) ?? ""
        }
        #expect(try build(["--manifest", "d1.csv"]) == "files: 5 (5 added, 0 replaced, 0 unchanged, 0 skipped)")
        #expect(try build(["--manifest", "d1.csv"]) == "files: 5 (0 added, 0 replaced, 5 unchanged, 0 skipped)")
        #expect(try build(["--manifest", "d2.csv"]) == "files: 5 (0 added, 1 replaced, 4 unchanged, 0 skipped)")
        let store = sandbox.url.appendingPathComponent("g.sqlite").path
        #expect(
            try sqlite3(
                store,
                "SELECT DISTINCT date FROM article WHERE documentId = "
                    + "(SELECT id FROM document WHERE path LIKE '%000_079fb6277d6555bd.txt')") == "2011-03-04\n")
        #expect(
            try build(["--manifest", "d2.csv", "--home", "金华市"])
                == "files: 5 (0 added, 5 replaced, 0 unchanged, 0 skipped)")
        #expect(try sqlite3(store, "SELECT DISTINCT homeJurisdiction FROM document") == "金华市\n")
        #expect(
            try build(["--manifest", "d2.csv", "--home", "金华市"])
                == "files: 5 (0 added, 0 replaced, 5 unchanged, 0 skipped)")
    }
}

// MARK: - Paths

extension HostileInputTests {
    @Test func aBuildThroughALinkTakesTheLockOfTheFileItNames() throws {
        let dir = try TempDir()
        defer { dir.cleanUp() }
        let store = dir.path("g.sqlite")
        _ = try SQLiteGraphStore(path: store)
        let link = dir.path("link.sqlite")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: store)
        let held = try SQLiteGraphStore.lockForWriting(path: store)
        defer { held.release() }
        let error = #expect(throws: StoreError.self) { try SQLiteGraphStore.lockForWriting(path: link) }
        #expect(error?.message.contains("another guanxi build is writing to \(link)") == true)
        #expect(!FileManager.default.fileExists(atPath: link + ".lock"))
    }

    @Test func csvToAPathEndingInCSVWritesThePairBesideIt() throws {
        #expect(try GraphExport.csvPaths("out.csv") == ("out-nodes.csv", "out-edges.csv"))
        #expect(try GraphExport.csvPaths("a/b.CSV") == ("a/b-nodes.csv", "a/b-edges.csv"))
        #expect(try GraphExport.csvPaths("no-such-prefix") == ("no-such-prefix-nodes.csv", "no-such-prefix-edges.csv"))
    }
}

// MARK: - Reasons

extension HostileInputTests {
    @Test func aPageNestedDeeperThanLibxml2ReadsSaysSo() throws {
        let dir = try TempDir()
        defer { dir.cleanUp() }
        let deep = try dir.write(
            "deep.html",
            "<html><body>" + String(repeating: "<div>", count: 100_000)
                + "<p>本报讯 市委书记王建新在会上强调，要抓好落实。</p>" + String(repeating: "</div>", count: 100_000)
                + "</body></html>")
        let error = ReaderFixtures.readerError { () throws(ReaderError) in try PageReader().read(path: deep) }
        #expect(error?.code == .noArticle)
        #expect(
            error?.message.contains("nests elements deeper than libxml2 reads") == true, "\(String(describing: error))")
        // A page that merely has no article keeps the usual reason.
        let plain = try dir.write("plain.html", "<html><body><script>x</script></body></html>")
        let other = ReaderFixtures.readerError { () throws(ReaderError) in try PageReader().read(path: plain) }
        #expect(other?.message.contains("nests") == false)
    }
}

// MARK: - Ids

extension HostileInputTests {
    @Test func aJournalistsIdDoesNotChangeWhenTheCorpusFolderMoves() throws {
        let sandbox = try TempDir()
        _ = try sandbox.directory("one/papers")
        _ = try sandbox.directory("two/deeper")
        // No place named: the journalists' scope is the input folder.
        try sandbox.write(Data("本报讯（记者 陈慧 通讯员 朱宇天）今天天气很好，大家都很开心，一起去公园散步。\n".utf8), to: "one/papers/a.txt")
        let first = sandbox.url.appendingPathComponent("1.sqlite").path
        try #require(try GuanxiCLI.run(["build", "one/papers", "--store", first], in: sandbox.url).status == 0)
        try FileManager.default.moveItem(
            at: sandbox.url.appendingPathComponent("one/papers"),
            to: sandbox.url.appendingPathComponent("two/deeper/papers"))
        let second = sandbox.url.appendingPathComponent("2.sqlite").path
        try #require(try GuanxiCLI.run(["build", "two/deeper/papers", "--store", second], in: sandbox.url).status == 0)
        let ids = "SELECT id FROM person ORDER BY id"
        #expect(try sqlite3(first, ids) == "朱宇天@journalist:papers\n陈慧@journalist:papers\n")
        #expect(try sqlite3(second, ids) == sqlite3(first, ids))
    }
}
