"""Text from articles, files and colleagues shown as text, never as markup.

Qt guesses: a label, tooltip or message box whose text looks like HTML (Qt::mightBeRichText)
is rendered as HTML, so a name written `<font size=6>` would come out huge; an `&` in a menu
entry, button or check box marks a keyboard mnemonic and vanishes; `[*]` in a window title is
the "modified" placeholder. Every string that did not come from us goes through one of these.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, SignalInstance
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QWidget

#: Tooltip lines up to this many characters stay whole; a longer one wraps.
TOOLTIP_LINE = 80


def tooltip_text(text: str) -> str:
    """A tooltip that shows `text` exactly, line breaks and runs of spaces included.

    Always escaped and wrapped, not only when Qt would take it for HTML: one rule for every
    tooltip. Qt fits a rich tooltip into a box of about 5:3, which would break even a short
    line ("QUOTE · suggested by ..."), so short lines are kept whole; a tooltip with a long
    line (a whole quote) wraps as Qt chooses. Empty text stays empty: no tooltip.
    """
    if not text:
        return ""
    fits = all(len(line) <= TOOLTIP_LINE for line in text.splitlines())
    space = "pre" if fits else "pre-wrap"
    return f'<p style="white-space:{space}">{html.escape(text, quote=False)}</p>'


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A QLabel that never renders its text as HTML."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


def menu_text(text: str) -> str:
    """`text` for a menu entry, button or check box: an `&` in it stays an `&`."""
    return text.replace("&", "&&")


def window_title(text: str) -> str:
    """`text` for setWindowTitle: a `[*]` in it (a file name may hold one) stays visible."""
    return text.replace("[*]", "[*][*]")


def literal_command_names(action: QAction, prefix: str, text_changed: SignalInstance) -> None:
    """Undo and Redo name the command in their menu entry ("Undo Add ORG “Marks & Spencer”"),
    and QUndoStack puts that text in as is: set it again with any `&` kept.

    Connect after QUndoStack.createUndoAction/createRedoAction, so this runs after Qt's update.
    """
    text_changed.connect(
        lambda text: action.setText(f"{prefix} {menu_text(text)}" if text else prefix)
    )
