/// The linking role of a store: turns its stored mentions into the linked
/// graph (people, institutions, posts, co-appearances) and says whether that
/// graph is up to date.
public protocol LinkingStore: AnyObject, Sendable {
    /// Links all stored mentions into people, institutions, posts and
    /// co-appearances, applies `curation`, and replaces the previous graph.
    func relink(options: LinkOptions, curation: Curation) throws -> LinkReport
    /// Whether the linked graph is up to date: linked with these options and
    /// this curation, and no document written since.
    func isLinked(options: LinkOptions, curation: Curation) throws -> Bool
    /// The link options and curation the graph was last linked with (by a
    /// build or a remove), or nil when no relink has recorded them.
    func lastLinkSettings() throws -> LinkSettings?
    /// Called by a build once its documents are written, before it links:
    /// whether it links now. A store several builds write at once says no
    /// while another build is still writing (the last build to finish links).
    func takeLinkingTurn() throws -> Bool
}

extension LinkingStore {
    /// A store one build writes at a time: the build links.
    public func takeLinkingTurn() throws -> Bool { true }
}
