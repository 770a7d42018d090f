"""ProjectStore: the project file's format, its edits, and the files it must refuse untouched."""

import os
import sqlite3
import time
from pathlib import Path

import pytest
from sqlite_utils import Database

from annotator.domain import AnnotationKind, AnnotationStatus, ArticleDraft, SpanDraft
from annotator.errors import UserError
from annotator.store import PROJECT_SUFFIX, ProjectStore, connections
from annotator.store.schema import APPLICATION_ID, SCHEMA_VERSION

TEXT = "Anna Müller said the 🚲 lanes cost €2m. Officials disagreed."

COLUMNS = {
    "project_meta": {"key", "value"},
    "annotators": {"name", "created_at"},
    "articles": {
        "id",
        "title",
        "outlet",
        "author",
        "url",
        "published",
        "language",
        "text",
        "text_sha256",
        "imported_at",
        "source",
        "meta",
    },
    "annotations": {
        "id",
        "article_id",
        "start",
        "end",
        "label",
        "kind",
        "status",
        "annotator",
        "attrs",
        "note",
        "created_at",
        "updated_at",
    },
    "relations": {"id", "article_id", "head_id", "child_id", "label", "annotator"},
}


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / f"project{PROJECT_SUFFIX}"


@pytest.fixture
def store(path: Path):
    with ProjectStore.create(path) as store:
        yield store


def add_article(store: ProjectStore, text: str = TEXT, **fields) -> int:
    (article_id,) = store.add_articles([ArticleDraft(text=text, title="A title", **fields)])
    return article_id


def sidecars(path: Path) -> set[str]:
    return {p.name for p in path.parent.iterdir() if p.name.startswith(path.name + "-")}


def pragma(path: Path, name: str) -> int:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(f"PRAGMA {name}").fetchone()[0]
    finally:
        connection.close()


# -- creating and opening ---------------------------------------------------------------------


def test_create_then_reopen_keeps_data(path: Path) -> None:
    """What one session writes, the next one reads back."""
    with ProjectStore.create(path, name="Bike lanes") as store:
        article_id = add_article(store, outlet="The Courier", meta={"desk": "city"})
        span = store.add_annotation(article_id, SpanDraft(0, 11, "PERSON", annotator="ann"))
    assert path.is_file()
    with ProjectStore.open(path) as store:
        assert store.name == "Bike lanes"
        assert "created_at" in store.meta()
        article = store.article(article_id)
        assert article is not None
        assert article.text == TEXT
        assert article.outlet == "The Courier"
        assert article.meta == {"desk": "city"}
        assert store.annotations(article_id) == [span]
        assert store.annotation(span.id).text_in(TEXT) == "Anna Müller"
    with ProjectStore.open(str(path)) as store:  # a str path works too
        assert store.article_count() == 1


def test_name_defaults_to_file_stem(path: Path) -> None:
    with ProjectStore.create(path) as store:
        assert store.name == "project"


def test_pragmas(store: ProjectStore) -> None:
    """WAL for crash safety, enforced foreign keys, our schema version and application id."""
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert store.db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_pragmas_persist_in_the_file(path: Path) -> None:
    """Other tools (and `file`) see the id and version once the project is closed."""
    ProjectStore.create(path).close()
    assert pragma(path, "application_id") == APPLICATION_ID
    assert pragma(path, "user_version") == SCHEMA_VERSION
    assert pragma(path, "journal_mode") == "wal"


def test_tables_and_columns(store: ProjectStore) -> None:
    """The documented tables exist with the documented columns."""
    names = set(store.db.table_names())
    assert set(COLUMNS) <= names
    for table, columns in COLUMNS.items():
        assert set(store.db[table].columns_dict) == columns, table


def test_full_text_search(store: ProjectStore) -> None:
    """The articles table is searchable through sqlite-utils, also for rows added later."""
    add_article(store)
    assert [row["title"] for row in store.db["articles"].search("officials")] == ["A title"]
    assert list(store.db["articles"].search("bicycle")) == []
    store.add_articles([ArticleDraft(text="A bicycle parade downtown.", title="Parade")])
    assert [row["title"] for row in store.db["articles"].search("bicycle")] == ["Parade"]
    assert [row["title"] for row in store.db["articles"].search("parade")] == ["Parade"]


