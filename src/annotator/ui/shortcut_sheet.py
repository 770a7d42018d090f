"""The keyboard cheat sheet (F1): every key, grouped as the menus are, found by typing.

A rich-text page rather than a table: descriptions wrap to the dialog's width instead of being
cut off, and a group heading per menu reads like the menu the user knows. Keys are shown in
the platform's own notation (⌘ and ⇧ on macOS).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from annotator.ui.plain import plain_label

#: Widgets an action's keys may be bound to, and how the sheet says where: (widget, "in ...").
Places = Sequence[tuple[QWidget, str]]

#: The extra keys of some keyboards (Help, Back, Open, Undo...: Qt's key codes from Key_Help
#: on), which Qt's standard shortcuts list beside the Ctrl combinations; the sheet leaves them
#: out.
_DEDICATED_KEYS = frozenset(
    QKeySequence(key).toString()
    for key in Qt.Key
    if Qt.Key.Key_Help.value <= key.value < Qt.Key.Key_unknown.value
)


@dataclass(frozen=True)
class Shortcut:
    """One line of the sheet."""

    name: str
    keys: str
    description: str
    #: Where the keys work when not window-wide ("in the text"), else "".
    where: str = ""

    @classmethod
    def of(cls, action: QAction, places: Places = ()) -> Shortcut:
        keys = [
            key.toString(QKeySequence.SequenceFormat.NativeText)
            for key in action.shortcuts()
            if key.toString() not in _DEDICATED_KEYS
        ]
        name = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
        description = action.statusTip() or action.toolTip()
        if description.replace("&", "") == name:  # Qt's default tooltip is the text itself
            description = ""
        where = ""
        if action.shortcutContext() != Qt.ShortcutContext.WindowShortcut:
            owners = action.associatedObjects()
            where = " or ".join(n for w, n in places if any(o is w for o in owners))
        return cls(name.removesuffix("…"), ", ".join(keys), description, where)

    def matches(self, words: list[str]) -> bool:
        """Whether every word typed is in the name, the keys, the description or where."""
        haystack = f"{self.name} {self.keys} {self.description} {self.where}".casefold()
        return all(word in haystack for word in words)


#: A group heading and its lines; None marks a separator of the menu (a small gap).
Group = tuple[str, list[Shortcut | None]]


def shortcut_groups(
    menus: Sequence[tuple[str, Sequence[QAction]]], places: Places = ()
) -> list[Group]:
    """The sheet's groups from menus (title, actions in order, separators included): only
    actions with keys, each once, and a gap only between two runs of them. `places` names
    the widgets that keys bound to a widget work in ("in the text")."""
    groups: list[Group] = []
    seen: set[int] = set()
    for title, actions in menus:
        lines: list[Shortcut | None] = []
        for action in actions:
            if action.isSeparator():
                if lines and lines[-1] is not None:
                    lines.append(None)
            elif action.shortcuts() and id(action) not in seen:
                seen.add(id(action))
                lines.append(Shortcut.of(action, places))
        while lines and lines[-1] is None:
            lines.pop()
        if lines:
            groups.append((title.replace("&", ""), lines))
    return groups


class ShortcutSheet(QDialog):
    """The cheat sheet; the filter field has the focus, so typing narrows it at once."""

    def __init__(self, parent: QWidget | None, groups: list[Group]) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.groups = groups
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Type to filter: a word of what it does, or a key")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName("Filter shortcuts")
        self.filter_edit.textChanged.connect(self._fill)
        self.page = QTextBrowser()
        self.page.setAccessibleName("Keyboard shortcuts")
        self.page.setOpenLinks(False)
        self.empty = plain_label()  # it quotes what the user typed
        self.hint = plain_label(
            "Keys marked “in the text” work while the article text has the focus (Ctrl+2); "
            "every action is also in the menus, which work from anywhere."
        )
        self.hint.setWordWrap(True)
        self.hint.setVisible(
            any(line is not None and line.where for _, lines in groups for line in lines)
        )
        self.empty.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.hint)
        layout.addWidget(self.page, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        self.resize(720, 640)
        self._fill("")
        self.filter_edit.setFocus()

    def _fill(self, text: str) -> None:
        words = text.casefold().split()
        parts: list[str] = []
        for title, lines in self.groups:
            rows: list[str] = []
            for line in lines:
                if line is None:
                    if rows and not words:  # the menu's separator, while nothing is filtered
                        rows.append('<tr><td colspan="3" style="font-size:4pt">&nbsp;</td></tr>')
                elif line.matches(words):
                    rows.append(_row(line))
            if rows:  # one table for all groups, so the columns line up from group to group
                heading = f'<tr><td colspan="3"><h3>{html.escape(title)}</h3></td></tr>'
                parts.append(heading + "".join(rows))
        self.page.setHtml(
            f'<table width="100%" cellspacing="0" cellpadding="3">{"".join(parts)}</table>'
        )
        self.page.setVisible(bool(parts))
        self.empty.setVisible(not parts)
        self.empty.setText(f"No shortcut matches “{text.strip()}”.")


def _row(line: Shortcut) -> str:
    """Name, keys (each key unbroken, one per line) and the description, which wraps."""
    keys = "<br>".join(
        f"<b>{html.escape(key).replace(' ', '&nbsp;')}</b>" for key in line.keys.split(", ")
    )
    if line.where:
        keys += f"<br><small>{html.escape(line.where).replace(' ', '&nbsp;')}</small>"
    return (
        f'<tr><td width="28%" valign="top">{html.escape(line.name)}</td>'
        f'<td width="24%" valign="top" style="white-space:nowrap">{keys}</td>'
        f'<td valign="top">{html.escape(line.description)}</td></tr>'
    )
