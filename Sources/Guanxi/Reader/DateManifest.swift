import Foundation

/// A user-given list of page dates (and URLs): CSV lines `path,date[,url]`.
///
/// The first line may be a header (`path,date,url`). Lines that are blank or start
/// with `#` are skipped. Fields may be double-quoted (`"a,b.txt",2018-02-01`). Dates
/// are `2018-02-01`, `2018/2/1`, `20180201`, `2018-02` or `2018`. A page matches an
/// entry by its exact path, or by the same file after resolving the entry's path
/// against the manifest's folder and the page's against the current one. A bare
/// file name matches only a page in the manifest's folder: never a page of the
/// same name elsewhere, which has its own date. ``unmatched(by:)`` lists the lines
/// no page matched, for a warning.
///
/// A tab-separated catalogue is read too: a header row naming a `path` or an
/// `id` column and a `date` column (an optional `url` column; other columns
/// are ignored), as in `id<TAB>url<TAB>date<TAB>province…`. An `id` matches
/// the file whose name starts with it (`001` → `001.txt`, `001_a.htm`) when
/// exactly one entry's id does. In a catalogue a date may end in `?` (kept); a
/// row whose date is not a date (`2019 or 2020?`, empty) gives no date.
///
/// ```swift
/// let manifest = try DateManifest(contentsOf: "dates.csv")
/// let page = try PageReader(manifest: manifest).read(path: "pages/p1.txt")
/// ```
public struct DateManifest: Sendable, Hashable {
    /// One manifest line.
    public struct Entry: Sendable, Hashable {
        /// The path as written in the manifest.
        public var path: String
        /// The date, with origin `.manifest`.
        public var date: PageDate
        /// The article URL, if the line has a third field.
        public var url: String?
        /// 1-based line number in the manifest.
        public var line: Int
    }

    /// All entries, in manifest order.
    public private(set) var entries: [Entry] = []
    /// The manifest's name in messages.
    public private(set) var source = "manifest"
    /// The folder the entries' relative paths start from.
    private var baseDirectory = ""
    private var byPath: [String: Int] = [:]
    private var byResolvedPath: [String: Int] = [:]
    /// Catalogue ids (`001`), for files whose name starts with one.
    private var byId: [String: [Int]] = [:]

