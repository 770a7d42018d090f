"""Project files are untrusted documents: a file is used only if it is what this version writes.

Every hostile file is built here by code. Opened for work, opened read-only, or read as a
colleague's file, each is refused with one line naming it, and it (with its -wal) is left
byte-identical, with nothing new beside it and nothing left in the temp folder.
"""

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlite_utils import Database

from annotator.domain import AnnotationStatus, ArticleDraft, SpanDraft
from annotator.errors import UserError
from annotator.store import ProjectStore
from annotator.store.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION
from annotator.store.trust import canonical, expected_objects, schema_objects

TEXT = "Anna Müller said the bridge will reopen in May. " * 8
ARTICLES = 12


def make_project(path: Path) -> Path:
    with ProjectStore.create(path) as store:
        span = SpanDraft(0, 11, "PERSON", annotator="ana", status=AnnotationStatus.ACCEPTED)
        store.add_articles(
            [ArticleDraft(text=TEXT, title=f"Bridge {n}", spans=(span,)) for n in range(ARTICLES)]
        )
    return path


def run_sql(path: Path, *statements: str) -> None:
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        for statement in statements:
            connection.execute(statement)
    finally:
        connection.close()


def with_sql(*statements: str) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        run_sql(make_project(path), *statements)

    return make


def corrupt_page(path: Path) -> None:
    """Overwrite the cells in the middle of the annotations table's page."""
    make_project(path)
    connection = sqlite3.connect(path)
    ((root, size),) = connection.execute(
        "SELECT rootpage, (SELECT page_size FROM pragma_page_size) FROM sqlite_master "
        "WHERE name = 'annotations'"
    )
    connection.close()
    data = bytearray(path.read_bytes())
    page = (root - 1) * size
    cells = int.from_bytes(data[page + 5 : page + 7], "big")  # where the cell content starts
    data[page + cells : page + cells + 32] = b"\xff" * 32
    path.write_bytes(bytes(data))


