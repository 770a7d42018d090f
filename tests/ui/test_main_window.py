"""The main window on real projects: listing, reading, opening, importing, remembering."""

import re

import pytest

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from annotator.app.projects import ensure_demo_project
from annotator.domain.model import AnnotationStatus, ArticleDraft, SpanDraft
from annotator.interop.selection import Selection
from annotator.store import ProjectStore
from annotator.ui import dialogs, sources_view
from annotator.ui.actions import ActionId
from annotator.ui.article_list import ARTICLE_ID_ROLE, ArticleListModel
from annotator.ui.export_dialog import ExportDialog
from annotator.ui.main_window import MainWindow
from annotator.ui.settings import Settings


@pytest.fixture
def window(qtbot):
    win = MainWindow(Settings())
    qtbot.addWidget(win)
    yield win
    win.close()


@pytest.fixture
def demo_window(window):
    window.set_store(ProjectStore.open(ensure_demo_project()))
    return window


def titles(win: MainWindow) -> list[str]:
    proxy = win.article_proxy
    return [proxy.index(row, 0).data() for row in range(proxy.rowCount())]


def test_lists_the_demo_articles_and_shows_the_selected_one(demo_window):
    store = demo_window.store
    assert len(titles(demo_window)) == store.article_count() >= 4
    for row in range(demo_window.article_proxy.rowCount()):
        index = demo_window.article_proxy.index(row, 0)
        demo_window.article_list.setCurrentIndex(index)
        article = store.article(index.data(ARTICLE_ID_ROLE))
        assert demo_window.article_view.text.toPlainText() == article.text
        assert demo_window.article_view.heading.text() == article.title
    assert demo_window.article_view.text.isReadOnly()


def test_sorts_by_any_column(demo_window):
    demo_window.article_list.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    shown = titles(demo_window)
    assert shown == sorted(shown, key=str.casefold, reverse=True)
    demo_window.article_list.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    proxy = demo_window.article_proxy
    dates = [proxy.index(row, 2).data() for row in range(proxy.rowCount())]
    assert dates == sorted(dates)


def test_article_list_model_is_a_valid_qt_model(qtmodeltester, tmp_path):
    with ProjectStore.open(ensure_demo_project()) as store:
        model = ArticleListModel(store.article_summaries())
    qtmodeltester.check(model)


def test_markup_in_article_text_is_shown_literally(window, tmp_path):
    source = tmp_path / "markup.txt"
    text = (
        "Markup stays text\n\n<b>bold</b> <img src=x onerror=alert(1)> <script>x()</script> &amp;"
    )
    source.write_text(text, encoding="utf-8")
    store = ProjectStore.create(tmp_path / "p.annotator")
    window.set_store(store)
    from annotator.app.importing import import_files

    import_files(store, [source])
    window.refresh_articles()
    window.select_article(1)
    assert window.article_view.text.toPlainText() == text


def test_new_open_and_recent_projects(window, tmp_path, monkeypatch):
    first = tmp_path / "first.annotator"
    monkeypatch.setattr(dialogs, "ask_new_project_path", lambda *_: first)
    window.actions_by_id[ActionId.NEW_PROJECT].trigger()
    assert window.store.path == first and first.exists()
    assert "first" in window.windowTitle()

    demo = ensure_demo_project()
    monkeypatch.setattr(dialogs, "ask_open_project_path", lambda *_: demo)
    window.actions_by_id[ActionId.OPEN_PROJECT].trigger()
    assert window.store.path == demo
    assert window.settings.recent_projects()[:2] == [demo.resolve(), first.resolve()]

    window.recent_menu.aboutToShow.emit()
    entries = [a for a in window.recent_menu.actions() if a.statusTip() == str(first.resolve())]
    entries[0].trigger()
    assert window.store.path == first.resolve()


def test_opening_a_bad_file_explains_and_keeps_the_current_project(window, tmp_path, monkeypatch):
    window.set_store(ProjectStore.open(ensure_demo_project()))
    bad = tmp_path / "notes.annotator"
    bad.write_text("not a database", encoding="utf-8")
    shown: list[str] = []
    monkeypatch.setattr(
        dialogs, "show_error", lambda _parent, _title, message, *a: shown.append(message)
    )
    assert not window.open_project(bad)
    assert str(bad) in shown[0] and "not an annotator project" in shown[0]
    assert window.store.path == ensure_demo_project()


