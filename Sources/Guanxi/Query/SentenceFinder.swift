/// Cuts from an article's text the sentence that names two people, as the
/// evidence of their co-appearance.
///
/// It works on `article.body` (the normalized text, where names broken across
/// PDF column lines are whole again) by searching for the names as strings,
/// not through the mention spans: a sentence ends at `。！？；…` (or a closing
/// quote after one) or a blank line.
public enum SentenceFinder {
    /// The first sentence of `text` containing every one of `names`; if none
    /// does, the first sentence naming the first name and the nearest ones naming
    /// the others (joined by `…` when not adjacent, each cut to fit `limit`
    /// characters around the name); nil when a name is absent.
    /// Line breaks are shown as nothing (CJK) so the sentence reads as printed.
    ///
    /// - Complexity: O(length of `text` × names).
    public static func sentence(in text: String, naming names: [String], limit: Int = 160) -> String? {
        let scalars = Array(text.unicodeScalars)
        let needles = names.map { Array($0.unicodeScalars) }.filter { !$0.isEmpty }
        guard !needles.isEmpty else { return nil }
        var sentences: [Range<Int>] = []
        var start = 0
        for i in scalars.indices {
            let breakHere =
                ScalarClass.endsSentence(scalars, start..<(i + 1))
                && !(i + 1 < scalars.count && ["”", "」", "』"].contains(scalars[i + 1]))
            let blank = scalars[i] == "\n" && i + 1 < scalars.count && scalars[i + 1] == "\n"
            if breakHere || blank || i == scalars.count - 1 {
                sentences.append(start..<(i + 1))
                start = i + 1
            }
        }
        for range in sentences where needles.allSatisfy({ contains(scalars, range, $0) }) {
            return clean(scalars[range])
        }
        // No sentence names all: the closest sentences naming the first and each other name.
        let holding = needles.map { needle in sentences.indices.filter { contains(scalars, sentences[$0], needle) } }
        guard holding.allSatisfy({ !$0.isEmpty }), let first = holding.first?.first else { return nil }
        var picked: Set<Int> = [first]
        for found in holding.dropFirst() {
            if let nearest = found.min(by: { abs($0 - first) < abs($1 - first) }) { picked.insert(nearest) }
        }
        let budget = max(20, limit / picked.count)
        var parts: [String] = []
        var previous: Int?
        for i in picked.sorted() {
            let range = sentences[i]
            var text = clean(scalars[range])
            if text.unicodeScalars.count > budget {
                let anchor =
                    needles.compactMap { n in occurrences(scalars, n).first(where: { range.contains($0) }) }
                    .min() ?? range.lowerBound
                let lower = max(range.lowerBound, min(anchor - budget / 3, range.upperBound - budget))
                text =
                    (lower > range.lowerBound ? "…" : "")
                    + clean(scalars[lower..<min(range.upperBound, lower + budget)]) + "…"
            }
            if let previous, previous + 1 != i { parts.append("…") }
            parts.append(text)
            previous = i
        }
        return parts.joined()
    }

    private static func contains(_ scalars: [Unicode.Scalar], _ range: Range<Int>, _ needle: [Unicode.Scalar]) -> Bool {
        guard range.count >= needle.count else { return false }
        for i in range.lowerBound...(range.upperBound - needle.count)
        where scalars[i] == needle[0] && Array(scalars[i..<(i + needle.count)]) == needle {
            return true
        }
        return false
    }

    private static func occurrences(_ scalars: [Unicode.Scalar], _ needle: [Unicode.Scalar]) -> [Int] {
        guard scalars.count >= needle.count else { return [] }
        return (0...(scalars.count - needle.count)).filter {
            scalars[$0] == needle[0] && Array(scalars[$0..<($0 + needle.count)]) == needle
        }
    }

    private static func clean(_ slice: ArraySlice<Unicode.Scalar>) -> String {
        var out = String.UnicodeScalarView()
        var previous: Unicode.Scalar?
        for s in slice {
            if s == "\n" || s == "\r" {
                // Keep a space between two Latin letters or digits, drop it between CJK.
                previous = previous.map { ScalarClass.isASCIIAlphanumeric($0) ? " " : $0 }
                if previous == " " { out.append(" ") }
                continue
            }
            out.append(s)
            previous = s
        }
        var text = String(out)
        while let f = text.unicodeScalars.first, ScalarClass.isWhitespace(f) { text.unicodeScalars.removeFirst() }
        while let l = text.unicodeScalars.last, ScalarClass.isWhitespace(l) { text.unicodeScalars.removeLast() }
        return text
    }
}
