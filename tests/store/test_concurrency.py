"""Writers wait, readers never block writers: several programs can change one project at once.

Every write transaction begins IMMEDIATE (so SQLite's busy timeout applies to it), no read
keeps a statement open while the caller writes, and a write that waits too long is a one-line
UserError naming the file.
"""

import re
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from annotator.domain import AnnotationKind, AnnotationStatus, ArticleDraft, SpanDraft
from annotator.domain.model import RelationDraft, SuggestionRun
from annotator.errors import UserError
from annotator.store import ProjectStore, connections

CHILD = Path(__file__).with_name("concurrency_child.py")
TEXT = "Mayor Ines Kovač opened the ferry line on Monday, the harbour office said. "


@contextmanager
def another_writer(path: Path, seconds: float) -> Iterator[None]:
    """Another program holds the project's write lock for `seconds` from the start of the block."""
    locked = threading.Event()

    def hold() -> None:
        connection = sqlite3.connect(path, isolation_level=None)
        connection.execute("BEGIN IMMEDIATE")
        locked.set()
        time.sleep(seconds)
        connection.execute("COMMIT")
        connection.close()

    thread = threading.Thread(target=hold)
    thread.start()
    locked.wait()
    try:
        yield
    finally:
        thread.join()


def make_project(path: Path, articles: int) -> None:
    with ProjectStore.create(path) as store:
        store.add_articles(
            [ArticleDraft(text=f"{TEXT}Story {n}.", title=f"Story {n}") for n in range(articles)]
        )


def suggestion(article_id: int) -> tuple[SuggestionRun, list[SpanDraft]]:
    run = SuggestionRun(article_id, "entities", "test-model", "m0")
    return run, [SpanDraft(6, 16, "PERSON", status=AnnotationStatus.SUGGESTED, annotator="m")]


def test_storing_while_iterating_over_many_articles(tmp_path: Path) -> None:
    """`annotator suggest` on more than 32 articles: it stores each batch while it iterates.

    A cursor left open over the articles made sqlite-utils' first upsert fail with "database
    table is locked"; the store now reads in pages and writes its own SQL."""
    path = tmp_path / "many.annotator"
    make_project(path, 75)
    with ProjectStore.open(path) as store:  # a fresh connection, as the CLI has
        batch = []
        for article in store.articles():
            batch.append(suggestion(article.id))
            if len(batch) == 32:
                store.save_suggestions(batch, AnnotationKind.ENTITY)
                batch = []
        store.save_suggestions(batch, AnnotationKind.ENTITY)
        runs = store.db.execute("SELECT count(*) FROM suggestion_runs").fetchone()[0]
    assert runs == 75


def test_a_write_inside_an_iteration_waits_for_another_writer(tmp_path: Path) -> None:
    """With a read statement open, SQLite refuses the write at once instead of waiting."""
    path = tmp_path / "busy.annotator"
    make_project(path, 3)
    with ProjectStore.open(path) as store:
        for article in store.articles():
            if article.id == 1:
                started = time.perf_counter()
                with another_writer(path, 0.3):
                    store.add_annotation(article.id, SpanDraft(6, 16, "PERSON"))
                assert time.perf_counter() - started >= 0.25
        assert len(store.annotations(1)) == 1


def test_a_write_gives_up_after_the_busy_timeout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "held.annotator"
    make_project(path, 1)
    monkeypatch.setattr(connections, "BUSY_TIMEOUT", 0.2)
    with ProjectStore.open(path) as store, another_writer(path, 0.6):
        with pytest.raises(UserError) as refusal:
            store.add_annotation(1, SpanDraft(6, 16, "PERSON"))
        assert store.annotations(1) == []
    assert str(refusal.value) == (
        f"{path}: is in use by another program (waited 0.2 s); close it there and try again"
    )


