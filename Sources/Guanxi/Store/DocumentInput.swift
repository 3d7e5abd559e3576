import Foundation

/// One read page as the builder hands it to a ``GraphStore``: the file's
/// identity (path, hash, size, time) and its decoded text.
public struct DocumentInput: Sendable, Hashable {
    /// Absolute, standardized path: the key a rebuild finds the document by.
    public var path: String
    /// The path as the user gave it (or as found under a directory they gave).
    public var source: String
    /// The input the file was found under (a directory given, or a file's folder):
    /// the "paper" journalists and home jurisdictions are scoped to.
    public var root: String
    public var contentHash: String
    public var size: Int
    public var modified: Date?
    public var page: Page
    /// The paper's home jurisdiction if the user said so (else inferred when linking).
    public var homeJurisdiction: String?
    /// The read options that applied to the page (``ReadOptionsStamp``),
    /// stored so a rebuild sees when they change; nil when not known.
    public var readOptions: String?

    public init(
        path: String, source: String, root: String, contentHash: String, size: Int,
        modified: Date?, page: Page, homeJurisdiction: String? = nil
    ) {
        self.path = path
        self.source = source
        self.root = root
        self.contentHash = contentHash
        self.size = size
        self.modified = modified
        self.page = page
        self.homeJurisdiction = homeJurisdiction
    }

    /// A document for `page`, with the hash of its text (for tests and for
    /// callers that hold no file).
    public init(page: Page, root: String? = nil, homeJurisdiction: String? = nil) {
        let data = Data(page.text.utf8)
        let path = URL(fileURLWithPath: page.source).standardizedFileURL.path
        self.init(
            path: path, source: page.source,
            root: root ?? URL(fileURLWithPath: path).deletingLastPathComponent().path,
            contentHash: ContentHash.of(data), size: data.count, modified: nil, page: page,
            homeJurisdiction: homeJurisdiction)
    }
}
