"""The article list: a table model over the project's article summaries, sortable by column."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from annotator.domain.model import AnnotationKind, ArticleSummary
from annotator.ui.plain import tooltip_text

ARTICLE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

_TEXT_COLUMNS = ("Title", "Outlet", "Date")
_KINDS = tuple(AnnotationKind)
#: Count columns stay narrow so the title keeps the room; the tooltip spells them out.
_SHORT = {
    AnnotationKind.ENTITY: "Ent",
    AnnotationKind.CLAIM: "Clm",
    AnnotationKind.QUOTE: "Quo",
    AnnotationKind.SOURCE: "Src",
}
_Index = QModelIndex | QPersistentModelIndex


class ArticleListModel(QAbstractTableModel):
    """Read-only rows of ArticleSummary; the main window refreshes it after changes."""

    def __init__(self, summaries: list[ArticleSummary] | None = None) -> None:
        super().__init__()
        self._rows: list[ArticleSummary] = list(summaries or [])
        self._row_of = {row.id: number for number, row in enumerate(self._rows)}

    def set_summaries(self, summaries: list[ArticleSummary]) -> None:
        """Show new summaries; the same articles in the same order update in place, which
        keeps the selection and scroll position."""
        if [row.id for row in summaries] == [row.id for row in self._rows] and self._rows:
            self._rows = list(summaries)
            last = self.index(len(self._rows) - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last)
            return
        self.beginResetModel()
        self._rows = list(summaries)
        self._row_of = {row.id: number for number, row in enumerate(self._rows)}
        self.endResetModel()

    def set_summary(self, summary: ArticleSummary) -> bool:
        """Replace one article's row and signal that row alone, so an edit does not make the
        view re-read, re-sort and re-size every row; False if the article is not listed."""
        row = self._row_of.get(summary.id)
        if row is None:
            return False
        self._rows[row] = summary
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
        return True

    def row_of(self, article_id: int) -> int | None:
        return self._row_of.get(article_id)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_TEXT_COLUMNS) + len(_KINDS) + 1

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if section < len(_TEXT_COLUMNS):
            return _TEXT_COLUMNS[section] if role == Qt.ItemDataRole.DisplayRole else None
        if section == len(_TEXT_COLUMNS) + len(_KINDS):
            if role == Qt.ItemDataRole.DisplayRole:
                return "Review"
            if role == Qt.ItemDataRole.ToolTipRole:
                return "Review of colleagues' work: decisions taken, or reviewed when finished"
            return None
        kind = _KINDS[section - len(_TEXT_COLUMNS)]
        if role == Qt.ItemDataRole.DisplayRole:
            return _SHORT[kind]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{kind.plural.capitalize()} (not counting rejected suggestions)"
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == ARTICLE_ID_ROLE:
            return row.id
        value = self._value(row, column)
        if role == Qt.ItemDataRole.DisplayRole:
            return "" if value is None else str(value)
        if role == SORT_ROLE:
            return value if value is not None else ""
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return tooltip_text(row.title)
        numeric = len(_TEXT_COLUMNS) <= column < len(_TEXT_COLUMNS) + len(_KINDS)
        if role == Qt.ItemDataRole.TextAlignmentRole and numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _value(row: ArticleSummary, column: int) -> str | int | None:
        if column == 0:
            return row.title
        if column == 1:
            return row.outlet
        if column == 2:
            return row.published
        if column < len(_TEXT_COLUMNS) + len(_KINDS):
            return row.counts.get(_KINDS[column - len(_TEXT_COLUMNS)], 0)
        if column == len(_TEXT_COLUMNS) + len(_KINDS):
            return "✓ reviewed" if row.review == "reviewed" else row.review
        return None


def sortable(model: ArticleListModel) -> QSortFilterProxyModel:
    """A proxy that sorts counts as numbers and text without regard to case."""
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    proxy.setSortLocaleAware(True)
    return proxy
