"""The sources view: every source of the project, with what each one said or claimed.

A tree over SourcesModel: one top-level row per source (app.sources groups the same name
across articles), beneath it the quotes and claims attributed to it and the spans naming it
that have nothing attributed, so every mention can be reached. The model answers from rows
worked out in one pass, so a refresh of a large project costs little more than its query.
Double-click or Return on a row emits `item_chosen`; the owner opens the article, with the
row's annotation current (it may share its characters with another, e.g. a PERSON).

Reading a large project's sources takes a while (0.3 s at 1,000 articles, linear), so the
owner marks the view stale after a change and it reads again only once it is on screen: a
tab behind another is "visible" to Qt but not to the journalist.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from annotator.app.sources import (
    AttributedItem,
    SourceEntry,
    SourceMention,
    display_name,
    project_sources,
)
from annotator.domain.attributes import SOURCE_TYPE, VERDICT, display
from annotator.domain.model import AnnotationKind
from annotator.store import ProjectStore
from annotator.ui.plain import tooltip_text

#: (article_id, start, end, annotation_id) a row leads to; a source row: its first mention.
TARGET_ROLE = Qt.ItemDataRole.UserRole + 1
#: The source's matching key (app.sources.source_key), to keep rows expanded across a refresh.
KEY_ROLE = Qt.ItemDataRole.UserRole + 2

COLUMNS = ("Source", "Type", "Articles", "Quotes", "Claims")
_SOURCE, _TYPE, _ARTICLES, _QUOTES, _CLAIMS = range(len(COLUMNS))
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_EMPTY = "No sources yet: tag a source, or link a quote or claim to who said it."
#: internalId of a top-level index; a child's is its parent's row + 1.
_TOP = 0
_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class _Row:
    """What one row shows, worked out once per refresh rather than on every paint."""

    cells: tuple[str | int, ...]
    tooltips: tuple[str | None, ...]
    target: tuple[int, int, int, int]


def _types(entry: SourceEntry) -> str:
    """Source types in the form's order; without any, the entity labels (e.g. PERSON)."""
    known = [value for value, _ in SOURCE_TYPE.values if value in entry.source_types]
    other = sorted(entry.source_types - set(known))
    if known or other:
        return ", ".join([display(SOURCE_TYPE, value) for value in known] + other)
    return ", ".join(sorted({m.label for m in entry.mentions if m.kind is AnnotationKind.ENTITY}))


def _spellings(entry: SourceEntry) -> list[str]:
    return sorted({display_name(m.text) for m in entry.mentions} - {entry.name})


def _source_row(entry: SourceEntry, spellings: list[str]) -> _Row:
    tooltip = [entry.name]
    if entry.roles:
        tooltip.append("Role: " + "; ".join(sorted(entry.roles)))
    if spellings:
        tooltip.append("Also written: " + "; ".join(spellings))
    first = entry.mentions[0]
    return _Row(
        (entry.name, _types(entry), len(entry.article_ids), entry.quote_count, entry.claim_count),
        ("\n".join(tooltip), None, None, None, None),
        (first.article_id, first.start, first.end, first.annotation_id),
    )


def _attributed_row(item: AttributedItem) -> _Row:
    verdict = display(VERDICT, item.verdict) if item.kind is AnnotationKind.CLAIM else ""
    tooltip = f"{item.text}\n\n{item.article_title}" + (f"\nVerdict: {verdict}" if verdict else "")
    return _Row(
        (display_name(item.text), item.kind.value.capitalize(), item.article_title, "", verdict),
        (tooltip, f"{item.label} relation", item.article_title, None, None),
        (item.article_id, item.start, item.end, item.annotation_id),
    )


def _mention_row(mention: SourceMention) -> _Row:
    return _Row(
        (display_name(mention.text), "Mention", mention.article_title, "", ""),
        (
            f"{mention.text}\n\n{mention.article_title}",
            f"{mention.label}: nothing is attributed to this span yet",
            mention.article_title,
            None,
            None,
        ),
        (mention.article_id, mention.start, mention.end, mention.annotation_id),
    )


def _children(entry: SourceEntry) -> list[_Row]:
    """Attributed quotes and claims, and mentions with nothing attributed, in reading order."""
    rows = [(item.article_id, item.start, _attributed_row(item)) for item in entry.attributed]
    rows += [
        (mention.article_id, mention.start, _mention_row(mention))
        for mention in entry.mentions
        if mention.attributed_count == 0
    ]
    rows.sort(key=lambda row: row[:2])
    return [row for *_, row in rows]


