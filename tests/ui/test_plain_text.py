"""Markup in anything an article, a file or a colleague supplies is shown as text, everywhere.

Every string put in carries MARK: a `<font>` tag Qt would render large and red, and an `&` Qt
would turn into a keyboard mnemonic. Each place opens in the real window and gathers what its
widgets show as (source, shown) pairs, each rendered the way Qt renders it: a label by its
text format, a tooltip as rich text when Qt.mightBeRichText says so, a menu entry or button
without its mnemonic, a window title without its `[*]`. Wherever the source holds the mark,
what is shown must hold it literally. A new place is one more PLACES line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QTextDocument
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QToolTip,
    QWidget,
)

from annotator.domain.labels import SPEAKER
from annotator.domain.model import (
    AnnotationKind,
    AnnotationStatus,
    ArticleDraft,
    RelationDraft,
    SpanDraft,
)
from annotator.store import ProjectStore
from annotator.ui import dialogs
from annotator.ui.actions import ActionId
from annotator.ui.main_window import MainWindow
from annotator.ui.settings import Settings

#: Put into every string: large red text and a mnemonic, if Qt were to interpret it.
MARK = "<font color=red size=6>R&D</font>"
#: The same in a file name, which cannot hold a "/"; `[*]` is a window title's placeholder.
FILE_MARK = "<font color=red size=6>R&D [*]"
#: In the source of whatever carries the mark, escaped or not.
CARRIED = "size=6"
#: What must be seen wherever the mark went (spans are cut short after 40 characters or so).
LITERAL = "<font color=red size=6>R&D"
COLLEAGUE = f"Ben {MARK}"

TEXT = f"{MARK} said the plan works.\n\n{MARK} costs €38 million, officials said."
ENTITY = SOURCE = (0, len(MARK))  # stacked: the context menu has a submenu for each
QUOTE = (TEXT.index("the plan works"), TEXT.index("the plan works") + len("the plan works"))
CLAIM = (TEXT.index(f"{MARK} costs"), TEXT.index(", officials"))
COSTS = TEXT.index("costs")  # only the claim is there: its menu has a section, no submenus


Seen = list[tuple[str, str]]


# -- how Qt shows a string -----------------------------------------------------------------------


def _html(text: str) -> str:
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def label_shown(label: QLabel) -> tuple[str, str]:
    text, text_format = label.text(), label.textFormat()
    rich = text_format == Qt.TextFormat.RichText or (
        text_format == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text)
    )
    return text, _html(text) if rich else text


def tooltip_shown(text: str) -> tuple[str, str]:
    """QToolTip, item views' ToolTipRole and QWidget tooltips all guess like Qt.AutoText."""
    return text, _html(text) if GuiQt.mightBeRichText(text) else text


def mnemonic_shown(text: str) -> tuple[str, str]:
    """A menu entry, button or check box: `&&` shows `&`, `&x` shows an underlined x."""
    return text, re.sub(r"&(.)", r"\1", text)


def title_shown(text: str) -> tuple[str, str]:
    """A window title: `[*][*]` shows `[*]`, a lone `[*]` marks "modified" and is not shown."""
    return text, re.sub(r"\[\*\](\[\*\])?", lambda m: "[*]" if m[1] else "", text)


def model_seen(model: QAbstractItemModel, parent: QModelIndex | None = None) -> Seen:
    parent = parent or QModelIndex()
    seen: Seen = []
    for row in range(model.rowCount(parent)):
        column = 0  # not columnCount(): a QListWidget's model keeps it from Python
        while (index := model.index(row, column, parent)).isValid():
            display, tip = index.data(), index.data(Qt.ItemDataRole.ToolTipRole)
            if display is not None:
                seen.append((str(display), str(display)))  # delegates paint plain text
            if tip:
                seen.append(tooltip_shown(tip))
            column += 1
        seen += model_seen(model, model.index(row, 0, parent))
    return seen


def widget_seen(widget: QWidget) -> Seen:
    """Everything a widget and its children show: texts, entries, tooltips, its title."""
    seen: Seen = []
    for shown in [widget, *widget.findChildren(QWidget)]:
        if shown.toolTip():
            seen.append(tooltip_shown(shown.toolTip()))
        if isinstance(shown, QLabel):
            seen.append(label_shown(shown))
        elif isinstance(shown, QAbstractButton):
            seen.append(mnemonic_shown(shown.text()))
        elif isinstance(shown, QAbstractItemView) and shown.model() is not None:
            seen += model_seen(shown.model())
        elif isinstance(shown, QComboBox):
            seen += [(shown.itemText(i), shown.itemText(i)) for i in range(shown.count())]
        elif isinstance(shown, QPlainTextEdit):
            seen.append((shown.toPlainText(), shown.toPlainText()))
        elif isinstance(shown, QLineEdit):
            seen.append((shown.text(), shown.text()))
        if isinstance(shown, QMenu):
            for action in shown.actions():
                # A section's title is drawn as it is; an entry's & marks its mnemonic.
                section = action.isSeparator()
                seen.append(
                    (action.text(), action.text()) if section else mnemonic_shown(action.text())
                )
                if shown.toolTipsVisible() and action.toolTip():
                    seen.append(tooltip_shown(action.toolTip()))
    if widget.isWindow():
        seen.append(title_shown(widget.windowTitle()))
    return seen


