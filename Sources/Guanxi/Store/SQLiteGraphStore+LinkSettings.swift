import GRDB

extension SQLiteGraphStore {
    /// The link options and curation the graph was last linked with (by a
    /// build or a remove), or nil when no relink has recorded them (a store
    /// linked before schema 8, or never linked).
    public func lastLinkSettings() throws -> LinkSettings? {
        try read { db in
            try String.fetchOne(db, sql: "SELECT settings FROM linkState WHERE id = 1").flatMap(
                LinkSettings.init(json:))
        }
    }
}
