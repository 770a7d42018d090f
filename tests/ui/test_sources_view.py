"""The sources view: rows and counts, the name filter, and choosing a row by mouse or keyboard."""

import pytest

from PySide6.QtCore import QModelIndex, Qt

from annotator.domain.labels import SOURCE_OF, SPEAKER
from annotator.domain.model import AnnotationKind, AnnotationStatus, ArticleDraft, SpanDraft
from annotator.store import ProjectStore
from annotator.ui import sources_view
from annotator.ui.sources_view import COLUMNS, SourcesView

STRIKE = '🗞️ Katrin Müller said: "We will strike." Talks failed.'
TALKS = 'Ünïcödé 👩\u200d💻 "No deal yet," said Katrin Müller. The Minister declined.'


def add(store: ProjectStore, article_id: int, text: str, kind: AnnotationKind, **attrs) -> int:
    full = store.article(article_id).text
    start = full.index(text)
    draft = SpanDraft(
        start,
        start + len(text),
        kind.value.upper(),
        kind=kind,
        status=AnnotationStatus.MANUAL,
        attrs=attrs,
    )
    return store.add_annotation(article_id, draft).id


@pytest.fixture
def project(tmp_path):
    """Katrin Müller: a quote in each article and a claim; the minister: a mention only."""
    store = ProjectStore.create(tmp_path / "view.annotator")
    strike, talks = store.add_articles(
        [ArticleDraft(text=STRIKE, title="Strike"), ArticleDraft(text=TALKS, title="Talks")]
    )
    muller1 = add(store, strike, "Katrin Müller", AnnotationKind.SOURCE, source_type="named")
    store.add_relation(
        add(store, strike, '"We will strike."', AnnotationKind.QUOTE), muller1, SPEAKER
    )
    claim = add(store, strike, "Talks failed.", AnnotationKind.CLAIM, verdict="false")
    store.add_relation(claim, muller1, SOURCE_OF)
    muller2 = add(store, talks, "Katrin Müller", AnnotationKind.SOURCE)
    store.add_relation(add(store, talks, '"No deal yet,"', AnnotationKind.QUOTE), muller2, SPEAKER)
    add(store, talks, "The Minister", AnnotationKind.SOURCE, source_type="official")
    yield store, strike, talks
    store.close()


@pytest.fixture
def view(qtbot, project):
    store, _, _ = project
    widget = SourcesView()
    qtbot.addWidget(widget)
    widget.set_store(store)
    widget.resize(700, 400)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def row_texts(view: SourcesView, parent: QModelIndex | None = None) -> list[list[str]]:
    model = view.model
    parent = QModelIndex() if parent is None else parent
    return [
        [
            "" if (value := model.index(row, column, parent).data()) is None else str(value)
            for column in range(len(COLUMNS))
        ]
        for row in range(model.rowCount(parent))
    ]


def test_rows_and_counts(view):
    assert [view.model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)] == list(COLUMNS)
    assert row_texts(view) == [
        ["Katrin Müller", "Named", "2", "2", "1"],
        ["The Minister", "Official", "1", "0", "0"],
    ]
    muller = view.model.index(0, 0)
    assert row_texts(view, muller) == [
        ['"We will strike."', "Quote", "Strike", "", ""],
        ["Talks failed.", "Claim", "Strike", "", "False"],
        ['"No deal yet,"', "Quote", "Talks", "", ""],
    ]
    # A source with nothing attributed lists its mention, so it can be reached too.
    assert row_texts(view, view.model.index(1, 0)) == [["The Minister", "Mention", "Talks", "", ""]]


def shown(view: SourcesView) -> list[str]:
    return [view.entries[row].name for row in view.shown_rows()]


def test_filter_matches_names_without_regard_to_case(qtbot, view):
    qtbot.keyClicks(view.filter_edit, "mInIsTeR")
    assert shown(view) == ["The Minister"]

    view.filter_edit.setText("MÜLL")  # QTest types ASCII only
    assert shown(view) == ["Katrin Müller"]

    view.filter_edit.setText("nobody")
    assert shown(view) == []
    view.filter_edit.clear()
    assert shown(view) == ["Katrin Müller", "The Minister"]


def test_filter_matches_other_spellings_of_a_source(tmp_path, qtbot):
    with ProjectStore.create(tmp_path / "spellings.annotator") as store:
        [article] = store.add_articles(
            [ArticleDraft(text="The Minister spoke. The minister\u2019s aide left.", title="A")]
        )
        add(store, article, "The Minister", AnnotationKind.SOURCE)
        add(store, article, "The minister\u2019s", AnnotationKind.SOURCE)
        widget = SourcesView()
        qtbot.addWidget(widget)
        widget.set_store(store)
        widget.filter_edit.setText("minister\u2019s")
        assert shown(widget) == ["The Minister"]
        widget.set_store(None)


