import ArgumentParser
import Foundation
import Guanxi
import GuanxiPostgres

/// The options of the commands that relink the graph (`build`, `remove`):
/// the curation file and who co-appears.
struct LinkingOptions: ParsableArguments {
    @Option(help: "Curation file (default: curation.tsv next to an SQLite store, if it exists).")
    var curation: String?

    @Flag(help: "Let people named only by reference (…思想) co-appear.")
    var includeReferenced = false

    @Option(
        parsing: .upToNextOption,
        help: "Kinds of people that co-appear: official journalist citizen historical person.")
    var coappear: [String] = ["official"]

    /// The link options these flags say.
    func linkOptions() throws -> LinkOptions {
        var kinds = Set<PersonKind>()
        for name in coappear {
            guard let kind = PersonKind(rawValue: name) else {
                throw ValidationError("unknown kind “\(name)”; use official, journalist, citizen, historical or person")
            }
            kinds.insert(kind)
        }
        return LinkOptions(includeReferenced: includeReferenced, coappearanceKinds: kinds)
    }

    /// The curation file given, else `curation.tsv` beside `store` if it
    /// exists (a PostgreSQL store has no folder: only the file given).
    func loadCuration(store: String) throws -> Curation {
        if curation == nil, StoreLocation.isPostgres(store) { return .none }
        let path = curation
            ?? URL(fileURLWithPath: store).deletingLastPathComponent().appendingPathComponent("curation.tsv").path
        return try Curation.load(path: path, required: curation != nil)
    }
}