def test_every_write_begins_immediate(tmp_path: Path) -> None:
    """Each store method that writes does so in a transaction begun IMMEDIATE, and nothing
    writes outside one (sqlite-utils' own BEGIN, or its probe tables, included)."""
    path = tmp_path / "traced.annotator"
    make_project(path, 2)
    statements: list[str] = []
    with ProjectStore.open(path) as store:
        store.db.conn.set_trace_callback(statements.append)
        store.set_meta({"name": "Traced"})
        quote = SpanDraft(0, 16, "QUOTE", AnnotationKind.QUOTE, annotator="ana")
        source = SpanDraft(6, 16, "SOURCE", AnnotationKind.SOURCE, annotator="ana")
        draft = ArticleDraft(
            text=TEXT,
            title="New",
            spans=(quote, source),
            relations=(RelationDraft(0, 1, "SPEAKER"),),
        )
        (article_id,) = store.add_articles([draft])
        store.merge_annotations(article_id, draft)
        span = store.add_annotation(1, SpanDraft(6, 16, "PERSON"))
        store.update_annotation(span.id, label="ORG", note="checked")
        store.set_statuses({span.id: (AnnotationStatus.ACCEPTED, "ana")})
        head, child = store.annotations(article_id)[:2]
        relation = store.add_relation(head.id, child.id, "SPEAKER", "ben")
        store.delete_relation(relation.id)
        store.restore_relation(relation)
        store.delete_annotation(span.id)
        store.restore_annotation(span)
        store.save_suggestions([suggestion(1)], AnnotationKind.ENTITY)
        store.save_suggestions(
            [(SuggestionRun(2, "newsroom", None, "m0"), [quote, source])],
            (AnnotationKind.QUOTE, AnnotationKind.SOURCE),
            links={2: [(0, 1, "SPEAKER")]},
        )
        store.decide(2, "boundary:0-16:quote", "both", "ana", ArticleDraft(text=TEXT, title="x"))
        store.undo_decision(2, "boundary:0-16:quote")
        store.mark_reviewed(2, "ana")
        store.unmark_reviewed(2)
        with store.transaction():
            store.add_annotation(2, SpanDraft(6, 16, "PERSON"))
            store.add_annotation(2, SpanDraft(0, 5, "TITLE"))
        store.db.conn.set_trace_callback(None)

    open_transaction = None
    writes = 0
    for statement in (s.strip() for s in statements if not s.startswith("--")):
        keyword = statement.split(None, 1)[0].upper()
        if keyword == "BEGIN":
            assert statement == "BEGIN IMMEDIATE", statement
            open_transaction = statement
        elif keyword in ("COMMIT", "ROLLBACK"):
            open_transaction = None
        elif re.match(r"(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER)\b", statement, re.I):
            assert open_transaction, f"written outside a transaction: {statement}"
            assert not re.match(r"(CREATE|DROP)\b", statement, re.I), statement
            writes += 1
    assert writes > 20


@pytest.mark.skipif(sys.platform == "win32", reason="the child waits on a file, as on POSIX")
def test_three_programs_write_one_project_at_once(tmp_path: Path) -> None:
    """An import, a suggestion run and edits, each in its own process, all at the same time:
    every one succeeds, every reported change is in the file, and the file is intact."""
    path = tmp_path / "shared.annotator"
    make_project(path, 1)
    go = tmp_path / "go"
    counts = {"import": 40, "suggest": 41, "edit": 40}  # suggest: until all are imported
    children = {
        role: subprocess.Popen(
            [sys.executable, str(CHILD), role, str(path), str(go), str(count)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for role, count in counts.items()
    }
    go.touch()
    outputs = {}
    for role, child in children.items():
        try:
            out, err = child.communicate(timeout=60)
        finally:
            if child.poll() is None:
                child.kill()
        assert child.returncode == 0, f"{role} failed:\n{err}"
        outputs[role] = [line.split() for line in out.splitlines()]

    imported = {int(line[1]) for line in outputs["import"] if line[0] == "article"}
    runs = {int(line[1]) for line in outputs["suggest"] if line[0] == "run"}
    labels = {int(line[1]): line[2] for line in outputs["edit"] if line[0] == "annotation"}
    assert len(imported) == counts["import"]
    assert len(labels) == counts["edit"]
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        articles = {row[0] for row in connection.execute("SELECT id FROM articles")}
        stored_runs = {
            row[0] for row in connection.execute("SELECT article_id FROM suggestion_runs")
        }
        stored_labels = dict(connection.execute("SELECT id, label FROM annotations"))
    finally:
        connection.close()
    assert imported | {1} == articles
    assert runs == stored_runs == articles
    assert all(stored_labels[annotation] == label for annotation, label in labels.items())
    assert sum(1 for label in stored_labels.values() if label == "PERSON") == counts["import"]
