/// One stored person mention with the context linking needs: the linker's input.
struct LinkMention: Sendable, Hashable {
    var id: Int64
    var articleId: Int64
    var path: String
    var root: String
    var documentHome: String?
    var articlePosition: Int
    var position: Int
    /// ISO date of the article, if known.
    var date: String?
    var name: String
    var kind: PersonKind
    var referenced: Bool
    var inName: Bool
    var titles: [TitleMention]

    /// Year-month of the article (`2018-03`), when the date has a month.
    var month: String? {
        guard let date, date.count >= 7 else { return nil }
        return String(date.prefix(7))
    }

    /// Orders mentions by first sighting: date (undated last), file, article, position.
    static func sightedBefore(_ a: LinkMention, _ b: LinkMention) -> Bool {
        let da = a.date ?? "~", db = b.date ?? "~"
        if da != db { return da < db }
        if a.path != b.path { return a.path < b.path }
        if a.articlePosition != b.articlePosition { return a.articlePosition < b.articlePosition }
        return a.position < b.position
    }

    /// The posts (non-rank titles with a role) this mention names.
    /// Posts held at the article's date: not rank labels, not former posts (`原…`).
    var posts: [TitleMention] { titles.filter { !$0.isRank && !$0.role.isEmpty && $0.former != true } }
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
