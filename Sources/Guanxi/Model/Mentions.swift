/// What the extractor decided a named person is, in the story where it was named.
public enum PersonKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Holds or is given a public post (`市委书记金政`, `市领导…`).
    case official
    /// Wrote or photographed the story (bylines, photo credits, correspondents).
    case journalist
    /// A private person named in the story (award lists, people interviewed).
    case citizen
    /// A figure of the past (`陈亮`), or a name used inside a place name.
    case historical
    /// A name whose role the extractor could not decide.
    case person
}

/// One title as written beside a person, with the post it points to.
///
/// `市委副书记` is written; it means the role `副书记` in the organization
/// `中共永康市委` of the jurisdiction `永康市`. A generic label such as `市领导`
/// marks rank and names no post (`isRank`).
public struct TitleMention: Sendable, Hashable, Codable {
    /// The title exactly as written (`市委副书记`, `金华市公安局副局长`).
    public var text: String
    /// The role without its institution (`副书记`, `副局长`).
    public var role: String
    /// Canonical name of the institution the title implies, if it names one.
    public var organization: String?
    /// The jurisdiction of that institution (`永康市`, `金华市`).
    public var jurisdiction: String?
    /// A rank label (`市领导`) rather than a post.
    public var isRank: Bool
    /// A post held before the article (`原市委书记`, `时任…`, `前任…`): true,
    /// else nil. Careers do not count it at the article's date.
    public var former: Bool?
    /// Offsets into the page text of where the title was written.
    public var span: Range<Int>

    public init(
        text: String, role: String, organization: String?, jurisdiction: String?,
        isRank: Bool, span: Range<Int>
    ) {
        self.text = text
        self.role = role
        self.organization = organization
        self.jurisdiction = jurisdiction
        self.isRank = isRank
        self.span = span
    }
}

/// A person named in one article, with every place the name occurs there.
public struct PersonMention: Sendable, Hashable, Codable {
    public var name: String
    public var kind: PersonKind
    /// Titles written beside the name in this article, in order of first sight.
    public var titles: [TitleMention]
    /// Named only by reference (`习近平新时代中国特色社会主义思想`), not present.
    public var referenced: Bool
    /// The name only occurs inside a place or institution name (`刘英烈士陵园`).
    public var inName: Bool
    /// Offsets (Unicode scalars) into the page text, one per occurrence.
    public var spans: [Range<Int>]
    /// Short names of the extractor rules that found or classified this person.
    public var rules: [String]

    public init(
        name: String, kind: PersonKind, titles: [TitleMention] = [], referenced: Bool = false,
        inName: Bool = false, spans: [Range<Int>] = [], rules: [String] = []
    ) {
        self.name = name
        self.kind = kind
        self.titles = titles
        self.referenced = referenced
        self.inName = inName
        self.spans = spans
        self.rules = rules
    }
}

/// An institution named in one article, under its canonical name.
public struct OrganizationMention: Sendable, Hashable, Codable {
    /// Canonical name (`中共永康市委统一战线工作部`).
    public var name: String
    /// The jurisdiction it belongs to (`永康市`), if known.
    public var jurisdiction: String?
    /// Canonical name of the parent institution (`中共永康市委`), if known.
    public var parent: String?
    /// The forms written in the article (`市委统战部`), in order of first sight.
    public var mentions: [String]
    /// Offsets into the page text, one per occurrence.
    public var spans: [Range<Int>]

    public init(
        name: String, jurisdiction: String?, parent: String?, mentions: [String],
        spans: [Range<Int>]
    ) {
        self.name = name
        self.jurisdiction = jurisdiction
        self.parent = parent
        self.mentions = mentions
        self.spans = spans
    }
}

/// Everything the extractor found in one article.
public struct ArticleExtraction: Sendable, Hashable {
    public var article: Article
    public var people: [PersonMention]
    public var organizations: [OrganizationMention]
    /// People left out because the article names more than
    /// ``Extractor/maxPeoplePerArticle`` (the ones named last); 0 normally.
    public var peopleCut: Int

    public init(
        article: Article, people: [PersonMention], organizations: [OrganizationMention], peopleCut: Int = 0
    ) {
        self.article = article
        self.people = people
        self.organizations = organizations
        self.peopleCut = peopleCut
    }

    /// A one-line warning when people were cut, naming the article.
    public var cutWarning: String? {
        guard peopleCut > 0 else { return nil }
        return "\(article.source) #\(article.index) names more than \(Extractor.maxPeoplePerArticle) people; "
            + "the \(peopleCut) named last were left out (co-appearances grow with the square of the names)"
    }
}
