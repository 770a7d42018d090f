"""Entity memory and how it merges with the model's entities."""

import pytest

from annotator.domain import AnnotationKind, AnnotationStatus
from annotator.nlp.entities import SUGGESTER, EntityMemory, merge, model_spans

ACCEPTED, REJECTED, MANUAL = (
    AnnotationStatus.ACCEPTED,
    AnnotationStatus.REJECTED,
    AnnotationStatus.MANUAL,
)
TEXT = "Katrin Müller met Northgate Terminals staff on Harbour Street in Marrowick."


@pytest.fixture(scope="module")
def nlp():
    """A tokenizer is all merge() needs; the model's entities are passed in as spans."""
    import spacy

    return spacy.blank("en")


def span_of(text: str, part: str, label: str) -> tuple[int, int, str]:
    start = text.index(part)
    return start, start + len(part), label


def test_from_decisions_later_decision_wins() -> None:
    """A relabel (a later acceptance with another label) replaces the earlier label."""
    memory = EntityMemory.from_decisions(
        [
            ("Marrowick", "ORG", ACCEPTED),
            ("Katrin Müller", "PERSON", MANUAL),
            ("Marrowick", "GPE", ACCEPTED),
            ("  ", "PERSON", ACCEPTED),  # whitespace only: ignored
        ]
    )
    assert memory.accepted == {"Marrowick": "GPE", "Katrin Müller": "PERSON"}
    assert memory.rejected == frozenset()


def test_from_decisions_acceptance_after_rejection_unrejects() -> None:
    memory = EntityMemory.from_decisions(
        [("Harbour Street", "FAC", REJECTED), (" Harbour Street ", "FAC", ACCEPTED)]
    )
    assert memory.accepted == {"Harbour Street": "FAC"}
    assert memory.rejected == frozenset()


def test_from_decisions_rejection_after_acceptance_wins() -> None:
    """Rejected last: not suggested from memory any more, and still never offered."""
    memory = EntityMemory.from_decisions(
        [("Harbour Street", "FAC", ACCEPTED), ("Harbour Street", "FAC", REJECTED)]
    )
    assert memory.accepted == {}
    assert memory.rejected == {("Harbour Street", "FAC")}


def test_from_decisions_rejection_of_another_label_keeps_acceptance() -> None:
    memory = EntityMemory.from_decisions(
        [("Marrowick", "GPE", ACCEPTED), ("Marrowick", "PERSON", REJECTED)]
    )
    assert memory.accepted == {"Marrowick": "GPE"}
    assert memory.rejected == {("Marrowick", "PERSON")}


def test_matcher_is_none_without_accepted_texts(nlp) -> None:
    assert EntityMemory().matcher(nlp) is None
    assert EntityMemory(rejected=frozenset({("Marrowick", "GPE")})).matcher(nlp) is None


def test_memory_match_wins_over_overlapping_model_entity(nlp) -> None:
    """The model's shorter, differently labelled span gives way to what the user decided."""
    doc = nlp.make_doc(TEXT)
    memory = EntityMemory.from_decisions([("Northgate Terminals", "ORG", ACCEPTED)])
    from_model = [
        span_of(TEXT, "Katrin Müller", "PERSON"),
        span_of(TEXT, "Northgate", "GPE"),
        span_of(TEXT, "Marrowick", "GPE"),
    ]
    drafts = merge(doc, from_model, memory, memory.matcher(nlp), model="some_model")
    assert [(d.start, d.end, d.label, d.attrs["source"]) for d in drafts] == [
        (*span_of(TEXT, "Katrin Müller", "PERSON"), "model"),
        (*span_of(TEXT, "Northgate Terminals", "ORG"), "memory"),
        (*span_of(TEXT, "Marrowick", "GPE"), "model"),
    ]


def test_rejected_pairs_are_dropped(nlp) -> None:
    """A rejected (text, label) goes, whether the model or memory proposes it; other labels stay."""
    doc = nlp.make_doc(TEXT)
    memory = EntityMemory.from_decisions(
        [("Harbour Street", "FAC", REJECTED), ("Katrin Müller", "PERSON", ACCEPTED)]
    )
    from_model = [
        span_of(TEXT, "Harbour Street", "FAC"),
        span_of(TEXT, "Marrowick", "GPE"),
    ]
    drafts = merge(doc, from_model, memory, memory.matcher(nlp), model=None)
    assert [doc.text[d.start : d.end] for d in drafts] == ["Katrin Müller", "Marrowick"]

    relabelled = merge(doc, [span_of(TEXT, "Harbour Street", "LOC")], memory, None, model=None)
    assert [(d.label, doc.text[d.start : d.end]) for d in relabelled] == [("LOC", "Harbour Street")]


def test_drafts_are_entity_suggestions_with_their_source(nlp) -> None:
    doc = nlp.make_doc(TEXT)
    memory = EntityMemory.from_decisions([("Marrowick", "GPE", ACCEPTED)])
    drafts = merge(
        doc,
        [span_of(TEXT, "Katrin Müller", "PERSON")],
        memory,
        memory.matcher(nlp),
        model="en_test",
    )
    assert len(drafts) == 2
    for draft in drafts:
        assert draft.kind is AnnotationKind.ENTITY
        assert draft.status is AnnotationStatus.SUGGESTED
        assert draft.annotator == SUGGESTER
    assert [d.attrs for d in drafts] == [
        {"source": "model", "model": "en_test"},
        {"source": "memory", "model": "en_test"},
    ]
    without_model = merge(doc, [], memory, memory.matcher(nlp), model=None)
    assert [d.attrs for d in without_model] == [{"source": "memory"}]


def test_model_spans_are_character_offsets(nlp) -> None:
    from spacy.tokens import Span

    text = "🚲 Jose\u0301 A\u0301lvarez rode on."
    doc = nlp.make_doc(text)
    doc.ents = [Span(doc, 1, 3, label="PERSON")]
    assert model_spans(doc) == [span_of(text, "Jose\u0301 A\u0301lvarez", "PERSON")]


def test_a_remembered_name_inside_a_longer_model_entity_gives_way(nlp) -> None:
    """Accepting "Müller" must not cut the model's "Katrin Müller" down to the surname."""
    doc = nlp.make_doc(TEXT)
    memory = EntityMemory.from_decisions([("Müller", "PERSON", ACCEPTED)])
    drafts = merge(
        doc, [span_of(TEXT, "Katrin Müller", "PERSON")], memory, memory.matcher(nlp), model="m"
    )
    assert [(doc.text[d.start : d.end], d.attrs["source"]) for d in drafts] == [
        ("Katrin Müller", "model")
    ]
