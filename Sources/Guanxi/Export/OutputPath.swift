import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Keeps an export from writing over the store it reads: the store file, its
/// `-wal`, `-shm` and `-journal`, and its `.lock`.
///
/// Files that exist are compared by identity (device and inode), so a
/// symbolic link, a hard link or another spelling of the path is caught;
/// files that do not exist yet by their absolute path with the folder's
/// links resolved.
public enum OutputPath {
    /// Throws ``ExportError/Code/output`` when `output` is one of the files of
    /// the store at `store`.
    public static func refuseStoreFiles(_ output: String, store: String) throws {
        let files: [(suffix: String, what: String)] = [
            ("", "the store itself"), ("-wal", "the store's write-ahead log"),
            ("-shm", "the store's shared memory file"),
            ("-journal", "the store's journal"), (".lock", "the store's lock file"),
        ]
        let outputID = identity(output)
        let outputPath = resolved(output)
        // SQLite names the log after the file a link points to.
        var stores = [store]
        if let real = realpath(store, nil) {
            stores.append(String(cString: real))
            free(real)
        }
        for store in stores {
            for (suffix, what) in files {
                let file = store + suffix
                let same: Bool
                if let outputID, let fileID = identity(file) {
                    same = outputID == fileID
                } else {
                    same = outputPath != nil && outputPath == resolved(file)
                }
                if same {
                    throw ExportError(
                        .output, path: output,
                        "this is \(what) (\(file)); writing the export there would destroy the store; give another -o")
                }
            }
        }
    }

    /// Device and inode of the file at `path`, following links; nil when there is none.
    private static func identity(_ path: String) -> [UInt64]? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return [UInt64(info.st_dev), UInt64(info.st_ino)]
    }

    /// `path` made absolute, its folder's symbolic links resolved.
    private static func resolved(_ path: String) -> String? {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let folder = url.deletingLastPathComponent().path
        guard let real = realpath(folder, nil) else { return url.path }
        defer { free(real) }
        let base = String(cString: real)
        return (base.hasSuffix("/") ? base : base + "/") + url.lastPathComponent
    }
}
