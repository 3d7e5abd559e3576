import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Lets the thread that writes the store run ahead of the threads that
/// extract pages: a build's extraction workers lower their own priority.
///
/// The writer is the build's critical path. With the writer and two
/// extraction workers runnable on two cores, the kernel gave each about two
/// thirds of a core: the writer ran 62% of the time and the build waited for
/// it. Workers at nice 10 take what the writer leaves, and the store is
/// written sooner (BENCHMARKS.md, "Why the code is as it is").
///
/// Linux keeps a nice value per thread and lets a thread raise it but not
/// lower it back, so a worker stays nice for the rest of the process:
/// linking's chunks, on the same pool, yield to the thread writing the
/// graph too. On other systems the value is per process and nothing is done.
enum WriterPriority {
    /// The nice value of extraction workers.
    static let workerNice: Int32 = 10

    #if os(Linux)
        /// Marks a thread already lowered, so each pays one system call.
        private static let lowered: pthread_key_t = {
            var key = pthread_key_t()
            pthread_key_create(&key, nil)
            return key
        }()
    #endif

    /// Called by an extraction worker before each file; the main thread
    /// (which takes part in the fork–join and goes on to link) is left alone.
    static func yieldToWriter() {
        #if os(Linux)
            guard pthread_getspecific(lowered) == nil, !Thread.isMainThread else { return }
            setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, workerNice)  // 0: this thread
            pthread_setspecific(lowered, UnsafeRawPointer(bitPattern: 1))
        #endif
    }
}
