/// The documents of a store as a build writes them: pages with their
/// articles and raw mentions, what was stored of each file, and the builds
/// that wrote them.
public protocol DocumentStore: AnyObject, Sendable {
    /// Where the store is, for messages (`guanxi.sqlite`).
    var location: String { get }

    /// Records the start of a build; returns its id.
    func beginBuild() throws -> Int64
    /// Records how a build ended (`finished`, `failed`, `interrupted`), with a short note.
    func finishBuild(_ id: Int64, status: String, note: String) throws

    /// The content hash stored for the document at each of `paths` (nil
    /// where none is stored), read together: a build asks for a batch of
    /// files at a time.
    func storedHashes(paths: [String]) throws -> [String?]
    /// What was stored for the document at each of `paths` that its read
    /// options decide (nil where none is stored): a build re-reads a page
    /// whose manifest date or home jurisdiction changed.
    func storedReadStates(paths: [String]) throws -> [StoredReadState?]
    /// Stores documents and their articles and raw mentions in one
    /// transaction (all or none of them), replacing whatever was stored for
    /// the same paths. While writing in bulk (``beginBulkWrite()``) a store
    /// may commit several calls' documents together: at the latest at a
    /// call with `more` 0 or at ``endBulkWrite()``. `more` says how many
    /// documents the build may write after these.
    func replaceDocuments(_ documents: [PreparedDocument], build: Int64?, more: Int) throws
    /// The documents stored at each of `paths` (absolute standard paths, as
    /// a build stores them): the document at that path, or every document
    /// below it when it is a folder, ordered by path.
    func storedDocuments(under paths: [String]) throws -> [[StoredDocument]]
    /// The content of every stored document: its hash (as a number) and
    /// size, to the id of the first document stored with them. A build
    /// adding pages to a store reads it once, to tell when a new page is a
    /// copy of a stored one.
    func storedContents() throws -> [UInt64: (size: Int, id: Int64)]
    /// The documents with these ids, ordered by path (their `articles` are
    /// not counted: 0).
    func storedDocuments(ids: [Int64]) throws -> [StoredDocument]
    /// Deletes the documents with these ids in one transaction, with their
    /// articles, mentions and institution mentions, and marks the linked
    /// graph stale: relink after.
    func removeDocuments(ids: [Int64]) throws
    /// Called before a build writes its documents: a store may switch to a
    /// faster way of writing many rows (the SQLite store does for a first
    /// build, into a store that holds no documents yet). Returns whether it
    /// did; the build then calls ``endBulkWrite()`` once its documents are
    /// written, before linking, and the store returns to its usual way of
    /// writing by ``finishBuild(_:status:note:)`` at the latest.
    func beginBulkWrite() throws -> Bool
    /// Ends writing documents in bulk: what linking relies on is back.
    func endBulkWrite() throws
    /// Whether documents may be written from a thread other than the caller's
    /// (a build writes one batch while it extracts the next); false for a
    /// view bound to one open transaction.
    var writesFromAnyThread: Bool { get }
}

extension DocumentStore {
    public var writesFromAnyThread: Bool { true }
    public func beginBulkWrite() throws -> Bool { false }
    public func endBulkWrite() throws {}

    /// Stores one document and its articles and raw mentions in one transaction.
    public func replaceDocument(_ document: DocumentInput, extractions: [ArticleExtraction], build: Int64?) throws {
        try replaceDocuments([PreparedDocument(document, extractions: extractions)], build: build, more: 0)
    }
}

/// What a store keeps of how a page was read, besides its bytes: the date
/// and URL (a manifest may give them) and the home jurisdiction (`--home`).
public struct StoredReadState: Sendable, Hashable {
    public var contentHash: String
    public var date: String?
    public var url: String?
    public var homeJurisdiction: String?
    /// The read options the page was read with (``ReadOptionsStamp``); nil
    /// for a document stored before they were kept (schema 7 and older).
    public var readOptions: String?

    public init(
        contentHash: String, date: String? = nil, url: String? = nil, homeJurisdiction: String? = nil,
        readOptions: String? = nil
    ) {
        self.readOptions = readOptions
        self.contentHash = contentHash
        self.date = date
        self.url = url
        self.homeJurisdiction = homeJurisdiction
    }
}