def test_create_on_existing_path_is_refused(path: Path) -> None:
    path.write_text("keep me")
    with pytest.raises(UserError, match="already exists") as error:
        ProjectStore.create(path)
    assert str(path) in str(error.value)
    assert path.read_text() == "keep me"


def test_create_in_missing_folder_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "nope" / "p.annotator"
    with pytest.raises(UserError) as error:
        ProjectStore.create(path)
    assert str(path) in str(error.value)
    assert not path.parent.exists()


# -- annotations and relations ----------------------------------------------------------------


def test_add_update_delete_annotation(store: ProjectStore) -> None:
    article_id = add_article(store)
    added = store.add_annotation(
        article_id,
        SpanDraft(0, 4, "PERSON", status=AnnotationStatus.SUGGESTED, attrs={"score": 0.5}),
    )
    assert (added.start, added.end, added.label) == (0, 4, "PERSON")
    assert added.kind is AnnotationKind.ENTITY
    assert added.status is AnnotationStatus.SUGGESTED
    assert added.attrs == {"score": 0.5}

    updated = store.update_annotation(
        added.id,
        end=11,
        status=AnnotationStatus.ACCEPTED,
        attrs={"checked": True},
        note="full name",
        annotator="desk",
    )
    assert updated.text_in(TEXT) == "Anna Müller"
    assert updated.status is AnnotationStatus.ACCEPTED
    assert updated.attrs == {"checked": True}
    assert updated.note == "full name"
    assert updated.annotator == "desk"
    assert updated.created_at == added.created_at
    assert updated.updated_at >= added.updated_at
    assert "desk" in {row["name"] for row in store.db["annotators"].rows}

    store.delete_annotation(added.id)
    assert store.annotations(article_id) == []


def test_annotations_listed_in_text_order(store: ProjectStore) -> None:
    article_id = add_article(store)
    late = store.add_annotation(article_id, SpanDraft(17, 18, "X"))
    early = store.add_annotation(article_id, SpanDraft(0, 4, "PERSON"))
    assert [a.id for a in store.annotations(article_id)] == [early.id, late.id]


def test_offsets_count_code_points(store: ProjectStore) -> None:
    """An emoji is one offset in Python and in SQLite, so a span may end right after it."""
    article_id = add_article(store, text="ride a 🚲")
    span = store.add_annotation(article_id, SpanDraft(7, 8, "PRODUCT"))
    assert span.text_in("ride a 🚲") == "🚲"


def test_relations_cascade_on_annotation_delete(store: ProjectStore) -> None:
    """Deleting either end of a relation removes the relation with it."""
    article_id = add_article(store)
    quote = store.add_annotation(article_id, SpanDraft(17, 38, "QUOTE", kind=AnnotationKind.QUOTE))
    source = store.add_annotation(
        article_id, SpanDraft(0, 11, "SOURCE", kind=AnnotationKind.SOURCE)
    )
    other = store.add_annotation(article_id, SpanDraft(40, 49, "SOURCE"))
    kept = store.add_relation(quote.id, other.id, "SPEAKER", annotator="ann")
    gone = store.add_relation(quote.id, source.id, "SPEAKER")
    assert [r.id for r in store.relations(article_id)] == [kept.id, gone.id]

    store.delete_annotation(source.id)
    assert [r.id for r in store.relations(article_id)] == [kept.id]
    store.delete_annotation(quote.id)
    assert store.relations(article_id) == []


def test_relation_across_articles_is_refused(store: ProjectStore) -> None:
    first = store.add_annotation(add_article(store), SpanDraft(0, 4, "PERSON"))
    second = store.add_annotation(add_article(store, text="Other text"), SpanDraft(0, 5, "X"))
    with pytest.raises(UserError):
        store.add_relation(first.id, second.id, "SPEAKER")
    with pytest.raises(UserError, match="to itself"):
        store.add_relation(first.id, first.id, "SPEAKER")