class SourcesModel(QAbstractItemModel):
    """Two levels, read-only: sources, and under each the rows of `_children`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries: list[SourceEntry] = []
        self._rows: list[_Row] = []
        self._child_rows: list[list[_Row]] = []
        #: What the filter matches per source: its name and other spellings, casefolded.
        self.filter_texts: list[str] = []

    def set_entries(self, entries: list[SourceEntry]) -> None:
        self.beginResetModel()
        self.entries = list(entries)
        spellings = [_spellings(entry) for entry in self.entries]
        self._rows = [
            _source_row(e, other) for e, other in zip(self.entries, spellings, strict=True)
        ]
        self._child_rows = [_children(entry) for entry in self.entries]
        self.filter_texts = [
            "\n".join([e.name, *other]).casefold()
            for e, other in zip(self.entries, spellings, strict=True)
        ]
        self.endResetModel()

    def _row(self, index: _Index) -> _Row | None:
        if not index.isValid():
            return None
        parent_row = index.internalId() - 1
        if parent_row < 0:
            return self._rows[index.row()]
        return self._child_rows[parent_row][index.row()]

    # -- QAbstractItemModel ------------------------------------------------------------------

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        # Bounds checked here rather than with hasIndex(), which calls back into Python.
        if not parent.isValid():
            if 0 <= row < len(self._rows) and 0 <= column < len(COLUMNS):
                return self.createIndex(row, column, _TOP)
            return QModelIndex()
        if (
            parent.internalId() == _TOP
            and parent.column() == _SOURCE
            and 0 <= row < len(self._child_rows[parent.row()])
            and 0 <= column < len(COLUMNS)
        ):
            return self.createIndex(row, column, parent.row() + 1)
        return QModelIndex()

    def parent(self, index: _Index | None = None) -> Any:
        """The parent index; with no argument, QObject's parent as usual."""
        if index is None:
            return super().parent()
        if not index.isValid() or index.internalId() == _TOP:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, _SOURCE, _TOP)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._rows)
        if parent.internalId() == _TOP and parent.column() == _SOURCE:
            return len(self._child_rows[parent.row()])
        return 0

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return len(COLUMNS)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self._row(index)
        if row is None:
            return None
        column, top = index.column(), index.internalId() == _TOP
        if role == Qt.ItemDataRole.DisplayRole:
            return row.cells[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip_text(row.tooltips[column] or "")
        if role == Qt.ItemDataRole.TextAlignmentRole and top and column >= _ARTICLES:
            return _RIGHT
        if role == TARGET_ROLE:
            return row.target
        if role == KEY_ROLE and top:
            return self.entries[index.row()].key
        return None


class _Tree(QTreeView):
    """A tree that reports Return/Enter itself, the same on every platform and style."""

    return_pressed = Signal(QModelIndex)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.return_pressed.emit(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)


class SourcesView(QWidget):
    """Lists the project's sources; call `mark_stale()` after annotations or relations change
    (it reads them again once on screen) or `refresh()` to read them now."""

    #: article_id, start, end and annotation id of the chosen quote, claim or mention (a
    #: source: its first mention).
    item_chosen = Signal(int, int, int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store: ProjectStore | None = None
        #: The shown sources may be out of date: read them again when next on screen.
        self._stale = False
        # One read per burst of changes and show events, after the event loop has run.
        self._load_timer = QTimer(self)
        self._load_timer.setSingleShot(True)
        self._load_timer.setInterval(0)
        self._load_timer.timeout.connect(self._load_if_shown)

        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Filter sources by name")
        self.filter_edit.setClearButtonEnabled(True)

        self.model = SourcesModel(self)
        # The filter hides top-level rows rather than going through a QSortFilterProxyModel,
        # which would map every expanded source's children through Python on each keystroke.
        self.tree = _Tree()
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # A double-click opens the article; the branch arrow and the arrow keys expand.
        self.tree.setExpandsOnDoubleClick(False)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(_SOURCE, QHeaderView.ResizeMode.Stretch)
        for column in range(_TYPE, len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

        self.empty_label = QLabel(_EMPTY)
        self.empty_label.setWordWrap(True)
        self.empty_label.setEnabled(False)  # drawn greyed out, as a hint
        self.empty_label.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.tree)
        layout.addWidget(self.empty_label)

        self.filter_edit.textChanged.connect(self._apply_filter)
        self.filter_edit.returnPressed.connect(self._focus_first_row)
        self.tree.doubleClicked.connect(self._choose)
        self.tree.return_pressed.connect(self._choose)

    @property
    def store(self) -> ProjectStore | None:
        return self._store

    @property
    def entries(self) -> list[SourceEntry]:
        return self.model.entries

    def set_store(self, store: ProjectStore | None, *, load: bool = True) -> None:
        """Show another project's sources (None: show nothing); the filter text stays.

        With load=False nothing is read yet: the panel loads once it is on screen, so
        opening a large project does not pay for a view nobody is looking at.
        """
        self._store = store
        if load:
            self.refresh()
        else:
            self.model.set_entries([])
            self.empty_label.hide()
            self.mark_stale()

    def mark_stale(self) -> None:
        """The project changed: read the sources once, now if on screen, else when shown."""
        self._stale = True
        self._load_timer.start()

    def shown(self) -> None:
        """The panel may have come on screen (e.g. its tab was raised): load it if stale."""
        if self._stale:
            self._load_timer.start()

    def load_if_stale(self) -> None:
        """Read now if out of date: the user asked for the panel (its menu entry or key)."""
        if self._stale:
            self.refresh()

    def on_screen(self) -> bool:
        """Whether any of the panel can be seen: a tab behind another is visible to Qt
        (isVisible) but covers no pixel (an empty visibleRegion)."""
        return self.isVisible() and not self.visibleRegion().isEmpty()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.shown()

    def _load_if_shown(self) -> None:
        if self._stale and self.on_screen():
            self.refresh()

    def refresh(self) -> None:
        """Read the sources again, keeping the filter, which sources were expanded and the
        current row."""
        self._stale = False
        self._load_timer.stop()
        expanded = {
            index.data(KEY_ROLE) for index in self._top_indexes() if self.tree.isExpanded(index)
        }
        current = self._place(self.tree.currentIndex())
        self.model.set_entries(project_sources(self._store) if self._store is not None else [])
        self._apply_filter()
        for index in self._top_indexes():
            if index.data(KEY_ROLE) in expanded:
                self.tree.expand(index)
        if current is not None and (index := self._find(*current)).isValid():
            self.tree.setCurrentIndex(index)
        self.empty_label.setVisible(self._store is not None and not self.model.entries)

    def _place(self, index: QModelIndex) -> tuple[str, Any, int] | None:
        """Where a row is, in terms a refresh keeps: its source's key, and for a row under a
        source, what it leads to (rows shift as spans come and go)."""
        if not index.isValid():
            return None
        top = index.parent() if index.parent().isValid() else index
        key = top.siblingAtColumn(_SOURCE).data(KEY_ROLE)
        target = None if top == index else index.siblingAtColumn(_SOURCE).data(TARGET_ROLE)
        return key, target, index.column()

    def _find(self, key: str, target: Any, column: int) -> QModelIndex:
        for top in self._top_indexes():
            if top.data(KEY_ROLE) != key:
                continue
            if target is None:
                return top.siblingAtColumn(column)
            for row in range(self.model.rowCount(top)):
                child = self.model.index(row, _SOURCE, top)
                if child.data(TARGET_ROLE) == target:
                    return child.siblingAtColumn(column)
            return top.siblingAtColumn(column)
        return QModelIndex()

    def shown_rows(self) -> list[int]:
        """Rows of `entries` the filter lets through, in order."""
        root = QModelIndex()
        return [row for row in range(len(self.entries)) if not self.tree.isRowHidden(row, root)]

    def _apply_filter(self) -> None:
        """Hide the sources whose name (or another spelling of it) lacks the filter text."""
        needle = " ".join(self.filter_edit.text().split()).casefold()
        root = QModelIndex()
        for row, text in enumerate(self.model.filter_texts):
            self.tree.setRowHidden(row, root, bool(needle) and needle not in text)

    def _top_indexes(self) -> list[QModelIndex]:
        return [self.model.index(row, _SOURCE) for row in range(self.model.rowCount())]

    def _choose(self, index: QModelIndex) -> None:
        target = index.siblingAtColumn(_SOURCE).data(TARGET_ROLE)
        if target is not None:
            article_id, start, end, annotation_id = target
            self.item_chosen.emit(article_id, start, end, annotation_id)

    def _focus_first_row(self) -> None:
        """Return in the filter moves to the first source still shown."""
        if shown := self.shown_rows():
            self.tree.setCurrentIndex(self.model.index(shown[0], _SOURCE))
            self.tree.setFocus(Qt.FocusReason.OtherFocusReason)
