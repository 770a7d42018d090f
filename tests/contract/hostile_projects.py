"""Project files nobody should trust: not SQLite, truncated, another program's database, our
id on foreign tables, a newer version, SQL that runs when the file is used (triggers, views
over an endless query or calling load_extension), a schema changed behind our back, damaged
pages, rows that break the rules, and the same hidden in an uncheckpointed -wal.

Each is made from the seeded project (a real one) with plain sqlite3, as another program or a
colleague's tampering would make it.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from annotator.store.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

Build = Callable[[Path, bytes], Path]  # (folder, seeded project bytes) -> the file


@dataclass(frozen=True)
class Hostile:
    id: str
    build: Build
    verdict: Literal["refused", "either", "accepted"] = "refused"
    slow: bool = False  # may never finish when the code is wrong: run in a bounded child
    named: Callable[[Path], str] | None = None  # how a refusal names the file, if not str()

    def __str__(self) -> str:
        return self.id


NAME = "hostile.annotator"


def raw(content: bytes) -> Build:
    def build(folder: Path, seeded: bytes) -> Path:
        path = folder / NAME
        path.write_bytes(content)
        return path

    return build


def edited(*statements: str, base: Build | None = None) -> Build:
    """The seeded project (or `base`) changed by these SQL statements, foreign keys off."""

    def build(folder: Path, seeded: bytes) -> Path:
        path = base(folder, seeded) if base else folder / NAME
        if base is None:
            path.write_bytes(seeded)
        connection = sqlite3.connect(path)
        connection.executescript("PRAGMA foreign_keys = OFF;\n" + ";\n".join(statements) + ";")
        connection.close()
        return path

    return build


def _absent(name: str) -> Build:
    """A path where no file is."""

    def build(folder: Path, seeded: bytes) -> Path:
        return folder / name

    return build


def _folder(folder: Path, seeded: bytes) -> Path:
    path = folder / NAME
    path.mkdir()
    return path


def _nested_json(depth: int) -> str:
    """SQL for a JSON object nested `depth` arrays deep: valid for SQLite (up to 2,000 deep),
    deeper than Python's json module can read without its recursion limit."""
    return (
        f"'{{\"x\": ' || replace(hex(zeroblob({depth})), '00', '[') || "
        f"replace(hex(zeroblob({depth})), '00', ']') || '}}'"
    )


def _header_only(folder: Path, seeded: bytes) -> Path:
    """The first 100 bytes of a real project: SQLite's header and nothing after it."""
    return raw(seeded[:100])(folder, seeded)


def _sqlite(folder: Path, *statements: str) -> Path:
    path = folder / NAME
    connection = sqlite3.connect(path)
    connection.executescript(";\n".join(statements) + ";")
    connection.close()
    return path


def _many_articles(folder: Path, seeded: bytes) -> Path:
    """The seeded project with 40 more articles of about 3 KB, one to a page or so."""
    path = folder / NAME
    path.write_bytes(seeded)
    connection = sqlite3.connect(path)
    with connection:
        for n in range(40):
            text = f"ZQX{n:02d}MARKER " + "The ferry crossed the fjord again today. " * 75
            connection.execute(
                "INSERT INTO articles (title, text, text_sha256, imported_at, meta) "
                "VALUES (?, ?, ?, '2024-05-02T10:00:00+00:00', '{}')",
                [f"Crossing {n}", text, hashlib.sha256(text.encode()).hexdigest()],
            )
    connection.close()
    return path


def _corrupt_page(folder: Path, seeded: bytes) -> Path:
    """A page in the middle of the articles table overwritten with garbage: nothing an import
    touches (it appends at the end), so only a check on open can notice."""
    path = _many_articles(folder, seeded)
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    page = data.find(b"ZQX20MARKER") // page_size
    assert page > 0
    data[page * page_size : page * page_size + 64] = b"\xa5" * 64
    path.write_bytes(bytes(data))
    return path


def _truncated(folder: Path, seeded: bytes) -> Path:
    path = _many_articles(folder, seeded)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def _foreign_with_our_id(folder: Path, seeded: bytes) -> Path:
    return _sqlite(
        folder,
        f"PRAGMA application_id = {APPLICATION_ID}",
        "CREATE TABLE articles (id INTEGER PRIMARY KEY, name TEXT)",
        "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)",
        "INSERT INTO articles (name) VALUES ('not a news article')",
    )