def test_import_articles_with_progress_and_a_failure_report(window, tmp_path, monkeypatch):
    window.set_store(ProjectStore.create(tmp_path / "p.annotator"))
    good = tmp_path / "good.txt"
    good.write_text("Port reopens after strike\n\nShips moved again on Monday.", encoding="utf-8")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "fine"}\n{broken\n', encoding="utf-8")
    monkeypatch.setattr(dialogs, "ask_import_files", lambda *_: [good, bad])
    errors: list[str] = []

    def decline(_parent, _title, _message, details, _action):
        """One good record and one broken: the offer to import the good one is declined."""
        errors.append(details)
        return False

    monkeypatch.setattr(dialogs, "ask_error_action", decline)
    window.actions_by_id[ActionId.IMPORT_ARTICLES].trigger()
    assert titles(window) == ["Port reopens after strike"]
    assert window.article_view.heading.text() == "Port reopens after strike"
    assert f"{bad}:2" in errors[0]


def test_window_geometry_and_splitter_are_remembered(qtbot):
    first = MainWindow(Settings())
    qtbot.addWidget(first)
    first.resize(700, 500)
    first.splitter.setSizes([250, 450])
    first.show()
    qtbot.waitExposed(first)
    sizes = first.splitter.sizes()
    first.close()
    second = MainWindow(Settings())
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    assert (second.width(), second.height()) == (700, 500)
    assert second.splitter.sizes() == sizes
    second.close()


def test_file_menu_has_standard_shortcuts(window):
    from PySide6.QtGui import QKeySequence

    assert window.actions_by_id[ActionId.OPEN_PROJECT].shortcut() == QKeySequence(
        QKeySequence.StandardKey.Open
    )
    assert window.actions_by_id[ActionId.NEW_PROJECT].shortcut() == QKeySequence(
        QKeySequence.StandardKey.New
    )
    assert not window.actions_by_id[ActionId.IMPORT_ARTICLES].shortcut().isEmpty()
    menu_texts = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert {"&New Project…", "&Open Project…", "Open &Recent", "&Import Articles…", "&Quit"} <= set(
        menu_texts
    )


def drop_event(mime: QMimeData) -> QDropEvent:
    """A drop of `mime`; the caller keeps `mime` alive, the event only points at it."""
    return QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )


def test_files_dropped_on_the_window_are_imported(window, tmp_path):
    window.set_store(ProjectStore.create(tmp_path / "p.annotator"))
    first = tmp_path / "a.txt"
    first.write_text("Ferry back in service\n\nThe crossing reopened.", encoding="utf-8")
    second = tmp_path / "b.md"
    second.write_text(
        "---\ntitle: Library hours cut\n---\nOpen four days a week.", encoding="utf-8"
    )
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in (first, second)])
    event = drop_event(mime)
    window.dropEvent(event)
    assert event.isAccepted()
    assert sorted(titles(window)) == ["Ferry back in service", "Library hours cut"]
    assert "Imported 2 article(s)" in window.statusBar().currentMessage()


def test_export_writes_the_chosen_format_and_remembers_it(window, tmp_path, monkeypatch):
    from annotator.ui import main_window

    window.set_store(ProjectStore.open(ensure_demo_project()))
    out = tmp_path / "demo.csv"
    chosen = (out, "csv", Selection(include_suggestions=True))
    monkeypatch.setattr(main_window, "ask_export", lambda *_: chosen)
    window.actions_by_id[ActionId.EXPORT].trigger()
    assert out.exists() and out.read_bytes().startswith(b"\xef\xbb\xbf")  # CSV for Excel
    assert f"to {out}" in window.statusBar().currentMessage()


