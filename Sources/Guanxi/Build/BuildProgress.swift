import Foundation

/// How far a build has come, reported after each file.
public struct BuildProgress: Sendable, Hashable {
    public var filesDone: Int
    public var filesTotal: Int
    public var articles: Int
    public var bytes: Int
    public var elapsed: TimeInterval
    /// Every file is stored and the graph is being linked (the last step).
    public var linking = false

    /// Megabytes read per second so far.
    public var megabytesPerSecond: Double {
        elapsed > 0 ? Double(bytes) / 1_000_000 / elapsed : 0
    }
}
