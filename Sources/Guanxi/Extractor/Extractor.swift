/// Finds the people and institutions an article names, driven by the lexicons
/// in `ontology/`.
///
/// PLACEHOLDER: finds nothing yet; the real extractor replaces this file.
public struct Extractor: Sendable {
    public init(ontology: Ontology) {}

    /// Everything the article names.
    public func extract(_ article: Article) -> ArticleExtraction {
        ArticleExtraction(article: article, people: [], organizations: [])
    }
}
