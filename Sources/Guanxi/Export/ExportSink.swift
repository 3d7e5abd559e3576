import Foundation

/// Where an exporter's bytes go: memory, a file, or standard output, through a
/// 256 KiB buffer so that a million edges cost a few hundred system calls.
///
/// The first write error is kept and thrown by ``finish()``; writes after it
/// are dropped.
public final class ExportSink {
    private enum Target {
        case memory
        case handle(FileHandle, close: Bool)
    }

    private var target: Target
    private var buffer: [UInt8] = []
    private var collected: [UInt8] = []
    private var failure: ExportError?
    /// The output's name for messages (`-` for standard output).
    public let path: String
    private static let chunk = 1 << 18

    private init(target: Target, path: String) {
        self.target = target
        self.path = path
        buffer.reserveCapacity(Self.chunk)
    }

    /// Keeps everything in memory (``bytes``/``text`` after ``finish()``).
    public static func memory() -> ExportSink { ExportSink(target: .memory, path: "(memory)") }

    /// Writes to standard output.
    public static func standardOutput() -> ExportSink {
        ExportSink(target: .handle(FileHandle.standardOutput, close: false), path: "-")
    }

    /// Creates or truncates the file at `path`.
    ///
    /// - Throws: ``ExportError`` (``ExportError/Code/output``) when the file
    ///   cannot be created, naming the folder to check.
    public static func file(_ path: String) throws -> ExportSink {
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else {
            let folder = (path as NSString).deletingLastPathComponent
            throw ExportError(
                .output, path: path,
                "cannot create the file; check that the folder \(folder.isEmpty ? "." : folder) exists and is writable")
        }
        return ExportSink(target: .handle(handle, close: true), path: path)
    }

    /// Appends UTF-8 text.
    @inline(__always)
    public func write(_ text: String) {
        var text = text
        text.withUTF8 { buffer.append(contentsOf: $0) }
        if buffer.count >= Self.chunk { flush() }
    }

    /// Appends raw bytes.
    public func write(bytes: UnsafeRawBufferPointer) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.chunk { flush() }
    }

    /// Records a failure that happened while producing the output.
    func fail(_ error: ExportError) {
        if failure == nil { failure = error }
    }

    private func flush() {
        defer { buffer.removeAll(keepingCapacity: true) }
        guard failure == nil, !buffer.isEmpty else { return }
        switch target {
        case .memory:
            collected.append(contentsOf: buffer)
        case .handle(let handle, _):
            do {
                try handle.write(contentsOf: buffer)
            } catch {
                failure = ExportError(
                    .output, path: path, "writing failed (disk full, or the reader closed the pipe)", cause: error)
            }
        }
    }

    /// Writes what is buffered and closes a file.
    ///
    /// - Throws: the first ``ExportError`` met while writing.
    public func finish() throws {
        flush()
        if case .handle(let handle, let close) = target, close {
            try? handle.close()
            target = .memory
        }
        if let failure { throw failure }
    }

    /// Everything written, for a memory sink after ``finish()``.
    public var bytes: [UInt8] { collected }

    /// Everything written as text, for a memory sink after ``finish()``.
    public var text: String { String(decoding: collected, as: UTF8.self) }
}