def test_article_delete_cascades(store: ProjectStore) -> None:
    """Foreign keys are enforced: an article's annotations and relations go with it."""
    article_id = add_article(store)
    head = store.add_annotation(article_id, SpanDraft(0, 4, "A"))
    child = store.add_annotation(article_id, SpanDraft(5, 11, "B"))
    store.add_relation(head.id, child.id, "SPEAKER")
    with store.db.conn:
        store.db.execute("DELETE FROM articles WHERE id = ?", [article_id])
    assert store.db.execute("SELECT count(*) FROM annotations").fetchone()[0] == 0
    assert store.db.execute("SELECT count(*) FROM relations").fetchone()[0] == 0


@pytest.mark.parametrize(
    ("start", "end"),
    [(-1, 3), (0, len(TEXT) + 1), (5, 5), (6, 2), (len(TEXT), len(TEXT) + 2)],
)
def test_add_annotation_outside_text_is_refused(store: ProjectStore, start, end) -> None:
    article_id = add_article(store)
    with pytest.raises(UserError, match="does not fit") as error:
        store.add_annotation(article_id, SpanDraft(start, end, "X"))
    assert str(store.path) in str(error.value)
    assert store.annotations(article_id) == []


def test_add_annotation_to_missing_article_is_refused(store: ProjectStore) -> None:
    with pytest.raises(UserError, match="no article"):
        store.add_annotation(42, SpanDraft(0, 1, "X"))


def test_trigger_blocks_raw_insert_past_text_end(store: ProjectStore) -> None:
    """The schema itself keeps spans inside their text, whatever program writes the file."""
    article_id = add_article(store, text="ride a 🚲")
    insert = (
        'INSERT INTO annotations (article_id, start, "end", label, kind, status, '
        "created_at, updated_at) VALUES (?, 0, ?, 'X', 'entity', 'manual', 'now', 'now')"
    )
    with pytest.raises(sqlite3.IntegrityError, match="after the end"), store.db.conn:
        store.db.execute(insert, [article_id, 9])
    with store.db.conn:
        store.db.execute(insert, [article_id, 8])  # 8 code points: fits exactly
    (annotation,) = store.annotations(article_id)
    with pytest.raises(sqlite3.IntegrityError, match="after the end"), store.db.conn:
        store.db.execute('UPDATE annotations SET "end" = 9 WHERE id = ?', [annotation.id])
    assert store.annotation(annotation.id).end == 8


def test_check_constraints_block_bad_rows(store: ProjectStore) -> None:
    article_id = add_article(store)
    insert = (
        'INSERT INTO annotations (article_id, start, "end", label, kind, status, '
        "created_at, updated_at) VALUES (?, ?, ?, 'X', ?, ?, 'now', 'now')"
    )
    bad_rows = [
        (article_id, 3, 3, "entity", "manual"),
        (article_id, -1, 3, "entity", "manual"),
        (article_id, 0, 3, "gossip", "manual"),
        (article_id, 0, 3, "entity", "maybe"),
        (article_id + 1, 0, 3, "entity", "manual"),  # no such article
    ]
    for row in bad_rows:
        with pytest.raises(sqlite3.IntegrityError), store.db.conn:
            store.db.execute(insert, list(row))
    assert store.annotations(article_id) == []


def test_add_articles_is_all_or_nothing(store: ProjectStore) -> None:
    """A draft whose span does not fit rolls back the whole batch."""
    good = ArticleDraft(text="good text", title="good")
    bad = ArticleDraft(text="short", title="bad", spans=(SpanDraft(0, 99, "X"),))
    with pytest.raises(UserError, match="does not fit"):
        store.add_articles([good, bad])
    assert store.article_count() == 0


