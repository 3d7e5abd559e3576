/// One stored person mention with the context linking needs: the linker's input.
///
/// A class, so the linker's sorts and loops share one copy of each mention
/// rather than copying its strings; immutable, so sharing is safe.
final class LinkMention: Sendable {
    let id: Int64
    let articleId: Int64
    let path: String
    /// The place of its document among all documents ordered by path (as
    /// SQLite orders text): orders sightings without comparing paths.
    let documentRank: Int
    let root: String
    let documentHome: String?
    /// The home of the folder the page lies in, for a page with no home of
    /// its own: the jurisdiction the pages under its nearest folder name most.
    let paperHome: String?
    let articlePosition: Int
    let position: Int
    /// ISO date of the article, if known.
    let date: String?
    let name: String
    let kind: PersonKind
    let referenced: Bool
    let inName: Bool
    let titles: [TitleMention]
    /// Year-month of the article (`2018-03`), when the date has a month.
    let month: String?
    /// Posts held at the article's date: titles with a role that are not rank
    /// labels and not former posts (`原…`).
    let posts: [TitleMention]

    init(
        id: Int64, articleId: Int64, path: String, documentRank: Int, root: String, documentHome: String?, paperHome: String?, articlePosition: Int,
        position: Int, date: String?, name: String, kind: PersonKind, referenced: Bool, inName: Bool,
        titles: [TitleMention]
    ) {
        self.id = id
        self.articleId = articleId
        self.path = path
        self.documentRank = documentRank
        self.root = root
        self.documentHome = documentHome
        self.paperHome = paperHome
        self.articlePosition = articlePosition
        self.position = position
        self.date = date
        self.name = name
        self.kind = kind
        self.referenced = referenced
        self.inName = inName
        self.titles = titles
        month = date.flatMap { $0.utf8.count >= 7 ? String($0.prefix(7)) : nil }
        posts = titles.filter { !$0.isRank && !$0.role.isEmpty && $0.former != true }
    }

    /// Orders mentions by first sighting: date (undated last), file, article, position.
    static func sightedBefore(_ a: LinkMention, _ b: LinkMention) -> Bool {
        let da = a.date ?? "~", db = b.date ?? "~"
        if da != db { return da < db }
        if a.documentRank != b.documentRank { return a.documentRank < b.documentRank }
        if a.articlePosition != b.articlePosition { return a.articlePosition < b.articlePosition }
        return a.position < b.position
    }
}

/// One stored organization mention: the organization linker's input.
struct LinkOrganizationMention: Sendable, Hashable {
    var id: Int64
    var articleId: Int64
    var name: String
    var jurisdiction: String?
    var parent: String?
    var written: [String]
}
