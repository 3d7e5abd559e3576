import Foundation
import Testing

@testable import Guanxi

// MARK: - Duplicates and deleted pages (issue 23, item 11)

/// The graph a store holds, as rows to compare: people with their counts,
/// posts, co-appearance edges with their weights and articles' documents.
private func graphRows(_ store: String) throws -> String {
    try sqlite3(
        store,
        """
        SELECT 'person', id, kind, articleCount, mentionCount, firstDate, lastDate FROM person;
        SELECT 'post', id, articleCount, firstDate, lastDate FROM post;
        SELECT 'edge', personA, personB, weight, firstDate, lastDate FROM coappearance;
        SELECT 'counts', (SELECT count(*) FROM document), (SELECT count(*) FROM article),
            (SELECT count(*) FROM mention), (SELECT count(*) FROM organization);
        """)
}

/// What a remove or a dry run must leave alone: documents, builds, the link state.
private func storeState(_ store: String) throws -> String {
    try sqlite3(
        store,
        """
        SELECT path FROM document ORDER BY path;
        SELECT id, status, note FROM build ORDER BY id;
        SELECT fingerprint IS NOT NULL FROM linkState;
        """) + graphRows(store)
}

extension HostileInputTests {
    /// The five seed pages copied into `corpus/`, the ones named in
    /// `inFolder` into `corpus/sub/`.
    static func seedCorpus(in sandbox: TempDir, inFolder: Set<String> = []) throws -> [String: String] {
        _ = try sandbox.directory("corpus/sub")
        var paths: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: GuanxiCLI.seeds.path)
        where name.hasSuffix(".txt") {
            let path = inFolder.contains(name) ? "corpus/sub/\(name)" : "corpus/\(name)"
            try FileManager.default.copyItem(
                at: GuanxiCLI.seeds.appendingPathComponent(name), to: sandbox.url.appendingPathComponent(path))
            paths[name] = path
        }
        return paths
    }

    @Test func removingAFileTakesItsArticlesPeopleAndWeightsAsABuildWithoutItWould() throws {
        let sandbox = try TempDir()
        let page = "003_3b3c3c81c1d6d9c1.txt"
        let paths = try Self.seedCorpus(in: sandbox)
        let store = sandbox.url.appendingPathComponent("g.sqlite").path
        let built = try GuanxiCLI.run(["build", "corpus", "--store", "g.sqlite"], in: sandbox.url)
        #expect(built.status == 0, "\(built.stderr)")
        let absolute = sandbox.url.appendingPathComponent(try #require(paths[page])).standardizedFileURL.path
        // What only this page gave: people named nowhere else, edges it adds weight to.
        let onlyHere = try sqlite3(
            store,
            """
            SELECT DISTINCT mp.personId FROM mentionPerson mp JOIN mention m ON m.id = mp.mentionId
            JOIN article a ON a.id = m.articleId JOIN document d ON d.id = a.documentId
            WHERE d.path = '\(absolute)' AND mp.personId NOT IN (
                SELECT mp2.personId FROM mentionPerson mp2 JOIN mention m2 ON m2.id = mp2.mentionId
                JOIN article a2 ON a2.id = m2.articleId JOIN document d2 ON d2.id = a2.documentId
                WHERE d2.path <> '\(absolute)')
            ORDER BY 1;
            """
        ).split(separator: "\n")
        let weighted = try sqlite3(
            store,
            """
            SELECT count(DISTINCT ca.personA || ca.personB) FROM coappearanceArticle ca
            JOIN article a ON a.id = ca.articleId JOIN document d ON d.id = a.documentId WHERE d.path = '\(absolute)';
            """)
        let articles = try sqlite3(
            store, "SELECT count(*) FROM article a JOIN document d ON d.id = a.documentId WHERE d.path = '\(absolute)'"
        )
        .trimmingCharacters(in: .whitespacesAndNewlines)
        try #require(!onlyHere.isEmpty && weighted != "0\n", "the page should name people of its own and add weight")

        let removed = try GuanxiCLI.run(["remove", "corpus/\(page)", "--store", "g.sqlite"], in: sandbox.url)
        #expect(removed.status == 0, "\(removed.stderr)")
        let counted = articles == "1" ? "1 article" : "\(articles) articles"
        #expect(
            removed.stdout.hasPrefix("  - \(absolute) (\(counted))\nremoved: 1 document (\(counted))\n"),
            "\(removed.stdout)")
        #expect(try sqlite3(store, "SELECT count(*) FROM document WHERE path = '\(absolute)'") == "0\n")
        for person in onlyHere {
            #expect(try sqlite3(store, "SELECT count(*) FROM person WHERE id = '\(person)'") == "0\n", "\(person)")
        }
        #expect(
            try sqlite3(store, "SELECT status, note FROM build ORDER BY id DESC LIMIT 1")
                == "finished|remove: 1 document(s) (\(articles) article(s))\n")
        let check = try GuanxiCLI.run(["check", "--store", "g.sqlite"], in: sandbox.url)
        #expect(check.status == 0 && check.stderr.isEmpty, "\(check.stdout)\(check.stderr)")

        // Exactly the graph a build of the other pages makes.
        try FileManager.default.removeItem(at: sandbox.url.appendingPathComponent(try #require(paths[page])))
        let reference = try GuanxiCLI.run(["build", "corpus", "--store", "r.sqlite"], in: sandbox.url)
        #expect(reference.status == 0, "\(reference.stderr)")
        #expect(try graphRows(store) == graphRows(sandbox.url.appendingPathComponent("r.sqlite").path))
    }

    @Test func removingAFolderRemovesEveryDocumentStoredBelowItEvenWhenItIsGone() throws {
        let sandbox = try TempDir()
        let inFolder: Set = ["000_079fb6277d6555bd.txt", "002_464f650378e7a734.txt"]
        _ = try Self.seedCorpus(in: sandbox, inFolder: inFolder)
        let store = sandbox.url.appendingPathComponent("g.sqlite").path
        #expect(try GuanxiCLI.run(["build", "corpus", "--store", "g.sqlite"], in: sandbox.url).status == 0)
        let articles = try sqlite3(
            store,
            "SELECT count(*) FROM article a JOIN document d ON d.id = a.documentId "
                + "WHERE d.path LIKE '%/corpus/sub/%'"
        ).trimmingCharacters(in: .whitespacesAndNewlines)
        // The folder is deleted from disk first, and given with a trailing slash and a dot.
        try FileManager.default.removeItem(at: sandbox.url.appendingPathComponent("corpus/sub"))
        let removed = try GuanxiCLI.run(["remove", "./corpus/sub/", "--store", "g.sqlite"], in: sandbox.url)
        #expect(removed.status == 0, "\(removed.stderr)")
        #expect(removed.stdout.contains("removed: 2 documents (\(articles) articles)\n"), "\(removed.stdout)")
        #expect(try sqlite3(store, "SELECT count(*) FROM document WHERE path LIKE '%/corpus/sub/%'") == "0\n")
        #expect(try sqlite3(store, "SELECT count(*) FROM document") == "3\n")
        #expect(try GuanxiCLI.run(["check", "--store", "g.sqlite"], in: sandbox.url).status == 0)
        // A folder whose name only starts like a stored one names nothing.
        let prefix = try GuanxiCLI.run(["remove", "corpus/00", "--store", "g.sqlite"], in: sandbox.url)
        #expect(prefix.status == 1, "\(prefix.stdout)")
    }

    @Test func aPathNamingNoStoredDocumentIsOneLineAndExit1AndNothingIsRemoved() throws {
        let sandbox = try TempDir()
        let paths = try Self.seedCorpus(in: sandbox)
        let store = sandbox.url.appendingPathComponent("g.sqlite").path
        #expect(try GuanxiCLI.run(["build", "corpus", "--store", "g.sqlite"], in: sandbox.url).status == 0)
        let before = try storeState(store)
        let page = try #require(paths["000_079fb6277d6555bd.txt"])
        // Alone, or beside a path that names a document: that one stays too.
        for arguments in [["nowhere.txt"], [page, "nowhere.txt"]] {
            let result = try GuanxiCLI.run(["remove"] + arguments + ["--store", "g.sqlite"], in: sandbox.url)
            #expect(result.status == 1, "\(result.stdout)")
            let lines = result.stderr.split(separator: "\n")
            #expect(lines.filter { $0.contains("nowhere.txt") }.count == 1, "\(result.stderr)")
            #expect(
                lines.first?.hasPrefix("guanxi: nowhere.txt: no document is stored at ") == true, "\(result.stderr)")
            #expect(result.stdout.isEmpty, "\(result.stdout)")
            #expect(try storeState(store) == before)
        }
        // Removed once, a path names nothing the second time.
        #expect(try GuanxiCLI.run(["remove", page, "--store", "g.sqlite"], in: sandbox.url).status == 0)
        let after = try storeState(store)
        let again = try GuanxiCLI.run(["remove", page, "--store", "g.sqlite"], in: sandbox.url)
        #expect(again.status == 1, "\(again.stdout)")
        #expect(again.stderr.contains("no document is stored at"), "\(again.stderr)")
        #expect(try storeState(store) == after)
        // No store: refused, and none is made.
        let missing = try GuanxiCLI.run(["remove", page, "--store", "none.sqlite"], in: sandbox.url)
        #expect(missing.status == 2, "\(missing.stderr)")
        #expect(!FileManager.default.fileExists(atPath: sandbox.url.appendingPathComponent("none.sqlite").path))
    }

    @Test func aDryRunListsWhatWouldBeRemovedAndWritesNothing() throws {
        let sandbox = try TempDir()
        _ = try Self.seedCorpus(in: sandbox, inFolder: ["001_543cd74df5d7101c.txt"])
        let store = sandbox.url.appendingPathComponent("g.sqlite").path
        #expect(try GuanxiCLI.run(["build", "corpus", "--store", "g.sqlite"], in: sandbox.url).status == 0)
        let before = try storeState(store)
        let result = try GuanxiCLI.run(["remove", "corpus/sub", "--store", "g.sqlite", "--dry-run"], in: sandbox.url)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "dry run: nothing was written to g.sqlite")
        #expect(lines.count == 3, "\(result.stdout)")
        #expect(lines.dropFirst().first?.hasPrefix("  - /") == true, "\(result.stdout)")
        #expect(lines.dropFirst().first?.contains("/corpus/sub/001_543cd74df5d7101c.txt (") == true, "\(result.stdout)")
        #expect(lines.last?.hasPrefix("would remove: 1 document (") == true, "\(result.stdout)")
        #expect(try storeState(store) == before)
        let unknown = try GuanxiCLI.run(["remove", "nowhere", "--store", "g.sqlite", "--dry-run"], in: sandbox.url)
        #expect(unknown.status == 1)
    }

    @Test func aRemoveWithOtherLinkOptionsThanTheBuildSaysSo() throws {
        let sandbox = try TempDir()
        let paths = try Self.seedCorpus(in: sandbox)
        let options = ["--coappear", "official", "journalist"]
        #expect(try GuanxiCLI.run(["build", "corpus", "--store", "g.sqlite"] + options, in: sandbox.url).status == 0)
        let same = try GuanxiCLI.run(
            ["remove", try #require(paths["000_079fb6277d6555bd.txt"]), "--store", "g.sqlite"] + options,
            in: sandbox.url)
        #expect(same.status == 0 && same.stderr.isEmpty, "\(same.stderr)")
        let other = try GuanxiCLI.run(
            [
                "remove", try #require(paths["002_464f650378e7a734.txt"]), "--store", "g.sqlite", "--coappear",
                "official",
            ],
            in: sandbox.url)
        #expect(other.status == 0, "\(other.stderr)")
        #expect(other.stderr.contains("note: the graph had been linked with other link options"), "\(other.stderr)")
        #expect(
            try sqlite3(
                sandbox.url.appendingPathComponent("g.sqlite").path,
                "SELECT settings ->> '$.coappear' FROM linkState") == "[\"official\"]\n")
    }

    @Test func aRemoveRelinksWithTheLinkOptionsAndCurationTheGraphWasLinkedWith() throws {
        let sandbox = try TempDir()
        let paths = try Self.seedCorpus(in: sandbox)
        // Not the defaults: journalists co-appear, references count, and a
        // curation file that is not beside the store.
        _ = try sandbox.directory("cur")
        try sandbox.write(Data("# corrections\nnot-a-person\t金政\n".utf8), to: "cur/fixes.tsv")
        let options = ["--coappear", "official", "journalist", "--include-referenced", "--curation", "cur/fixes.tsv"]
        #expect(try GuanxiCLI.run(["build", "corpus", "--store", "g.sqlite"] + options, in: sandbox.url).status == 0)
        let page = try #require(paths["004_bd9b75ef619eb89a.txt"])
        let removed = try GuanxiCLI.run(["remove", page, "--store", "g.sqlite"], in: sandbox.url)
        #expect(removed.status == 0 && removed.stderr.isEmpty, "\(removed.stderr)")
        // The graph a build of the other pages with those options makes.
        try FileManager.default.removeItem(at: sandbox.url.appendingPathComponent(page))
        #expect(try GuanxiCLI.run(["build", "corpus", "--store", "r.sqlite"] + options, in: sandbox.url).status == 0)
        let store = sandbox.url.appendingPathComponent("g.sqlite").path
        let reference = sandbox.url.appendingPathComponent("r.sqlite").path
        #expect(try graphRows(store) == graphRows(reference))
        #expect(try sqlite3(store, "SELECT count(*) FROM person WHERE name = '金政'") == "0\n")
        #expect(
            try sqlite3(
                store,
                "SELECT count(*) FROM coappearance c JOIN person p ON p.id IN (c.personA, c.personB) "
                    + "WHERE p.kind = 'journalist'") != "0\n")
        // The next build with the same options finds the graph linked as it would link it.
        let next = try GuanxiCLI.run(["build", "corpus", "--store", "g.sqlite"] + options, in: sandbox.url)
        #expect(next.status == 0 && next.stdout.contains("(graph unchanged)"), "\(next.stdout)")
    }

    @Test func removeTakesTheBuildsWriteLock() throws {
        let sandbox = try TempDir()
        _ = try Self.seedCorpus(in: sandbox)
        let store = sandbox.url.appendingPathComponent("g.sqlite").path
        #expect(try GuanxiCLI.run(["build", "corpus", "--store", "g.sqlite"], in: sandbox.url).status == 0)
        let lock = try SQLiteGraphStore.lockForWriting(path: store)
        defer { lock.release() }
        let result = try GuanxiCLI.run(["remove", "corpus", "--store", "g.sqlite"], in: sandbox.url)
        #expect(result.status == 2, "\(result.stdout)")
        #expect(result.stderr.contains("another guanxi build is writing"), "\(result.stderr)")
        #expect(try sqlite3(store, "SELECT count(*) FROM document") == "5\n")
    }

    @Test func aRemoveStoppedBeforeItsRelinkIsRelinkedByTheNextBuild() throws {
        let sandbox = try TempDir()
        let paths = try Self.seedCorpus(in: sandbox)
        let store = sandbox.url.appendingPathComponent("g.sqlite").path
        #expect(try GuanxiCLI.run(["build", "corpus", "--store", "g.sqlite"], in: sandbox.url).status == 0)
        let page = try #require(paths["004_bd9b75ef619eb89a.txt"])
        // As a remove killed after its delete committed: documents gone, graph stale.
        do {
            let graph = try SQLiteGraphStore(path: store)
            let remover = DocumentRemover(store: graph)
            let plan = try remover.plan(paths: [sandbox.url.appendingPathComponent(page).path])
            #expect(plan.documents.count == 1)
            _ = try graph.beginBuild()
            try graph.removeDocuments(ids: plan.documents.map(\.id))
        }
        let check = try GuanxiCLI.run(["check", "--store", "g.sqlite"], in: sandbox.url)
        #expect(check.stderr.contains("the next build relinks"), "\(check.stderr)")
        try FileManager.default.removeItem(at: sandbox.url.appendingPathComponent(page))
        let rebuilt = try GuanxiCLI.run(["build", "corpus", "--store", "g.sqlite"], in: sandbox.url)
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        #expect(rebuilt.stdout.hasPrefix("files: 4 (0 added, 0 replaced, 4 unchanged, 0 skipped)"), "\(rebuilt.stdout)")
        #expect(!rebuilt.stdout.contains("graph unchanged"), "\(rebuilt.stdout)")
        let reference = try GuanxiCLI.run(["build", "corpus", "--store", "r.sqlite"], in: sandbox.url)
        #expect(reference.status == 0)
        #expect(try graphRows(store) == graphRows(sandbox.url.appendingPathComponent("r.sqlite").path))
        #expect(try GuanxiCLI.run(["check", "--store", "g.sqlite"], in: sandbox.url).stderr.isEmpty)
    }

    @Test func aPageStoredByAnEarlierBuildUnderAnotherPathIsReported() throws {
        let sandbox = try TempDir()
        let seed = GuanxiCLI.seeds.appendingPathComponent("000_079fb6277d6555bd.txt")
        _ = try sandbox.directory("corpus/mirror")
        try FileManager.default.copyItem(at: seed, to: sandbox.url.appendingPathComponent("corpus/a.txt"))
        let first = try GuanxiCLI.run(["build", "corpus", "--store", "g.sqlite"], in: sandbox.url)
        #expect(first.status == 0 && !first.stderr.contains("same content"), "\(first.stderr)")
        try FileManager.default.copyItem(at: seed, to: sandbox.url.appendingPathComponent("corpus/mirror/a.txt"))
        let second = try GuanxiCLI.run(["build", "corpus", "--store", "g.sqlite"], in: sandbox.url)
        #expect(second.status == 0, "\(second.stderr)")
        let stored = sandbox.url.appendingPathComponent("corpus/a.txt").standardizedFileURL.path
        let lines = second.stderr.split(separator: "\n").filter { $0.contains("same content") }
        #expect(
            lines == [
                "guanxi: warning: corpus/mirror/a.txt has the same content as \(stored), stored by an earlier build: "
                    + "its articles and co-appearances count twice; leave one of the two out and remove it from the "
                    + "store with `guanxi remove PATH`"
            ], "\(second.stderr)")
        // Built again unchanged, or the page rewritten with other read options: no warning.
        let third = try GuanxiCLI.run(["build", "corpus", "--store", "g.sqlite"], in: sandbox.url)
        #expect(!third.stderr.contains("same content"), "\(third.stderr)")
        let home = try GuanxiCLI.run(
            ["build", "corpus/a.txt", "--store", "g.sqlite", "--home", "金华市"], in: sandbox.url)
        #expect(home.stdout.hasPrefix("files: 1 (0 added, 1 replaced"), "\(home.stdout)")
        // (It names the stored copy in the mirror, never the page itself.)
        let replaced = home.stderr.split(separator: "\n").filter { $0.contains("same content") }
        #expect(
            replaced.allSatisfy {
                $0.contains("as \(sandbox.url.appendingPathComponent("corpus/mirror/a.txt").standardizedFileURL.path),")
            }, "\(home.stderr)")
    }
}

