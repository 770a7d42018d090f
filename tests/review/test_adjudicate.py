"""Deciding disagreements into the reviewed layer, with two and with three annotators."""

from dataclasses import replace
from pathlib import Path

import pytest

from annotator.domain import AnnotationKind, AnnotationStatus, ArticleDraft, SpanDraft
from annotator.domain.model import REVIEWED, RelationDraft
from annotator.interop.jsonl import write_jsonl
from annotator.interop.selection import Selection
from annotator.review import adjudicate
from annotator.review.compare import DisagreementKind
from annotator.store import ProjectStore

TEXT = "Councillor Ruth Ames said the ferry would run twice a day from May, the port confirmed."


def at(part: str, label: str, who: str, **extra: object) -> SpanDraft:
    start = TEXT.index(part)
    kind = {"QUOTE": AnnotationKind.QUOTE, "SOURCE": AnnotationKind.SOURCE}.get(
        label, AnnotationKind.ENTITY
    )
    return SpanDraft(start, start + len(part), label, kind, AnnotationStatus.MANUAL, who, **extra)


def project(tmp_path: Path, *annotators: str) -> ProjectStore:
    """Everyone marks Ruth Ames; they differ on the quote's extent, and only the first marks
    "May" as a DATE."""
    spans: list[SpanDraft] = []
    relations: list[RelationDraft] = []
    for n, who in enumerate(annotators):
        spans.append(at("Ruth Ames", "PERSON", who))
        quote = "the ferry would run twice a day from May" if n == 0 else "the ferry would run"
        spans.append(at(quote, "QUOTE", who))
        spans.append(at("Ruth Ames", "SOURCE", who))
        relations.append(RelationDraft(len(spans) - 2, len(spans) - 1, "SPEAKER", who))
    spans.append(at("May", "DATE", annotators[0]))
    store = ProjectStore.create(tmp_path / "review.annotator")
    store.add_articles(
        [ArticleDraft(text=TEXT, title="Ferry", spans=tuple(spans), relations=tuple(relations))]
    )
    return store


def reviewed_layer(store: ProjectStore) -> set[tuple[str, str]]:
    return {
        (TEXT[a.start : a.end], a.label) for a in store.annotations(1) if a.annotator == REVIEWED
    }


@pytest.mark.parametrize("annotators", [("ana", "ben"), ("ana", "ben", "cara")])
def test_decide_every_disagreement_then_finish(tmp_path: Path, annotators) -> None:
    with project(tmp_path, *annotators) as store:
        current = adjudicate.state(store, 1)
        assert current.annotators == annotators
        kinds = sorted(d.kind for d in current.disagreements)
        assert kinds == sorted([DisagreementKind.BOUNDARY, DisagreementKind.ONLY_ONE])
        assert not adjudicate.finish(store, 1, "editor")  # still undecided
        boundary = next(d for d in current.disagreements if d.kind is DisagreementKind.BOUNDARY)
        date = next(d for d in current.disagreements if d.kind is DisagreementKind.ONLY_ONE)
        adjudicate.decide(store, 1, boundary, "take:ben", "editor")
        adjudicate.decide(store, 1, date, "neither", "editor")
        assert adjudicate.state(store, 1).undecided == []
        assert adjudicate.finish(store, 1, "editor")
        assert reviewed_layer(store) == {
            ("the ferry would run", "QUOTE"),
            ("Ruth Ames", "SOURCE"),
            ("Ruth Ames", "PERSON"),
        }
        quote = next(
            a for a in store.annotations(1) if a.annotator == REVIEWED and a.label == "QUOTE"
        )
        speakers = [r for r in store.relations(1) if r.head_id == quote.id]
        assert [store.annotation(r.child_id).label for r in speakers] == ["SOURCE"]
        decisions = store.decisions(1)
        assert decisions[boundary.key].decided_by == "editor"
        assert decisions[boundary.key].choice == "take:ben"
        assert 1 in store.reviewed_articles()

        out = tmp_path / "adjudicated.jsonl"
        write_jsonl(store, out, Selection(reviewed_only=True))
        assert '"annotator": "reviewed"' in out.read_text(encoding="utf-8")
        assert '"annotator": "ana"' not in out.read_text(encoding="utf-8")


