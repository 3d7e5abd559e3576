import Foundation

/// `transform` over `indices` on every core (fork–join: returns when all are
/// done), results in the order of `indices`. The pipeline's unit of parallel
/// work: a batch of files read, segmented and extracted at once.
public func parallelMap<T: Sendable>(_ indices: Range<Int>, _ transform: @Sendable (Int) -> T) -> [T] {
    let slots = ResultSlots<T>(count: indices.count)
    DispatchQueue.concurrentPerform(iterations: indices.count) { k in
        slots.set(k, transform(indices.lowerBound + k))
    }
    return slots.values()
}

/// Slots each filled by exactly one iteration of a fork–join loop.
private final class ResultSlots<T>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: T) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    func values() -> [T] { slots.map { $0! } }
}