def truncate(path: Path) -> None:
    data = make_project(path).read_bytes()
    path.write_bytes(data[: len(data) // 2])


def foreign_tables_with_our_id(path: Path) -> None:
    run_sql(
        path,
        f"PRAGMA application_id = {APPLICATION_ID}",
        "CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)",
        "INSERT INTO recipes (name) VALUES ('soup')",
    )


def span_past_its_text(path: Path) -> None:
    """Move a span past its text with the guarding trigger out of the way, then put it back."""
    make_project(path)
    connection = sqlite3.connect(path, isolation_level=None)
    ((trigger,),) = connection.execute(
        "SELECT sql FROM sqlite_master WHERE name = 'annotations_fit_text_update'"
    )
    connection.execute("DROP TRIGGER annotations_fit_text_update")
    connection.execute('UPDATE annotations SET "end" = 100000 WHERE id = 4')
    connection.execute(trigger)
    connection.close()


def another_programs_database(path: Path) -> None:
    run_sql(path, "CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")


def hostile_trigger_in_the_wal(path: Path) -> None:
    """A project whose -wal (sent along with it) adds a trigger the main file does not have."""
    source = make_project(path.with_name("source.annotator"))
    connection = sqlite3.connect(source, isolation_level=None)
    connection.execute("PRAGMA wal_autocheckpoint = 0")
    connection.execute(REWRITE_TRIGGER)
    shutil.copyfile(source, path)  # copied while open: the trigger is only in the -wal
    shutil.copyfile(f"{source}-wal", f"{path}-wal")
    connection.close()
    source.unlink()


REWRITE_TRIGGER = (
    "CREATE TRIGGER rewrite AFTER INSERT ON annotations "
    "BEGIN UPDATE annotations SET label = 'CHANGED'; END"
)
ENDLESS_ARTICLES = (
    "CREATE VIEW articles AS WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) "
    "SELECT x AS id, 't' AS title, NULL AS outlet, NULL AS author, NULL AS url, "
    "NULL AS published, NULL AS language, 'x' AS text, 'h' AS text_sha256, "
    "'now' AS imported_at, NULL AS source, '{}' AS meta FROM n"
)

HOSTILE: dict[str, tuple[Callable[[Path], None], str]] = {
    "trigger that rewrites annotations": (
        with_sql(REWRITE_TRIGGER),
        "holds a trigger 'rewrite' that annotator does not create",
    ),
    "view named articles, endless": (
        with_sql("PRAGMA foreign_keys = OFF", "DROP TABLE articles", ENDLESS_ARTICLES),
        "holds a view 'articles' that annotator does not create",
    ),
    "view calling load_extension": (
        with_sql("CREATE VIEW plugin AS SELECT load_extension('/nowhere/evil.so') AS x"),
        "holds a view 'plugin' that annotator does not create",
    ),
    "foreign table": (
        with_sql("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)"),
        "holds a table 'recipes' that annotator does not create",
    ),
    "our id, version 0, foreign tables": (
        foreign_tables_with_our_id,
        "holds a table 'recipes' that annotator does not create",
    ),
    "changed CHECK": (
        with_sql(
            "PRAGMA writable_schema = ON",
            "UPDATE sqlite_master SET sql = replace(sql, '''source''', '''source'', ''gossip''') "
            "WHERE name = 'annotations'",
        ),
        "its table 'annotations' is not the one annotator creates",
    ),
    "missing index": (
        with_sql("DROP INDEX idx_relations_child"),
        "its index 'idx_relations_child' is missing",
    ),
    "newer version": (
        with_sql(f"PRAGMA user_version = {SCHEMA_VERSION + 1}"),
        "written by a newer version of annotator",
    ),
    "row breaking a CHECK constraint": (
        with_sql(
            "PRAGMA ignore_check_constraints = ON",
            "UPDATE annotations SET kind = 'gossip' WHERE id = 3",
        ),
        "annotations",
    ),
    "span past its text": (
        span_past_its_text,
        "annotations row 4 breaks the rules of the project format",
    ),
    "annotation of a missing article": (
        with_sql("PRAGMA foreign_keys = OFF", "DELETE FROM articles WHERE id = 2"),
        "annotations row 2 refers to a missing articles row",
    ),
    "relation to itself": (
        with_sql(
            "INSERT INTO relations (article_id, head_id, child_id, label) VALUES (1, 1, 1, 'X')"
        ),
        "relations row 1 breaks the rules of the project format",
    ),
    "relation across articles": (
        with_sql(
            "INSERT INTO relations (article_id, head_id, child_id, label) VALUES (1, 1, 2, 'X')"
        ),
        "relations row 1 breaks the rules of the project format",
    ),
    "corrupted page": (corrupt_page, "the project file is damaged: On tree page"),
    "truncated": (truncate, "the project file is damaged"),
    "empty file": (lambda path: path.write_bytes(b""), "not an annotator project (an empty file)"),
    "text file": (
        lambda path: path.write_text("SQLite format 3 is not this.\n"),
        "not an SQLite database",
    ),
    "another program's database": (another_programs_database, "of another program"),
    "hostile trigger in the -wal": (
        hostile_trigger_in_the_wal,
        "holds a trigger 'rewrite' that annotator does not create",
    ),
}


def open_for_work(path: Path) -> None:
    ProjectStore.open(path).close()


def open_read_only(path: Path) -> None:
    ProjectStore.open(path, read_only=True).close()


def read_as_colleague(path: Path) -> None:
    with ProjectStore.read_copy(path) as store:
        list(store.articles())


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.mark.parametrize("use", [open_for_work, open_read_only, read_as_colleague])
@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_file_is_refused_and_left_untouched(
    tmp_path: Path, temp_folder: Path, case: str, use: Callable[[Path], None]
) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    path = folder / "theirs.annotator"
    make, expected = HOSTILE[case]
    make(path)
    before = files(folder)

    with pytest.raises(UserError) as refusal:
        use(path)

    message = str(refusal.value)
    assert expected in message
    assert message.startswith(f"{path}: ")
    assert "\n" not in message
    assert files(folder) == before  # byte-identical, -wal included, and no -shm beside it
    assert list(temp_folder.iterdir()) == []


def test_endless_view_is_refused_before_anything_reads_it(tmp_path: Path) -> None:
    """The schema check comes first: the view's query never runs (this would never return)."""
    path = tmp_path / "endless.annotator"
    with_sql("PRAGMA foreign_keys = OFF", "DROP TABLE articles", ENDLESS_ARTICLES)(path)
    with pytest.raises(UserError, match="view 'articles'"), ProjectStore.read_copy(path):
        pass


def test_a_colleagues_wal_is_read_and_left_as_it_was(tmp_path: Path, temp_folder: Path) -> None:
    """A project sent with its -wal: what only the -wal holds is seen; nothing is written."""
    source = make_project(tmp_path / "source.annotator")
    connection = sqlite3.connect(source, isolation_level=None)
    connection.execute("PRAGMA wal_autocheckpoint = 0")
    connection.execute("UPDATE articles SET title = 'Only in the wal' WHERE id = 1")
    folder = tmp_path / "mail"
    folder.mkdir()
    path = folder / "theirs.annotator"
    shutil.copyfile(source, path)
    shutil.copyfile(f"{source}-wal", f"{path}-wal")
    connection.close()
    before = files(folder)

    with ProjectStore.read_copy(path) as store:
        assert next(store.articles()).title == "Only in the wal"
        assert store.read_only

    assert files(folder) == before
    assert list(temp_folder.iterdir()) == []


def test_an_older_colleague_file_is_read_without_changing_it(tmp_path: Path) -> None:
    """A version 1 file (made by the first migration alone) is brought up to date in memory."""
    path = tmp_path / "old.annotator"
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    MIGRATIONS[0](Database(connection))
    connection.execute("PRAGMA user_version = 1")
    connection.execute(
        "INSERT INTO articles (title, text, text_sha256, imported_at) "
        "VALUES ('Old', 'An old text.', 'h', 'then')"
    )
    connection.close()
    before = path.read_bytes()

    with ProjectStore.read_copy(path) as store:
        assert [a.title for a in store.articles()] == ["Old"]
        assert store.reviewed_articles() == {}  # a table of version 4

    assert path.read_bytes() == before
    with ProjectStore.open(path) as store:  # opened for work, it is migrated in place
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_expected_schema_is_what_create_makes(tmp_path: Path) -> None:
    """The expected objects come from the migrations, FTS5 shadow tables and triggers included."""
    with ProjectStore.create(tmp_path / "new.annotator") as store:
        made = set(schema_objects(store.db.conn))
    expected = expected_objects(SCHEMA_VERSION)
    assert made == expected
    names = {item.name for item in expected}
    assert {"articles_fts_data", "articles_ai", "annotations_fts_config", "annotations_au"} <= names
    assert expected_objects(0) == frozenset()


def test_schema_written_by_another_sqlite_utils_is_accepted(tmp_path: Path) -> None:
    """sqlite-utils 3 wrote [brackets] and other spacing where 4 writes "quotes"; both open."""
    path = make_project(tmp_path / "older-tools.annotator")
    run_sql(
        path,
        "PRAGMA writable_schema = ON",
        "UPDATE sqlite_master SET sql = 'CREATE TRIGGER [articles_ai] AFTER INSERT ON "
        "[articles] BEGIN\n    INSERT INTO [articles_fts] (rowid, [title], [text]) "
        "VALUES (new.rowid, new.[title], new.[text]);\nEND' WHERE name = 'articles_ai'",
    )
    with ProjectStore.open(path) as store:
        store.add_articles([ArticleDraft(text="A ferry timetable.", title="Ferry")])
        assert [row["title"] for row in store.db.table("articles").search("ferry")] == ["Ferry"]


def test_canonical_sql() -> None:
    """Spacing, comments, case and identifier quotes do not matter; string literals do."""
    assert canonical('CREATE TABLE "t" (\n  [a] TEXT, -- note\n  `b` int /* x */)') == canonical(
        "create table t (a text, b INT)"
    )
    assert canonical("CHECK (kind IN ('quote'))") != canonical("CHECK (kind IN ('Quote'))")
    assert canonical("SELECT \"'a'\"") != canonical("SELECT 'a'")  # a name is no string
    assert canonical('SELECT "a b"') != canonical("SELECT a b")
    assert canonical("SELECT \u212aind") != canonical("SELECT kind")  # Kelvin sign: not a K


@pytest.mark.parametrize(
    "breaking",
    [
        "UPDATE articles SET meta = '{not json' WHERE id = 1",
        "UPDATE annotations SET start = -1 WHERE id = 1",
        'UPDATE annotations SET "end" = start WHERE id = 1',
        "UPDATE annotations SET status = 'maybe' WHERE id = 1",
        "UPDATE annotations SET attrs = '[1,' WHERE id = 1",
        "INSERT INTO suggestion_runs VALUES (1, 'entities', NULL, 'm', 'not json', 'now')",
        "INSERT INTO decisions (article_id, key, choice, decided_at, annotation_ids) "
        "VALUES (1, 'k', 'both', 'now', '[')",
    ],
)
def test_rows_breaking_the_schemas_checks_are_refused(tmp_path: Path, breaking: str) -> None:
    """Each CHECK constraint of the schema, broken by a program that switched the checks off."""
    path = make_project(tmp_path / "broken.annotator")
    run_sql(path, "PRAGMA ignore_check_constraints = ON", breaking)
    before = path.read_bytes()
    for use in (open_for_work, read_as_colleague):
        with pytest.raises(UserError, match=r"refused: .*(breaks the rules|CHECK constraint)"):
            use(path)
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            "UPDATE articles SET title = CAST(X'4665727279C328' AS TEXT) WHERE id = 2",
            "holds text that is not valid UTF-8",
        ),
        ("UPDATE articles SET meta = '[1, 2]' WHERE id = 2", "the meta of article 2 is not a"),
        (
            "UPDATE annotations SET attrs = '" + "[" * 1500 + "]" * 1500 + "' WHERE id = 2",
            "the attrs of annotation 2 is nested too deeply",
        ),
        (
            'UPDATE articles SET meta = \'{"n": ' + "1" * 5000 + "}' WHERE id = 2",
            "the meta of article 2 holds a number too long to read",
        ),
    ],
)
def test_values_the_store_cannot_read_are_user_errors(
    tmp_path: Path, change: str, expected: str
) -> None:
    """Rows SQLite accepts but the store cannot read (text that is not UTF-8, JSON of the
    wrong shape or depth) fail where they are read, naming the file; the rest still reads."""
    path = make_project(tmp_path / "odd.annotator")
    run_sql(path, change)
    with ProjectStore.open(path, read_only=True) as store:
        assert store.article(1) is not None
        with pytest.raises(UserError, match=expected) as refusal:
            [store.annotations(article.id) for article in store.articles()]
    assert str(refusal.value).startswith(f"{path}: ")


def test_a_file_name_with_a_line_break_is_named_on_one_line(tmp_path: Path) -> None:
    path = tmp_path / "gone\nproject.annotator"
    with pytest.raises(UserError) as refusal:
        ProjectStore.open(path)
    assert str(refusal.value).startswith(f"{tmp_path}/gone\\nproject.annotator: no such")
    assert "\n" not in str(refusal.value)
