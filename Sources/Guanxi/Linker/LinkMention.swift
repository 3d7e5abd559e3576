/// One stored person mention with the context linking needs: the linker's input.
///
/// A class, so the linker's sorts and loops share one copy of each mention
/// rather than copying its strings; immutable, so sharing is safe.
final class LinkMention: Sendable {
    let id: Int64
    /// Its row in the relink's ``MentionTable``.
    let row: Int32
    let articleId: Int64
    let path: String
    let root: String
    let documentHome: String?
    /// The home of the folder the page lies in, for a page with no home of
    /// its own: the jurisdiction the pages under its nearest folder name most.
    let paperHome: String?
    let articlePosition: Int
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
    /// Its titles as career profiles file them, one a title.
    let careerTitles: [CareerTitle]
    /// The date as career evidence reads it (``CareerEvidence/month(_:)``).
    let careerMonth: (month: Int, precise: Bool)?

    /// Where it was sighted: date (undated last), file, article, position.
    let sighting: Sighting

    /// A mention's place in the order of first sighting, in numbers: its
    /// date's rank among the relink's dates in text order (undated last),
    /// its document's rank among all documents ordered by path (as SQLite
    /// orders text), its article's and its own positions.
    /// Sorts compare these rather than reach into each mention.
    struct Sighting: Comparable, Sendable {
        var date: Int32
        var document: Int
        var article: Int
        var position: Int

        static func < (a: Sighting, b: Sighting) -> Bool {
            (a.date, a.document, a.article, a.position) < (b.date, b.document, b.article, b.position)
        }
    }

    init(
        id: Int64, row: Int32, articleId: Int64, path: String, documentRank: Int, root: String, documentHome: String?,
        paperHome: String?, articlePosition: Int, position: Int, date: LinkDate, name: String, kind: PersonKind,
        referenced: Bool, inName: Bool, titles: LinkTitles
    ) {
        self.id = id
        self.row = row
        self.articleId = articleId
        self.path = path
        self.root = root
        self.documentHome = documentHome
        self.paperHome = paperHome
        self.articlePosition = articlePosition
        self.date = date.date
        month = date.month
        sighting = Sighting(date: date.rank, document: documentRank, article: articlePosition, position: position)
        self.name = name
        self.kind = kind
        self.referenced = referenced
        self.inName = inName
        self.titles = titles.titles
        posts = titles.posts
        careerTitles = titles.careerTitles
        careerMonth = date.careerMonth
    }

    /// `members` (places in `mentions`) in order of first sighting: date
    /// (undated last), file, article, position.
    static func inSightingOrder(_ members: [Int], of mentions: [LinkMention]) -> [Int] {
        let sightings = members.map { mentions[$0].sighting }
        return members.indices.sorted { sightings[$0] < sightings[$1] }.map { members[$0] }
    }

    /// How many distinct articles `articles` names: sorted and counted,
    /// without hashing (a person named 100,000 times has as many ids).
    static func distinctCount(_ articles: [Int64]) -> Int {
        let sorted = articles.sorted()
        return zip(sorted, sorted.dropFirst()).reduce(sorted.isEmpty ? 0 : 1) { $0 + ($1.0 != $1.1 ? 1 : 0) }
    }
}

/// An article's date as ``LinkMention`` carries it, worked out once per
/// distinct date of a relink (``MentionContext``).
struct LinkDate: Sendable {
    /// ISO date, if known.
    var date: String?
    /// Year-month (`2018-03`), when the date has a month.
    var month: String?
    /// The date's place among the relink's dates in text order; an undated
    /// article's place is that of `~`, which follows every digit.
    var rank: Int32
    /// The date as career evidence reads it (``CareerEvidence/month(_:)``).
    var careerMonth: (month: Int, precise: Bool)?

    /// Ranks `dates` (nil: undated) as sightings order them (``LinkMention/Sighting``).
    static func ranked(_ dates: [String?]) -> [LinkDate] {
        var order = Array(Set(dates.map { $0 ?? "~" }))
        order.sort()
        let rankOf = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, Int32($0)) })
        // Read once a distinct date (`~` reads as no month).
        let months = order.map(CareerEvidence.month)
        return dates.map { date in
            let rank = rankOf[date ?? "~"]!
            return LinkDate(
                date: date, month: date.flatMap { $0.utf8.count >= 7 ? String($0.prefix(7)) : nil }, rank: rank,
                careerMonth: date == nil ? nil : months[Int(rank)])
        }
    }
}

/// A mention's titles and its posts among them, worked out once per
/// distinct titles list of a relink (``MentionTable``).
struct LinkTitles: Sendable {
    var titles: [TitleMention]
    /// Posts held at the article's date: titles with a role that are not rank
    /// labels and not former posts (`原…`).
    var posts: [TitleMention]
    /// The titles as career profiles file them, one a title.
    var careerTitles: [CareerTitle]

    init(_ titles: [TitleMention]) {
        self.titles = titles
        posts = titles.filter(Self.isPost)
        careerTitles = CareerTitle.of(titles)
    }

    /// Whether a title is a post held at the article's date (``posts``).
    static func isPost(_ t: TitleMention) -> Bool { !t.isRank && !t.role.isEmpty && t.former != true }
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
