/// What a linked graph depends on besides the stored mentions: the linker's
/// version, the link options and the curation lines. Stored with the graph, so
/// a build whose inputs and settings are unchanged skips relinking.
struct LinkFingerprint: Sendable, Hashable {
    /// Bump when the linking rules change, so old graphs are relinked.
    static let linkerVersion = 3

    let value: String

    init(options: LinkOptions, curation: Curation) {
        let kinds = options.coappearanceKinds.map(\.rawValue).sorted().joined(separator: ",")
        let lines = curation.lines.map(\.text).joined(separator: "\n")
        value = "v\(Self.linkerVersion);referenced=\(options.includeReferenced);kinds=\(kinds);curation=\(lines)"
    }
}