def double_click(qtbot, view: SourcesView, index: QModelIndex) -> None:
    view.tree.scrollTo(index)
    rect = view.tree.visualRect(index)
    # A real double-click starts with a click; the view only acts on the row it was pressed on.
    qtbot.mouseClick(view.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_double_click_on_a_quote_emits_its_article_offsets_and_id(qtbot, view, project):
    store, _, talks = project
    muller = view.model.index(0, 0)
    view.tree.expand(muller)
    quote = view.model.index(2, 0, muller)
    with qtbot.waitSignal(view.item_chosen) as signal:
        double_click(qtbot, view, quote)
    article_id, start, end, annotation_id = signal.args
    assert article_id == talks
    assert TALKS[start:end] == '"No deal yet,"'  # code points, past the emoji
    chosen = store.annotation(annotation_id)
    assert (chosen.kind, chosen.start, chosen.end) == (AnnotationKind.QUOTE, start, end)


def test_double_click_on_a_source_emits_its_first_mention(qtbot, view, project):
    _, strike, _ = project
    with qtbot.waitSignal(view.item_chosen) as signal:
        double_click(qtbot, view, view.model.index(0, 2))  # any column of the row
    article_id, start, end, _ = signal.args
    assert (article_id, STRIKE[start:end]) == (strike, "Katrin Müller")
    assert not view.tree.isExpanded(view.model.index(0, 0))  # opening, not expanding


def test_return_emits_the_current_row(qtbot, view, project):
    _, strike, talks = project
    muller = view.model.index(0, 0)
    view.tree.expand(muller)
    view.tree.setCurrentIndex(view.model.index(1, 0, muller))
    with qtbot.waitSignal(view.item_chosen) as signal:
        qtbot.keyClick(view.tree, Qt.Key.Key_Return)
    article_id, start, end, _ = signal.args
    assert (article_id, STRIKE[start:end]) == (strike, "Talks failed.")

    # Return in the filter goes to the first matching source; Return again opens it.
    qtbot.keyClicks(view.filter_edit, "minister")
    qtbot.keyClick(view.filter_edit, Qt.Key.Key_Return)
    with qtbot.waitSignal(view.item_chosen) as signal:
        qtbot.keyClick(view.tree, Qt.Key.Key_Enter)
    article_id, start, end, _ = signal.args
    assert (article_id, TALKS[start:end]) == (talks, "The Minister")


def test_refresh_shows_changes_and_keeps_sources_expanded(view, project):
    store, _, talks = project
    view.tree.expand(view.model.index(0, 0))
    minister = next(a for a in store.annotations(talks) if a.label == "SOURCE" and a.start > 40)
    store.update_annotation(minister.id, status=AnnotationStatus.REJECTED)

    view.refresh()

    assert [row[0] for row in row_texts(view)] == ["Katrin Müller"]
    assert view.tree.isExpanded(view.model.index(0, 0))


def test_refresh_keeps_the_filter(view):
    view.filter_edit.setText("minister")
    view.refresh()
    assert shown(view) == ["The Minister"]


def test_refresh_keeps_the_current_row_under_its_source(view, project):
    store, strike, _ = project
    source = view.model.index(0, 0)
    view.tree.expand(source)
    quote = next(
        view.model.index(row, 0, source)
        for row in range(view.model.rowCount(source))
        if view.model.index(row, 0, source).data() == '"We will strike."'
    )
    view.tree.setCurrentIndex(quote.siblingAtColumn(2))
    add(store, strike, "Talks", AnnotationKind.SOURCE)  # a mention sorted before the quote

    view.refresh()

    current = view.tree.currentIndex()
    assert (current.data(), current.column()) == ("Strike", 2)
    assert current.siblingAtColumn(0).data() == '"We will strike."'
    assert current.parent().data() == "Katrin Müller"
    assert view.tree.selectionModel().isSelected(current)


def test_a_stale_view_reads_once_when_it_is_shown(qtbot, project, monkeypatch):
    store, _, _ = project
    reads = []
    monkeypatch.setattr(sources_view, "project_sources", lambda s: reads.append(s) or [])
    widget = SourcesView()
    qtbot.addWidget(widget)
    widget.set_store(store, load=False)
    widget.mark_stale()
    qtbot.wait(20)
    assert reads == []  # nobody sees it
    widget.show()
    qtbot.waitExposed(widget)
    widget.mark_stale()
    qtbot.waitUntil(lambda: reads != [])
    qtbot.wait(20)
    assert reads == [store]  # one read for the show and the change together


def test_the_model_keeps_qt_model_rules(qtmodeltester, view, project):
    """One tester watches one model (it follows the model's signals across the resets)."""
    store, _, _ = project
    qtmodeltester.check(view.model, force_py=True)
    view.set_store(None)
    view.set_store(store)
    qtmodeltester.check(view.model)  # Qt's own QAbstractItemModelTester this time


def test_without_a_store_the_view_is_empty(qtbot, tmp_path):
    widget = SourcesView()
    qtbot.addWidget(widget)
    widget.set_store(None)
    assert widget.model.rowCount() == 0
    assert widget.empty_label.isHidden()

    with ProjectStore.create(tmp_path / "empty.annotator") as store:
        widget.set_store(store)
        assert widget.model.rowCount() == 0
        assert not widget.empty_label.isHidden()  # says how sources come about
        widget.set_store(None)
