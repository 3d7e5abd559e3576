import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Builds the graph from page files: read, segment, extract, store, link.
///
/// Each document is written in its own transaction (fully in or not at all);
/// unchanged files (same content hash) are not read again; a changed file
/// replaces its old articles. Linking then runs over every stored mention in
/// one transaction, so a killed build is completed by the next one.
///
/// ```swift
/// let store = try SQLiteGraphStore(path: "guanxi.sqlite")
/// let summary = try GraphBuilder(store: store).build(paths: ["seeds"])
/// ```
public struct GraphBuilder: Sendable {
    /// Choices for a build.
    public struct Options: Sendable {
        public var link: LinkOptions
        public var curation: Curation
        /// The papers' home jurisdiction, when the user knows it (else inferred).
        public var homeJurisdiction: String?
        /// How pages are read (date manifest, size limit).
        public var reader: PageReader
        /// Remove the stored documents under the input folders whose files
        /// are gone (`--prune`), before linking.
        public var prune = false

        public init(
            link: LinkOptions = LinkOptions(), curation: Curation = .none, homeJurisdiction: String? = nil,
            reader: PageReader = PageReader()
        ) {
            self.link = link
            self.curation = curation
            self.homeJurisdiction = homeJurisdiction
            self.reader = reader
        }
    }

    public var store: any GraphStore
    public var options: Options
    var reader: PageReader
    /// Segments a page and extracts its articles, with the page's home
    /// (what `市`/`县` means on it; nil: each article's own guess).
    var extractPage: @Sendable (Page, _ home: String?) -> [ArticleExtraction]
    /// The jurisdiction a page's bare 市/县 means when `--home` is not given.
    var pageHome: @Sendable (Page) -> String? = { _ in nil }
    /// Test hook: stop as if killed after this many documents were written.
    var stopAfterDocuments: Int?
    /// Asked between batches: when it returns true the build stops after the
    /// batch it is writing, records itself as `interrupted` and throws
    /// ``Interrupted``. The CLI sets it from SIGINT/SIGTERM.
    public var shouldStop: @Sendable () -> Bool = { false }

    /// A builder with the bundled lexicons, the segmenter and the extractor.
    public init(store: any GraphStore, options: Options = Options()) throws {
        let extractor = Extractor(ontology: try Ontology.bundled(homeJurisdiction: options.homeJurisdiction))
        let segmenter = ArticleSegmenter()
        self.init(store: store, options: options, reader: options.reader) { page, home in
            extractor.extract(segmenter.segment(page), home: home)
        }
        self.pageHome = { extractor.pageHome($0) }
    }

    init(
        store: any GraphStore, options: Options, reader: PageReader = PageReader(),
        segment: @escaping @Sendable (Page) -> [Article], extract: @escaping @Sendable (Article) -> ArticleExtraction
    ) {
        self.init(store: store, options: options, reader: reader) { page, _ in segment(page).map(extract) }
    }

    init(
        store: any GraphStore, options: Options, reader: PageReader = PageReader(),
        extractPage: @escaping @Sendable (Page, _ home: String?) -> [ArticleExtraction]
    ) {
        self.store = store
        self.options = options
        self.reader = reader
        self.extractPage = extractPage
    }

    /// Thrown by the test hook in place of a kill.
    struct SimulatedKill: Error {}

    /// The build stopped between two batches because ``shouldStop`` said so.
    ///
    /// Every batch written before the stop is in the store; the graph was not
    /// linked again. Running the same build again skips the stored files,
    /// reads the rest and relinks (the store clears its link fingerprint
    /// whenever documents are written).
    public struct Interrupted: Error, Sendable, CustomStringConvertible {
        /// Files handled (stored, unchanged or skipped) before the stop.
        public var filesDone: Int
        /// Files the build was given.
        public var filesTotal: Int
        /// What had been done when it stopped.
        public var summary: BuildSummary

        public var description: String {
            "interrupted after \(filesDone) of \(filesTotal) files; run the same build again to complete it"
        }
    }

