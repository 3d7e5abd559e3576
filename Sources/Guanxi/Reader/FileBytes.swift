import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a whole regular file with POSIX calls, so every failure maps to a `ReaderError`.
enum FileBytes {
    /// The bytes of the file at `path` (a ``PathText``).
    /// - Throws: `.notFound` (missing or vanished), `.unreadable` (permissions, I/O),
    ///   `.unsupported` (directory, device, pipe), `.tooLarge` (over `maxSize` bytes).
    static func read(path: String, maxSize: Int) throws(ReaderError) -> [UInt8] {
        try readWithModified(path: path, maxSize: maxSize).bytes
    }

    /// The bytes of the file at `path` and when it was last modified, from
    /// the one `fstat` the read makes (a build reads every file of a corpus:
    /// a `stat` more per file is felt).
    static func readWithModified(path: String, maxSize: Int) throws(ReaderError) -> (bytes: [UInt8], modified: Date) {
        let fd = PathText.withFileSystemPath(path) { open($0, O_RDONLY | O_CLOEXEC | O_NONBLOCK) }
        if fd < 0 { throw openError(path: path, errno: errno) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw ReaderError(.unreadable, path: path, "cannot inspect the file: \(reason(errno))")
        }
        let type = info.st_mode & S_IFMT
        if type == S_IFDIR {
            throw ReaderError(.unsupported, path: path, "is a directory (give it to the input list, not the reader)")
        }
        guard type == S_IFREG else {
            throw ReaderError(.unsupported, path: path, "not a regular file (device, pipe or socket)")
        }
        let size = Int(info.st_size)
        if size > maxSize { throw tooLarge(path: path, size: size, limit: maxSize) }

        var bytes = [UInt8](repeating: 0, count: size + 1)
        var filled = 0
        while true {
            if filled == bytes.count {
                if bytes.count > maxSize { throw tooLarge(path: path, size: bytes.count, limit: maxSize) }
                bytes.append(contentsOf: repeatElement(0, count: max(4096, bytes.count / 2)))
            }
            let n = bytes.withUnsafeMutableBytes { buffer in
                posixRead(fd, buffer.baseAddress.map { $0 + filled }, buffer.count - filled)
            }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw ReaderError(.unreadable, path: path, "read failed: \(reason(errno))")
            }
            if n == 0 { break }
            filled += n
        }
        if filled > maxSize { throw tooLarge(path: path, size: filled, limit: maxSize) }
        bytes.removeSubrange(filled...)
        #if canImport(Darwin)
            let time = info.st_mtimespec
        #else
            let time = info.st_mtim
        #endif
        return (bytes, Date(timeIntervalSince1970: Double(time.tv_sec) + Double(time.tv_nsec) / 1e9))
    }

    static func openError(path: String, errno code: Int32) -> ReaderError {
        switch code {
        case ENOENT, ENOTDIR:
            return ReaderError(.notFound, path: path, "no such file (it may have been moved or deleted)")
        case EACCES, EPERM:
            return ReaderError(.unreadable, path: path, "permission denied (check the file's permissions)")
        default:
            return ReaderError(.unreadable, path: path, "cannot open: \(reason(code))")
        }
    }

    static func tooLarge(path: String, size: Int, limit: Int) -> ReaderError {
        ReaderError(
            .tooLarge, path: path,
            "\(describe(bytes: size)) is larger than the \(describe(bytes: limit)) limit (use --max-file-size)")
    }

    /// `16 MB` for whole mebibytes, else a byte count.
    static func describe(bytes: Int) -> String {
        let mb = 1 << 20
        if bytes >= mb && bytes % mb == 0 { return "\(bytes / mb) MB" }
        if bytes >= mb { return "\(bytes / mb).\((bytes % mb) * 10 / mb) MB" }
        return "\(bytes) bytes"
    }

    static func reason(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}

private func posixRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}
