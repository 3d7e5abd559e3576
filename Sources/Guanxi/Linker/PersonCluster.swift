/// Which linking rule family a mention falls under.
enum PersonGroup: String, Sendable, Hashable {
    /// Officials, citizens and undecided people: linked by name and jurisdiction.
    case general
    /// Linked by name within their paper.
    case journalist
    /// Linked by name alone.
    case historical
}

/// A person while linking: an id and the mentions resolved to it.
struct PersonCluster: Sendable, Hashable {
    var id: String
    var name: String
    var group: PersonGroup
    /// Jurisdiction (general) or paper (journalists); nil if unknown.
    var scope: String?
    /// Indices into the linker's mention array, in sighting order.
    var members: [Int]
}