# -- the project, the colleague, the window ------------------------------------------------------


def span(where: tuple[int, int], label: str, kind: AnnotationKind, **more) -> SpanDraft:
    return SpanDraft(*where, label, kind, **{"status": AnnotationStatus.MANUAL, **more})


def make_project(path: Path) -> Path:
    spans = (
        span(ENTITY, MARK, AnnotationKind.ENTITY, annotator=MARK),  # a label from the file
        span(SOURCE, "SOURCE", AnnotationKind.SOURCE, annotator="editor", attrs={"role": MARK}),
        span(
            QUOTE,
            "QUOTE",
            AnnotationKind.QUOTE,
            status=AnnotationStatus.SUGGESTED,
            attrs={"model": MARK},
        ),
        span(
            CLAIM,
            "CLAIM",
            AnnotationKind.CLAIM,
            annotator="editor",
            attrs={"evidence": [f"https://example.org/?q={MARK}"]},
            note=MARK,
        ),
    )
    draft = ArticleDraft(
        text=TEXT,
        title=f"{MARK} title",
        outlet=MARK,
        author=MARK,
        language="xx",
        spans=spans,
        relations=(RelationDraft(2, 1, SPEAKER, "editor"),),
    )
    with ProjectStore.create(path) as store:
        store.add_articles([draft])
    return path


def make_colleague(path: Path, name: str | None = COLLEAGUE) -> Path:
    """Their copy: the entity labelled otherwise (by `name`, None: the file does not say
    whose work it is), and an article that matches nothing here."""
    theirs = ArticleDraft(
        text=TEXT,
        title="Their copy",
        language="xx",
        spans=(span(ENTITY, "ORG", AnnotationKind.ENTITY, annotator=name),),
    )
    other = ArticleDraft(text="Only they have this one.", title=f"{MARK} elsewhere")
    path.parent.mkdir(exist_ok=True)
    with ProjectStore.create(path) as store:
        store.add_articles([theirs, other])
    return path


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    Settings().set_user_name("editor")
    path = make_project(tmp_path / f"{FILE_MARK}.annotator")
    win = MainWindow(Settings())
    qtbot.addWidget(win)
    assert win.open_project(path)
    win.show()
    qtbot.waitUntil(lambda: not win.is_busy(), timeout=60_000)
    assert win.select_article(1)
    win.popups = []  # every dialog and message box the window opens, unanswered

    def capture(popup, *_args):
        win.popups.append(popup)

    monkeypatch.setattr(QDialog, "exec", lambda popup, *_: capture(popup) or 0)
    monkeypatch.setattr(QMessageBox, "exec", lambda popup, *_: capture(popup) or 0)
    win.colleague_file = make_colleague(tmp_path / "colleague.annotator")
    monkeypatch.setattr(dialogs, "ask_colleague_file", lambda *_: win.colleague_file)
    win.tmp_path = tmp_path
    yield win
    win.close()


# -- reaching each place -------------------------------------------------------------------------


def _point(win: MainWindow, offset: int) -> QPoint:
    view = win.article_view
    cursor = view.text.textCursor()
    cursor.setPosition(view.offsets.to_qt(offset))
    return view.text.cursorRect(cursor).center()


