import Foundation
import Testing

/// The built `guanxi` executable, run as a user runs it.
enum GuanxiCLI {
    typealias Result = ProcessRunner.Result

    /// The repository root.
    static let root = SeedStore.root
    /// The seed pages.
    static let seeds = SeedStore.seeds

    /// The executable beside the test bundle (the build `swift test` made), else `.build/debug`.
    static func executable() throws -> URL {
        var candidates: [URL] = []
        if let runner = Bundle.main.executableURL {
            candidates.append(runner.deletingLastPathComponent().appendingPathComponent("guanxi"))
        }
        candidates.append(Bundle.main.bundleURL.appendingPathComponent("guanxi"))
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("guanxi"))
        candidates.append(root.appendingPathComponent(".build/debug/guanxi"))
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate.path) {
            return candidate
        }
        Issue.record("guanxi executable not found (looked in \(candidates.map(\.path))); run `swift build` first")
        throw CancellationError()
    }

    /// Runs `guanxi arguments` in `directory`; see ``ProcessRunner/run(_:_:in:stdin:timeout:environment:)``.
    static func run(
        _ arguments: [String], in directory: URL, timeout: TimeInterval = 60, environment: [String: String] = [:]
    ) throws -> Result {
        try ProcessRunner.run(try executable(), arguments, in: directory, timeout: timeout, environment: environment)
    }
}
