"""The annotations panel: the article's claims, quotes and sources (with each quote's speaker),
filterable by kind, label, status and annotator; choosing one selects it in the text."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import QComboBox, QGridLayout, QTreeView, QVBoxLayout, QWidget

from annotator.domain.model import Annotation, AnnotationKind, AnnotationStatus
from annotator.ui.article_review import ArticleReview
from annotator.ui.plain import tooltip_text

COLUMNS = ("Kind", "Text", "Said by", "Label", "Status", "Annotator")
ANNOTATION_ROLE = Qt.ItemDataRole.UserRole + 1
NEWSROOM_KINDS = (AnnotationKind.CLAIM, AnnotationKind.QUOTE, AnnotationKind.SOURCE)
_Index = QModelIndex | QPersistentModelIndex
ANY = ""


class AnnotationTableModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._rows: list[tuple[Annotation, str, str]] = []  # annotation, its text, speaker

    def set_rows(self, rows: list[tuple[Annotation, str, str]]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        annotation, text, speaker = self._rows[index.row()]
        if role == ANNOTATION_ROLE:
            return annotation
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            tip = role == Qt.ItemDataRole.ToolTipRole
            values = (
                str(annotation.kind),
                text if tip else " ".join(text.split()),
                speaker,
                annotation.label,
                str(annotation.status),
                annotation.annotator or "",
            )
            return tooltip_text(values[index.column()]) if tip else values[index.column()]
        return None


class AnnotationFilter(QSortFilterProxyModel):
    """Rows whose kind, label, status and annotator match the chosen filters (ANY matches all)."""

    def __init__(self) -> None:
        super().__init__()
        self.kinds: tuple[AnnotationKind, ...] = NEWSROOM_KINDS
        self.label = self.status = self.annotator = ANY

    def set_filters(
        self, kinds: tuple[AnnotationKind, ...], label: str, status: str, annotator: str
    ) -> None:
        self.kinds, self.label, self.status, self.annotator = kinds, label, status, annotator
        self.invalidate()  # invalidateFilter() is deprecated from Qt 6.10 on

    def filterAcceptsRow(self, row: int, parent: _Index) -> bool:
        annotation: Annotation = self.sourceModel().index(row, 0, parent).data(ANNOTATION_ROLE)
        if annotation.kind not in self.kinds:
            return False
        if self.status == ANY and annotation.status is AnnotationStatus.REJECTED:
            return False
        return all(
            wanted in (ANY, actual)
            for wanted, actual in (
                (self.label, annotation.label),
                (self.status, str(annotation.status)),
                (self.annotator, annotation.annotator or ""),
            )
        )


class AnnotationsPanel(QWidget):
    def __init__(self, review: ArticleReview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.review = review
        self.model = AnnotationTableModel()
        self.proxy = AnnotationFilter()
        self.proxy.setSourceModel(self.model)
        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind")
        self.kind.addItem("Claims, quotes, sources", NEWSROOM_KINDS)
        for kind in AnnotationKind:
            self.kind.addItem(kind.plural.capitalize(), (kind,))
        self.kind.addItem("Everything", tuple(AnnotationKind))
        self.label = self._combo("Any label")
        self.status = self._combo("Not rejected")
        for status in AnnotationStatus:
            self.status.addItem(str(status).capitalize(), str(status))
        self.annotator = self._combo("Anyone")
        for combo in (self.kind, self.label, self.status, self.annotator):
            combo.activated.connect(self._apply_filters)

        self.table = QTreeView()
        self.table.setModel(self.proxy)
        self.table.setRootIsDecorated(False)
        self.table.setUniformRowHeights(True)
        self.table.setSortingEnabled(False)
        self.table.setAccessibleName("Annotations")
        self.table.activated.connect(self._choose)
        self.table.clicked.connect(self._choose)
        self.table.header().setStretchLastSection(False)

        filters = QGridLayout()
        for number, combo in enumerate((self.kind, self.label, self.status, self.annotator)):
            filters.addWidget(combo, number // 2, number % 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(filters)
        layout.addWidget(self.table)
        review.view_refreshed.connect(self.refresh)

    def _combo(self, everything: str) -> QComboBox:
        combo = QComboBox()
        combo.addItem(everything, ANY)
        return combo

    def refresh(self) -> None:
        view = self.review.view
        article = view.article
        rows = []
        if article is not None:
            for annotation in view.annotations:
                speakers = [article.text[s.start : s.end] for s in view.linked_to(annotation)]
                rows.append(
                    (
                        annotation,
                        article.text[annotation.start : annotation.end],
                        ", ".join(speakers),
                    )
                )
        self.model.set_rows(rows)
        self._refill(self.label, sorted({a.label for a, _, _ in rows}))
        self._refill(self.annotator, sorted({a.annotator or "" for a, _, _ in rows} - {""}))
        self._apply_filters()
        self.table.resizeColumnToContents(0)

    def _refill(self, combo: QComboBox, values: list[str]) -> None:
        chosen = combo.currentData()
        while combo.count() > 1:
            combo.removeItem(1)
        for value in values:
            combo.addItem(value, value)
        combo.setCurrentIndex(max(combo.findData(chosen), 0))

    def _apply_filters(self) -> None:
        self.proxy.set_filters(
            self.kind.currentData(),
            self.label.currentData(),
            self.status.currentData(),
            self.annotator.currentData(),
        )

    def _choose(self, index: QModelIndex) -> None:
        annotation: Annotation | None = index.data(ANNOTATION_ROLE)
        if annotation is not None:
            # The row's annotation, not another on the same characters (a PERSON under it).
            self.review.view.set_current(annotation.id)
            self.review.view.text.setFocus()
