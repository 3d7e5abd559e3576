import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A fresh temporary folder, removed when the last reference to it goes
/// (or earlier, by `cleanUp`). Every folder lies inside one folder per test
/// process, which is removed when the process exits: a suite that keeps its
/// folder in a stored property, or a store built once for all tests, leaves
/// nothing in `/tmp`.
final class TempDir: @unchecked Sendable {
    let url: URL

    init() throws {
        url = TempDir.processFolder.appendingPathComponent(UUID().uuidString, isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { cleanUp() }

    /// The path of `name` inside the folder.
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes `text` to `name` (creating folders) and returns the path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(Data(text.utf8), to: name)
    }

    /// Writes `data` to `name` (creating folders) and returns the path.
    @discardableResult
    func write(_ data: Data, to name: String) throws -> String {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
        return file.path
    }

    /// Creates a subfolder and returns its URL.
    func directory(_ name: String) throws -> URL {
        let folder = url.appendingPathComponent(name, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Removes the folder and everything in it now.
    func cleanUp() { try? FileManager.default.removeItem(at: url) }

    /// `guanxi-test-PID` in the system's temporary folder, made on first use
    /// and removed at exit.
    static let processFolder: URL = {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("guanxi-test-\(getpid())", isDirectory: true)
        try? FileManager.default.removeItem(at: folder)  // a folder a killed run of this pid left
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: TempDir.processFolder) }
        return folder
    }()
}
