import GRDB

extension SQLiteGraphStore {
    /// The schema version this guanxi writes (`PRAGMA user_version`).
    public static let schemaVersion = 9

    /// Each edge's shared articles a row each, read from the edge's `articles`.
    static let coappearanceArticleView = """
        CREATE VIEW coappearanceArticle (personA, personB, articleId) AS
            SELECT c.personA, c.personB, j.value
            FROM coappearance c, json_each(CASE WHEN json_valid(c.articles) THEN c.articles ELSE '[]' END) j;
        """

    /// Named, forward-only migrations; see docs/store-schema.md.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("Create documents and articles") { db in
            try db.execute(
                sql: """
                    CREATE TABLE build (
                        id INTEGER PRIMARY KEY,
                        startedAt TEXT NOT NULL,
                        finishedAt TEXT,
                        status TEXT NOT NULL CHECK (status IN ('running', 'finished', 'failed')),
                        note TEXT
                    );
                    CREATE TABLE document (
                        id INTEGER PRIMARY KEY,
                        path TEXT NOT NULL,
                        source TEXT NOT NULL,
                        root TEXT NOT NULL,
                        contentHash TEXT NOT NULL,
                        size INTEGER NOT NULL,
                        modifiedAt TEXT,
                        encoding TEXT NOT NULL,
                        format TEXT NOT NULL,
                        url TEXT,
                        date TEXT,
                        dateInferred INTEGER NOT NULL DEFAULT 0,
                        homeJurisdiction TEXT,
                        text TEXT NOT NULL,
                        buildId INTEGER REFERENCES build(id) ON DELETE SET NULL
                    );
                    CREATE UNIQUE INDEX document_on_path ON document(path);
                    CREATE TABLE article (
                        id INTEGER PRIMARY KEY,
                        documentId INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
                        position INTEGER NOT NULL,
                        kind TEXT NOT NULL,
                        headline TEXT,
                        byline TEXT,
                        date TEXT,
                        dateInferred INTEGER NOT NULL DEFAULT 0,
                        body TEXT NOT NULL,
                        bodyStart INTEGER,
                        bodyEnd INTEGER,
                        bodyOffsets TEXT NOT NULL
                    );
                    CREATE UNIQUE INDEX article_on_documentId_position ON article(documentId, position);
                    CREATE INDEX article_on_date ON article(date);
                    """)
        }
        migrator.registerMigration("Create graph") { db in
            try db.execute(
                sql: """
                    CREATE TABLE person (
                        id TEXT PRIMARY KEY,
                        name TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        jurisdiction TEXT,
                        rank TEXT,
                        firstDate TEXT,
                        lastDate TEXT,
                        articleCount INTEGER NOT NULL,
                        mentionCount INTEGER NOT NULL
                    );
                    CREATE INDEX person_on_name ON person(name);
                    CREATE TABLE organization (
                        id TEXT PRIMARY KEY,
                        name TEXT NOT NULL,
                        jurisdiction TEXT,
                        parentId TEXT REFERENCES organization(id) ON DELETE SET NULL,
                        aliases TEXT NOT NULL,
                        articleCount INTEGER NOT NULL
                    );
                    CREATE UNIQUE INDEX organization_on_name ON organization(name);
                    CREATE TABLE mention (
                        id INTEGER PRIMARY KEY,
                        articleId INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
                        position INTEGER NOT NULL,
                        personId TEXT REFERENCES person(id) ON DELETE SET NULL,
                        name TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        referenced INTEGER NOT NULL,
                        inName INTEGER NOT NULL,
                        startOffset INTEGER NOT NULL,
                        endOffset INTEGER NOT NULL,
                        spans TEXT NOT NULL,
                        titles TEXT NOT NULL,
                        rules TEXT NOT NULL
                    );
                    CREATE UNIQUE INDEX mention_on_articleId_position ON mention(articleId, position);
                    CREATE INDEX mention_on_personId ON mention(personId);
                    CREATE INDEX mention_on_name ON mention(name);
                    CREATE TABLE organizationMention (
                        id INTEGER PRIMARY KEY,
                        articleId INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
                        position INTEGER NOT NULL,
                        organizationId TEXT REFERENCES organization(id) ON DELETE SET NULL,
                        name TEXT NOT NULL,
                        jurisdiction TEXT,
                        parent TEXT,
                        written TEXT NOT NULL,
                        startOffset INTEGER,
                        endOffset INTEGER,
                        spans TEXT NOT NULL
                    );
                    CREATE UNIQUE INDEX organizationMention_on_articleId_position ON organizationMention(articleId, position);
                    CREATE INDEX organizationMention_on_organizationId ON organizationMention(organizationId);
                    CREATE TABLE post (
                        id TEXT PRIMARY KEY,
                        personId TEXT NOT NULL REFERENCES person(id) ON DELETE CASCADE,
                        role TEXT NOT NULL,
                        organizationId TEXT REFERENCES organization(id) ON DELETE SET NULL,
                        title TEXT NOT NULL,
                        firstDate TEXT,
                        lastDate TEXT,
                        articleCount INTEGER NOT NULL
                    );
                    CREATE UNIQUE INDEX post_on_personId_role_organizationId
                        ON post(personId, role, ifnull(organizationId, ''));
                    CREATE INDEX post_on_role ON post(role);
                    CREATE TABLE postArticle (
                        postId TEXT NOT NULL REFERENCES post(id) ON DELETE CASCADE,
                        articleId INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
                        mentionId INTEGER NOT NULL REFERENCES mention(id) ON DELETE CASCADE,
                        PRIMARY KEY (postId, articleId)
                    );
                    CREATE TABLE coappearance (
                        personA TEXT NOT NULL REFERENCES person(id) ON DELETE CASCADE,
                        personB TEXT NOT NULL REFERENCES person(id) ON DELETE CASCADE,
                        weight INTEGER NOT NULL,
                        firstDate TEXT,
                        lastDate TEXT,
                        PRIMARY KEY (personA, personB),
                        CHECK (personA < personB)
                    );
                    CREATE INDEX coappearance_on_personB ON coappearance(personB);
                    CREATE TABLE coappearanceArticle (
                        personA TEXT NOT NULL,
                        personB TEXT NOT NULL,
                        articleId INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
                        PRIMARY KEY (personA, personB, articleId),
                        FOREIGN KEY (personA, personB) REFERENCES coappearance(personA, personB) ON DELETE CASCADE
                    );
                    CREATE TABLE linkDecision (
                        id INTEGER PRIMARY KEY,
                        personId TEXT REFERENCES person(id) ON DELETE CASCADE,
                        name TEXT NOT NULL,
                        action TEXT NOT NULL,
                        rule TEXT NOT NULL,
                        reason TEXT NOT NULL
                    );
                    CREATE INDEX linkDecision_on_personId ON linkDecision(personId);
                    CREATE INDEX linkDecision_on_name ON linkDecision(name);
                    """)
            try db.execute(sql: "PRAGMA user_version = \(schemaVersion)")
        }
        migrator.registerMigration("Create linkState") { db in
            // What the linked graph was made from: cleared whenever documents are
            // written, set by every relink. A build relinks only when it differs.
            try db.execute(
                sql: """
                    CREATE TABLE linkState (
                        id INTEGER PRIMARY KEY CHECK (id = 1),
                        fingerprint TEXT
                    );
                    INSERT INTO linkState (id, fingerprint) VALUES (1, NULL);
                    """)
        }
        migrator.registerMigration("Allow interrupted builds") { db in
            // A build stopped with Ctrl-C is recorded as `interrupted` (schema 3).
            // SQLite cannot alter a CHECK constraint: the table is copied
            // (foreign keys are off during migrations, so document.buildId stays).
            try db.execute(
                sql: """
                    CREATE TABLE newBuild (
                        id INTEGER PRIMARY KEY,
                        startedAt TEXT NOT NULL,
                        finishedAt TEXT,
                        status TEXT NOT NULL CHECK (status IN ('running', 'finished', 'failed', 'interrupted')),
                        note TEXT
                    );
                    INSERT INTO newBuild (id, startedAt, finishedAt, status, note)
                        SELECT id, startedAt, finishedAt, status, note FROM build;
                    DROP TABLE build;
                    ALTER TABLE newBuild RENAME TO build;
                    PRAGMA user_version = 3;
                    """)
        }
        migrator.registerMigration("Keep evidence without rowids") { db in
            // Schema 4. The evidence tables hold one row per (edge or post,
            // article): stored as their primary key alone (WITHOUT ROWID, one
            // B-tree instead of a table and an index). They are derived and
            // rebuilt by every relink, which every document write triggers, so
            // they reference nothing: deleting an article used to scan them
            // whole (no index on articleId), and clearing them row by row cost
            // more than rewriting them. `guanxi check` tests that every row's
            // edge or post, article and mention exist.
            try db.execute(
                sql: """
                    CREATE TABLE newCoappearanceArticle (
                        personA TEXT NOT NULL,
                        personB TEXT NOT NULL,
                        articleId INTEGER NOT NULL,
                        PRIMARY KEY (personA, personB, articleId)
                    ) WITHOUT ROWID;
                    INSERT INTO newCoappearanceArticle SELECT personA, personB, articleId FROM coappearanceArticle;
                    DROP TABLE coappearanceArticle;
                    ALTER TABLE newCoappearanceArticle RENAME TO coappearanceArticle;
                    CREATE TABLE newPostArticle (
                        postId TEXT NOT NULL,
                        articleId INTEGER NOT NULL,
                        mentionId INTEGER NOT NULL,
                        PRIMARY KEY (postId, articleId)
                    ) WITHOUT ROWID;
                    INSERT INTO newPostArticle SELECT postId, articleId, mentionId FROM postArticle;
                    DROP TABLE postArticle;
                    ALTER TABLE newPostArticle RENAME TO postArticle;
                    PRAGMA user_version = 4;
                    """)
        }
        migrator.registerMigration("Count each document's jurisdictions") { db in
            // Schema 4. How often each jurisdiction is named on a page (its home
            // once per mention, and each title's): what a paper's home is
            // inferred from when linking, summed per folder without reading
            // every mention. Filled here for stored documents; written with
            // each new one.
            try db.execute(
                sql: """
                    ALTER TABLE document ADD COLUMN jurisdictionCounts TEXT NOT NULL DEFAULT '{}';
                    UPDATE document SET jurisdictionCounts = (
                        SELECT json_group_object(j, n) FROM (
                            SELECT j, count(*) AS n FROM (
                                SELECT document.homeJurisdiction AS j
                                    FROM mention m JOIN article a ON a.id = m.articleId
                                    WHERE a.documentId = document.id AND document.homeJurisdiction IS NOT NULL
                                UNION ALL
                                SELECT t.value ->> '$.jurisdiction'
                                    FROM mention m JOIN article a ON a.id = m.articleId, json_each(m.titles) t
                                    WHERE a.documentId = document.id AND t.value ->> '$.jurisdiction' IS NOT NULL
                            ) GROUP BY j ORDER BY j));
                    PRAGMA user_version = 4;
                    """)
        }
        migrator.registerMigration("Keep each mention's person apart") { db in
            // Schema 5. Linking decides each mention's person; extraction wrote
            // the mention. The person lives in a narrow table of its own, so a
            // relink writes a few bytes a mention instead of rewriting every
            // mention row (spans, titles and rules) and a WAL as large.
            try db.execute(
                sql: """
                    CREATE TABLE mentionPerson (
                        mentionId INTEGER PRIMARY KEY REFERENCES mention(id) ON DELETE CASCADE,
                        personId TEXT NOT NULL
                    );
                    INSERT INTO mentionPerson (mentionId, personId)
                        SELECT id, personId FROM mention WHERE personId IS NOT NULL ORDER BY id;
                    CREATE INDEX mentionPerson_on_personId ON mentionPerson(personId);
                    CREATE TABLE newMention (
                        id INTEGER PRIMARY KEY,
                        articleId INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
                        position INTEGER NOT NULL,
                        name TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        referenced INTEGER NOT NULL,
                        inName INTEGER NOT NULL,
                        startOffset INTEGER NOT NULL,
                        endOffset INTEGER NOT NULL,
                        spans TEXT NOT NULL,
                        titles TEXT NOT NULL,
                        rules TEXT NOT NULL
                    );
                    INSERT INTO newMention
                        SELECT id, articleId, position, name, kind, referenced, inName, startOffset, endOffset,
                            spans, titles, rules
                        FROM mention ORDER BY id;
                    DROP TABLE mention;
                    ALTER TABLE newMention RENAME TO mention;
                    CREATE UNIQUE INDEX mention_on_articleId_position ON mention(articleId, position);
                    CREATE INDEX mention_on_name ON mention(name);
                    PRAGMA user_version = 5;
                    """)
        }
        migrator.registerMigration("Keep each edge's articles in the edge") { db in
            // Schema 6. An edge's shared articles are a JSON array of article
            // ids in the edge's row, not a row each: a relink wrote a row per
            // shared article, hundreds of times more rows than edges. The
            // view keeps `coappearanceArticle` readable as before; an
            // unreadable array reads as no articles (and `check` then reports
            // the edge's weight).
            try db.execute(
                sql: """
                    ALTER TABLE coappearance ADD COLUMN articles TEXT NOT NULL DEFAULT '[]';
                    UPDATE coappearance SET articles = (
                        SELECT json_group_array(articleId) FROM (
                            SELECT ca.articleId FROM coappearanceArticle ca
                            WHERE ca.personA = coappearance.personA AND ca.personB = coappearance.personB
                            ORDER BY ca.articleId));
                    DROP TABLE coappearanceArticle;
                    \(Self.coappearanceArticleView)
                    PRAGMA user_version = 6;
                    """)
        }
        migrator.registerMigration("Find mentions by name through their people") { db in
            // Schema 7. The mentions' name index served one query: the
            // mentions of a name that curation dropped (`guanxi explain`).
            // Building it was SQLite's sort of every mention at the end of a
            // relink, a good part of a first build's linking, and a later build
            // that added many documents rewrote most of its pages every
            // batch. Names are found through `person.name` (indexed) and
            // `mentionPerson.personId` (indexed); a dropped name's mentions
            // are a scan of `mention`, rare and fast enough.
            try db.execute(
                sql: """
                    DROP INDEX IF EXISTS mention_on_name;
                    PRAGMA user_version = 7;
                    """)
        }
        migrator.registerMigration("Keep read options and link settings") { db in
            // Schema 8. Each document keeps the read options that applied to
            // its page (its manifest line, `--home`), so a rebuild re-reads
            // it when a line is removed, not only when one changes (NULL for
            // documents stored before: compared as before). The link state
            // keeps the link options and curation of the last relink, which
            // `guanxi remove` relinks with.
            try db.execute(
                sql: """
                    ALTER TABLE document ADD COLUMN readOptions TEXT;
                    ALTER TABLE linkState ADD COLUMN settings TEXT;
                    PRAGMA user_version = 8;
                    """)
        }
        migrator.registerMigration("Keep each person's articles by date") { db in
            // Schema 9. A person's mention keeps its article and the
            // article's date beside the person, indexed by person and date:
            // a person's latest articles and their count are then a range
            // of one index, not a lookup of every mention and article (a
            // person named in 30,000 articles took 0.3 s a read). An edge's
            // weight and dates are in indexes from either end, so reading a
            // person's partners does not read the edges' rows, whose lists
            // of articles fill a page each.
            try db.execute(
                sql: """
                    CREATE TABLE newMentionPerson (
                        mentionId INTEGER PRIMARY KEY REFERENCES mention(id) ON DELETE CASCADE,
                        personId TEXT NOT NULL,
                        articleId INTEGER NOT NULL,
                        date TEXT
                    );
                    INSERT INTO newMentionPerson (mentionId, personId, articleId, date)
                        SELECT mp.mentionId, mp.personId, m.articleId, a.date
                        FROM mentionPerson mp JOIN mention m ON m.id = mp.mentionId JOIN article a ON a.id = m.articleId
                        ORDER BY mp.mentionId;
                    DROP TABLE mentionPerson;
                    ALTER TABLE newMentionPerson RENAME TO mentionPerson;
                    \(Self.mentionPersonIndex);
                    DROP INDEX IF EXISTS coappearance_on_personA;
                    DROP INDEX IF EXISTS coappearance_on_personB;
                    CREATE INDEX coappearance_on_personA ON coappearance(personA, personB, weight, firstDate, lastDate);
                    CREATE INDEX coappearance_on_personB ON coappearance(personB, personA, weight, firstDate, lastDate);
                    PRAGMA user_version = 9;
                    """)
        }
        return migrator
    }

    /// The index of mentions by person, then date and article: what finds a
    /// person's mentions, and their latest articles without reading them.
    static let mentionPersonIndex =
        "CREATE INDEX mentionPerson_on_personId ON mentionPerson(personId, date, articleId)"
}