def test_both_edit_and_undo(tmp_path: Path) -> None:
    with project(tmp_path, "ana", "ben") as store:
        boundary = next(
            d
            for d in adjudicate.state(store, 1).disagreements
            if d.kind is DisagreementKind.BOUNDARY
        )
        adjudicate.decide(store, 1, boundary, "both", "editor")
        assert {text for text, label in reviewed_layer(store) if label == "QUOTE"} == {
            "the ferry would run twice a day from May",
            "the ferry would run",
        }
        assert len([a for a in reviewed_layer(store) if a[1] == "SOURCE"]) == 1  # shared source
        edited = at("the ferry would run twice a day", "QUOTE", "editor")
        adjudicate.decide(store, 1, boundary, "edit", "editor", [edited])  # decided again
        assert reviewed_layer(store) == {("the ferry would run twice a day", "QUOTE")}
        adjudicate.undo(store, 1, boundary.key)
        assert reviewed_layer(store) == set()
        assert boundary.key not in store.decisions(1)


def test_a_choice_for_someone_without_a_version_is_refused(tmp_path: Path) -> None:
    with project(tmp_path, "ana", "ben") as store:
        (first, *_) = adjudicate.state(store, 1).disagreements
        with pytest.raises(ValueError, match="has no version"):
            adjudicate.decide(store, 1, first, "take:zoe", "editor")


def test_someone_with_nothing_at_a_place_is_not_taken_a_removal_is_named(tmp_path: Path) -> None:
    """ "May" only Ana marked: Ben's "version" would delete it without a word, so it is not
    offered; the removal is, as "Remove", and says so on the undo stack."""
    with project(tmp_path, "ana", "ben") as store:
        date = next(
            d
            for d in adjudicate.state(store, 1).disagreements
            if d.kind is DisagreementKind.ONLY_ONE
        )
        with pytest.raises(ValueError, match="'neither' removes it"):
            adjudicate.decide(store, 1, date, "take:ben", "editor")
        options = adjudicate.options(date, me="ana")
        assert [(o.choice, o.text) for o in options] == [
            ("take:ana", "Take mine"),
            ("neither", "Remove"),
        ]
        assert options[-1].tip == "Keep nothing of DATE “May” in the result (ben: nothing here)"
        assert adjudicate.decision_text(date, "neither") == "Remove DATE “May”"
        assert adjudicate.decision_text(date, "take:ana", me="ana") == "Take mine for DATE “May”"


def test_both_is_offered_where_keeping_several_versions_makes_sense(tmp_path: Path) -> None:
    with project(tmp_path, "ana", "ben") as store:
        boundary = next(
            d
            for d in adjudicate.state(store, 1, me="ben").disagreements
            if d.kind is DisagreementKind.BOUNDARY
        )
        assert [o.text for o in adjudicate.options(boundary, me="ben")] == [
            "Take mine",  # the reviewer's own version leads
            "Take ana",
            "Both",
            "Remove",
        ]
        assert adjudicate.state(store, 1, me="ben").annotators == ("ben", "ana")


def test_a_verdict_is_decided_into_the_reviewed_layer_and_undone(tmp_path: Path) -> None:
    claim = "the ferry would run twice a day"
    with project(tmp_path, "ana", "ben") as store:
        for who, verdict in (("ana", "mostly_true"), ("ben", "false")):
            span = replace(at(claim, "CLAIM", who), kind=AnnotationKind.CLAIM)
            store.add_annotation(1, replace(span, attrs={"verdict": verdict}))
        found = next(
            d
            for d in adjudicate.state(store, 1).disagreements
            if d.kind is DisagreementKind.VERDICT
        )
        assert [o.text for o in adjudicate.options(found, me="ana")] == [
            "Take mine",
            "Take ben",
            "Remove",
        ]
        adjudicate.decide(store, 1, found, "take:ben", "ana")
        (kept,) = [a for a in store.annotations(1) if (a.annotator, a.label) == (REVIEWED, "CLAIM")]
        assert kept.attrs == {"verdict": "false"}
        assert found.key in adjudicate.state(store, 1).decisions  # stays decided on reload
        adjudicate.undo(store, 1, found.key)
        assert not [a for a in store.annotations(1) if a.annotator == REVIEWED]


