import Foundation

/// The link options and curation lines a graph was last linked with, as the
/// store keeps them (`linkState.settings`, JSON): `guanxi remove` relinks
/// with them, so removing a document changes only what it gave.
///
/// ```swift
/// let settings = LinkSettings(options: LinkOptions(coappearanceKinds: [.official, .journalist]), curation: .none)
/// LinkSettings(json: settings.json) == settings   // true
/// ```
public struct LinkSettings: Sendable, Hashable, Codable {
    /// One curation line: its number in the file and its text.
    public struct CurationLine: Sendable, Hashable, Codable {
        public var number: Int
        public var text: String
    }

    public var includeReferenced: Bool
    /// The kinds that co-appear, sorted.
    public var coappear: [String]
    /// The curation file the lines were read from ("" for none).
    public var curationFile: String
    public var curationLines: [CurationLine]

    public init(options: LinkOptions, curation: Curation) {
        includeReferenced = options.includeReferenced
        coappear = options.coappearanceKinds.map(\.rawValue).sorted()
        curationFile = curation.file
        curationLines = curation.lines.map { CurationLine(number: $0.number, text: $0.text) }
    }

    /// The settings `json` holds, or nil when it holds none this guanxi reads.
    public init?(json: String) {
        guard let settings = try? JSONDecoder().decode(Self.self, from: Data(json.utf8)) else { return nil }
        self = settings
    }

    /// The settings as the store keeps them.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// The link options (a kind this guanxi does not know is left out).
    public var options: LinkOptions {
        LinkOptions(includeReferenced: includeReferenced, coappearanceKinds: Set(coappear.compactMap(PersonKind.init)))
    }

    /// The curation lines, parsed again (each was a good line when stored).
    public var curation: Curation {
        guard !curationLines.isEmpty || !curationFile.isEmpty else { return .none }
        var lines: [Curation.Line] = []
        for stored in curationLines {
            guard var line = Curation.parse(stored.text, file: curationFile).lines.first else { continue }
            line.number = stored.number
            lines.append(line)
        }
        return Curation(file: curationFile, lines: lines, problems: [])
    }
}