def test_article_summaries_count_all_but_rejected(store: ProjectStore) -> None:
    article_id = add_article(store)
    store.add_annotation(article_id, SpanDraft(0, 4, "PERSON"))
    store.add_annotation(article_id, SpanDraft(5, 11, "PERSON", status=AnnotationStatus.REJECTED))
    store.add_annotation(article_id, SpanDraft(12, 16, "QUOTE", kind=AnnotationKind.QUOTE))
    (summary,) = store.article_summaries()
    assert summary.counts[AnnotationKind.ENTITY] == 1
    assert summary.counts[AnnotationKind.QUOTE] == 1
    assert summary.counts[AnnotationKind.CLAIM] == 0
    assert summary.total == 2


def test_one_article_summary_is_its_row_of_the_list(store: ProjectStore) -> None:
    bare = add_article(store)
    annotated = add_article(store, outlet="Gazette", published="2024-05-01")
    store.add_annotation(annotated, SpanDraft(0, 4, "PERSON"))
    store.add_annotation(annotated, SpanDraft(5, 11, "ORG", status=AnnotationStatus.REJECTED))
    store.add_annotation(annotated, SpanDraft(12, 16, "CLAIM", kind=AnnotationKind.CLAIM))
    reviewed = add_article(store)
    store.add_annotation(reviewed, SpanDraft(0, 4, "PERSON", status=AnnotationStatus.SUGGESTED))
    store.mark_reviewed(reviewed, "ana")
    decided = add_article(store)
    draft = ArticleDraft(text=TEXT, title="x")
    store.decide(decided, "boundary:0-4:entity", "both", "ana", draft)
    store.decide(decided, "boundary:5-9:entity", "agreed", "ana", draft)
    store.decide(decided, "label:12-16:entity", "ana", "ana", draft)
    rejected_only = add_article(store)
    store.add_annotation(rejected_only, SpanDraft(0, 4, "X", status=AnnotationStatus.REJECTED))

    listed = {summary.id: summary for summary in store.article_summaries()}
    assert [listed[i].review for i in (bare, reviewed, decided)] == ["", "reviewed", "2 decided"]
    assert listed[annotated].counts[AnnotationKind.CLAIM] == 1
    assert listed[annotated].outlet == "Gazette"
    for article_id, summary in listed.items():
        assert store.article_summary(article_id) == summary
    assert store.article_summary(max(listed) + 1) is None


def test_one_article_summary_reads_indexes_only(store: ProjectStore) -> None:
    """An edit's row costs the same in a project of any size: no query scans a whole table."""
    article_id = add_article(store)
    statements: list[str] = []
    store.db.conn.set_trace_callback(statements.append)
    try:
        store.article_summary(article_id)
    finally:
        store.db.conn.set_trace_callback(None)
    selects = [sql for sql in statements if sql.lstrip().upper().startswith("SELECT")]
    assert len(selects) == 4
    for sql in selects:
        plan = " ".join(row[3] for row in store.db.execute(f"EXPLAIN QUERY PLAN {sql}"))
        assert "SEARCH" in plan and "SCAN" not in plan, (sql, plan)


# -- files that are not (usable) projects -----------------------------------------------------


def make_foreign_sqlite(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
    connection.execute("INSERT INTO recipes (name) VALUES ('soup')")
    connection.commit()
    connection.close()


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda p: None, "no such project file"),
        (lambda p: p.mkdir(), "folder"),
        (lambda p: p.write_bytes(b""), "empty file"),
        (lambda p: p.write_text("Dear diary,\nnot a database.\n"), "not an SQLite database"),
        (make_foreign_sqlite, "another program"),
        (lambda p: p.write_bytes(b"SQLite format 3\x00" + b"\xff" * 300), "damaged"),
    ],
    ids=["missing", "folder", "empty", "text", "foreign-sqlite", "damaged"],
)
def test_open_refuses_non_projects(tmp_path: Path, make, expected: str) -> None:
    """Each refusal is a UserError naming the file, and the file is left as it was."""
    path = tmp_path / "thing.annotator"
    make(path)
    before = path.read_bytes() if path.is_file() else None
    with pytest.raises(UserError, match=expected) as error:
        ProjectStore.open(path)
    assert str(path) in str(error.value)
    if before is not None:
        assert path.read_bytes() == before
    assert sidecars(path) == set()


