/// The articles, documents and mentions behind a ``GraphSnapshot``, and the
/// spells of its edges: what the `affiliation` and `full` graphs and GEXF need
/// beyond the snapshot, held in memory. Turtle streams its evidence instead
/// (``TurtleEvidence``).
///
/// Read with ``GraphReading/exportEvidence(for:filter:)``; every array is sorted
/// by id so that the same store gives the same bytes.
public struct ExportEvidence: Sendable, Hashable {
    /// Which mentions to read: they are the bulk of a store, and only the
    /// `full` graph needs them.
    public enum MentionScope: Sendable, Hashable {
        /// None (co-appearance and affiliation graphs in GraphML, GEXF, DOT, CSV, JSON).
        case none
        /// Those cited as the evidence of a post.
        case cited
        /// Every mention of the snapshot's people (the `full` graph).
        case all
    }

    /// An input file.
    public struct Document: Sendable, Hashable {
        public var id: Int64
        /// The path relative to the folder above the input it was found under
        /// (`seeds/000_….txt`): the same on every machine.
        public var path: String
        public var contentHash: String
        public var encoding: String
        public init(id: Int64, path: String, contentHash: String, encoding: String) {
            self.id = id
            self.path = path
            self.contentHash = contentHash
            self.encoding = encoding
        }
    }

    /// One story of a page.
    public struct Article: Sendable, Hashable {
        public var id: Int64
        public var documentId: Int64
        public var position: Int
        public var headline: String?
        public var byline: String?
        public var date: String?
        public var dateInferred: Bool
        public init(
            id: Int64, documentId: Int64, position: Int, headline: String? = nil, byline: String? = nil,
            date: String? = nil, dateInferred: Bool = false
        ) {
            self.id = id
            self.documentId = documentId
            self.position = position
            self.headline = headline
            self.byline = byline
            self.date = date
            self.dateInferred = dateInferred
        }
    }

    /// A person named in an article, with the offsets of the first occurrence.
    public struct Mention: Sendable, Hashable {
        public var id: Int64
        public var articleId: Int64
        public var position: Int
        public var personId: String
        public var name: String
        public var kind: String
        public var referenced: Bool
        public var inName: Bool
        public var startOffset: Int
        public var endOffset: Int
        /// Titles as written beside the name.
        public var titles: [String]
        /// Extractor rules that found the name.
        public var rules: [String]
        public init(
            id: Int64, articleId: Int64, position: Int, personId: String, name: String, kind: String,
            referenced: Bool = false, inName: Bool = false, startOffset: Int, endOffset: Int,
            titles: [String] = [], rules: [String] = []
        ) {
            self.id = id
            self.articleId = articleId
            self.position = position
            self.personId = personId
            self.name = name
            self.kind = kind
            self.referenced = referenced
            self.inName = inName
            self.startOffset = startOffset
            self.endOffset = endOffset
            self.titles = titles
            self.rules = rules
        }
    }

    /// The mention in an article that shows a person holding a post.
    public struct PostEvidence: Sendable, Hashable {
        public var postId: String
        public var articleId: Int64
        public var mentionId: Int64
        public init(postId: String, articleId: Int64, mentionId: Int64) {
            self.postId = postId
            self.articleId = articleId
            self.mentionId = mentionId
        }
    }

    /// A pair of people (`source < target`): the key of an edge's spells.
    public struct Pair: Sendable, Hashable {
        public var source: String
        public var target: String
        public init(source: String, target: String) {
            self.source = source
            self.target = target
        }
    }

    public var documents: [Document]
    public var articles: [Article]
    public var mentions: [Mention]
    public var postEvidence: [PostEvidence]
    /// When each edge's people were named together: one span per distinct
    /// date of their shared articles, merged (``DateSpan/merged(_:)``); absent
    /// for an edge without dated articles.
    public var edgeSpells: [Pair: [DateSpan]]
    /// Forms written in papers, by institution id.
    public var aliases: [String: [String]]

    public init(
        documents: [Document] = [], articles: [Article] = [], mentions: [Mention] = [],
        postEvidence: [PostEvidence] = [], edgeSpells: [Pair: [DateSpan]] = [:], aliases: [String: [String]] = [:]
    ) {
        self.documents = documents
        self.articles = articles
        self.mentions = mentions
        self.postEvidence = postEvidence
        self.edgeSpells = edgeSpells
        self.aliases = aliases
    }

    /// No evidence: exporters then use each edge's first and last dates only.
    public static let none = ExportEvidence()
}
