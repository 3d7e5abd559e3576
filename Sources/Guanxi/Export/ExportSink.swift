import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where an exporter's bytes go: memory, a file, or standard output, through a
/// 256 KiB buffer so that a million edges cost a few hundred system calls.
///
/// The first write error is kept and thrown by ``finish()``; writes after it
/// are dropped. A file is written to a temporary file in its folder and
/// renamed over `path` by a ``finish()`` that succeeds, so a failed export
/// leaves no truncated file, and an old file stays whole until the new one is.
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
    /// The temporary file written, and the file it is renamed to when done.
    private var pending: (temporary: String, final: String)?
    private static let chunk = 1 << 18

    private init(target: Target, path: String, pending: (temporary: String, final: String)? = nil) {
        self.target = target
        self.path = path
        self.pending = pending
        buffer.reserveCapacity(Self.chunk)
    }

    deinit {
        if let pending { unlink(pending.temporary) }
    }

    /// Keeps everything in memory (``bytes``/``text`` after ``finish()``).
    public static func memory() -> ExportSink { ExportSink(target: .memory, path: "(memory)") }

    /// Writes to standard output.
    public static func standardOutput() -> ExportSink {
        ExportSink(target: .handle(FileHandle.standardOutput, close: false), path: "-")
    }

    /// Writes the file at `path`: a temporary file beside it (beside the
    /// file a symbolic link names), renamed over it by ``finish()``, with the
    /// old file's permissions or the umask's. A device or FIFO (`/dev/stdout`)
    /// is written in place.
    ///
    /// - Throws: ``ExportError`` (``ExportError/Code/output``) when the file
    ///   cannot be created, naming the folder to check.
    public static func file(_ path: String) throws -> ExportSink {
        var info = stat()
        let exists = stat(path, &info) == 0
        if exists && info.st_mode & S_IFMT != S_IFREG && info.st_mode & S_IFMT != S_IFDIR {
            guard let handle = FileHandle(forWritingAtPath: path) else {
                throw ExportError(.output, path: path, "cannot open it for writing; check its permissions")
            }
            return ExportSink(target: .handle(handle, close: true), path: path)
        }
        var final = path
        if exists, let resolved = realpath(path, nil) {
            final = String(cString: resolved)
            free(resolved)
        }
        let url = URL(fileURLWithPath: final)
        let folder = (final as NSString).deletingLastPathComponent
        var template = Array(
            ((folder.isEmpty ? "" : folder + "/") + "." + url.lastPathComponent + ".guanxi-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { $0.baseAddress.map { mkstemp($0) } ?? -1 }
        guard fd >= 0 else {
            throw ExportError(
                .output, path: path,
                "cannot create the file; check that the folder \(folder.isEmpty ? "." : folder) exists and is writable")
        }
        let temporary = String(cString: template)
        if exists {
            _ = fchmod(fd, info.st_mode & 0o7777)
        } else {
            let mask = umask(0)
            umask(mask)
            _ = fchmod(fd, 0o666 & ~mask)
        }
        return ExportSink(
            target: .handle(FileHandle(fileDescriptor: fd, closeOnDealloc: true), close: true), path: path,
            pending: (temporary, final))
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
        if let failure {
            if let pending { unlink(pending.temporary) }
            pending = nil
            throw failure
        }
        if let (temporary, final) = pending {
            pending = nil
            guard rename(temporary, final) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(temporary)
                throw ExportError(
                    .output, path: path, "cannot replace the file: \(reason); check the folder")
            }
        }
    }

    /// Everything written, for a memory sink after ``finish()``.
    public var bytes: [UInt8] { collected }

    /// Everything written as text, for a memory sink after ``finish()``.
    public var text: String { String(decoding: collected, as: UTF8.self) }
}