def hover(win: MainWindow, where: tuple[int, int]) -> Seen:
    """The tooltip the text shows with the mouse over the middle of a span."""
    viewport = win.article_view.text.viewport()
    point = _point(win, (where[0] + where[1]) // 2)
    QApplication.sendEvent(
        viewport, QHelpEvent(QEvent.Type.ToolTip, point, viewport.mapToGlobal(point))
    )
    assert QToolTip.isVisible()
    return [tooltip_shown(QToolTip.text())]


def details(win: MainWindow, where: tuple[int, int]) -> Seen:
    win.article_view.select(*where)
    return widget_seen(win.attributes)


def popup(win: MainWindow, where: tuple[int, int], action: ActionId) -> Seen:
    win.article_view.select(*where)
    win.actions_by_id[action].trigger()
    return widget_seen(win.popups[-1])


def context_menu(win: MainWindow, offset: int) -> Seen:
    """The menu a right-click at `offset` opens (QMenu.exec cannot be replaced in a test)."""
    viewport = win.article_view.text.viewport()
    return widget_seen(win.review.context_menu(viewport.mapToGlobal(_point(win, offset)), offset))


def every_annotation(win: MainWindow) -> Seen:
    kinds = win.annotations_panel.kind
    kinds.setCurrentIndex(kinds.count() - 1)  # "Everything": the entity row too
    kinds.activated.emit(kinds.currentIndex())
    return widget_seen(win.annotations_panel)


def sources(win: MainWindow) -> Seen:
    win.actions_by_id[ActionId.SOURCES].trigger()
    return widget_seen(win.sources)


def search(win: MainWindow) -> Seen:
    win.actions_by_id[ActionId.SEARCH].trigger()
    win.search.line_edit.setText(MARK)
    win.search.run_search()
    assert win.search.model.rowCount() == 2  # the article (title and text), the note
    return widget_seen(win.search)


def undo_entry(win: MainWindow) -> Seen:
    win.article_view.select(*ENTITY)
    win.actions_by_id[ActionId.ACCEPT].trigger()
    undo, redo = win.edit_actions
    win.undo_stack.undo()
    return [mnemonic_shown(undo.text()), mnemonic_shown(redo.text())]


def review_panel(win: MainWindow) -> Seen:
    win.actions_by_id[ActionId.REVIEW_COLLEAGUE].trigger()
    assert win.review_panel.list.count()
    return widget_seen(win.review_panel)


def unmatched_titles(win: MainWindow) -> Seen:
    win.actions_by_id[ActionId.REVIEW_COLLEAGUE].trigger()
    (asked,) = [p for p in win.popups if isinstance(p, QMessageBox)]
    return widget_seen(asked)


def whose_work(win: MainWindow) -> Seen:
    win.colleague_file = make_colleague(win.tmp_path / "copy" / f"{FILE_MARK}.annotator", None)
    win.actions_by_id[ActionId.REVIEW_COLLEAGUE].trigger()
    (asked,) = win.popups
    return widget_seen(asked)


def import_file(win: MainWindow, content: str, suffix: str) -> None:
    path = win.tmp_path / f"{FILE_MARK}{suffix}"
    path.write_text(content, encoding="utf-8")
    win.import_paths([path])


def failed_import(win: MainWindow) -> Seen:
    import_file(win, '{"text": "fine"}\n{broken\n', ".jsonl")
    (error,) = [p for p in win.popups if isinstance(p, QMessageBox)]
    return widget_seen(error)


def import_progress(win: MainWindow) -> Seen:
    import_file(win, "Port reopens\n\nShips moved again on Monday.", ".txt")
    return widget_seen(win.findChildren(QProgressDialog)[-1])


def window_title(win: MainWindow) -> Seen:
    return [(win.windowTitle(), win.windowHandle().title())]


def recent_menu(win: MainWindow) -> Seen:
    win.recent_menu.aboutToShow.emit()
    return widget_seen(win.recent_menu)


def export_dialog(win: MainWindow) -> Seen:
    win.settings.set_user_name(MARK)
    win.actions_by_id[ActionId.EXPORT].trigger()
    return widget_seen(win.popups[-1])


def pipeline_loading(win: MainWindow) -> Seen:
    win.suggestions.loading.emit(MARK)
    return [label_shown(win.busy_label)]


PLACES: dict[str, tuple[Callable[[MainWindow], Seen], str]] = {
    "article list: title": (lambda w: widget_seen(w.article_list), LITERAL),
    "article pane: title, outlet, author, text": (lambda w: widget_seen(w.article_view), LITERAL),
    "span tooltip: label from the file, annotator": (lambda w: hover(w, ENTITY), LITERAL),
    "span tooltip: model, speaker": (lambda w: hover(w, QUOTE), LITERAL),
    "details: label, span, annotator": (lambda w: details(w, ENTITY), LITERAL),
    "details: role": (lambda w: details(w, SOURCE), LITERAL),
    "details: model, speaker": (lambda w: details(w, QUOTE), LITERAL),
    "details: note, evidence": (lambda w: details(w, CLAIM), LITERAL),
    "annotations panel": (every_annotation, LITERAL),
    "labels legend": (lambda w: widget_seen(w.legend), LITERAL),
    "sources view: name, role, titles": (sources, LITERAL),
    "search: query, titles, snippets of text and note": (search, LITERAL),
    "context menu: stacked spans": (lambda w: context_menu(w, ENTITY[0] + 3), LITERAL),
    "context menu: one span": (lambda w: context_menu(w, COSTS), LITERAL),
    "label picker (relabel)": (lambda w: popup(w, ENTITY, ActionId.RELABEL), LITERAL),
    "source picker (attribute)": (lambda w: popup(w, QUOTE, ActionId.ATTRIBUTE), LITERAL),
    "undo and redo entries": (undo_entry, LITERAL),
    "review panel: colleague's name": (review_panel, LITERAL),
    "review: their articles that match nothing": (unmatched_titles, LITERAL),
    "review: whose work a file is": (whose_work, FILE_MARK),
    "error message naming a file": (failed_import, FILE_MARK),
    "import progress naming a file": (import_progress, FILE_MARK),
    "window title: project file name": (window_title, FILE_MARK),
    "recent projects menu": (recent_menu, FILE_MARK),
    "export dialog: your name": (export_dialog, LITERAL),
    "status bar: pipeline being loaded": (pipeline_loading, LITERAL),
}


@pytest.mark.parametrize("place", list(PLACES))
def test_markup_is_shown_literally(window, place):
    reach, literal = PLACES[place]
    seen = reach(window)
    carrying = [(source, shown) for source, shown in seen if CARRIED in source]
    assert carrying, f"{place}: the mark never got there"
    interpreted = [(source, shown) for source, shown in carrying if literal not in shown]
    assert not interpreted, f"{place}: markup interpreted"