def test_export_dialog_offers_every_format_and_remembers_the_choice(qtbot):
    settings = Settings()
    dialog = ExportDialog(None, settings)
    qtbot.addWidget(dialog)
    assert [dialog.format_box.itemData(i) for i in range(dialog.format_box.count())] == [
        "jsonl",
        "spacy",
        "csv",
        "claimreview",
    ]
    dialog.format_box.setCurrentIndex(2)
    dialog.suggestions.setChecked(True)
    dialog.mine.setChecked(True)
    assert dialog.selection() == Selection(include_suggestions=True, annotator=settings.user_name())
    dialog.remember()
    again = ExportDialog(None, Settings())
    qtbot.addWidget(again)
    assert again.fmt == "csv" and again.suggestions.isChecked() and again.mine.isChecked()


def test_a_file_open_event_opens_the_project(window, tmp_path, qapp):
    """macOS sends a double-clicked project as a FileOpen event, not on the command line."""
    from PySide6.QtGui import QFileOpenEvent

    from annotator.ui.app import FileOpener

    window.set_store(ProjectStore.open(ensure_demo_project()))
    other = tmp_path / "other.annotator"
    ProjectStore.create(other).close()
    opener = FileOpener(window, qapp)
    qapp.installEventFilter(opener)
    try:
        qapp.sendEvent(qapp, QFileOpenEvent(str(other)))
    finally:
        qapp.removeEventFilter(opener)
    assert window.store.path == other


def test_first_start_shows_the_annotations_tab_and_later_starts_keep_the_users_tab(qtbot):
    first = MainWindow(Settings())
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    assert not first.annotations_dock.visibleRegion().isEmpty()
    assert first.sources_dock.visibleRegion().isEmpty()  # tabbed behind, not in front
    first.search_dock.raise_()
    qtbot.waitUntil(lambda: not first.search_dock.visibleRegion().isEmpty())
    first.close()
    second = MainWindow(Settings())
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    qtbot.waitUntil(lambda: not second.search_dock.visibleRegion().isEmpty())
    assert second.annotations_dock.visibleRegion().isEmpty()
    second.close()


def entity_project(tmp_path, sizes: dict[str, int]):
    """Articles (title: number of suggested entities) in a language without a pipeline, so
    the stored suggestions are all the window shows and nothing runs on its worker."""
    path = tmp_path / "counts.annotator"
    words = "Ana Bo Cy Di Ed Flo Gus Hal"
    spans = [(m.start(), m.end()) for m in re.finditer(r"\w+", words)]
    with ProjectStore.create(path) as store:
        store.add_articles(
            ArticleDraft(
                text=words,
                title=title,
                language="xx",
                spans=tuple(
                    SpanDraft(start, end, "PERSON", status=AnnotationStatus.SUGGESTED)
                    for start, end in spans[:size]
                ),
            )
            for title, size in sizes.items()
        )
    return path


def open_counts(qtbot, window, tmp_path, sizes: dict[str, int]):
    window.set_store(ProjectStore.open(entity_project(tmp_path, sizes)))
    window.show()
    qtbot.waitUntil(lambda: not window.is_busy(), timeout=60_000)


def suggestion_in_view(window):
    return next(
        a for a in window.article_view.annotations if a.status is AnnotationStatus.SUGGESTED
    )


def test_an_edit_signals_its_own_row_and_does_not_read_the_whole_list(
    qtbot, window, tmp_path, monkeypatch
):
    open_counts(qtbot, window, tmp_path, {"first": 2, "second": 3, "third": 1})
    window.select_article(2)
    row = window.article_model.row_of(2)
    signalled: list[tuple[int, int]] = []
    window.article_model.dataChanged.connect(
        lambda top, bottom, *_: signalled.append((top.row(), bottom.row()))
    )
    monkeypatch.setattr(
        window.store, "article_summaries", lambda: pytest.fail("the whole list was read")
    )
    window.article_view.set_current(suggestion_in_view(window).id)
    window.actions_by_id[ActionId.ACCEPT].trigger()
    window.article_view.set_current(suggestion_in_view(window).id)
    window.actions_by_id[ActionId.REJECT].trigger()
    window.undo_stack.undo()
    window.undo_stack.redo()
    assert signalled == [(row, row)] * 4
    assert window.article_model.index(row, 3).data() == "2"  # entities, rejected not counted
    assert [window.article_model.index(r, 3).data() for r in (0, 2)] == ["2", "1"]


