import ArgumentParser
import Foundation
import Guanxi

/// Options shared by the commands that read pages: what to read and how.
struct InputOptions: ParsableArguments {
    @Argument(help: "Files or directories (.txt, .html, .htm, .pdf); directories are read recursively.")
    var paths: [String]

    @Option(
        help: ArgumentHelp(
            "CSV manifest of page dates: path,date[,url] (date 2018-02-01, 2018-02 or 2018), or a tab-separated catalogue with a header naming date and path or id.",
            discussion: "A date from the manifest wins over one found in the path, the HTML or the text."))
    var manifest: String?

    @Option(help: "Skip files larger than this many megabytes.")
    var maxFileSize: Int = PageReader.defaultMaxFileSize >> 20

    /// The largest `--max-file-size`, in MB.
    static let largestMaxFileSize = 1 << 20

    /// The page reader these options describe.
    func makeReader() throws -> PageReader {
        guard maxFileSize > 0 else { throw ValidationError("--max-file-size must be a positive number of MB") }
        // Files are read whole into memory; a larger limit would overflow bytes.
        guard maxFileSize <= Self.largestMaxFileSize else {
            throw ValidationError(
                "--max-file-size is at most \(Self.largestMaxFileSize) MB (1 TB); files are read whole into memory")
        }
        var dates: DateManifest?
        if let manifest {
            do {
                dates = try DateManifest(contentsOf: manifest)
            } catch {
                throw ValidationError(error.description)
            }
        }
        return PageReader(manifest: dates, maxFileSize: maxFileSize << 20)
    }

    /// Reads pages on every core, a batch at a time, turns each into lines of
    /// output with `render` (on any thread), and writes them in input order; a
    /// file that cannot be read is reported on stderr and skipped. Returns the
    /// number skipped.
    func renderPages(_ render: @escaping @Sendable (Page) -> [String], to out: OutputBuffer) throws -> Int {
        try renderPages(
            { page -> [UInt8] in
                var bytes: [UInt8] = []
                for line in render(page) {
                    bytes.append(contentsOf: line.utf8)
                    bytes.append(0x0A)
                }
                return bytes
            }, to: out)
    }

    /// The same, for a `render` that writes a page's lines straight as UTF-8
    /// bytes, each ended by `\n`.
    func renderPages(_ render: @escaping @Sendable (Page) -> [UInt8], to out: OutputBuffer) throws -> Int {
        let reader = try makeReader()
        let (files, problems) = InputFiles.expand(paths)
        for p in problems { warn(p.description) }
        if let manifest = reader.manifest {
            for entry in manifest.unmatched(by: files) { warn("warning: " + manifest.unmatchedWarning(entry)) }
        }
        var skipped = problems.count
        let batchSize = 64
        // The disk reads the next files while these are extracted.
        let prefetcher = FilePrefetcher(paths: files)
        defer { prefetcher.stop() }
        var start = 0
        while start < files.count {
            prefetcher.advance(to: start)
            let batch = Array(files[start..<min(start + batchSize, files.count)])
            start += batch.count
            let results: [Result<[UInt8], ReaderError>] = parallelMap(batch.indices) { i in
                do throws(ReaderError) {
                    return .success(render(try reader.read(path: batch[i])))
                } catch {
                    return .failure(error)
                }
            }
            for result in results {
                switch result {
                case .success(let lines): out.write(bytes: lines)
                case .failure(let error):
                    warn(error.description)
                    skipped += 1
                }
            }
        }
        if skipped > 0 { warn("\(skipped) file(s) skipped; the rest was read") }
        return skipped
    }
}

/// Writes one line to standard error, prefixed with the tool's name.
func warn(_ message: String) {
    FileHandle.standardError.write(Data("guanxi: \(message)\n".utf8))
}

/// Standard output, buffered: many small writes become few system calls.
final class OutputBuffer {
    private var buffer: [UInt8] = []

    init() { buffer.reserveCapacity(Self.flushSize + 4096) }

    /// Bytes gathered before a write to standard output.
    private static let flushSize = 1 << 16

    func write(_ line: String) {
        buffer.append(contentsOf: line.utf8)
        buffer.append(0x0A)
        if buffer.count > Self.flushSize { flush() }
    }

    /// Bytes that already hold whole lines, each ended by `\n`.
    func write(bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count > Self.flushSize { flush() }
    }

    func flush() {
        // Written from the buffer itself: no copy into a `Data`.
        do {
            try buffer.withUnsafeBytes { try FileHandle.standardOutput.write(contentsOf: $0) }
        } catch {
            warn("cannot write the output: \(error)")
            exit(1)
        }
        buffer.removeAll(keepingCapacity: true)
    }

    deinit { flush() }
}