def test_a_sources_own_decision_wins_over_the_copy_a_quote_brought(tmp_path: Path) -> None:
    """Ben's quote differs in extent and his source in type: taking Ben's quote first copies
    his source into the layer; taking Ana's source afterwards gives that copy Ana's type."""
    with project(tmp_path, "ana", "ben") as store:
        for source in store.annotations(1):
            if source.label == "SOURCE":
                kind = "named" if source.annotator == "ana" else "official"
                store.update_annotation(source.id, attrs={"source_type": kind})
        found = adjudicate.state(store, 1, me="ana").disagreements
        quote = next(d for d in found if d.kind is DisagreementKind.BOUNDARY)
        source = next(d for d in found if d.kind is DisagreementKind.DETAILS)
        assert source.lines(me="ana")[1] == "Source type — mine: Named; ben: Official"
        adjudicate.decide(store, 1, quote, "take:ben", "ana")
        adjudicate.decide(store, 1, source, "take:ana", "ana")
        (copy,) = [
            a for a in store.annotations(1) if (a.annotator, a.label) == (REVIEWED, "SOURCE")
        ]
        assert copy.attrs == {"source_type": "named"}
        quote_copy = next(
            a for a in store.annotations(1) if (a.annotator, a.label) == (REVIEWED, "QUOTE")
        )
        assert [r.child_id for r in store.relations(1) if r.head_id == quote_copy.id] == [copy.id]


def test_a_place_is_named_with_the_words_the_review_list_shows(tmp_path: Path) -> None:
    """The undo stack and the buttons cut a long span where the list of places does, at a
    word's end, and name the reviewer "mine" as the list does."""
    with project(tmp_path, "ana", "ben") as store:
        long = "Councillor Ruth Ames said the ferry would run twice a day from May"
        store.add_annotation(1, at(long, "QUOTE", "ana"))
        place = next(d for d in adjudicate.state(store, 1).disagreements if d.end == len(long))
        assert place.describe(me="ana").startswith(
            'mine: QUOTE "Councillor Ruth Ames said the ferry…" + '
        )
        assert adjudicate.place_name(place) == "QUOTE “Councillor Ruth Ames said the ferry…”"
        assert adjudicate.options(place, me="ana")[0].text == "Take mine"


def claims_differing_in_verdict_and_source(store: ProjectStore, ana_note: str = "") -> None:
    claim = "the ferry would run twice a day"
    for who, verdict in (("ana", "mostly_true"), ("ben", "false")):
        span = replace(at(claim, "CLAIM", who), kind=AnnotationKind.CLAIM)
        note = ana_note if who == "ana" else ""
        made = store.add_annotation(1, replace(span, attrs={"verdict": verdict}, note=note))
        if who == "ana":
            (source,) = [
                a for a in store.annotations(1) if (a.label, a.annotator) == ("SOURCE", "ana")
            ]
            store.add_relation(made.id, source.id, "SOURCE_OF", "ana")


def test_a_place_decided_under_the_old_speaker_and_verdict_keys_stays_decided(
    tmp_path: Path,
) -> None:
    """A file reviewed before details were compared holds one decision for the claim's
    source and one for its verdict: together they decide the place, and undo takes both."""
    with project(tmp_path, "ana", "ben") as store:
        claims_differing_in_verdict_and_source(store)
        place = next(
            d
            for d in adjudicate.state(store, 1).disagreements
            if d.annotation_kind.value == "claim"
        )
        assert place.kind is DisagreementKind.DETAILS
        where = place.key.removeprefix("details:")
        empty = ArticleDraft(text=TEXT, title="Ferry")
        store.decide(1, f"speaker:{where}", "take:ana", "ana", empty)  # as the old version did
        assert place.key not in adjudicate.state(store, 1).decisions  # the verdict is open
        store.decide(1, f"verdict:{where}", "take:ben", "ana", empty)
        current = adjudicate.state(store, 1)
        assert current.decisions[place.key].choice == "take:ben"  # the later of the two
        assert place not in current.undecided
        adjudicate.undo(store, 1, place.key)
        assert store.decisions(1) == {}
        adjudicate.decide(store, 1, place, "take:ana", "ana")  # a new decision replaces both
        store.decide(1, f"verdict:{where}", "take:ben", "ana", empty)
        adjudicate.decide(store, 1, place, "take:ben", "ana")
        assert list(store.decisions(1)) == [place.key]


def test_a_place_that_differs_in_what_the_old_keys_did_not_cover_is_open_again(
    tmp_path: Path,
) -> None:
    with project(tmp_path, "ana", "ben") as store:
        claims_differing_in_verdict_and_source(store, ana_note="Checked with the port")
        place = next(
            d
            for d in adjudicate.state(store, 1).disagreements
            if d.annotation_kind.value == "claim"
        )
        where = place.key.removeprefix("details:")
        empty = ArticleDraft(text=TEXT, title="Ferry")
        for kind in ("speaker", "verdict"):
            store.decide(1, f"{kind}:{where}", "take:ana", "ana", empty)
        assert place in adjudicate.state(store, 1).undecided  # the note was never compared
