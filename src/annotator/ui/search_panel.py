"""The search panel: find words across the project's articles and notes, open a hit."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from annotator.store import ProjectStore
from annotator.store.search import SearchHit, search
from annotator.ui.plain import tooltip_text

HIT_ROLE = Qt.ItemDataRole.UserRole + 1

#: Typing pauses this long (ms) before a search runs, so each keystroke does not query.
DEBOUNCE_MS = 250
#: At most this many results are listed; more would not be read and would slow typing.
LIMIT = 200

_COLUMNS = ("Article", "Where", "Snippet")
_WHERE = {"title": "Title", "text": "Text", "note": "Note"}
_Index = QModelIndex | QPersistentModelIndex


class SearchResultsModel(QAbstractTableModel):
    """Read-only rows of SearchHit: article title, where it matched, a snippet."""

    def __init__(self, hits: list[SearchHit] | None = None) -> None:
        super().__init__()
        self._hits: list[SearchHit] = list(hits or [])

    def set_hits(self, hits: list[SearchHit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def hit(self, row: int) -> SearchHit | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(_COLUMNS)
        ):
            return _COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        hit = self.hit(index.row()) if index.isValid() else None
        if hit is None:
            return None
        if role == HIT_ROLE:
            return hit
        if role == Qt.ItemDataRole.DisplayRole:
            return (hit.title, _WHERE[hit.where], hit.snippet)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip_text((hit.title, _WHERE[hit.where], hit.snippet)[index.column()])
        return None


class SearchPanel(QWidget):
    """A search box over a result list; choosing a result asks for the article at the hit.

    Both signals carry (article_id, start, end), code-point offsets into the article text;
    start == end means there is nothing to select (a match in the title only).
    """

    #: The user opened a hit (Return or double-click on it): show it and go to the text.
    hit_chosen = Signal(int, int, int)
    #: Down from the box shows the first hit while the focus stays in the results, so that
    #: Return opens it and the arrow keys move on, rather than acting on the article.
    hit_shown = Signal(int, int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store: ProjectStore | None = None
        #: The query the results on show were found for.
        self._searched: str | None = None

        self.line_edit = QLineEdit()
        self.line_edit.setPlaceholderText("Search articles and notes")
        self.line_edit.setClearButtonEnabled(True)
        self.line_edit.setAccessibleName("Search")
        self.line_edit.textChanged.connect(self._schedule)
        self.line_edit.returnPressed.connect(self._on_return)
        self.line_edit.installEventFilter(self)

        self.model = SearchResultsModel()
        self.results = QTreeView()
        self.results.setModel(self.model)
        self.results.setRootIsDecorated(False)
        self.results.setUniformRowHeights(True)
        self.results.setAlternatingRowColors(True)
        self.results.setAllColumnsShowFocus(True)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setAccessibleName("Search results")
        header = self.results.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 160)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.results.activated.connect(self._choose)
        self.results.installEventFilter(self)

        self.status = QLabel()
        self.status.setAccessibleName("Search result count")

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_search)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.line_edit)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.status)
        self.setFocusProxy(self.line_edit)

    # -- public ------------------------------------------------------------------------------

    def set_store(self, store: ProjectStore | None) -> None:
        """Search this project from now on; the query is kept and run again on it.

        Call set_store(None) before closing the current store: it also cancels a search that
        typing has scheduled, which would otherwise run on the closed file.
        """
        self.store = store
        self.run_search()

    def focus_search(self) -> None:
        """Put the cursor in the search box with its text selected, ready to type over."""
        self.line_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.line_edit.selectAll()

    def run_search(self) -> None:
        """Search now for the box's text (typing runs this after a pause; so does Return).

        Call it again after the project changes to refresh the results.
        """
        self._timer.stop()
        query = self.line_edit.text()
        self._searched = query
        blank = not query.strip()
        hits = [] if blank or self.store is None else search(self.store, query, limit=LIMIT)
        self.model.set_hits(hits)
        if blank or self.store is None:
            self.status.setText("")
        elif not hits:
            self.status.setText("No matches")
        elif len(hits) >= LIMIT:
            self.status.setText(f"First {LIMIT} matches")
        else:
            self.status.setText(f"{len(hits)} match{'' if len(hits) == 1 else 'es'}")

    # -- events ------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down in the box moves into the results (showing the first); Return opens a result."""
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.line_edit and key == Qt.Key.Key_Down:
                self._enter_results()
                return True
            if watched is self.results and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._choose(self.results.currentIndex())
                return True
        return super().eventFilter(watched, event)

    def _on_return(self) -> None:
        """Return searches at once; pressed again on the results of the same words, it opens
        the selected (or first) hit, as a search box does in a browser."""
        if self._timer.isActive() or self._searched != self.line_edit.text():
            self.run_search()
            return
        index = self.results.currentIndex()
        self._choose(index if index.isValid() else self.model.index(0, 0))

    def _schedule(self) -> None:
        self._timer.start()

    def _enter_results(self) -> None:
        if self._timer.isActive():
            self.run_search()
        if self.model.rowCount() == 0:
            return
        index = self.results.currentIndex()
        if not index.isValid():
            index = self.model.index(0, 0)
        self.results.setCurrentIndex(index)
        self.results.setFocus(Qt.FocusReason.OtherFocusReason)
        hit = self.model.hit(index.row())
        if hit is not None:
            self.hit_shown.emit(hit.article_id, hit.start, hit.end)

    def _choose(self, index: QModelIndex) -> None:
        hit = self.model.hit(index.row()) if index.isValid() else None
        if hit is not None:
            self.hit_chosen.emit(hit.article_id, hit.start, hit.end)
