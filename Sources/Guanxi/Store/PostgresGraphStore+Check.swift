import Foundation

/// `guanxi check` on the PostgreSQL store: the SQLite store's invariants
/// (SQLiteGraphStore+Check), in PostgreSQL's SQL, on one snapshot. Foreign
/// keys and page integrity are the server's: it enforces the keys at every
/// commit.
extension PostgresGraphStore {
    public func check() throws -> StoreCheckReport {
        try session.reading {
            var report = StoreCheckReport()
            // Triggers or views guanxi did not create are reported, never run.
            report.checksRun += 1
            let foreign = try session.rows(
                """
                SELECT 'trigger ' || trigger_name FROM information_schema.triggers WHERE trigger_schema = $1
                UNION ALL
                SELECT 'view ' || table_name FROM information_schema.views
                WHERE table_schema = $1 AND table_name <> 'coappearancearticle'
                ORDER BY 1
                """, [.text(schema)]
            ).compactMap { $0.string(0) }
            if !foreign.isEmpty {
                report.problems.append(
                    .init(
                        check: "foreign-code", count: foreign.count,
                        message: "trigger(s) or view(s) guanxi did not create",
                        examples: Array(foreign.prefix(3))))
            }
            let linked = try session.rows("SELECT fingerprint FROM linkState WHERE id = 1").first?.string(0) != nil
            let hasMentions = try session.int("SELECT count(*) FROM (SELECT 1 FROM mention LIMIT 1) m") ?? 0 > 0
            if let last = try session.rows("SELECT id, status FROM build ORDER BY id DESC LIMIT 1").first,
                let status = last.string(1), status != "finished"
            {
                var state = status
                if status == "running" {
                    state = try isDead(build: last.int64(0) ?? 0) ? "dead (its builder was killed)" : "still running"
                }
                report.notes.append(
                    "the last build (#\(last.int64(0) ?? 0)) is \(state); run the same build again to complete the store"
                )
            }
            var checks = SQLiteGraphStore.structuralChecks
            if linked || !hasMentions {
                checks += SQLiteGraphStore.countChecks
            } else {
                report.notes.append(
                    "documents were written after the graph was last linked; its counts are not checked "
                        + "(the next build relinks)")
            }
            for check in checks.map(Self.inPostgres) {
                report.checksRun += 1
                let count = Int(try session.int("SELECT count(*) FROM (\(check.sql)) t") ?? 0)
                guard count > 0 else { continue }
                let examples = try session.rows("SELECT row_to_json(t)::text FROM (\(check.sql) LIMIT 3) t")
                    .compactMap { $0.string(0) }
                report.problems.append(
                    .init(check: check.name, count: count, message: check.message, examples: examples))
            }
            return report
        }
    }

    /// An invariant of the SQLite store in PostgreSQL's SQL.
    private static func inPostgres(_ invariant: SQLiteGraphStore.Invariant) -> SQLiteGraphStore.Invariant {
        var invariant = invariant
        if invariant.name == "mention-spans" {
            invariant.sql = """
                SELECT m.id AS mention, s.value::text AS span, length(d.text) AS length
                FROM mention m JOIN article a ON a.id = m.articleId JOIN document d ON d.id = a.documentId,
                    jsonb_array_elements(m.spans::jsonb) s(value)
                WHERE NOT (0 <= (s.value->>0)::bigint AND (s.value->>0)::bigint < (s.value->>1)::bigint
                    AND (s.value->>1)::bigint <= length(d.text))
                """
        }
        invariant.sql = invariant.sql.replacingOccurrences(of: "ifnull(", with: "coalesce(")
        return invariant
    }
}
