import Foundation
import GRDB

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One writer at a time: the lock file beside the store that a build or a remove holds.
extension SQLiteGraphStore {
    /// The advisory lock file of the store at `path`: `path.lock`, beside the
    /// file a symbolic link names when `path` is one (two builds through a
    /// link and its target take one lock, as SQLite writes one file).
    public static func lockPath(for path: String) -> String {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK, let real = realpath(path, nil) else {
            return path + ".lock"
        }
        defer { free(real) }
        return String(cString: real) + ".lock"
    }

    /// Takes the store's write lock for a build, or refuses at once.
    ///
    /// The lock is `flock(2)` `LOCK_EX | LOCK_NB` on `STORE.lock`, held until
    /// the returned ``WriteLock`` is released or the process ends: the kernel
    /// drops it when the process exits or is killed, so a killed build never
    /// leaves a stale lock. The file keeps the pid of its last holder and is
    /// left in place (deleting it would let two builds lock two different files).
    /// Readers (`guanxi stats`, queries, `sqlite3`) do not take it: WAL lets
    /// them read the last committed state while a build writes.
    ///
    /// - Throws: ``StoreError`` `.database` when another process holds the
    ///   lock ("another guanxi build is writing to S (pid N); …") or the lock
    ///   file cannot be created; `.notADatabase` when `path` is not a store
    ///   (nothing is created then).
    public static func lockForWriting(path: String) throws -> WriteLock {
        // A file that is not a store (a device, a FIFO, not SQLite, another
        // program's database) is refused before anything is created beside
        // it. (A store a stopped build left a hot journal in is inspected
        // again once the lock is held, when its recovery may run.)
        if let size = try checkFile(path, create: true), size > 0,
            let inspection = try? inspect(path, recovery: .never)
        {
            try refuseForeign(inspection, path: path, forBuild: true)
        }
        let lockPath = lockPath(for: path)
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw StoreError(
                .database, path: path,
                "cannot create the lock file \(lockPath) (\(String(cString: strerror(errno)))); "
                    + "check that its folder exists and is writable")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let holder =
                (try? String(contentsOfFile: lockPath, encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            close(fd)
            throw StoreError(
                .database, path: path,
                "another guanxi build is writing to \(path) (pid \(holder.isEmpty ? "unknown" : holder)); "
                    + "wait for it or use another --store")
        }
        let pid = Data("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        return WriteLock(descriptor: fd, path: lockPath)
    }

    /// The held write lock of a store (see ``lockForWriting(path:)``);
    /// released by ``release()`` or when the object goes away.
    public final class WriteLock: @unchecked Sendable {
        private var descriptor: Int32
        /// The lock file.
        public let path: String

        init(descriptor: Int32, path: String) {
            self.descriptor = descriptor
            self.path = path
        }

        /// Releases the lock (closing the file drops the `flock`).
        public func release() {
            guard descriptor >= 0 else { return }
            close(descriptor)
            descriptor = -1
        }

        deinit { release() }
    }
}
