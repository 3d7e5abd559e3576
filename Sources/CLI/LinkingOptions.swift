import ArgumentParser
import Foundation
import Guanxi
import GuanxiPostgres

/// The options of the commands that relink the graph (`build`, `remove`):
/// the curation file and who co-appears. An option not given takes the
/// default (`build`) or what the graph was last linked with (`remove`).
struct LinkingOptions: ParsableArguments {
    @Option(
        help: "Curation file (default: curation.tsv next to an SQLite store, if it exists; remove: the last build's).")
    var curation: String?

    @Flag(
        inversion: .prefixedNo,
        help: "Let people named only by reference (…思想) co-appear (default: no; remove: as the last build).")
    var includeReferenced: Bool?

    @Option(
        parsing: .upToNextOption,
        help: ArgumentHelp(
            "Kinds of people that co-appear: official journalist citizen historical person "
                + "(default: official; remove: the last build's)."))
    var coappear: [String] = []

    /// The link options these flags say, each one not given taken from `base`.
    func linkOptions(base: LinkOptions = LinkOptions()) throws -> LinkOptions {
        var kinds = Set<PersonKind>()
        for name in coappear {
            guard let kind = PersonKind(rawValue: name) else {
                throw ValidationError("unknown kind “\(name)”; use official, journalist, citizen, historical or person")
            }
            kinds.insert(kind)
        }
        return LinkOptions(
            includeReferenced: includeReferenced ?? base.includeReferenced,
            coappearanceKinds: kinds.isEmpty ? base.coappearanceKinds : kinds)
    }

    /// The curation file given, else `stored` (what the graph was last
    /// linked with) when there is one, else `curation.tsv` beside `store` if
    /// it exists (a PostgreSQL store has no folder: none).
    func loadCuration(store: String, stored: Curation? = nil) throws -> Curation {
        if curation == nil, let stored {
            return stored
        }
        if curation == nil, StoreLocation.isPostgres(store) { return .none }
        let path =
            curation
            ?? URL(fileURLWithPath: store).deletingLastPathComponent().appendingPathComponent("curation.tsv").path
        return try Curation.load(path: path, required: curation != nil)
    }
}
