"""The project schema and its migrations.

The schema version lives in PRAGMA user_version and project files carry our PRAGMA
application_id, so other tools (and `file`) can tell what they are. MIGRATIONS[i] takes a
database from version i to i + 1; a new version appends a function and never edits an old one.
"""

import sqlite3
from collections.abc import Callable, Iterator

from sqlite_utils import Database

from annotator.store.connections import write_transaction

#: "ANNO" in ASCII: marks an SQLite file as an annotator project.
APPLICATION_ID = 0x414E4E4F

KINDS = "('entity', 'claim', 'quote', 'source')"
STATUSES = "('suggested', 'accepted', 'rejected', 'manual')"

_V1 = f"""
CREATE TABLE project_meta (
    key TEXT PRIMARY KEY,
    value TEXT
);
CREATE TABLE annotators (
    name TEXT PRIMARY KEY,
    created_at TEXT NOT NULL
);
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    outlet TEXT,
    author TEXT,
    url TEXT,
    published TEXT,
    language TEXT,
    text TEXT NOT NULL,
    text_sha256 TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    source TEXT,
    meta TEXT NOT NULL DEFAULT '{{}}' CHECK (json_valid(meta))
);
CREATE INDEX idx_articles_text_sha256 ON articles (text_sha256);
CREATE TABLE annotations (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    start INTEGER NOT NULL CHECK (start >= 0),
    "end" INTEGER NOT NULL CHECK ("end" > start),
    label TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN {KINDS}),
    status TEXT NOT NULL CHECK (status IN {STATUSES}),
    annotator TEXT REFERENCES annotators (name),
    attrs TEXT NOT NULL DEFAULT '{{}}' CHECK (json_valid(attrs)),
    note TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX idx_annotations_article ON annotations (article_id, start);
-- Offsets count code points, as SQLite's length() does for TEXT: a span can never leave its text.
CREATE TRIGGER annotations_fit_text_insert BEFORE INSERT ON annotations
WHEN NEW."end" > (SELECT length(text) FROM articles WHERE id = NEW.article_id)
BEGIN
    SELECT RAISE(ABORT, 'annotation ends after the end of its article text');
END;
CREATE TRIGGER annotations_fit_text_update BEFORE UPDATE OF "end" ON annotations
WHEN NEW."end" > (SELECT length(text) FROM articles WHERE id = NEW.article_id)
BEGIN
    SELECT RAISE(ABORT, 'annotation ends after the end of its article text');
END;
CREATE TABLE relations (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    head_id INTEGER NOT NULL REFERENCES annotations (id) ON DELETE CASCADE,
    child_id INTEGER NOT NULL REFERENCES annotations (id) ON DELETE CASCADE,
    label TEXT NOT NULL,
    annotator TEXT REFERENCES annotators (name)
);
CREATE INDEX idx_relations_article ON relations (article_id);
CREATE INDEX idx_relations_head ON relations (head_id);
CREATE INDEX idx_relations_child ON relations (child_id);
"""


_V2 = """
CREATE TABLE suggestion_runs (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    suggester TEXT NOT NULL,
    model TEXT,
    memory TEXT NOT NULL,
    model_spans TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(model_spans)),
    created_at TEXT NOT NULL,
    PRIMARY KEY (article_id, suggester)
);
"""


_V4 = """
CREATE TABLE reviews (
    article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    reviewed_by TEXT,
    reviewed_at TEXT NOT NULL
);
CREATE TABLE decisions (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    choice TEXT NOT NULL,
    decided_by TEXT,
    decided_at TEXT NOT NULL,
    annotation_ids TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(annotation_ids)),
    UNIQUE (article_id, key)
);
"""


#: A decided entity is one a person accepted, rejected or drew: the entity memory's input.
_DECIDED = "{row}.kind = 'entity' AND {row}.status != 'suggested'"
_BUMP = (
    "INSERT INTO entity_memory (id, changes) VALUES (1, 1) "
    "ON CONFLICT (id) DO UPDATE SET changes = changes + 1;"
)
_V5 = f"""
CREATE TABLE entity_memory (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    changes INTEGER NOT NULL CHECK (typeof(changes) = 'integer')
);
INSERT INTO entity_memory (id, changes) VALUES (1, 0);
CREATE TRIGGER entity_memory_insert AFTER INSERT ON annotations
WHEN {_DECIDED.format(row="NEW")}
BEGIN
    {_BUMP}
END;
CREATE TRIGGER entity_memory_update AFTER UPDATE ON annotations
WHEN {_DECIDED.format(row="OLD")} OR {_DECIDED.format(row="NEW")}
BEGIN
    {_BUMP}
END;
CREATE TRIGGER entity_memory_delete AFTER DELETE ON annotations
WHEN {_DECIDED.format(row="OLD")}
BEGIN
    {_BUMP}
END;
"""


