import Foundation
import Guanxi

/// libFuzzer entry points for the stages that read untrusted text: the reader,
/// the normalizer, the segmenter and the extractor. `scripts/fuzz` builds this
/// target with `-sanitize=fuzzer -DFUZZING` (libFuzzer then supplies `main`)
/// and picks the stage with `GUANXI_FUZZ_TARGET` (reader, normalizer,
/// segmenter, extractor). Each stage is fed the output of the ones before it,
/// so a crash or a hang is reported against the first stage that shows it.
enum FuzzTarget: String {
    case reader, normalizer, segmenter, extractor

    /// The stage named by `GUANXI_FUZZ_TARGET`, the extractor by default.
    static let current =
        FuzzTarget(rawValue: ProcessInfo.processInfo.environment["GUANXI_FUZZ_TARGET"] ?? "")
        ?? .extractor

    static let sharedExtractor: Extractor = {
        do {
            return Extractor(ontology: try Ontology.bundled())
        } catch {
            fatalError("the bundled lexicons do not load: \(error)")
        }
    }()

    /// Runs the stages up to `self` on one input. The input's first byte
    /// chooses plain text or HTML, so both readers are fuzzed.
    func run(_ bytes: [UInt8]) {
        guard let first = bytes.first else { return }
        let source = first & 1 == 0 ? "f/2019-05-04.txt" : "f/2019-05-04/content_1.htm"
        guard let page = try? PageReader().read(bytes: Array(bytes.dropFirst()), source: source) else { return }
        switch self {
        case .reader:
            precondition(!page.text.isEmpty, "a page read without text")
        case .normalizer:
            let scalars = page.text.unicodeScalars.map { $0 }
            let text = TextNormalizer().normalize(scalars, range: 0..<scalars.count)
            precondition(text.sourceOffsets.allSatisfy { $0 >= 0 && $0 <= scalars.count }, "an offset outside the page")
        case .segmenter:
            _ = ArticleSegmenter().segment(page)
        case .extractor:
            let found = Self.sharedExtractor.extract(ArticleSegmenter().segment(page), on: page)
            let length = page.text.unicodeScalars.count
            for p in found.flatMap(\.people) {
                precondition(
                    p.spans.allSatisfy { $0.lowerBound >= 0 && $0.upperBound <= length }, "a span outside the page")
            }
        }
    }
}

#if FUZZING
    /// libFuzzer's driver, which runs `callback` on each input it makes
    /// (SwiftPM names the executable's entry point, so libFuzzer's own `main`
    /// is not the one that runs; this one hands over to it).
    @_silgen_name("LLVMFuzzerRunDriver")
    func runFuzzerDriver(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
        _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
    ) -> CInt

    @main
    struct FuzzMain {
        static func main() {
            var argc = CommandLine.argc
            var argv = CommandLine.unsafeArgv
            let status = runFuzzerDriver(&argc, &argv) { data, size in
                FuzzTarget.current.run(Array(UnsafeBufferPointer(start: data, count: size)))
                return 0
            }
            exit(status)
        }
    }
#else
    /// Without libFuzzer: runs each file given on the command line through the
    /// stage (to replay a crash `scripts/fuzz` saved), or says how to fuzz.
    @main
    struct FuzzReplay {
        static func main() throws {
            let files = CommandLine.arguments.dropFirst()
            guard !files.isEmpty else {
                print(
                    "guanxi-fuzz: build and run with scripts/fuzz; give files to replay them through \(FuzzTarget.current)"
                )
                return
            }
            for file in files {
                FuzzTarget.current.run(Array(try Data(contentsOf: URL(fileURLWithPath: file))))
                print("\(file): ok")
            }
        }
    }
#endif
