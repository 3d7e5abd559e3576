/// What a build did and what the store holds afterwards.
public struct BuildSummary: Sendable {
    /// A file that was not built, and why.
    public struct Skipped: Sendable, Hashable {
        public var path: String
        public var reason: String
    }

    public var filesSeen = 0
    public var documentsAdded = 0
    public var documentsReplaced = 0
    public var documentsUnchanged = 0
    /// The stored documents `--prune` removed because their files are gone.
    public var pruned: [String] = []
    /// Articles read from added or replaced files.
    public var articlesRead = 0
    public var skipped: [Skipped] = []
    public var curationProblems: [CurationProblem] = []
    /// Seconds spent reading and extracting (wall clock, on all cores), writing
    /// documents, and linking.
    public var secondsReading = 0.0
    public var secondsWriting = 0.0
    public var secondsLinking = 0.0
    /// Where linking's time went, step by step (empty when the graph was not relinked).
    public var linkSteps: [(step: String, seconds: Double)] = []
    /// What was cut to keep the build bounded (an article naming more than
    /// ``Extractor/maxPeoplePerArticle`` people), one line each.
    public var warnings: [String] = []
    /// Whether the graph was linked again (false when nothing it depends on changed).
    public var relinked = false
    /// Whether linking was left to other builds still writing the same store
    /// (the last of them links).
    public var linkingLeftToOthers = false
    /// The store's content after the build.
    public var counts = StoreCounts()

    public init() {}
}
