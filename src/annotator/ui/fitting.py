"""Keep the article readable in a narrow window: the panels around it give up their room first.

At 1024x700 the article list (with all its columns) and the right-hand panels at their usual
widths left the text about five words wide. Whenever the window changes size, a panel appears
or a saved layout is restored, the article is given the width of READABLE_CHARS characters of
its font: taken first from the article list and the right-hand panels down to comfortable
widths, then from the list down to its titles and the panels down to their minimum. Only what is
missing is taken, so a wide window keeps the layout the user made.

A narrow table keeps its first column (a title, a name) readable: its other columns show, in
order, as far as they fit (ColumnFitter), instead of squeezing the first to nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QDockWidget, QMainWindow, QSplitter, QTreeView

from annotator.ui.article_view import ArticleView

#: Characters per line the article keeps while the window can give them (60 to 75 reads well).
READABLE_CHARS = 64
#: The article list gives up room down to this first (titles and outlets), then the right-hand
#: panels down to DOCK_COMFORT, the list down to LIST_MIN (titles) and the panels down to
#: DOCK_MIN (or the least their contents take).
LIST_COMFORT = 300
DOCK_COMFORT = 300
LIST_MIN = 150
DOCK_MIN = 250
#: The article list's title column, and the Sources panel's name column, keep this much
#: before another column is shown.
TITLE_MIN = 160
SOURCE_MIN = 120
#: Rows measured beyond the visible ones when a column is sized to its contents. Qt's default
#: (1,000) made every fit read a thousand rows per column: seconds when a big project opens.
ROWS_MEASURED = 0


class ColumnFitter(QObject):
    """Shows a tree view's columns after the first, in order, while they fit beside
    `first_min` pixels of the first; again whenever the view or its rows change."""

    def __init__(self, view: QTreeView, first_min: int) -> None:
        super().__init__(view)
        self._view = view
        self._first_min = first_min
        #: The widest each column has been while shown: its header label and its contents.
        self._widths: dict[int, int] = {}
        # The viewport's own resize: when the view hears of its own, the viewport is not yet
        # resized.
        view.viewport().installEventFilter(self)
        view.header().setResizeContentsPrecision(ROWS_MEASURED)
        # New rows: once the header has sized its columns to them. A burst of resizes and
        # shows is one fit too.
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(0)
        self._later.timeout.connect(self.fit)
        model = view.model()
        for signal in (model.modelReset, model.layoutChanged, model.rowsInserted):
            signal.connect(self._later.start)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self._later.start()
        return super().eventFilter(watched, event)

    def fit(self) -> None:
        if not self._view.isVisible():
            return  # a tab behind another: sized again when shown
        header = self._view.header()
        room = self._view.viewport().width() - self._first_min
        for column in range(1, header.count()):
            if not header.isSectionHidden(column):  # a hidden one has no size to measure
                self._widths[column] = max(self._widths.get(column, 0), header.sectionSize(column))
            room -= max(self._widths.get(column, 0), self._view.sizeHintForColumn(column))
            header.setSectionHidden(column, room < 0)


class ReadableLayout(QObject):
    """Watches the window and fits the article, the list beside it and the panels."""

    def __init__(
        self,
        window: QMainWindow,
        splitter: QSplitter,
        article_list: QTreeView,
        article: ArticleView,
        docks: list[QDockWidget],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._splitter = splitter
        self._list = article_list
        self._article = article
        self._docks = docks
        # Fit once Qt has laid the window out (a restored state is applied then), and once for
        # a burst of events.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.fit)
        window.installEventFilter(self)
        for dock in docks:
            dock.visibilityChanged.connect(self._schedule)
        ColumnFitter(article_list, TITLE_MIN)  # kept alive by its parent, the list

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self._schedule()
        return super().eventFilter(watched, event)

    def _schedule(self) -> None:
        self._timer.start()

    def readable_width(self) -> int:
        """The article view's width at which its text holds READABLE_CHARS per line."""
        text = self._article.text
        metrics = QFontMetricsF(text.font())
        chrome = (
            2 * text.document().documentMargin()
            + text.width()
            - text.viewport().width()
            + self._article.width()
            - text.width()
        )
        return round(READABLE_CHARS * metrics.averageCharWidth() + chrome + 2)

    def fit(self) -> None:
        """Give the article what it lacks of readable_width(), one neighbour after another."""
        steps = (
            lambda missing: self._narrow_list(missing, LIST_COMFORT),
            lambda missing: self._narrow_docks(missing, DOCK_COMFORT),
            lambda missing: self._narrow_list(missing, LIST_MIN),
            lambda missing: self._narrow_docks(missing, DOCK_MIN),
        )
        for take in steps:
            missing = self.readable_width() - self._article.width()
            if missing <= 0:
                break
            take(missing)
            layout = self._window.layout()
            if layout is not None:
                layout.activate()  # the new sizes, before the next measure

    def _narrow_docks(self, missing: int, floor: int) -> None:
        docks = [
            dock
            for dock in self._docks
            if dock.isVisible()
            and not dock.visibleRegion().isEmpty()  # not a tab behind another
            and not dock.isFloating()
            and self._window.dockWidgetArea(dock) == Qt.DockWidgetArea.RightDockWidgetArea
        ]
        if not docks:
            return
        width = max(dock.width() for dock in docks)
        narrower = max(floor, width - missing)
        if narrower < width:
            self._window.resizeDocks(docks, [narrower] * len(docks), Qt.Orientation.Horizontal)
            # The central area grows; the splitter would share that with the list.
            self._splitter.setSizes(
                [self._list.width(), self._splitter.width() - self._list.width()]
            )

    def _narrow_list(self, missing: int, floor: int) -> None:
        sizes = self._splitter.sizes()
        take = min(missing, sizes[0] - floor)
        if take > 0:
            self._splitter.setSizes([sizes[0] - take, sizes[1] + take])