    /// Builds `paths` (files or directories) into the store.
    ///
    /// - Parameter progress: called after each file.
    /// - Returns: what was added, replaced and skipped, and the store's counts.
    /// - Throws: ``StoreError`` if the store cannot be written; unreadable
    ///   input files are skipped and listed in the summary instead.
    public func build(paths: [String], progress: ((BuildProgress) -> Void)? = nil) throws -> BuildSummary {
        var summary = BuildSummary()
        let inputs = Self.inputs(paths, skipped: &summary.skipped)
        summary.filesSeen = inputs.count
        if let manifest = reader.manifest {
            summary.warnings += manifest.unmatched(by: inputs.map(\.file)).map(manifest.unmatchedWarning)
        }
        let build = try store.beginBuild()
        let started = Date()
        var bytes = 0
        var written = 0
        var done = 0
        // The first file read of each content (by hash and size; an input's
        // index, not its path: 355,073 files take a few MB): a copy, or a
        // folder reached twice through a link, would count its articles twice.
        var firstOfContent: [UInt64: (input: Int, size: Int)] = [:]
        // What the store held before this build, read when it first adds or
        // replaces a page (nil until then): a page copied since an earlier
        // build, or reached through another folder, would count twice too.
        var storedContents: [UInt64: (size: Int, id: Int64)]?
        // Files are read, decoded, segmented and extracted on every core a
        // batch at a time, while the batch before is written (one transaction
        // each) on its own thread: memory holds two batches, not the corpus.
        let writer = BatchWriter(store: store, build: build)
        // A first build writes faster (see SQLiteGraphStore.beginBulkWrite);
        // every way out of the loop ends it.
        let bulk = try store.beginBulkWrite()
        // The disk reads the next files while these are extracted.
        let prefetcher = FilePrefetcher(paths: inputs.map(\.file))
        defer { prefetcher.stop() }
        do {
            var batchSize = max(16, workers * 16)
            var start = 0
            while start < inputs.count {
                prefetcher.advance(to: start)
                let batch = Array(inputs[start..<min(start + batchSize, inputs.count)])
                start += batch.count
                let paths = batch.map(\.path)
                // A store written in bulk held no documents when the build
                // began (and a reader would wait for each commit).
                let stored =
                    bulk
                    ? [StoredReadState?](repeating: nil, count: paths.count) : try store.storedReadStates(paths: paths)
                let clock = Date()
                let results = parallelMap(batch.indices) { i in
                    WriterPriority.yieldToWriter()
                    return process(batch[i], path: paths[i], stored: stored[i])
                }
                summary.secondsReading += Date().timeIntervalSince(clock)
                var documents: [PreparedDocument] = []
                for (i, result) in results.enumerated() {
                    switch result {
                    case .unchanged(let size):
                        bytes += size
                        summary.documentsUnchanged += 1
                    case .skipped(let reason):
                        summary.skipped.append(.init(path: batch[i].file, reason: reason))
                    case .document(let document, let articles, let warnings):
                        bytes += document.document.size
                        let hash = UInt64(document.document.contentHash, radix: 16) ?? 0
                        if let first = firstOfContent[hash], first.size == document.document.size {
                            summary.warnings.append(
                                "\(TerminalText.escaped(batch[i].file)) has the same content as "
                                    + "\(TerminalText.escaped(inputs[first.input].file)): its articles and "
                                    + "co-appearances count twice; leave one of the two out")
                        } else {
                            firstOfContent[hash] = (start - batch.count + i, document.document.size)
                            if !bulk,
                                let stored = try storedCopy(of: document.document, hash: hash, in: &storedContents)
                            {
                                summary.warnings.append(
                                    "\(TerminalText.escaped(batch[i].file)) has the same content as "
                                        + "\(TerminalText.escaped(stored.path)), stored by an earlier build: its "
                                        + "articles and co-appearances count twice; leave one of the two out "
                                        + "and remove it from the store with `guanxi remove PATH`")
                            }
                        }
                        if let stop = stopAfterDocuments, written + documents.count >= stop { break }
                        documents.append(document)
                        summary.warnings += warnings
                        summary.articlesRead += articles
                        if stored[i] == nil { summary.documentsAdded += 1 } else { summary.documentsReplaced += 1 }
                    }
                }
                try writer.submit(documents, more: inputs.count - start)
                written += documents.count
                batchSize = Self.nextBatchSize(files: batch.count, bytes: results.reduce(0) { $0 + $1.size })
                if let stop = stopAfterDocuments, written >= stop {
                    _ = try writer.finish()
                    try store.endBulkWrite()
                    throw SimulatedKill()
                }
                done += batch.count
                progress?(
                    BuildProgress(
                        filesDone: done, filesTotal: inputs.count, articles: summary.articlesRead, bytes: bytes,
                        elapsed: Date().timeIntervalSince(started)))
                if shouldStop() {
                    summary.secondsWriting = try writer.finish()
                    throw Interrupted(filesDone: done, filesTotal: inputs.count, summary: summary)
                }
            }
            summary.secondsWriting = try writer.finish()
            try store.endBulkWrite()
            if shouldStop() { throw Interrupted(filesDone: done, filesTotal: inputs.count, summary: summary) }
            // A store written in bulk held nothing before this build.
            if options.prune && !bulk { summary.pruned = try prune(paths) }
            // Another build writing this store still (PostgreSQL) links when it is done.
            if try !store.takeLinkingTurn() {
                summary.linkingLeftToOthers = true
                summary.curationProblems = options.curation.problems
            } else if try !store.isLinked(options: options.link, curation: options.curation) {
                progress?(
                    BuildProgress(
                        filesDone: done, filesTotal: inputs.count, articles: summary.articlesRead, bytes: bytes,
                        elapsed: Date().timeIntervalSince(started), linking: true))
                let clock = Date()
                let report = try store.relink(options: options.link, curation: options.curation)
                summary.secondsLinking = Date().timeIntervalSince(clock)
                let stepped = report.steps.reduce(0) { $0 + $1.seconds }
                summary.linkSteps = report.steps + [("committing", max(0, summary.secondsLinking - stepped))]
                summary.curationProblems = report.curationProblems
                summary.relinked = true
            } else {
                summary.curationProblems = options.curation.problems
            }
            summary.counts = try store.counts()
            try store.finishBuild(
                build, status: "finished",
                note: "\(summary.documentsAdded) added, \(summary.documentsReplaced) replaced, "
                    + "\(summary.documentsUnchanged) unchanged, \(summary.skipped.count) skipped"
                    + (summary.pruned.isEmpty ? "" : ", \(summary.pruned.count) pruned"))
        } catch let error as SimulatedKill {
            throw error
        } catch var interrupted as Interrupted {
            try store.endBulkWrite()
            try store.finishBuild(
                build, status: "interrupted",
                note: "stopped after \(interrupted.filesDone) of \(interrupted.filesTotal) files; not linked")
            interrupted.summary.counts = try store.counts()
            throw interrupted
        } catch {
            _ = try? writer.finish()  // the batch in flight is written (or fails) before the build is marked
            try? store.endBulkWrite()
            try? store.finishBuild(build, status: "failed", note: "\(error)")
            throw error
        }
        summary.counts = try store.counts()
        return summary
    }