def _other_program(folder: Path, seeded: bytes) -> Path:
    return _sqlite(
        folder,
        "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)",
        "INSERT INTO notes (body) VALUES ('shopping list')",
    )


def older_version(version: int) -> Build:
    """An empty project as annotator wrote it at schema `version` (migrated on open)."""

    def build(folder: Path, seeded: bytes) -> Path:
        from sqlite_utils import Database

        path = folder / NAME
        db = Database(sqlite3.connect(path))
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db.execute("PRAGMA journal_mode = WAL")
        for migration in MIGRATIONS[:version]:
            migration(db)
        db.execute(f"PRAGMA user_version = {version}")
        db.conn.commit()
        db.close()
        return path

    return build


def in_wal(*statements: str) -> Build:
    """The seeded project whose main file is clean and whose -wal (never checkpointed, as a
    program killed mid-work leaves it) holds these changes."""

    def build(folder: Path, seeded: bytes) -> Path:
        scratch = folder / "scratch"
        scratch.mkdir()
        source = scratch / NAME
        source.write_bytes(seeded)
        connection = sqlite3.connect(source)
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA wal_autocheckpoint = 0")
        connection.executescript(";\n".join(statements) + ";")
        path = folder / NAME
        shutil.copyfile(source, path)
        shutil.copyfile(source.with_name(NAME + "-wal"), path.with_name(NAME + "-wal"))
        connection.close()
        shutil.rmtree(scratch)
        return path

    return build


def _span_past_text(folder: Path, seeded: bytes) -> Path:
    """An annotation that ends far past its text, written with the guarding trigger dropped
    and put back, so the schema is exactly ours and only the row is wrong."""
    path = folder / NAME
    path.write_bytes(seeded)
    connection = sqlite3.connect(path)
    (sql,) = connection.execute(
        "SELECT sql FROM sqlite_master WHERE name = 'annotations_fit_text_update'"
    ).fetchone()
    with connection:
        connection.execute("DROP TRIGGER annotations_fit_text_update")
        connection.execute('UPDATE annotations SET "end" = 100000 WHERE id = 1')
        connection.execute(sql)
    connection.close()
    return path


NEW_RELATION = "INSERT INTO relations (article_id, head_id, child_id, label)"
EVIL_TRIGGER = (
    "CREATE TRIGGER evil AFTER INSERT ON annotations BEGIN "
    "UPDATE annotations SET label = 'EVIL', note = 'rewritten'; END"
)
ENDLESS = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)"
ARTICLE_VALUES = (
    "'Ferry' AS title, NULL AS outlet, NULL AS author, NULL AS url, NULL AS published, "
    "NULL AS language, 'The ferry sails.' AS text, '' AS text_sha256, '' AS imported_at, "
    "NULL AS source, '{}' AS meta"
)