extension HostileInputTests {
    @Test func buildPruneRemovesTheStoredDocumentsWhoseFilesAreGone() throws {
        let sandbox = try TempDir()
        let paths = try Self.seedCorpus(in: sandbox, inFolder: ["001_543cd74df5d7101c.txt"])
        let store = sandbox.url.appendingPathComponent("g.sqlite").path
        #expect(try GuanxiCLI.run(["build", "corpus", "--store", "g.sqlite"], in: sandbox.url).status == 0)
        let gone = try #require(paths["001_543cd74df5d7101c.txt"])
        try FileManager.default.removeItem(at: sandbox.url.appendingPathComponent(gone))
        // Without --prune the deleted page stays.
        let kept = try GuanxiCLI.run(["build", "corpus", "--store", "g.sqlite"], in: sandbox.url)
        #expect(!kept.stdout.contains("pruned"), "\(kept.stdout)")
        #expect(try sqlite3(store, "SELECT count(*) FROM document") == "5\n")
        // A dry run says so and keeps it.
        let dry = try GuanxiCLI.run(
            ["build", "corpus", "--store", "g.sqlite", "--prune", "--dry-run"], in: sandbox.url)
        let absolute = sandbox.url.appendingPathComponent(gone).standardizedFileURL.path
        #expect(dry.stdout.contains("pruned: \(absolute) (the file is gone)\n"), "\(dry.stdout)")
        #expect(try sqlite3(store, "SELECT count(*) FROM document") == "5\n")
        // Only the given folders are pruned.
        let other = try GuanxiCLI.run(
            ["build", "corpus/000_079fb6277d6555bd.txt", "--store", "g.sqlite", "--prune"], in: sandbox.url)
        #expect(!other.stdout.contains("pruned"), "\(other.stdout)")
        let pruned = try GuanxiCLI.run(["build", "corpus", "--store", "g.sqlite", "--prune"], in: sandbox.url)
        #expect(pruned.status == 0, "\(pruned.stderr)")
        #expect(
            pruned.stdout.hasPrefix("pruned: \(absolute) (the file is gone)\nfiles: 4 (0 added"), "\(pruned.stdout)")
        #expect(try sqlite3(store, "SELECT count(*) FROM document") == "4\n")
        #expect(try sqlite3(store, "SELECT note FROM build ORDER BY id DESC LIMIT 1").hasSuffix(", 1 pruned\n"))
        let reference = try GuanxiCLI.run(["build", "corpus", "--store", "r.sqlite"], in: sandbox.url)
        #expect(reference.status == 0)
        #expect(try graphRows(store) == graphRows(sandbox.url.appendingPathComponent("r.sqlite").path))
        #expect(try GuanxiCLI.run(["check", "--store", "g.sqlite"], in: sandbox.url).status == 0)
    }
}
