"""The sources view: every source of the project, with what each one said or claimed.

A tree over a QStandardItemModel: one top-level row per source (app.sources groups the same
name across articles), its attributed quotes and claims beneath it, plus the spans naming it
that have nothing attributed, so every mention can be reached. Double-click or Return on a
row emits `item_chosen` with the article and offsets to open; the owner does the opening.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from annotator.app.sources import AttributedItem, SourceEntry, SourceMention, project_sources
from annotator.domain.attributes import SOURCE_TYPE, VERDICT, display
from annotator.domain.model import AnnotationKind
from annotator.store import ProjectStore

#: (article_id, start, end) a row leads to.
TARGET_ROLE = Qt.ItemDataRole.UserRole + 1
#: What the filter matches on a source row: its name and its other spellings.
FILTER_ROLE = Qt.ItemDataRole.UserRole + 2
#: The source's matching key, to keep rows expanded across a refresh.
KEY_ROLE = Qt.ItemDataRole.UserRole + 3

COLUMNS = ("Source", "Type", "Articles", "Quotes", "Claims")
_SOURCE, _TYPE, _ARTICLES, _QUOTES, _CLAIMS = range(len(COLUMNS))
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_EMPTY = "No sources yet: tag a source, or link a quote or claim to who said it."
_Index = QModelIndex | QPersistentModelIndex


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _cell(text: str = "", tooltip: str | None = None) -> QStandardItem:
    item = QStandardItem(text)  # the tree has no edit triggers, so the flags can stay
    if tooltip:
        item.setToolTip(tooltip)
    return item


def _count(value: int) -> QStandardItem:
    item = _cell()
    item.setData(value, Qt.ItemDataRole.DisplayRole)
    item.setData(_RIGHT, Qt.ItemDataRole.TextAlignmentRole)
    return item


def _types(entry: SourceEntry) -> str:
    """Source types in the form's order; without any, the entity labels (e.g. PERSON)."""
    known = [value for value, _ in SOURCE_TYPE.values if value in entry.source_types]
    other = sorted(entry.source_types - set(known))
    if known or other:
        return ", ".join([display(SOURCE_TYPE, value) for value in known] + other)
    labels = {m.label for m in entry.mentions if m.kind is AnnotationKind.ENTITY}
    return ", ".join(sorted(labels))


def _source_row(entry: SourceEntry) -> list[QStandardItem]:
    spellings = sorted({_one_line(m.text) for m in entry.mentions} - {entry.name})
    tooltip = [entry.name]
    if entry.roles:
        tooltip.append("Role: " + "; ".join(sorted(entry.roles)))
    if spellings:
        tooltip.append("Also written: " + "; ".join(spellings))
    name = _cell(entry.name, "\n".join(tooltip))
    first = entry.mentions[0]
    name.setData((first.article_id, first.start, first.end), TARGET_ROLE)
    name.setData("\n".join([entry.name, *spellings]), FILTER_ROLE)
    name.setData(entry.key, KEY_ROLE)
    return [
        name,
        _cell(_types(entry)),
        _count(len(entry.article_ids)),
        _count(entry.quote_count),
        _count(entry.claim_count),
    ]


def _attributed_row(item: AttributedItem) -> list[QStandardItem]:
    verdict = display(VERDICT, item.verdict) if item.kind is AnnotationKind.CLAIM else ""
    tooltip = f"{item.text}\n\n{item.article_title}"
    text = _cell(_one_line(item.text), tooltip + (f"\nVerdict: {verdict}" if verdict else ""))
    text.setData((item.article_id, item.start, item.end), TARGET_ROLE)
    kind = _cell(item.kind.value.capitalize())
    return [text, kind, _cell(item.article_title, item.article_title), _cell(), _cell(verdict)]


def _mention_row(mention: SourceMention) -> list[QStandardItem]:
    text = _cell(_one_line(mention.text), f"{mention.text}\n\n{mention.article_title}")
    text.setData((mention.article_id, mention.start, mention.end), TARGET_ROLE)
    kind = _cell("Mention", f"{mention.label}: nothing attributed to this span yet")
    return [text, kind, _cell(mention.article_title, mention.article_title), _cell(), _cell()]


class _TopLevelFilter(QSortFilterProxyModel):
    """Filters source rows by name; the rows under a source that is shown always show."""

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if source_parent.isValid():
            return True
        return super().filterAcceptsRow(source_row, source_parent)


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
    """Lists the project's sources; `refresh()` after annotations or relations change."""

    #: article_id, start, end of the chosen quote, claim or mention (a source: its first).
    item_chosen = Signal(int, int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store: ProjectStore | None = None
        self.entries: list[SourceEntry] = []

        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Filter sources by name")
        self.filter_edit.setClearButtonEnabled(True)

        self.model = QStandardItemModel(0, len(COLUMNS), self)
        self.model.setHorizontalHeaderLabels(list(COLUMNS))
        self.proxy = _TopLevelFilter(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(FILTER_ROLE)
        self.proxy.setFilterKeyColumn(_SOURCE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        self.tree = _Tree()
        self.tree.setModel(self.proxy)
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

        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.filter_edit.returnPressed.connect(self._focus_first_row)
        self.tree.doubleClicked.connect(self._choose)
        self.tree.return_pressed.connect(self._choose)

    @property
    def store(self) -> ProjectStore | None:
        return self._store

    def set_store(self, store: ProjectStore | None) -> None:
        """Show another project's sources (None: show nothing); the filter text stays."""
        self._store = store
        self.refresh()

    def refresh(self) -> None:
        """Read the sources again, keeping which sources were expanded."""
        expanded = self._expanded_keys()
        self.entries = project_sources(self._store) if self._store is not None else []
        self.model.removeRows(0, self.model.rowCount())
        root = self.model.invisibleRootItem()
        for entry in self.entries:
            row = _source_row(entry)
            children = [
                (item.article_id, item.start, _attributed_row(item)) for item in entry.attributed
            ]
            children += [
                (mention.article_id, mention.start, _mention_row(mention))
                for mention in entry.mentions
                if mention.attributed_count == 0
            ]
            for *_, child in sorted(children, key=lambda c: (c[0], c[1])):
                row[0].appendRow(child)
            root.appendRow(row)
        for proxy_row in range(self.proxy.rowCount()):
            index = self.proxy.index(proxy_row, _SOURCE)
            if index.data(KEY_ROLE) in expanded:
                self.tree.expand(index)
        self.empty_label.setVisible(self._store is not None and not self.entries)

    def _expanded_keys(self) -> set[str]:
        keys = set()
        for proxy_row in range(self.proxy.rowCount()):
            index = self.proxy.index(proxy_row, _SOURCE)
            if self.tree.isExpanded(index):
                keys.add(index.data(KEY_ROLE))
        return keys

    def _choose(self, index: QModelIndex) -> None:
        target = index.siblingAtColumn(_SOURCE).data(TARGET_ROLE)
        if target is not None:
            article_id, start, end = target
            self.item_chosen.emit(article_id, start, end)

    def _focus_first_row(self) -> None:
        """Return in the filter moves to the first source still shown."""
        if self.proxy.rowCount():
            self.tree.setCurrentIndex(self.proxy.index(0, _SOURCE))
            self.tree.setFocus(Qt.FocusReason.OtherFocusReason)
