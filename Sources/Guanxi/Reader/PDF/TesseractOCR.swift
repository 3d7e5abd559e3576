import Foundation

/// Reads a scanned page's image with the `tesseract` command (simplified Chinese,
/// `chi_sim`), giving its characters with boxes, so that the layout reads a scan as
/// it reads a text layer.
///
/// Tesseract's TSV output lists words with their boxes and lines; the characters are
/// laid out evenly along their line (see ``glyphs(tsv:scale:)``).
struct TesseractOCR: Sendable {
    /// Resolution pages are rendered at for OCR.
    static let dpi = 300.0

    /// What is missing for OCR, as one line saying what to install; nil when tesseract
    /// and its simplified-Chinese model are there. Checked once per process.
    static let missing: String? = {
        guard let tesseract = executable("tesseract") else {
            return "tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-chi-sim)"
        }
        guard let list = run(tesseract, ["--list-langs"]), let text = String(data: list, encoding: .utf8) else {
            return "tesseract --list-langs failed; reinstall tesseract-ocr"
        }
        let languages = Set(text.split(whereSeparator: \.isNewline).map(String.init))
        if !languages.contains("chi_sim") {
            return "tesseract has no simplified-Chinese model (apt-get install tesseract-ocr-chi-sim)"
        }
        return nil
    }()

    /// The characters tesseract reads in the PNG at `path`, in points (at ``dpi``), as page `index`.
    func read(png path: String, index: Int) -> PDFPageContent? {
        guard let tesseract = Self.executable("tesseract"),
            let output = Self.run(tesseract, [path, "stdout", "-l", "chi_sim", "--psm", "3", "--dpi", "300", "tsv"])
        else { return nil }
        return PDFPageContent(
            index: index, glyphs: Self.glyphs(tsv: String(decoding: output, as: UTF8.self), scale: 72 / Self.dpi),
            ocr: true)
    }

    /// Characters from tesseract's TSV (`level page block par line word left top width
    /// height conf text`), boxes scaled by `scale` (pixels to points).
    ///
    /// Tesseract's word boxes in Chinese are ragged (a word of two characters may be
    /// narrower than one of one), but its lines are sound: each line's words are laid
    /// out again evenly across the line's box, a space where a word gap is wider than
    /// 0.8 of a character, every character sized by the smallest of the line box's
    /// height, the (lower) median height of its words and the characters' spacing.
    static func glyphs(tsv: String, scale: Double) -> [PDFGlyph] {
        struct LineKey: Hashable {
            var block: Substring, paragraph: Substring, line: Substring
        }
        var order: [LineKey] = []
        var boxes: [LineKey: PDFBox] = [:]
        var words: [LineKey: [(box: PDFBox, text: [Unicode.Scalar])]] = [:]
        for row in tsv.split(separator: "\n") {
            let f = row.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count >= 12, let level = Int(f[0]), let left = Double(f[6]), let top = Double(f[7]),
                let width = Double(f[8]), let height = Double(f[9])
            else { continue }
            let key = LineKey(block: f[2], paragraph: f[3], line: f[4])
            let box = PDFBox(x0: left * scale, y0: top * scale, x1: (left + width) * scale, y1: (top + height) * scale)
            if level == 4 {
                order.append(key)
                boxes[key] = box
            }
            let text = f[11].unicodeScalars.filter { !ScalarClass.isWhitespace($0) }
            if level == 5, !text.isEmpty { words[key, default: []].append((box, Array(text))) }
        }
        var glyphs: [PDFGlyph] = []
        for key in order {
            guard let line = boxes[key], let lineWords = words[key], !lineWords.isEmpty else { continue }
            let heights = lineWords.map(\.box.height).sorted()
            // The line's own box is the body of its characters; a word's box grows
            // with a tall character or a comma hanging low.
            let inkSize = max(min(line.height, heights[(heights.count - 1) / 2]), 0.1)
            // Slots: a character takes one, a word gap half (a space, not a column gap).
            var slots: [(scalar: Unicode.Scalar?, at: Double)] = []
            var at = 0.0
            for (n, word) in lineWords.enumerated() {
                if n > 0, word.box.x0 - lineWords[n - 1].box.x1 > 0.8 * inkSize {
                    slots.append((nil, at))
                    at += 0.5
                }
                for scalar in word.text {
                    slots.append((scalar, at))
                    at += 1
                }
            }
            let step = line.width / at
            // A Chinese character's advance is its size; ink height is noisier (a
            // tall character, a comma). Digits and Latin letters make the step smaller.
            let size = at >= 4 ? min(inkSize, step) : inkSize
            for slot in slots {
                guard let scalar = slot.scalar else { continue }
                let x0 = line.x0 + slot.at * step
                glyphs.append(PDFGlyph(scalar, PDFBox(x0: x0, y0: line.y0, x1: x0 + step, y1: line.y1), size: size))
            }
        }
        return glyphs
    }

    /// The path of `name` on `PATH`, if it is there and executable.
    static func executable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs a command and returns its standard output, or nil if it could not run or failed.
    static func run(_ executable: String, _ arguments: [String]) -> Data? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["OMP_THREAD_LIMIT"] = "1"
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        do { try process.run() } catch { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? data : nil
    }
}
