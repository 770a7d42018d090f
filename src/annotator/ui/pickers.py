"""Keyboard-first pickers (the label menu of L and E, the source list of W): a filter field
over a list, so every entry is reachable however long the list is.

Typing filters by name or by the start of a word of the description (case and accents
ignored) or, as a number, picks an entry by its key; Up and Down move, Right and Left open and
close a group, Return takes the selected entry, Escape closes without one. The mouse works
too: a click takes an entry.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QFont, QGuiApplication, QIcon, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

T = TypeVar("T")

#: Rows shown before the list scrolls.
VISIBLE_ROWS = 14

_KEY, _TEXT, _DETAIL = range(3)
_MOVES = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)


@dataclass(frozen=True, slots=True)
class Choice(Generic[T]):
    """One entry: what picking it returns, what it shows, and the entries grouped under it."""

    value: T
    text: str
    detail: str = ""
    icon: QIcon | None = None
    #: True or False shows a check mark (e.g. the source a quote is linked to now), None none.
    checked: bool | None = None
    #: Typed to pick this entry; top-level entries without one are numbered from 1.
    key: str = ""
    children: tuple[Choice[T], ...] = ()


@dataclass(frozen=True, slots=True)
class _Entry(Generic[T]):
    """A top-level row: its item, its choice, the key typed to pick it, its children's items."""

    item: QTreeWidgetItem
    choice: Choice[T]
    key: str
    children: list[QTreeWidgetItem]


def pick(parent: QWidget, title: str, choices: Sequence[Choice[T]], at: QPoint) -> T | None:
    """Show a picker at the global point `at`; the value picked, or None if dismissed."""
    picker = Picker(title, choices, parent)
    picker.place(at)
    return picker.value if picker.exec() == QDialog.DialogCode.Accepted else None


class Picker(QDialog, Generic[T]):
    """The popup itself: a title, the filter field (which keeps the focus) and the list."""

    def __init__(
        self, title: str, choices: Sequence[Choice[T]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.value: T | None = None
        heading = QLabel(title)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        bold = QFont(heading.font())
        bold.setBold(True)
        heading.setFont(bold)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Type to filter, or a number")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName(f"Filter {title}")
        self.tree = QTreeWidget()
        self.tree.setColumnCount(3)
        self.tree.setHeaderHidden(True)
        self.tree.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # typing always goes to the filter
        self.tree.setUniformRowHeights(True)
        self.tree.setRootIsDecorated(any(c.children for c in choices))
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(True)
        self._choices: list[Choice[T]] = []
        self._top: list[_Entry[T]] = []
        number = 0
        for choice in choices:
            if not choice.key:
                number += 1
            key = choice.key or str(number)
            item = self._item(choice, key)
            self.tree.addTopLevelItem(item)
            children = [self._item(child, "") for child in choice.children]
            item.addChildren(children)
            self._top.append(_Entry(item, choice, key, children))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addWidget(heading)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree)
        self.filter.textChanged.connect(self._apply)
        self.filter.returnPressed.connect(lambda: self._take(self.tree.currentItem()))
        self.filter.installEventFilter(self)
        self.tree.itemClicked.connect(lambda item, _column: self._take(item))
        self._apply("")
        self.filter.setFocus()

    def _item(self, choice: Choice[T], key: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem([key, choice.text, choice.detail])
        item.setData(_KEY, Qt.ItemDataRole.UserRole, len(self._choices))
        self._choices.append(choice)
        if choice.icon is not None:
            item.setIcon(_TEXT, choice.icon)
        if choice.checked is not None:
            checked = Qt.CheckState.Checked if choice.checked else Qt.CheckState.Unchecked
            item.setCheckState(_TEXT, checked)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)
        item.setForeground(_DETAIL, self.palette().placeholderText())
        return item

    def _apply(self, typed: str) -> None:
        """Show the entries that match, select the best, and take an entry whose number was
        typed in full (no other number starts with it)."""
        needle = _folded(typed.strip())
        by_number = needle.isdigit()
        best: QTreeWidgetItem | None = None
        first: QTreeWidgetItem | None = None
        for entry in self._top:
            choice = entry.choice
            if by_number:
                shown = entry.key.startswith(needle)
                preferred = entry.key == needle
            else:
                own = _matches(needle, choice)
                matches = [_matches(needle, child) for child in choice.children]
                for child, match in zip(entry.children, matches, strict=True):
                    child.setHidden(not (own or match))
                shown = own or any(matches)
                if needle and not own and shown:
                    entry.item.setExpanded(True)  # the match is inside the group: show it
                preferred = (
                    _folded(choice.text).startswith(needle) if needle else bool(choice.checked)
                )
            entry.item.setHidden(not shown)
            if shown:
                first = first or entry.item
                if preferred and best is None:
                    best = entry.item
        chosen = best or first
        if chosen is not None:
            self.tree.setCurrentItem(chosen)
        left = [entry.key for entry in self._top if not entry.item.isHidden()]
        if by_number and left == [needle]:
            self._take(best)

    def _take(self, item: QTreeWidgetItem | None) -> None:
        parent = item.parent() if item is not None else None
        if item is None or item.isHidden() or (parent is not None and parent.isHidden()):
            return  # nothing matches what was typed
        self.value = self._choices[item.data(_KEY, Qt.ItemDataRole.UserRole)].value
        self.accept()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up, Down, Page Up and Page Down move in the list while the filter keeps the focus;
        Right at the end of the typed text opens a group, Left at its start closes it. No key
        is a shortcut while the picker is open (the popup counts as inside the article view)."""
        if watched is self.filter and isinstance(event, QKeyEvent):
            if event.type() == QEvent.Type.ShortcutOverride:
                event.accept()  # every key is the picker's: Return must not reach the article
                return True
            if event.type() != QEvent.Type.KeyPress:
                return False
            key = event.key()
            at_end = self.filter.cursorPosition() == len(self.filter.text())
            if (
                key in _MOVES
                or (key == Qt.Key.Key_Right and at_end)
                or (key == Qt.Key.Key_Left and self.filter.cursorPosition() == 0)
            ):
                QApplication.sendEvent(self.tree, event)
                return True
        return super().eventFilter(watched, event)

    def place(self, at: QPoint) -> None:
        """Size to the entries (up to VISIBLE_ROWS rows) and open at `at`, inside its screen."""
        rows = min(VISIBLE_ROWS, max(1, len(self._top)))
        row_height = max(self.tree.sizeHintForRow(0), self.fontMetrics().height() + 4)
        width = sum(self.tree.sizeHintForColumn(c) for c in range(3)) + 48
        self.tree.setMinimumSize(min(max(width, 260), 640), rows * row_height + 6)
        self.adjustSize()
        screen = QGuiApplication.screenAt(at) or QGuiApplication.primaryScreen()
        area = screen.availableGeometry()
        x = max(area.left(), min(at.x(), area.right() - self.width()))
        y = at.y() if at.y() + self.height() <= area.bottom() else at.y() - self.height()
        self.move(x, max(area.top(), y))


def _matches(needle: str, choice: Choice[T]) -> bool:
    """The typed text is in the entry's name, or starts a word of its description."""
    return needle in _folded(choice.text) or any(
        word.startswith(needle) for word in re.split(r"\W+", _folded(choice.detail))
    )


def _folded(text: str) -> str:
    """Lower case without accents, so "muller" finds "Müller"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
