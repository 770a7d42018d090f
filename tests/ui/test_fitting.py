"""A narrow window keeps the article readable: the list and the panels give up their room."""

import statistics

import pytest

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QTreeView

from annotator.app.projects import ensure_demo_project
from annotator.store import ProjectStore
from annotator.ui.fitting import DOCK_MIN, LIST_MIN, SOURCE_MIN, TITLE_MIN, ColumnFitter
from annotator.ui.main_window import MainWindow
from annotator.ui.settings import Settings

SIZES = [(1024, 700), (1320, 800), (1600, 900)]


def open_window(qtbot, size: tuple[int, int], *, fitted: bool = True) -> MainWindow:
    window = MainWindow(Settings())
    qtbot.addWidget(window)
    window.remember_layout = False
    if not fitted:  # the layout as it was before ui.fitting, to compare with
        shiboken6.delete(window.readable_layout)
    window.set_store(ProjectStore.open(ensure_demo_project()))
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    settle(qtbot, window)
    return window


def settle(qtbot, window: MainWindow) -> None:
    qtbot.wait(10)
    layout = window.readable_layout
    qtbot.waitUntil(lambda: not shiboken6.isValid(layout) or not layout._timer.isActive())


def chars_per_line(window: MainWindow) -> float:
    """What the text view's viewport holds, in average characters of the reading font."""
    text = window.article_view.text
    width = text.viewport().width() - 2 * text.document().documentMargin()
    return width / QFontMetricsF(text.font()).averageCharWidth()


def wrapped_line_lengths(window: MainWindow) -> list[int]:
    """Characters on each full line (not a paragraph's last) as the view laid them out."""
    block, lengths = window.article_view.text.document().firstBlock(), []
    while block.isValid():
        layout = block.layout()
        lengths += [layout.lineAt(i).textLength() for i in range(layout.lineCount() - 1)]
        block = block.next()
    return lengths


def right_panels(window: MainWindow) -> list[int]:
    docks = (window.details_dock, window.sources_dock, window.annotations_dock)
    return [d.width() for d in docks if d.isVisible() and not d.visibleRegion().isEmpty()]


def shown_columns(view) -> list[int]:
    header = view.header()
    return [c for c in range(header.count()) if not header.isSectionHidden(c)]


def test_a_1024_by_700_window_keeps_60_characters_a_line(qtbot):
    window = open_window(qtbot, (1024, 700))
    assert chars_per_line(window) >= 60
    assert statistics.median(wrapped_line_lengths(window)) >= 57  # whole words per line
    # what gave way: the list keeps its titles, the panels their minimum
    assert window.article_list.width() >= LIST_MIN
    assert shown_columns(window.article_list) == [0]  # the titles, over the whole list
    assert window.article_list.header().sectionSize(0) >= window.article_list.viewport().width()
    assert min(right_panels(window)) >= DOCK_MIN
    window.sources_dock.raise_()
    sources = window.sources.tree
    qtbot.waitUntil(lambda: sources.model().rowCount() > 0, timeout=60_000)  # suggested ones
    settle(qtbot, window)
    assert chars_per_line(window) >= 60
    assert sources.header().sectionSize(0) >= SOURCE_MIN  # names, not an empty column


@pytest.mark.parametrize("size", SIZES, ids=lambda size: "x".join(map(str, size)))
def test_no_size_reads_worse_than_before(qtbot, size):
    before = open_window(qtbot, size, fitted=False)
    was = chars_per_line(before), right_panels(before), before.article_list.width()
    before.close()
    after = open_window(qtbot, size)
    assert chars_per_line(after) >= min(60, was[0]) and chars_per_line(after) >= was[0]
    if was[0] >= 64:  # already readable: the layout is left as it was
        assert (right_panels(after), after.article_list.width()) == (was[1], was[2])


def test_a_saved_wider_layout_does_not_squeeze_the_article(qtbot):
    wide = open_window(qtbot, (1600, 900))
    wide.remember_layout = True
    wide.resizeDocks([wide.details_dock], [560], Qt.Orientation.Horizontal)
    wide.splitter.setSizes([560, wide.splitter.width() - 560])
    settle(qtbot, wide)
    assert min(right_panels(wide)) >= 500
    wide.close()
    restored = MainWindow(Settings())
    qtbot.addWidget(restored)
    restored.remember_layout = False
    restored.set_store(ProjectStore.open(ensure_demo_project()))
    restored.resize(1024, 700)
    restored.show()
    qtbot.waitExposed(restored)
    settle(qtbot, restored)
    assert chars_per_line(restored) >= 60


def test_the_list_shows_its_columns_in_order_as_it_widens(qtbot):
    window = open_window(qtbot, (1600, 900))
    header = window.article_list.header()
    seen = []
    for width in (160, 330, 420, 700):
        window.splitter.setSizes([width, window.splitter.width() - width])
        qtbot.wait(1)
        columns = shown_columns(window.article_list)
        assert columns == list(range(len(columns)))  # a prefix: Title, Outlet, Date, ...
        assert header.sectionSize(0) >= min(TITLE_MIN, window.article_list.viewport().width())
        seen.append(len(columns))
    assert seen == sorted(seen) and seen[0] == 1 and seen[-1] == header.count()


def test_fitting_columns_reads_the_rows_on_screen_not_the_whole_list(qtbot):
    """Opening a 1,000-article project spent 2 s in fits that each measured a thousand rows
    per column: a fit now reads the rows on screen."""
    reads = 0

    class Counted(QStandardItemModel):
        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            nonlocal reads
            reads += 1
            return super().data(index, role)

    model = Counted()
    for row in range(3000):
        model.appendRow([QStandardItem(f"Article {row}"), QStandardItem(f"Outlet {row % 7}")])
    view = QTreeView()
    view.setModel(model)
    qtbot.addWidget(view)
    fitter = ColumnFitter(view, TITLE_MIN)
    view.resize(400, 300)
    view.show()
    qtbot.waitExposed(view)
    reads = 0
    qtbot.wait(50)
    fitter.fit()
    assert reads < 3000  # every row of one column alone would be 3,000 reads
