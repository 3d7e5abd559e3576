import Foundation

/// Builds whose builder is gone (issue 25). A build holds an advisory lock
/// keyed on its id, for its session, from ``beginBuild()`` to
/// ``finishBuild(_:status:note:)``; a builder killed with -9 loses its
/// connection, and the server lets go of the lock. A build row still
/// `running` whose lock is free is therefore dead: the next build records
/// it as `interrupted`, and `stats` and `check` report it so meanwhile.
extension PostgresGraphStore {
    /// The lock of build `id`, as the binds `hashtext($n), $n+1` of a two-key advisory lock function.
    func buildLockKey(_ id: Int64) -> [SQLValue] {
        [.text("guanxi.build." + schema), .int(id % Int64(Int32.max))]
    }

    /// Takes build `id`'s lock for this session (in the transaction that
    /// makes its row, so that no one sees the row without the lock).
    func lockBuild(_ id: Int64) throws {
        try session.rows("SELECT pg_advisory_lock(hashtext($1), $2::int)", buildLockKey(id))
    }

    /// Lets go of build `id`'s lock.
    func unlockBuild(_ id: Int64) throws {
        try session.rows("SELECT pg_advisory_unlock(hashtext($1), $2::int)", buildLockKey(id))
    }

    /// Records as `interrupted` every build still `running` whose lock no
    /// session holds. Each is tried with a transaction lock of its key, so
    /// that two builders starting together record it once, and a build
    /// whose builder is alive is left alone.
    func recordDeadBuilds() throws {
        let running = try session.rows("SELECT id FROM build WHERE status = 'running' ORDER BY id").compactMap {
            $0.int64(0)
        }
        for id in running {
            try session.transaction {
                let free =
                    try session.int(
                        "SELECT CASE WHEN pg_try_advisory_xact_lock(hashtext($1), $2::int) THEN 1 ELSE 0 END",
                        buildLockKey(id)) == 1
                guard free else { return }
                try session.rows(
                    "UPDATE build SET status = 'interrupted', finishedAt = $1, note = $2 WHERE id = $3 "
                        + "AND status = 'running'",
                    [.text(Self.now()), .text(Self.deadBuildNote), .int(id)])
            }
        }
    }

    static let deadBuildNote =
        "its builder's connection ended before it finished (killed, or the network lost); "
        + "run the same build again to complete it"

    /// Whether build `id`, recorded as `running`, is dead: no session holds
    /// its lock. A read (of `pg_locks`), so that a reader role may ask.
    func isDead(build id: Int64) throws -> Bool {
        let held =
            try session.int(
                """
                SELECT count(*) FROM pg_locks
                WHERE locktype = 'advisory' AND granted AND objsubid = 2
                    AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                    AND classid = (hashtext($1)::bigint & 4294967295)::oid AND objid = $2::oid
                """, buildLockKey(id)) ?? 0
        return held == 0
    }
}
