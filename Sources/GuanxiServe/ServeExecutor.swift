import Foundation

/// A few threads of the server's own that run its tasks (the HTTP handling
/// and the store reads, which block): a long answer, or other work holding
/// the shared cooperative pool (two threads on two cores), does not keep the
/// server from answering.
final class ServeExecutor: TaskExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []

    init(threads: Int) {
        for i in 0..<max(1, threads) {
            let thread = Thread { [self] in work() }
            thread.name = "guanxi-serve-\(i)"
            thread.start()
        }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    private func work() {
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let job = jobs.removeFirst()
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }

    /// One for the process: its threads live as long as it.
    static let shared = ServeExecutor(threads: 4)
}
