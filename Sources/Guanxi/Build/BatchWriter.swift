import Foundation
import Glibc

/// Writes the builder's batches on a thread of its own, one batch in flight,
/// so the next batch is read and extracted while this one is stored.
///
/// A batch is submitted only once the one before it is written; an error
/// writing a batch is thrown by the next ``submit(_:)`` or by ``finish()``.
final class BatchWriter: @unchecked Sendable {
    private let store: any GraphStore
    private let build: Int64?
    private let queue = DispatchQueue(label: "guanxi.build.writer")
    private let free = DispatchSemaphore(value: 1)
    private let lock = NSLock()
    private var failure: (any Error)?
    private var seconds = 0.0

    init(store: any GraphStore, build: Int64?) {
        self.store = store
        self.build = build
    }

    /// Waits for the batch before to be written, then starts writing this one
    /// (or writes it now, for a store that must be written from this thread).
    func submit(_ documents: [PreparedDocument], more: Int) throws {
        guard store.writesFromAnyThread else {
            let clock = Date()
            defer { seconds += Date().timeIntervalSince(clock) }
            try store.replaceDocuments(documents, build: build, more: more)
            return
        }
        free.wait()
        if let failure = lock.withLock({ failure }) {
            free.signal()
            throw failure
        }
        queue.async { [self] in
            let clock = Date()
            do {
                try store.replaceDocuments(documents, build: build, more: more)
            } catch {
                lock.withLock { failure = failure ?? error }
            }
            lock.withLock { seconds += Date().timeIntervalSince(clock) }
            free.signal()
        }
    }

    /// Waits for the last batch; returns the seconds spent writing.
    func finish() throws -> Double {
        free.wait()
        defer { free.signal() }
        queue.sync {}  // the last batch's block has returned and let go of the store
        return try lock.withLock {
            if let failure { throw failure }
            return seconds
        }
    }
}
