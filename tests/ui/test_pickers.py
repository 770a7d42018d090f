"""The label and source pickers: filtered as the user types, every entry reachable by key."""

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from annotator.domain.labels import ENTITY_LABEL_DESCRIPTIONS, ENTITY_LABELS
from annotator.ui.pickers import Choice, Picker


@pytest.fixture
def labels(qtbot) -> Picker:
    picker = Picker(
        "Relabel",
        [Choice(label, label, ENTITY_LABEL_DESCRIPTIONS[label]) for label in ENTITY_LABELS],
    )
    qtbot.addWidget(picker)
    picker.show()
    return picker


def shown(picker: Picker) -> list[str]:
    """The entries the list shows, in order, read off the tree (open groups' rows indented)."""
    texts = []
    for i in range(picker.tree.topLevelItemCount()):
        item = picker.tree.topLevelItem(i)
        if not item.isHidden():
            texts.append(item.text(1))
            if item.isExpanded():
                children = (item.child(j) for j in range(item.childCount()))
                texts.extend("  " + c.text(1) for c in children if not c.isHidden())
    return texts


def current(picker: Picker) -> str:
    """The entry Return would take: the text of the tree's current row."""
    return picker.tree.currentItem().text(1)


def typed(qtbot, picker: Picker, keys: str) -> None:
    """Type into whatever has the focus, as a user does; the filter field must be it."""
    assert QApplication.focusWidget() is picker.filter
    qtbot.keyClicks(QApplication.focusWidget(), keys)


def test_every_label_is_listed_and_typing_filters_by_name_or_use(qtbot, labels):
    assert shown(labels) == list(ENTITY_LABELS)
    typed(qtbot, labels, "citi")  # GPE: "countries, cities, states, regions"
    assert shown(labels) == ["GPE"]
    labels.filter.clear()
    typed(qtbot, labels, "per")  # by name, and DATE by its "periods"
    assert shown(labels) == ["PERSON", "DATE", "PERCENT"]
    assert current(labels) == "PERSON"
    qtbot.keyClick(labels.filter, Qt.Key.Key_Down)
    qtbot.keyClick(labels.filter, Qt.Key.Key_Down)
    qtbot.keyClick(labels.filter, Qt.Key.Key_Return)
    assert labels.result() == QDialog.DialogCode.Accepted and labels.value == "PERCENT"


def test_a_number_picks_any_entry_even_past_the_ninth(qtbot, labels):
    typed(qtbot, labels, "1")  # 1 and 10 to 18 start with it: it waits
    assert shown(labels) == [ENTITY_LABELS[0], *ENTITY_LABELS[9:]]
    assert labels.isVisible() and current(labels) == "PERSON"
    typed(qtbot, labels, "5")
    assert labels.value == ENTITY_LABELS[14] == "MONEY"
    assert labels.result() == QDialog.DialogCode.Accepted


def test_a_lone_number_is_taken_at_once(qtbot, labels):
    typed(qtbot, labels, "4")
    assert labels.value == "ORG"


def test_escape_closes_without_a_choice_and_return_on_no_match_does_nothing(qtbot, labels):
    typed(qtbot, labels, "zzz")
    assert shown(labels) == []
    qtbot.keyClick(labels.filter, Qt.Key.Key_Return)
    assert labels.isVisible() and labels.value is None
    qtbot.keyClick(labels.filter, Qt.Key.Key_Escape)
    assert labels.result() == QDialog.DialogCode.Rejected and labels.value is None


def test_groups_open_with_the_arrow_keys_and_a_mention_inside_can_be_picked(qtbot):
    okafor = Choice(
        1,
        "Daniel Okafor",
        "2 mentions, first in ¶1",
        checked=False,
        children=(Choice(1, "“Daniel Okafor”", "¶1"), Choice(7, "“Okafor”", "¶3")),
    )
    picker = Picker("Said by", [okafor, Choice(9, "Gwen Müller", "¶2", checked=True)])
    qtbot.addWidget(picker)
    picker.show()
    assert current(picker) == "Gwen Müller"  # the source linked now is selected first
    assert shown(picker) == ["Daniel Okafor", "Gwen Müller"]
    typed(qtbot, picker, "muller")  # accents and case do not matter
    assert shown(picker) == ["Gwen Müller"]
    picker.filter.clear()
    qtbot.keyClick(picker.filter, Qt.Key.Key_Up)
    qtbot.keyClick(picker.filter, Qt.Key.Key_Right)
    assert shown(picker) == ["Daniel Okafor", "  “Daniel Okafor”", "  “Okafor”", "Gwen Müller"]
    qtbot.keyClick(picker.filter, Qt.Key.Key_Down)
    qtbot.keyClick(picker.filter, Qt.Key.Key_Down)
    qtbot.keyClick(picker.filter, Qt.Key.Key_Return)
    assert picker.value == 7


def test_typing_a_mention_shows_it_inside_its_group(qtbot):
    group = Choice(1, "Daniel Okafor", children=(Choice(1, "“Daniel Okafor”"), Choice(7, "“he”")))
    picker = Picker("Said by", [group, Choice(9, "Critics")])
    qtbot.addWidget(picker)
    picker.show()
    typed(qtbot, picker, "he")
    assert shown(picker) == ["Daniel Okafor", "  “he”"]


def test_markup_in_an_entry_is_shown_as_text(qtbot):
    picker = Picker("Said by", [Choice(1, "<b>Okafor</b> & Sons")])
    qtbot.addWidget(picker)
    assert shown(picker) == ["<b>Okafor</b> & Sons"]
