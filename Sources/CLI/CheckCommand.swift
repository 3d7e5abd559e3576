import ArgumentParser
import Foundation
import Guanxi

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Verify a store's integrity and the graph's invariants.",
        discussion: """
            Runs SQLite's integrity and foreign-key checks, then the graph's \
            invariants: every mention's and article's offsets fit its document's text; \
            every co-appearance edge has personA < personB, people that exist, and a \
            weight equal to its number of shared articles, each of which exists; every \
            post's person exists; each person's article and mention counts match its \
            mentions. Reads one consistent snapshot, so it can run while a build writes.

            Prints each problem with the number of rows concerned and exits 1, or \
            prints "ok: N checks passed" and exits 0. Notes (the last build did not \
            finish) go to stderr and do not fail the check. Exit status 2: the store \
            cannot be opened.

            Example:
              guanxi check --store yongkang.sqlite
            """
    )

    @OptionGroup var storeOptions: StoreOptions
    var store: String { storeOptions.store }

    func run() throws {
        let report = try CommandFailure.reporting { try SQLiteGraphStore(path: store, create: false).check() }
        for note in report.notes { FileHandle.standardError.write(Data("guanxi: note: \(note)\n".utf8)) }
        guard report.problems.isEmpty else {
            for problem in report.problems { print("problem: \(problem)") }
            print("\(report.problems.count) of \(report.checksRun) checks failed in \(store)")
            throw ExitCode(1)
        }
        print("ok: \(report.checksRun) checks passed")
    }
}
