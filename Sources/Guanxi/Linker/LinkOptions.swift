/// Choices that change how mentions become a graph.
public struct LinkOptions: Sendable, Hashable {
    /// Count people named only by reference (`…思想`) in co-appearance.
    public var includeReferenced: Bool
    /// Kinds of people that co-appear (officials only by default).
    public var coappearanceKinds: Set<PersonKind>

    public init(includeReferenced: Bool = false, coappearanceKinds: Set<PersonKind> = [.official]) {
        self.includeReferenced = includeReferenced
        self.coappearanceKinds = coappearanceKinds
    }
}