def test_newer_version_is_refused_and_file_untouched(path: Path) -> None:
    """A file from a newer annotator is neither migrated nor changed in any way."""
    with ProjectStore.create(path) as store:
        add_article(store)
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.close()
    before_bytes = path.read_bytes()
    before_files = sorted(p.name for p in path.parent.iterdir())

    with pytest.raises(UserError, match="newer") as error:
        ProjectStore.open(path)

    assert str(path) in str(error.value)
    assert path.read_bytes() == before_bytes
    assert sorted(p.name for p in path.parent.iterdir()) == before_files
    assert sidecars(path) == set()


def test_version_zero_with_our_id_is_migrated(path: Path) -> None:
    """An empty file that carries our application id is brought up to the current schema."""
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    connection.close()
    assert pragma(path, "user_version") == 0

    with ProjectStore.open(path) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert set(COLUMNS) <= set(store.db.table_names())
        article_id = add_article(store)
        store.add_annotation(article_id, SpanDraft(0, 4, "PERSON"))
    assert pragma(path, "user_version") == SCHEMA_VERSION
    db = Database(path)
    try:
        assert list(db["articles"].search("officials"))
    finally:
        db.close()


def test_update_annotation_refuses_bad_values_and_changes_nothing(store: ProjectStore) -> None:
    article_id = add_article(store)
    annotation = store.add_annotation(article_id, SpanDraft(0, 4, "PERSON"))
    for changes in ({"end": len(TEXT) + 1}, {"start": 4}, {"status": "maybe"}, {"kind": "x"}):
        with pytest.raises(UserError, match=f"annotation {annotation.id}"):
            store.update_annotation(annotation.id, **changes)
    with pytest.raises(ValueError, match="no editable field"):
        store.update_annotation(annotation.id, article_id=99)
    assert store.annotation(annotation.id) == annotation


def test_sqlite_substr_agrees_with_python_offsets(store: ProjectStore) -> None:
    """docs/project-file.md promises substr(text, start + 1, end - start) == text[start:end]."""
    text = "Ça va 🚲 Müller said “fine” 👨‍👩 Олена"
    article_id = add_article(store, text=text)
    for start, end in [(0, 2), (6, 7), (8, 14), (27, 30), (len(text) - 5, len(text))]:
        store.add_annotation(article_id, SpanDraft(start, end, "X"))
    rows = store.db.execute(
        'SELECT a.start, a."end", substr(t.text, a.start + 1, a."end" - a.start) '
        "FROM annotations a JOIN articles t ON t.id = a.article_id"
    ).fetchall()
    assert rows and all(text[start:end] == piece for start, end, piece in rows)


# -- read-only projects -----------------------------------------------------------------------


def refuses_every_change(store: ProjectStore, article_id: int) -> None:
    span = store.annotations(article_id)[0]
    changes = [
        lambda: store.add_articles([ArticleDraft(text="More text", title="More")]),
        lambda: store.add_annotation(article_id, SpanDraft(0, 4, "PERSON")),
        lambda: store.update_annotation(span.id, label="ORG"),
        lambda: store.delete_annotation(span.id),
        lambda: store.set_meta({"name": "renamed"}),
        lambda: store.mark_reviewed(article_id, "ana"),
    ]
    for change in changes:
        with pytest.raises(UserError) as refusal:
            change()
        assert str(refusal.value).startswith(f"{store.path}: is read-only; ")


def project_with_a_span(path: Path) -> int:
    with ProjectStore.create(path) as store:
        article_id = add_article(store)
        store.add_annotation(article_id, SpanDraft(0, 11, "PERSON"))
    return article_id


def test_read_only_open_reads_and_changes_nothing(path: Path) -> None:
    """`annotator list` and `export` open read-only: everything reads, nothing is written."""
    article_id = project_with_a_span(path)
    before = path.read_bytes()
    with ProjectStore.open(path, read_only=True) as store:
        assert store.read_only
        assert [a.title for a in store.articles()] == ["A title"]
        assert store.article_summaries()[0].counts[AnnotationKind.ENTITY] == 1
        refuses_every_change(store, article_id)
    assert path.read_bytes() == before
    assert sidecars(path) == set()
    with ProjectStore.open(path) as store:
        assert not store.read_only


