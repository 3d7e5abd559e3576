import Foundation

/// Expands the paths a user gave into the page files to read, in a stable order.
///
/// PLACEHOLDER; the full reader replaces this file.
public enum InputFiles {
    public static func expand(_ paths: [String]) -> (files: [String], problems: [ReaderError]) {
        var files: [String] = []
        var problems: [ReaderError] = []
        let fm = FileManager.default
        for path in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
                problems.append(ReaderError(.notFound, path: path, "no such file or directory"))
                continue
            }
            if isDir.boolValue {
                let names = (try? fm.subpathsOfDirectory(atPath: path)) ?? []
                for name in names.sorted()
                where name.hasSuffix(".txt") || name.hasSuffix(".html") || name.hasSuffix(".htm") {
                    files.append((path as NSString).appendingPathComponent(name))
                }
            } else {
                files.append(path)
            }
        }
        return (files, problems)
    }
}
