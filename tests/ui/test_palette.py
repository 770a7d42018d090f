"""Each entity label has a hue from the colour-blind-safe set; unknown labels a stable one."""

from annotator.domain.labels import ENTITY_LABELS
from annotator.ui.palette import _HUES, label_color


def test_every_spacy_label_and_newsroom_kind_has_a_chosen_hue():
    assert set(_HUES) == set(ENTITY_LABELS) | {"CLAIM", "QUOTE", "SOURCE"}


def test_the_most_common_news_labels_are_distinct():
    common = ["PERSON", "ORG", "GPE", "LOC", "NORP", "DATE", "MONEY"]
    assert len({label_color(label).name() for label in common}) == len(common)


def test_unknown_labels_get_a_stable_colour():
    assert label_color("SPECIES") == label_color("SPECIES")