    /// The document stored under another path with the content of
    /// `document`, if any. `contents` is read from the store the first time
    /// (one pass over the document rows: `contentHash` has no index), so a
    /// build that adds nothing never reads it.
    func storedCopy(
        of document: DocumentInput, hash: UInt64, in contents: inout [UInt64: (size: Int, id: Int64)]?
    ) throws -> StoredDocument? {
        if contents == nil { contents = try store.storedContents() }
        guard let match = contents?[hash], match.size == document.size,
            let stored = try store.storedDocuments(ids: [match.id]).first,
            stored.path != document.path, stored.contentHash == document.contentHash
        else { return nil }
        return stored
    }

    /// Removes the stored documents under the folders among `paths` whose
    /// files no longer exist (the graph is then relinked like after any
    /// written document); returns their paths.
    func prune(_ paths: [String]) throws -> [String] {
        let folders = paths.map(PathText.typed).filter(Self.isDirectory).map(DocumentRemover.standardPath)
        var seen = Set<Int64>()
        var gone: [StoredDocument] = []
        for document in try store.storedDocuments(under: folders).joined() where seen.insert(document.id).inserted {
            var info = stat()
            if PathText.withFileSystemPath(document.path, { lstat($0, &info) }) != 0 && errno == ENOENT {
                gone.append(document)
            }
        }
        try store.removeDocuments(ids: gone.map(\.id))
        return gone.map(\.path).sorted()
    }

    /// How many files the next batch takes, from how many bytes the last
    /// one's files held: about `batchBytes` of pages, 16 to 1,024 files. Few
    /// large transactions write a page of an index once where many small ones
    /// wrote it again each time (batches of many small files build faster
    /// than batches of a few), while a batch of large pages
    /// stays small enough for memory.
    static func nextBatchSize(files: Int, bytes: Int) -> Int {
        let batchBytes = 4 << 20
        guard files > 0, bytes > 0 else { return 1_024 }
        return min(1_024, max(16, files * batchBytes / bytes))
    }

    /// What became of one input file.
    enum FileResult: Sendable {
        case unchanged(size: Int)
        case skipped(reason: String)
        /// Read and extracted, its rows made ready to store; how many articles, and their warnings.
        case document(PreparedDocument, articles: Int, warnings: [String])

        /// The file's size in bytes (0 when it was skipped).
        var size: Int {
            switch self {
            case .unchanged(let size): size
            case .skipped: 0
            case .document(let document, _, _): document.document.size
            }
        }
    }

