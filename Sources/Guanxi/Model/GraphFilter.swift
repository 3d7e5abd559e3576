/// What part of the graph a query or an export looks at: a time window, kinds
/// of people, a minimum edge weight, an ego network, a size limit.
///
/// Every query command and every exporter takes the same filter, so
/// `guanxi coappear 金政 --since 2017` and `guanxi export --since 2017` agree.
public struct GraphFilter: Sendable, Hashable {
    /// Earliest article date counted (`2017`, `2017-04`, `2017-04-27`), inclusive.
    public var since: String?
    /// Latest article date counted, inclusive at its own precision (`2018`
    /// includes every date of 2018).
    public var until: String?
    /// Kinds of people kept; empty keeps every kind.
    public var kinds: Set<PersonKind>
    /// Co-appearance edges with fewer shared articles are dropped.
    public var minWeight: Int
    /// Keep only the people within `depth` co-appearance steps of this person id.
    public var ego: String?
    public var depth: Int
    /// Keep at most this many people (the most connected), and the edges among them.
    public var limit: Int?

    public init(
        since: String? = nil, until: String? = nil, kinds: Set<PersonKind> = [], minWeight: Int = 1,
        ego: String? = nil, depth: Int = 1, limit: Int? = nil
    ) {
        self.since = since
        self.until = until
        self.kinds = kinds
        self.minWeight = minWeight
        self.ego = ego
        self.depth = depth
        self.limit = limit
    }

    /// Whether an article dated `date` (ISO, any precision) falls in the window.
    /// Undated articles fall outside any window that has a bound.
    public func contains(date: String?) -> Bool {
        guard since != nil || until != nil else { return true }
        guard let date else { return false }
        if let since, date < since, !since.hasPrefix(date) { return false }
        if let until, String(date.prefix(until.count)) > until { return false }
        return true
    }

    /// Whether a person of this kind is kept.
    public func keeps(_ kind: PersonKind) -> Bool { kinds.isEmpty || kinds.contains(kind) }
}