HOSTILE = [
    Hostile("no-such-file", _absent(NAME)),
    Hostile("a-folder", _folder),
    Hostile(
        "no-such-file-line-break-in-name",
        _absent("gone\nproject.annotator"),
        named=lambda path: "project.annotator",
    ),
    Hostile("not-sqlite", raw(b"Harbour cranes idle\nNo ships came in.\n")),
    Hostile("empty-file", raw(b"")),
    Hostile("truncated-header", raw(b"SQLite format")),
    Hostile("header-only", _header_only),
    Hostile("truncated-half", _truncated),
    Hostile("another-programs-database", _other_program),
    Hostile("another-application-id", edited("PRAGMA application_id = 305419896")),
    Hostile("our-id-version-0-foreign-tables", _foreign_with_our_id),
    Hostile("newer-version", edited(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")),
    Hostile("trigger-rewrites-annotations", edited(EVIL_TRIGGER)),
    Hostile(
        "trigger-empties-articles",
        edited("CREATE TRIGGER wipe AFTER INSERT ON articles BEGIN DELETE FROM annotations; END"),
    ),
    Hostile("trigger-hidden-in-wal", in_wal(EVIL_TRIGGER)),
    Hostile(
        "view-articles-endless-recursion",
        edited(
            "DROP TABLE articles",
            f"CREATE VIEW articles AS {ENDLESS} SELECT i AS id, {ARTICLE_VALUES} FROM n",
        ),
        slow=True,
    ),
    Hostile(
        "view-articles-load-extension",
        edited(
            "DROP TABLE articles",
            "CREATE VIEW articles AS SELECT load_extension('/nonexistent/evil') AS id, "
            f"{ARTICLE_VALUES}",
        ),
    ),
    Hostile(
        "extra-view-load-extension",
        edited(
            "CREATE VIEW stats AS "
            "SELECT load_extension('/nonexistent/evil'), count(*) FROM articles"
        ),
    ),
    Hostile(
        "changed-check-constraint",
        edited(
            "PRAGMA writable_schema = ON",
            "UPDATE sqlite_master SET sql = replace(sql, 'CHECK (start >= 0)', "
            "'CHECK (start >= -1000000)') WHERE name = 'annotations'",
            "PRAGMA writable_schema = OFF",
        ),
    ),
    Hostile("extra-table", edited("CREATE TABLE tracking (who TEXT, seen TEXT)")),
    Hostile("index-dropped", edited("DROP INDEX idx_annotations_article")),
    Hostile("table-dropped", edited("DROP TABLE reviews")),
    Hostile("corrupted-page-in-the-middle", _corrupt_page),
    Hostile(
        "title-not-utf8",
        edited("UPDATE articles SET title = CAST(X'4665727279C328' AS TEXT) WHERE id = 1"),
        "either",
    ),
    Hostile(
        "text-with-nul",
        edited("UPDATE articles SET text = text || char(0) || ' hidden tail' WHERE id = 1"),
        "either",
    ),
    Hostile("meta-is-a-list", edited("UPDATE articles SET meta = '[1, 2]'"), "either"),
    Hostile("attrs-is-a-list", edited("UPDATE annotations SET attrs = '[\"verdict\"]'"), "either"),
    Hostile("annotation-past-its-text", _span_past_text, "either"),
    Hostile(
        "annotation-of-no-article",
        edited(
            'INSERT INTO annotations (article_id, start, "end", label, kind, status, attrs, '
            "created_at, updated_at) VALUES (999, 0, 5, 'PERSON', 'entity', 'accepted', '{}', "
            "'2024-05-02', '2024-05-02')"
        ),
        "either",
    ),
    Hostile(
        "meta-nested-1500-deep",
        edited(f"UPDATE articles SET meta = {_nested_json(1500)}"),
        "either",
    ),
    Hostile(
        "attrs-nested-1500-deep",
        edited(f"UPDATE annotations SET attrs = {_nested_json(1500)}"),
        "either",
    ),
    Hostile(
        "relation-to-itself",
        edited(
            "INSERT INTO relations (article_id, head_id, child_id, label) VALUES (1, 1, 1, 'X')"
        ),
        "either",
    ),
    Hostile(
        "relation-across-articles",
        edited(
            'INSERT INTO annotations (article_id, start, "end", label, kind, status, attrs, '
            "created_at, updated_at) VALUES (2, 0, 5, 'PERSON', 'entity', 'accepted', '{}', "
            "'2024-05-02', '2024-05-02')",
            f"{NEW_RELATION} VALUES (1, 1, (SELECT max(id) FROM annotations), 'SPEAKER')",
            base=_many_articles,
        ),
        "either",
    ),
    Hostile(
        "two-speakers-for-one-quote",
        edited(f"{NEW_RELATION} VALUES (1, 2, 3, 'SPEAKER')"),
        "either",
    ),
    Hostile(
        "article-over-the-length-limit",
        edited(
            "UPDATE articles SET text = text || "
            "substr(replace(hex(zeroblob(600000)), '00', 'ab '), 1, 1100000) WHERE id = 1"
        ),
        "either",
    ),
    Hostile("text-hash-wrong", edited("UPDATE articles SET text_sha256 = 'x'"), "either"),
    Hostile(
        "decision-ids-not-a-list",
        edited(
            "INSERT INTO decisions (article_id, key, choice, decided_at, annotation_ids) "
            "VALUES (1, 'span:0-11', 'both', '2024-05-02', '{\"a\": 1}')"
        ),
        "either",
    ),
    Hostile(
        "status-outside-its-check",
        edited("PRAGMA ignore_check_constraints = ON", "UPDATE annotations SET status = 'bogus'"),
        "either",
    ),
    Hostile("older-version-1", older_version(1), "accepted"),
    Hostile("older-version-3", older_version(3), "accepted"),
]
