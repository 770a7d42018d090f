"""The helpers that keep text from files literal, against Qt's own rendering of their output."""

import pytest

from PySide6.QtGui import QAction, QTextDocument
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QLabel, QWidget

from annotator.ui.plain import (
    TOOLTIP_LINE,
    menu_text,
    plain_label,
    tooltip_text,
    window_title,
)

TRICKY = "<b>bold</b> &amp; <img src=x>  two  spaces\n\n\tand a tab <!-- not a comment -->"


def rendered(html: str) -> str:
    document = QTextDocument()
    document.setHtml(html)
    return document.toPlainText()


@pytest.mark.parametrize("text", [TRICKY, "R&D", "plain words", "x" * (TOOLTIP_LINE + 1)])
def test_a_tooltip_shows_its_text_exactly(text):
    tip = tooltip_text(text)
    assert GuiQt.mightBeRichText(tip)  # so Qt renders our escaping, never the raw text
    assert rendered(tip) == text


def test_an_empty_tooltip_is_no_tooltip():
    assert tooltip_text("") == ""


def _lines_shown(qtbot, tip: str) -> int:
    """How many lines a tooltip label (word-wrapped when rich, as QToolTip's is) takes."""
    label = QLabel()
    qtbot.addWidget(label)
    label.setWordWrap(GuiQt.mightBeRichText(tip))
    label.setText(tip)
    return round(label.sizeHint().height() / label.fontMetrics().lineSpacing())


def test_short_tooltip_lines_stay_whole_and_a_long_one_wraps(qtbot):
    short = "QUOTE · suggested by en_core_web_sm · said by Katrin Müller"
    assert _lines_shown(qtbot, tooltip_text(short)) == 1
    assert _lines_shown(qtbot, tooltip_text(f"{short}\nVerdict: False")) == 2
    assert _lines_shown(qtbot, tooltip_text("a long quote " * 30)) > 1


def test_menu_text_keeps_an_ampersand(qtbot):
    action = QAction(menu_text("Marks & Spencer && R&D"))
    # iconText is the text as a menu shows it, with the mnemonics taken out.
    assert action.iconText() == "Marks & Spencer && R&D"


def test_window_title_keeps_a_placeholder(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.setWindowTitle(window_title("draft [*] <b>x</b>.annotator"))
    widget.winId()  # the platform window, whose title is what the user sees
    assert widget.windowHandle().title() == "draft [*] <b>x</b>.annotator"


def test_plain_label_never_renders_html(qtbot):
    label = plain_label("<b>bold</b>")
    qtbot.addWidget(label)
    assert label.textFormat() == GuiQt.TextFormat.PlainText
    assert label.text() == "<b>bold</b>"