def test_a_file_we_cannot_write_opens_read_only(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Read where it lies: no -wal or -shm appears beside it, even for a moment."""
    article_id = project_with_a_span(path)
    before = path.read_bytes()
    monkeypatch.setattr(connections.os, "access", lambda *args, **kwargs: False)
    with ProjectStore.open(path) as store:
        assert store.read_only
        assert store.article(article_id) is not None
        assert sidecars(path) == set()
        refuses_every_change(store, article_id)
    assert path.read_bytes() == before


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes anyway")
def test_a_read_only_file_in_a_read_only_folder(path: Path) -> None:
    article_id = project_with_a_span(path)
    before = path.read_bytes()
    path.chmod(0o444)
    path.parent.chmod(0o555)
    try:
        with ProjectStore.open(path) as store:
            assert store.read_only
            assert [a.id for a in store.articles()] == [article_id]
            refuses_every_change(store, article_id)
        assert path.read_bytes() == before
        assert sidecars(path) == set()
    finally:
        path.parent.chmod(0o755)
        path.chmod(0o644)


def test_an_older_file_opened_read_only_is_updated_in_memory_only(path: Path) -> None:
    """Version 3 has no review tables; listing it needs them, and must not add them."""
    project_with_a_span(path)
    connection = sqlite3.connect(path)
    for trigger in ("entity_memory_insert", "entity_memory_update", "entity_memory_delete"):
        connection.execute(f"DROP TRIGGER {trigger}")  # version 5
    for table in ("reviews", "decisions", "entity_memory"):  # versions 4 and 5
        connection.execute(f"DROP TABLE {table}")
    connection.execute("PRAGMA user_version = 3")
    connection.commit()
    connection.close()
    before = path.read_bytes()
    with ProjectStore.open(path, read_only=True) as store:
        assert [s.review for s in store.article_summaries()] == [""]
    assert path.read_bytes() == before
    assert pragma(path, "user_version") == 3


# -- colleagues' files ------------------------------------------------------------------------


def test_reading_a_colleagues_file_has_a_time_limit(
    path: Path, temp_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQL that never ends is interrupted and becomes a UserError naming the file."""
    project_with_a_span(path)
    before = path.read_bytes()
    monkeypatch.setattr(connections, "READ_TIME_LIMIT", 0.3)
    endless = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT max(x) FROM n"
    with pytest.raises(UserError) as refusal, ProjectStore.read_copy(path) as theirs:
        time.sleep(0.4)  # the limit is per statement: time between statements does not count
        assert theirs.article_count() == 1
        theirs.db.execute(endless).fetchone()
    assert str(refusal.value) == (
        f"{path}: a query on it ran longer than 0.3 s and was stopped (the file may hold a "
        "query that never ends)"
    )
    assert path.read_bytes() == before
    assert sidecars(path) == set()
    assert list(temp_folder.iterdir()) == []


def test_a_colleagues_file_is_only_read(path: Path, temp_folder: Path) -> None:
    article_id = project_with_a_span(path)
    before = path.read_bytes()
    with ProjectStore.read_copy(path) as theirs:
        assert theirs.read_only
        assert theirs.path == path
        assert len(theirs.annotations(article_id)) == 1
        refuses_every_change(theirs, article_id)
        assert list(temp_folder.iterdir()) == []  # the copy is in memory, not on disk
    assert path.read_bytes() == before
    assert sidecars(path) == set()


def test_a_create_that_fails_leaves_no_half_made_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotator.store import project

    def broken(db: Database) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(project, "migrate", broken)
    with pytest.raises(UserError, match="disk I/O error"):
        ProjectStore.create(tmp_path / "new.annotator")
    assert list(tmp_path.iterdir()) == []


def test_article_ids_are_every_id_in_order(path: Path) -> None:
    with ProjectStore.create(path) as store:
        store.add_articles([ArticleDraft(text=f"Story {n}.", title=f"S{n}") for n in range(3)])
        assert store.article_ids() == [1, 2, 3]
