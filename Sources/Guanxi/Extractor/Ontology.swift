/// The lexicons that drive extraction: titles, institutions, places, surnames.
///
/// PLACEHOLDER; the real loader replaces this file.
public struct Ontology: Sendable {
    /// The jurisdiction a paper's `市`/`我市` refers to (`永康市`); nil = infer from corpus.
    public var homeJurisdiction: String?

    public init(homeJurisdiction: String? = nil) {
        self.homeJurisdiction = homeJurisdiction
    }

    /// The lexicons shipped with guanxi.
    public static func bundled(homeJurisdiction: String? = nil) throws -> Ontology {
        Ontology(homeJurisdiction: homeJurisdiction)
    }
}
