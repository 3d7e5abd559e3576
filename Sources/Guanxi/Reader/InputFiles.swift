import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Expands the paths a user gave into the page files to read, in a stable order.
///
/// A file given explicitly is always listed, whatever its extension (the reader decides
/// whether it is text). Only regular files are listed: a FIFO, socket or device (given
/// or found) is reported as `.unsupported` and never opened, since opening a FIFO waits
/// for a writer that may never come. A directory is walked recursively, depth first, entries sorted
/// by the bytes of their UTF-8 names, taking only `.txt`, `.html`, `.htm` and `.pdf` files
/// (any case) and skipping hidden entries (names starting with `.`). Symbolic links are
/// followed; a directory reached twice (a link cycle) is walked once. Each file is
/// listed once, at its first position. A name that is not UTF-8 (GBK, from a Windows
/// zip archive) is listed as its ``PathText`` (`\xD3\xC0\xBF\xB5.txt`), which the
/// reader opens.
///
/// ```swift
/// let (files, problems) = InputFiles.expand(["seeds", "extra/page.htm"])
/// ```
public enum InputFiles {
    /// Extensions taken from directories, lower-cased.
    public static let pageExtensions: Set<String> = ["txt", "html", "htm", "pdf"]

    /// The files to read and a `ReaderError` for each path that is missing or a
    /// directory that cannot be listed; one bad path never stops the others.
    public static func expand(_ paths: [String]) -> (files: [String], problems: [ReaderError]) {
        // One path walked gives each file once (a directory is walked once,
        // and names in a directory differ): only several can repeat a file.
        var walk = Walk(checksRepeats: paths.count > 1)
        for path in paths.map(PathText.typed) {
            var info = stat()
            guard PathText.withFileSystemPath(path, { stat($0, &info) }) == 0 else {
                walk.problems.append(FileBytes.openError(path: path, errno: errno))
                continue
            }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                let (found, ignored) = (walk.files.count, walk.ignored)
                walk.directory(path, info)
                if walk.files.count == found {
                    var here: [String: Int] = [:]
                    for (ext, n) in walk.ignored where n > ignored[ext, default: 0] {
                        here[ext] = n - ignored[ext, default: 0]
                    }
                    walk.problems.append(noPages(path, ignored: here))
                }
            case S_IFREG: walk.add(path)
            default: walk.problems.append(notRegular(path, info))
            }
        }
        return (walk.files, walk.problems)
    }

    /// True for a name with one of the `pageExtensions`, compared case-insensitively.
    public static func hasPageExtension(_ name: String) -> Bool {
        PathExtension.matches(name, "txt") || PathExtension.matches(name, "html") || PathExtension.matches(name, "htm")
            || PathExtension.matches(name, "pdf")
    }

    /// The error for a folder in which no page was found, with what it holds
    /// instead (`ignored`: files by extension, lower-cased).
    static func noPages(_ path: String, ignored: [String: Int]) -> ReaderError {
        var message = "no .txt, .html, .htm or .pdf page in this folder"
        if !ignored.isEmpty {
            let common = ignored.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(3)
            message +=
                "; it holds "
                + common.map {
                    "\($0.value) \($0.key.isEmpty ? "file(s) without extension" : "." + $0.key + " file(s)")"
                }
                .joined(separator: ", ")
        }
        return ReaderError(.unsupported, path: path, message)
    }

    /// The error for a path that is neither a regular file nor a directory.
    static func notRegular(_ path: String, _ info: stat) -> ReaderError {
        let kind: String
        switch info.st_mode & S_IFMT {
        case S_IFIFO: kind = "a FIFO (named pipe)"
        case S_IFSOCK: kind = "a socket"
        case S_IFCHR: kind = "a character device"
        case S_IFBLK: kind = "a block device"
        default: kind = "of an unknown type"
        }
        return ReaderError(.unsupported, path: path, "not a regular file: it is \(kind); skipped, nothing read from it")
    }

    private struct DirectoryID: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    private struct Walk {
        var files: [String] = []
        var problems: [ReaderError] = []
        let checksRepeats: Bool
        /// Paths compared by their bytes, as the file system does.
        var seenFiles: Set<ByteKey> = []
        var seenDirectories: Set<DirectoryID> = []
        /// Files passed over for their extension, by extension (lower-cased).
        var ignored: [String: Int] = [:]

        mutating func ignore(_ name: String) {
            let dot = name.utf8.lastIndex(of: UInt8(ascii: "."))
            ignored[dot.map { String(name[name.index(after: $0)...]).lowercased() } ?? "", default: 0] += 1
        }

        mutating func add(_ file: String) {
            if !checksRepeats || seenFiles.insert(ByteKey(file)).inserted { files.append(file) }
        }

        mutating func directory(_ path: String, _ info: stat) {
            let id = DirectoryID(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
            guard seenDirectories.insert(id).inserted else { return }
            guard let names = list(path) else {
                problems.append(
                    ReaderError(.unreadable, path: path, "cannot list the directory: \(FileBytes.reason(errno))"))
                return
            }
            for (name, type) in names.sorted(by: { ByteKey($0.name) < ByteKey($1.name) }) {
                if name.utf8.first == UInt8(ascii: ".") { continue }
                let child = path.hasSuffix("/") ? path + name : path + "/" + name
                // The directory entry already says "regular file" (not a link):
                // no stat needed. Links, directories and file systems that
                // leave the type unknown are stat'ed.
                if type == UInt8(DT_REG) {
                    if InputFiles.hasPageExtension(name) { add(child) } else { ignore(name) }
                    continue
                }
                var childInfo = stat()
                guard PathText.withFileSystemPath(child, { stat($0, &childInfo) }) == 0 else {
                    // A dangling link, or an entry gone since listing: report it only if it
                    // would have been read.
                    if InputFiles.hasPageExtension(name) {
                        problems.append(FileBytes.openError(path: child, errno: errno))
                    }
                    continue
                }
                switch childInfo.st_mode & S_IFMT {
                case S_IFDIR: directory(child, childInfo)
                case S_IFREG: if InputFiles.hasPageExtension(name) { add(child) } else { ignore(name) }
                default: if InputFiles.hasPageExtension(name) { problems.append(notRegular(child, childInfo)) }
                }
            }
        }

        /// Entry names with their `d_type` (`DT_UNKNOWN` where the file system
        /// gives none), or nil with `errno` set when the directory cannot be opened.
        private mutating func list(_ path: String) -> [(name: String, type: UInt8)]? {
            guard let dir = PathText.withFileSystemPath(path, { opendir($0) }) else { return nil }
            defer { closedir(dir) }
            var names: [(name: String, type: UInt8)] = []
            while let entry = readdir(dir) {
                let bytes = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix(while: { $0 != 0 })) }
                // A name that is not UTF-8 (GBK, from a Windows zip) is
                // listed as its path text, which opens the same file.
                let name = PathText.text(bytes)
                if name != "." && name != ".." { names.append((name, entry.pointee.d_type)) }
            }
            return names
        }
    }
}