def statements(script: str) -> Iterator[str]:
    """Split a script into complete statements (trigger bodies included).

    executescript() would commit on its own; a migration must run inside the caller's transaction.
    """
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            yield pending.strip()
            pending = ""


def _v0_to_v1(db: Database) -> None:
    for statement in statements(_V1):
        db.execute(statement)
    db.table("articles").enable_fts(["title", "text"], create_triggers=True, tokenize="unicode61")


def _v1_to_v2(db: Database) -> None:
    """Remember which model (and which entity memory) produced each article's suggestions."""
    for statement in statements(_V2):
        db.execute(statement)


def _v2_to_v3(db: Database) -> None:
    """Index annotation notes for project-wide search, as articles_fts indexes the articles.

    enable_fts fills the index from the existing rows inside the caller's transaction
    (sqlite-utils runs its scripts statement by statement while one is open, without committing).
    replace=True keeps an identical index that is already there instead of failing on it.
    """
    db.table("annotations").enable_fts(
        ["note"], create_triggers=True, tokenize="unicode61", replace=True
    )


def _v3_to_v4(db: Database) -> None:
    """Review of colleagues' work: each decision on a disagreement (who, when, which way), and
    the articles where nothing is left undecided. The adjudicated annotations themselves are
    ordinary annotations in the "reviewed" layer."""
    for statement in statements(_V4):
        db.execute(statement)


def _v4_to_v5(db: Database) -> None:
    """A counter of changes to decided entities, bumped by triggers, so the entity memory's
    signature is one row to read rather than a scan of every annotation: every article open
    asks for it. It starts at 0 whatever the file holds, since only its changes matter."""
    for statement in statements(_V5):
        db.execute(statement)


MIGRATIONS: list[Callable[[Database], None]] = [
    _v0_to_v1,
    _v1_to_v2,
    _v2_to_v3,
    _v3_to_v4,
    _v4_to_v5,
]
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(db: Database) -> None:
    """Bring the database up to SCHEMA_VERSION, one committed transaction per version.

    Each step reads the version again inside its IMMEDIATE transaction, so two programs that
    open an old file at once migrate it once: the second waits, then finds the step done.
    """
    while _version(db) < SCHEMA_VERSION:
        with write_transaction(db.conn):
            version = _version(db)
            if version < SCHEMA_VERSION:
                MIGRATIONS[version](db)
                db.execute(f"PRAGMA user_version = {version + 1}")


def _version(db: Database) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


#: For each table, a query for the ids of its rows that break the rules the schema states (the
#: CHECK constraints and the annotations_fit_text triggers above), and the one the store keeps
#: for relations (they link two annotations of their own article). Another program can write
#: such rows (PRAGMA ignore_check_constraints, or with a trigger dropped for a moment), and
#: PRAGMA quick_check does not see them, so each file is checked against these on open
#: (store/trust.py); a table the file's version does not have is skipped. A span's end is
#: compared with its text's length only for articles whose longest span ends after the text:
#: length() reads the whole text, once per article rather than once per annotation.
ROW_CHECKS = {
    "articles": "SELECT id FROM articles WHERE NOT coalesce(json_valid(meta), 0)",
    "annotations": f"""SELECT id FROM annotations WHERE NOT coalesce(start >= 0 AND "end" > start
        AND kind IN {KINDS} AND status IN {STATUSES} AND json_valid(attrs), 0)
        UNION ALL
        SELECT a.id FROM (SELECT article_id, max("end") AS last FROM annotations
            GROUP BY article_id) AS m
        JOIN articles AS t ON t.id = m.article_id AND m.last > length(t.text)
        JOIN annotations AS a ON a.article_id = m.article_id AND a."end" > length(t.text)""",
    "relations": """SELECT r.id FROM relations AS r
        LEFT JOIN annotations AS head ON head.id = r.head_id
        LEFT JOIN annotations AS child ON child.id = r.child_id
        WHERE r.head_id = r.child_id OR head.article_id IS NOT r.article_id
            OR child.article_id IS NOT r.article_id""",
    "suggestion_runs": "SELECT rowid FROM suggestion_runs "
    "WHERE NOT coalesce(json_valid(model_spans), 0)",
    "decisions": "SELECT id FROM decisions WHERE NOT coalesce(json_valid(annotation_ids), 0)",
    "entity_memory": "SELECT id FROM entity_memory "
    "WHERE NOT coalesce(id = 1 AND typeof(changes) = 'integer', 0)",
}
