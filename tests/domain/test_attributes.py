"""What a form shows for an attribute is what is stored: unset is "Not set", never a value."""

from annotator.domain.attributes import (
    CHOICES,
    NOT_SET,
    RECORD,
    SOURCE_TYPE,
    VERDICT,
    display,
    initial_attrs,
)
from annotator.domain.model import AnnotationKind


def test_a_claim_tagged_by_hand_starts_unchecked_and_unrated():
    assert initial_attrs(AnnotationKind.CLAIM) == {
        "verdict": "unchecked",
        "check_worthiness": "unrated",
    }


def test_nothing_is_assumed_of_a_quote_a_source_or_an_entity():
    # Direct, named, on the record: each is a statement someone has to make.
    for kind in (AnnotationKind.QUOTE, AnnotationKind.SOURCE, AnnotationKind.ENTITY):
        assert initial_attrs(kind) == {}


def test_an_initial_value_is_one_of_its_choices():
    for choices in CHOICES.values():
        for choice in choices:
            assert choice.initial is None or choice.initial in dict(choice.values)


def test_display_shows_unset_as_not_set_and_a_foreign_value_as_it_is():
    assert display(RECORD, None) == NOT_SET
    assert display(SOURCE_TYPE, "") == NOT_SET
    assert display(RECORD, "on") == "On the record"
    assert display(VERDICT, "mostly_true") == "Mostly true"
    assert display(VERDICT, "pants_on_fire") == "pants_on_fire"
