import Foundation

/// Reads a mention's `titles` column, the JSON ``SQLiteGraphStore/titlesJSON(_:)``
/// writes, without `JSONDecoder`: linking reads it for every stored mention
/// (and the `written` forms of every institution mention).
///
/// Anything it does not expect (a hand-edited store, an older shape) falls
/// back to `JSONDecoder`, so the result is the same either way.
enum TitlesJSON {
    static func decode(_ text: String) -> [TitleMention]? {
        var text = text
        return text.withUTF8 { decode($0) }
    }

    /// Decodes the column's UTF-8 bytes as they come from SQLite.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> [TitleMention]? {
        if bytes.count == 2, bytes[0] == UInt8(ascii: "["), bytes[1] == UInt8(ascii: "]") { return [] }
        var reader = Reader(bytes: bytes)
        if let titles = reader.titles() { return titles }
        return try? JSONDecoder().decode([TitleMention].self, from: Data(bytes))
    }

    /// Decodes a JSON array of strings (`organizationMention.written`), as
    /// ``SQLiteGraphStore/stringsJSON(_:)`` writes it.
    static func decodeStrings(_ bytes: UnsafeBufferPointer<UInt8>) -> [String]? {
        var reader = Reader(bytes: bytes)
        if let strings = reader.strings() { return strings }
        return try? JSONDecoder().decode([String].self, from: Data(bytes))
    }

    /// Decodes a JSON object of counts (`document.jurisdictionCounts`,
    /// `{"永康市":12,…}`), in the order written.
    static func decodeCounts(_ bytes: UnsafeBufferPointer<UInt8>) -> [(String, Int)]? {
        var reader = Reader(bytes: bytes)
        if let counts = reader.counts() { return counts }
        return (try? JSONDecoder().decode([String: Int].self, from: Data(bytes))).map { Array($0) }
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        mutating func titles() -> [TitleMention]? { array { $0.title() } }

        mutating func strings() -> [String]? { array { $0.string() } }

        /// A JSON object of non-negative integers making up the whole input.
        mutating func counts() -> [(String, Int)]? {
            var result: [(String, Int)] = []
            guard take(UInt8(ascii: "{")) else { return nil }
            if take(UInt8(ascii: "}")) { return i == bytes.count ? result : nil }
            repeat {
                guard let key = string(), take(UInt8(ascii: ":")), let value = int() else { return nil }
                result.append((key, value))
            } while take(UInt8(ascii: ","))
            guard take(UInt8(ascii: "}")), i == bytes.count else { return nil }
            return result
        }

        /// A JSON array making up the whole input, each element read by `element`.
        private mutating func array<Element>(_ element: (inout Reader) -> Element?) -> [Element]? {
            var result: [Element] = []
            guard take(UInt8(ascii: "[")) else { return nil }
            if take(UInt8(ascii: "]")) { return i == bytes.count ? result : nil }
            repeat {
                guard let value = element(&self) else { return nil }
                result.append(value)
            } while take(UInt8(ascii: ","))
            guard take(UInt8(ascii: "]")), i == bytes.count else { return nil }
            return result
        }

        private mutating func title() -> TitleMention? {
            var text: String?, role: String?, organization: String?, jurisdiction: String?
            var isRank: Bool?, former: Bool?, span: Range<Int>?
            guard take(UInt8(ascii: "{")) else { return nil }
            repeat {
                guard let key = string(), take(UInt8(ascii: ":")) else { return nil }
                switch key {
                case "text": text = string()
                case "role": role = string()
                case "organization": organization = string()
                case "jurisdiction": jurisdiction = string()
                case "isRank": isRank = bool()
                case "former": former = bool()
                case "span":
                    guard take(UInt8(ascii: "[")), let lower = int(), take(UInt8(ascii: ",")), let upper = int(),
                        take(UInt8(ascii: "]")), lower <= upper
                    else { return nil }
                    span = lower..<upper
                default: return nil
                }
            } while take(UInt8(ascii: ","))
            guard take(UInt8(ascii: "}")), let text, let role, let isRank, let span else { return nil }
            var title = TitleMention(
                text: text, role: role, organization: organization, jurisdiction: jurisdiction, isRank: isRank,
                span: span)
            title.former = former
            return title
        }

        private mutating func take(_ byte: UInt8) -> Bool {
            guard i < bytes.count, bytes[i] == byte else { return false }
            i += 1
            return true
        }

        /// A string without escapes (escaped strings fall back to `JSONDecoder`).
        private mutating func string() -> String? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = i
            while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
                if bytes[i] == UInt8(ascii: "\\") { return nil }
                i += 1
            }
            guard i < bytes.count else { return nil }
            let value = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
            i += 1
            return value
        }

        private mutating func bool() -> Bool? {
            if match("true") { return true }
            if match("false") { return false }
            return nil
        }

        private mutating func match(_ word: StaticString) -> Bool {
            let count = word.utf8CodeUnitCount
            guard i + count <= bytes.count else { return false }
            for k in 0..<count where bytes[i + k] != word.utf8Start[k] { return false }
            i += count
            return true
        }

        private mutating func int() -> Int? {
            let start = i
            var value = 0
            while i < bytes.count, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9"), i - start < 18 {
                value = value * 10 + Int(bytes[i] - UInt8(ascii: "0"))
                i += 1
            }
            return i > start ? value : nil
        }
    }
}