    /// Reads, decodes, segments and extracts one file, and makes its rows
    /// ready to store (runs on any thread).
    func process(_ input: Input, path: String, stored: StoredReadState?) -> FileResult {
        // Too large, vanished, unreadable: the reader says why (a file over
        // the limit is not loaded).
        let bytes: [UInt8], modified: Date
        let page: Page
        do {
            (bytes, modified) = try FileBytes.readWithModified(path: input.file, maxSize: reader.maxFileSize)
        } catch {
            return .skipped(reason: "\(error.code.rawValue): \(error.message)")
        }
        let hash = ContentHash.of(bytes)
        let stamp = ReadOptionsStamp.of(
            manifest: reader.manifest?.entry(for: input.file), home: options.homeJurisdiction)
        if let stored, stored.contentHash == hash, !readOptionsChanged(input.file, stamp: stamp, since: stored) {
            return .unchanged(size: bytes.count)
        }
        do {
            page = try reader.read(bytes: bytes, source: input.file)
        } catch {
            return .skipped(reason: "\(error.code.rawValue): \(error.message)")
        }
        // The page's home is guessed once: it is stored with the document and
        // read by the extractor.
        let home = options.homeJurisdiction ?? pageHome(page)
        var document = DocumentInput(
            path: path, source: input.file, root: input.root, contentHash: hash, size: bytes.count,
            modified: modified, page: page, homeJurisdiction: home)
        document.readOptions = stamp
        let extractions = extractPage(page, home)
        return .document(
            PreparedDocument(document, extractions: extractions), articles: extractions.count,
            warnings: extractions.compactMap(\.cutWarning))
    }

    /// Whether the page at `file` would be read differently now than it was
    /// stored: its read options (`stamp`) differ from those stored with it (a
    /// manifest line or `--home` added, changed or removed). A document
    /// stored before the stamps were kept is compared by its date, URL and
    /// home: a manifest line or a `--home` removed since is not seen there.
    func readOptionsChanged(_ file: String, stamp: String, since stored: StoredReadState) -> Bool {
        if let recorded = stored.readOptions { return recorded != stamp }
        if let entry = reader.manifest?.entry(for: file) {
            if entry.date.iso != stored.date { return true }
            if let url = entry.url, url != stored.url { return true }
        }
        if let home = options.homeJurisdiction, home != stored.homeJurisdiction { return true }
        return false
    }

    /// Cores used for reading and extraction.
    var workers: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Runs the build in a transaction that is rolled back, and reports what it would change.
    public func dryRun(paths: [String], progress: ((BuildProgress) -> Void)? = nil) throws -> (BuildSummary, BuildDiff)
    {
        let before = try store.counts()
        let peopleBefore = try store.people()
        return try store.simulate { view in
            var builder = self
            builder.store = view
            let summary = try builder.build(paths: paths, progress: progress)
            let diff = BuildDiff(
                before: before, after: try view.counts(), peopleBefore: peopleBefore, peopleAfter: try view.people())
            return (summary, diff)
        }
    }

    /// A file to read: as found, the input (root) it was found under, and
    /// its absolute standard path (the store's key for it).
    struct Input: Sendable {
        var file: String
        var root: String
        var path: String
    }

    /// Files to read, each with the input (root) it was found under, without duplicates.
    ///
    /// Each input is made absolute and standard once (`URL.standardizedFileURL`:
    /// no `.` or `..`, no doubled or trailing `/`); a file found under it is
    /// that path and the names the walk added, which are plain (never empty,
    /// never starting with `.`), so the file's standard path is the input's
    /// followed by them: standardizing each of tens of thousands of files
    /// held back the first batch noticeably.
    static func inputs(_ paths: [String], skipped: inout [BuildSummary.Skipped]) -> [Input] {
        var seen = Set<ByteKey>()
        var result: [Input] = []
        for path in paths.map(PathText.typed) {
            let (files, problems) = InputFiles.expand([path])
            skipped += problems.map { .init(path: $0.path, reason: "\($0.code.rawValue): \($0.message)") }
            let url = URL(fileURLWithPath: path).standardizedFileURL
            let standardInput = url.path
            let root = isDirectory(path) ? standardInput : url.deletingLastPathComponent().path
            for file in files {
                let standard = standardPath(of: file, foundUnder: path, standardInput: standardInput)
                if seen.insert(ByteKey(standard)).inserted {
                    result.append(Input(file: file, root: root, path: standard))
                }
            }
        }
        return result
    }

    /// Whether `path` (a ``PathText``) is a folder, or a link to one.
    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return PathText.withFileSystemPath(path) { stat($0, &info) } == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    /// The absolute standard path of `file`, found by walking `input` (or
    /// `input` itself), given `input`'s standard path.
    static func standardPath(of file: String, foundUnder input: String, standardInput: String) -> String {
        let (f, i) = (file.utf8, input.utf8)
        guard f.count > i.count, f.starts(with: i) else {
            return f.elementsEqual(i) ? standardInput : URL(fileURLWithPath: file).standardizedFileURL.path
        }
        // The walk joins names with one "/", unless the input ends with one.
        var names = f.dropFirst(i.count)
        if names.first == UInt8(ascii: "/") { names = names.dropFirst() }
        let tail = String(decoding: names, as: UTF8.self)
        return standardInput.utf8.last == UInt8(ascii: "/") ? standardInput + tail : standardInput + "/" + tail
    }
}
