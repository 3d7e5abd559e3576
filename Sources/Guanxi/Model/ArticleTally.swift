/// How many articles name someone within a window, and the dates they span:
/// what a person's page shows above the latest few it lists.
public struct ArticleTally: Sendable, Hashable {
    /// Articles counted.
    public var count: Int
    /// The earliest and latest date among them (undated articles count but have none).
    public var firstDate: String?
    public var lastDate: String?

    public init(count: Int, firstDate: String?, lastDate: String?) {
        self.count = count
        self.firstDate = firstDate
        self.lastDate = lastDate
    }
}
