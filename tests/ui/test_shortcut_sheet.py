"""The F1 cheat sheet: grouped as the menus are, every description whole, filtered by typing."""

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.ui import dialogs
from annotator.ui.actions import ActionId
from annotator.ui.main_window import MainWindow
from annotator.ui.settings import Settings
from annotator.ui.shortcut_sheet import _DEDICATED_KEYS, Shortcut, ShortcutSheet


@pytest.fixture
def window(qtbot):
    win = MainWindow(Settings())
    qtbot.addWidget(win)
    yield win
    win.close()


@pytest.fixture
def sheet(qtbot, window):
    dialog = ShortcutSheet(window, window.shortcut_groups())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def lines(sheet: ShortcutSheet) -> list[Shortcut]:
    return [line for _, group in sheet.groups for line in group if line is not None]


def listed(sheet: ShortcutSheet) -> list[str]:
    """The names of the lines the page shows, read off the page."""
    page = sheet.page.toPlainText().splitlines()
    return [line.name for line in lines(sheet) if line.name in page]


def test_f1_opens_the_sheet_with_the_windows_menus(window, monkeypatch):
    shown = []
    monkeypatch.setattr(dialogs, "show_shortcuts", lambda _parent, groups: shown.append(groups))
    window.actions_by_id[ActionId.SHORTCUTS].trigger()
    (groups,) = shown
    assert [title for title, _ in groups] == ["File", "Edit", "Review", "View", "Help"]
    review = [line.name for line in dict(groups)["Review"] if line is not None]
    assert review[:4] == ["Tag Claim", "Tag Quote", "Tag Source", "Attribute to Source"]
    assert dict(groups)["Help"][0].keys == "F1"


def test_every_key_is_listed_once_in_the_group_of_its_menu(window, sheet):
    named = [line.name for line in lines(sheet)]
    assert len(named) == len(set(named))
    with_keys = [a for a in window.actions_by_id.values() if a.shortcuts()]
    assert len(named) == len(with_keys) + 2  # and undo, redo
    assert {"Undo", "Redo", "Next Suggestion", "Accept", "Go to Details"} <= set(named)
    # a menu's separators become gaps between runs, never at either end
    for _, group in sheet.groups:
        assert group[0] is not None and group[-1] is not None
    assert None in dict(sheet.groups)["Review"]


def test_keys_are_the_platforms_text_without_dedicated_keys(sheet):
    by_name = {line.name: line for line in lines(sheet)}
    assert by_name["Accept"].keys == "A, Return"
    assert by_name["Undo"].keys.split(", ")[0] == "Ctrl+Z"  # ⌘Z on macOS
    for line in lines(sheet):
        assert not set(line.keys.split(", ")) & _DEDICATED_KEYS, line  # no "Undo" key
        assert "&" not in line.name
    assert by_name["Undo"].description  # not Qt's tooltip repeating the name


@pytest.mark.parametrize("width", [720, 480])
def test_descriptions_wrap_whole_instead_of_being_cut(qtbot, sheet, width):
    sheet.resize(width, 600)
    QApplication.processEvents()
    text = " ".join(sheet.page.toPlainText().split())
    for line in lines(sheet):
        assert " ".join(line.description.split()) in text
    assert sheet.page.horizontalScrollBar().maximum() == 0  # nothing runs off the right edge
    longest = max(lines(sheet), key=lambda line: len(line.description))
    assert len(longest.description) > 80  # so some line really wraps at these widths


def test_typing_filters_the_sheet(qtbot, sheet):
    assert QApplication.focusWidget() is sheet.filter_edit  # typing goes to the filter at once
    qtbot.keyClicks(QApplication.focusWidget(), "quote")
    names = listed(sheet)
    assert "Tag Quote" in names and "Export" not in names
    assert "File" not in sheet.page.toPlainText().split()  # a group with no match is left out
    sheet.filter_edit.clear()
    qtbot.keyClicks(sheet.filter_edit, "ctrl+4")
    assert listed(sheet) == ["Go to Annotations"]
    sheet.filter_edit.clear()
    qtbot.keyClicks(sheet.filter_edit, "<b>xyzzy")
    assert sheet.page.isHidden() and sheet.empty.isVisible()
    assert sheet.empty.text() == "No shortcut matches “<b>xyzzy”."
    assert sheet.empty.textFormat() == Qt.TextFormat.PlainText
    qtbot.keyClick(sheet.filter_edit, Qt.Key.Key_Escape)
    assert not sheet.isVisible()


def test_keys_bound_to_the_text_say_so(sheet):
    by_name = {line.name: line for line in lines(sheet)}
    assert by_name["Next Suggestion"].where == "in the text"
    assert by_name["Next Disagreement"].where == "in the text or in the Review panel"
    assert by_name["Export"].where == "" and by_name["Go to Text"].where == ""
    assert "N\nin the text" in sheet.page.toPlainText()
    assert sheet.hint.isVisible() and "Ctrl+2" in sheet.hint.text()
    panel_keys = [line.name for line in lines(sheet) if line.matches(["review", "panel"])]
    assert panel_keys == ["Next Disagreement", "Previous Disagreement"]