    /// Reads a manifest file.
    /// - Throws: `ReaderError` `.notFound`/`.unreadable` for the file, `.badManifest` with
    ///   the line number for a line without a path or with a date that cannot be read.
    public init(contentsOf path: String) throws(ReaderError) {
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(path: path, maxSize: 64 << 20)
        } catch {
            throw error
        }
        let text: String
        do {
            text = try TextDecoder().decode(bytes).text
        } catch {
            throw ReaderError(.badManifest, path: path, "the manifest is not UTF-8 or GB18030 text")
        }
        let base = (path as NSString).deletingLastPathComponent
        try self.init(csv: text, source: path, baseDirectory: base)
    }

    /// Reads manifest text; `source` names it in errors, relative paths in it are resolved
    /// against `baseDirectory` (default: the current directory).
    public init(csv: String, source: String = "manifest", baseDirectory: String = "") throws(ReaderError) {
        self.source = source
        self.baseDirectory = baseDirectory
        if let catalogue = Self.catalogueColumns(csv) {
            readCatalogue(csv, columns: catalogue, baseDirectory: baseDirectory)
            return
        }
        var lineNumber = 0
        for rawLine in csv.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = DatePatterns.trimmed(String(rawLine))
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = Self.fields(line)
            let first = fields[0].lowercased()
            if entries.isEmpty && (first == "path" || first == "file") { continue }  // header
            guard fields.count >= 2, !fields[0].isEmpty else {
                throw ReaderError(
                    .badManifest, path: source, "expected `path,date[,url]`, found \(fields.count) field(s)",
                    line: lineNumber)
            }
            guard let date = DatePatterns.parseField(fields[1], origin: .manifest) else {
                throw ReaderError(
                    .badManifest, path: source,
                    "`\(fields[1].prefix(40))` is not a date (use YYYY-MM-DD, YYYY-MM or YYYY, years 1949–2100)",
                    line: lineNumber)
            }
            let url = fields.count >= 3 && !fields[2].isEmpty ? fields[2] : nil
            let entry = Entry(path: fields[0], date: date, url: url, line: lineNumber)
            let index = entries.count
            entries.append(entry)
            if byPath[entry.path] == nil { byPath[entry.path] = index }
            let resolved = Self.resolve(entry.path, against: baseDirectory)
            if byResolvedPath[resolved] == nil { byResolvedPath[resolved] = index }
        }
    }

    /// The entry for a page path, if any (see the type's matching rules).
    public func entry(for path: String) -> Entry? {
        index(for: path).map { entries[$0] }
    }

    private func index(for path: String) -> Int? {
        if let i = byPath[path] ?? byResolvedPath[Self.resolve(path, against: "")] { return i }
        guard !byId.isEmpty else { return nil }
        // The id is the name up to its first character that is no letter or digit.
        let name = (path as NSString).lastPathComponent
        let id = String(name.prefix { $0.isLetter || $0.isNumber })
        if let candidates = byId[id], candidates.count == 1 { return candidates[0] }
        return nil
    }

    /// The entries that none of `paths` (the pages read) matches: a misspelt
    /// or moved path, for a warning.
    public func unmatched(by paths: [String]) -> [Entry] {
        var matched = Set<Int>()
        for path in paths {
            if let i = index(for: path) { matched.insert(i) }
        }
        return entries.indices.filter { !matched.contains($0) }.map { entries[$0] }
    }

    /// One warning line for an entry no page matched.
    public func unmatchedWarning(_ entry: Entry) -> String {
        "\(TerminalText.escaped(source)):\(entry.line): no page read is \(TerminalText.escaped(entry.path)) "
            + "(manifest paths are relative to the manifest's folder); its date was not used"
    }

    /// Where a catalogue's columns are, read from its header row.
    private struct CatalogueColumns {
        var path: Int?
        var id: Int?
        var date: Int
        var url: Int?
        var headerLine: Int
    }

    /// The columns of a tab-separated catalogue, if the first line that is
    /// not blank or a comment is a tab-separated header naming `date` and `path` or `id`.
    private static func catalogueColumns(_ text: String) -> CatalogueColumns? {
        var lineNumber = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = DatePatterns.trimmed(String(raw))
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard raw.contains("\t") else { return nil }
            let header = raw.split(separator: "\t", omittingEmptySubsequences: false).map {
                DatePatterns.trimmed(String($0)).lowercased()
            }
            guard let date = header.firstIndex(of: "date") else { return nil }
            let path = header.firstIndex(of: "path") ?? header.firstIndex(of: "file")
            let id = header.firstIndex(of: "id")
            guard path != nil || id != nil else { return nil }
            return CatalogueColumns(
                path: path, id: id, date: date, url: header.firstIndex(of: "url"), headerLine: lineNumber)
        }
        return nil
    }

    private mutating func readCatalogue(_ text: String, columns: CatalogueColumns, baseDirectory: String) {
        var lineNumber = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = DatePatterns.trimmed(String(raw))
            guard lineNumber > columns.headerLine, !line.isEmpty, !line.hasPrefix("#") else { continue }
            let fields = raw.split(separator: "\t", omittingEmptySubsequences: false).map {
                DatePatterns.trimmed(String($0))
            }
            func field(_ i: Int?) -> String? {
                i.flatMap { $0 < fields.count && !fields[$0].isEmpty ? fields[$0] : nil }
            }
            var written = field(columns.date) ?? ""
            if written.hasSuffix("?") { written.removeLast() }
            guard let date = DatePatterns.parseField(written, origin: .manifest) else { continue }
            let path = field(columns.path)
            let id = field(columns.id)
            guard let key = path ?? id else { continue }
            let index = entries.count
            entries.append(Entry(path: key, date: date, url: field(columns.url), line: lineNumber))
            if let path {
                if byPath[path] == nil { byPath[path] = index }
                let resolved = Self.resolve(path, against: baseDirectory)
                if byResolvedPath[resolved] == nil { byResolvedPath[resolved] = index }
            } else if let id {
                byId[id, default: []].append(index)
            }
        }
    }

    private static func resolve(_ path: String, against base: String) -> String {
        var full = path
        if !path.hasPrefix("/") {
            let dir = base.isEmpty ? FileManager.default.currentDirectoryPath : resolve(base, against: "")
            full = (dir as NSString).appendingPathComponent(path)
        }
        return (full as NSString).standardizingPath
    }

    /// Splits one CSV line; double-quoted fields may hold commas and `""` quotes.
    static func fields(_ line: String) -> [String] {
        var fields: [String] = []
        var current = String.UnicodeScalarView()
        var quoted = false
        var scalars = line.unicodeScalars.makeIterator()
        var pending = scalars.next()
        while let s = pending {
            pending = scalars.next()
            if quoted {
                if s == "\"" {
                    if pending == "\"" {
                        current.append(s)
                        pending = scalars.next()
                    } else {
                        quoted = false
                    }
                } else {
                    current.append(s)
                }
            } else if s == "\"" {
                quoted = true
            } else if s == "," {
                fields.append(DatePatterns.trimmed(String(current)))
                current = String.UnicodeScalarView()
            } else {
                current.append(s)
            }
        }
        fields.append(DatePatterns.trimmed(String(current)))
        return fields
    }
}
