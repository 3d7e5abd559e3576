import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Asks the kernel to start reading the files a pipeline will read next, a
/// window ahead of it, so that a cold disk works while the cores extract.
///
/// A corpus is many small files: the kernel reads ahead within a file but not
/// across files, so on a cold page cache each read waited for the disk (a
/// core extracted a cold slice of a corpus much faster with its files read
/// ahead by other processes). A few threads here open each upcoming file,
/// hint `POSIX_FADV_WILLNEED` and close it; the kernel reads the data in the
/// background. Nothing is kept in this process's memory, and a file that
/// vanishes or cannot be opened is left to the reader to report. Call
/// ``stop()`` when the pipeline is done.
public final class FilePrefetcher: @unchecked Sendable {
    private let paths: [String]
    private let window: Int
    private let condition = NSCondition()
    /// The next file to hint, and the first file the pipeline has not taken.
    private var next = 0
    private var consumed = 0
    private var stopped = false
    private var running = 0
    /// Files hinted so far (tests watch the window with it).
    private(set) var hinted = 0

    /// Starts `threads` threads that hint `paths` in order, at most `window`
    /// files ahead of ``advance(to:)``. Threads block in `open` on a cold
    /// disk, so several keep several requests in flight.
    public init(paths: [String], window: Int = 2_048, threads: Int = 4) {
        self.paths = paths
        self.window = max(window, 1)
        guard !paths.isEmpty else { return }
        running = threads
        for _ in 0..<threads {
            let thread = Thread { [self] in self.run() }
            thread.name = "guanxi prefetch"
            thread.start()
        }
    }

    /// The pipeline is about to read file `index` and those after it.
    public func advance(to index: Int) {
        condition.lock()
        if index > consumed {
            consumed = index
            condition.broadcast()
        }
        condition.unlock()
    }

    /// Waits until `count` files have been hinted, or `timeout` seconds;
    /// whether they were.
    func wait(forHinted count: Int, timeout: Double) -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while hinted < count {
            if !condition.wait(until: deadline) { return hinted >= count }
        }
        return true
    }

    /// Stops hinting and waits for the threads to end (each finishes the file
    /// it is opening).
    public func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        while running > 0 { condition.wait() }
        condition.unlock()
    }

    private func run() {
        while let index = take() {
            Self.hint(paths[index])
            condition.lock()
            hinted += 1
            condition.broadcast()
            condition.unlock()
        }
        condition.lock()
        running -= 1
        condition.broadcast()
        condition.unlock()
    }

    /// The next file to hint, waiting while it is a window ahead; nil when done.
    private func take() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while !stopped, next < paths.count, next >= consumed + window { condition.wait() }
        guard !stopped, next < paths.count else { return nil }
        next += 1
        return next - 1
    }

    /// Hints one file. `O_NONBLOCK`: opening a FIFO (put in place of a page
    /// since it was listed) would otherwise wait for a writer forever, and
    /// ``stop()`` with it. Only a regular file is hinted.
    private static func hint(_ path: String) {
        let fd = PathText.withFileSystemPath(path) { open($0, O_RDONLY | O_CLOEXEC | O_NONBLOCK) }
        guard fd >= 0 else { return }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return }
        _ = posix_fadvise(fd, 0, 0, Int32(POSIX_FADV_WILLNEED))
    }
}