def test_a_row_whose_sorted_count_changes_moves_and_stays_selected(qtbot, window, tmp_path):
    open_counts(qtbot, window, tmp_path, {"one": 1, "three": 3, "four": 4})
    window.article_list.sortByColumn(3, Qt.SortOrder.AscendingOrder)  # entities
    assert titles(window) == ["one", "three", "four"]
    window.select_article(3)
    for _ in range(2):
        window.article_view.set_current(suggestion_in_view(window).id)
        window.actions_by_id[ActionId.REJECT].trigger()
    assert titles(window) == ["one", "four", "three"]
    assert window.current_article_id() == 3
    selected = window.article_list.selectionModel().selectedRows()
    assert [index.data() for index in selected] == ["four"]
    assert window.article_list.currentIndex().row() == 1
    assert window.review.article.id == 3


@pytest.fixture
def sources_reads(monkeypatch):
    """The Sources panel's reads of the whole project (0.3 s at 1,000 articles)."""
    reads = []
    real = sources_view.project_sources

    def counted(store):
        reads.append(store.path)
        return real(store)

    monkeypatch.setattr(sources_view, "project_sources", counted)
    return reads


def settled_reads(qtbot, reads: list, expected: int) -> int:
    """How many reads there were once the event loop has run its 0-ms timers."""
    qtbot.waitUntil(lambda: len(reads) >= expected)
    qtbot.wait(50)
    return len(reads)


def accept_one(window) -> None:
    window.article_view.set_current(suggestion_in_view(window).id)
    window.actions_by_id[ActionId.ACCEPT].trigger()


def test_the_sources_tab_behind_another_reads_nothing_until_raised(
    qtbot, window, tmp_path, sources_reads
):
    window.show()
    qtbot.waitExposed(window)  # a first start: the Annotations tab in front
    open_counts(qtbot, window, tmp_path, {"one": 3, "two": 2})
    assert window.sources_dock.isVisible()  # Qt's "visible", though no pixel of it shows
    assert settled_reads(qtbot, sources_reads, 0) == 0
    window.sources_dock.raise_()
    assert settled_reads(qtbot, sources_reads, 1) == 1
    window.annotations_dock.raise_()
    window.sources_dock.raise_()
    assert settled_reads(qtbot, sources_reads, 1) == 1  # nothing changed, nothing read

    window.annotations_dock.raise_()
    accept_one(window)
    accept_one(window)
    assert settled_reads(qtbot, sources_reads, 1) == 1  # stale, but not on screen
    window.sources_dock.raise_()
    assert settled_reads(qtbot, sources_reads, 2) == 2


def test_edits_with_the_sources_tab_in_front_read_once_after_the_burst(
    qtbot, window, tmp_path, sources_reads
):
    window.show()
    open_counts(qtbot, window, tmp_path, {"one": 3})
    window.sources_dock.raise_()
    assert settled_reads(qtbot, sources_reads, 1) == 1
    accept_one(window)
    accept_one(window)
    window.undo_stack.undo()
    assert len(sources_reads) == 1  # not yet: once the event loop runs
    assert settled_reads(qtbot, sources_reads, 2) == 2


def test_a_window_opened_with_the_sources_tab_in_front_reads_it_once(
    qtbot, tmp_path, sources_reads
):
    first = MainWindow(Settings())
    qtbot.addWidget(first)
    first.show()
    first.sources_dock.raise_()
    qtbot.waitUntil(lambda: not first.sources_dock.visibleRegion().isEmpty())
    first.close()  # remembers the Sources tab in front
    second = MainWindow(Settings())
    qtbot.addWidget(second)
    # As `annotator gui PROJECT` does: the project first, then the window is shown. The first
    # article's suggestions are saved before it shows (a later save is a change: one more read).
    second.set_store(ProjectStore.open(entity_project(tmp_path, {"one": 3})))
    qtbot.waitUntil(lambda: not second.is_busy(), timeout=60_000)
    assert settled_reads(qtbot, sources_reads, 0) == 0
    second.show()
    qtbot.waitExposed(second)
    assert settled_reads(qtbot, sources_reads, 1) == 1
    assert not second.sources_dock.visibleRegion().isEmpty()
    second.close()
