"""The search panel: type to find, choose a result to open the article at the hit."""

import pytest

from PySide6.QtCore import Qt

from annotator.domain import AnnotationKind, ArticleDraft, SpanDraft
from annotator.store import ProjectStore
from annotator.store.search import search
from annotator.ui.search_panel import DEBOUNCE_MS, HIT_ROLE, SearchPanel, SearchResultsModel

FERRY = "🚲 The ferry operator disputed the harbour figures on Wednesday."
BUDGET = "Katrin Müller said the harbour budget would double next year."


@pytest.fixture
def store(tmp_path):
    with ProjectStore.create(tmp_path / "news.annotator") as store:
        store.add_articles(
            [
                ArticleDraft(text=FERRY, title="Ferry dispute"),
                ArticleDraft(text=BUDGET, title="Harbour budget"),
            ]
        )
        start = BUDGET.index("would double")
        annotation = store.add_annotation(
            2, SpanDraft(start, start + len("would double"), "CLAIM", kind=AnnotationKind.CLAIM)
        )
        store.update_annotation(annotation.id, note="Treasurer to confirm")
        yield store


@pytest.fixture
def panel(qtbot, store):
    widget = SearchPanel()
    qtbot.addWidget(widget)
    widget.set_store(store)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    # The store closes after this: no search still waiting on the timer may run on it.
    widget.set_store(None)
    assert not widget._timer.isActive()


def rows(panel: SearchPanel) -> list[tuple[str, str, str]]:
    model = panel.model
    return [
        tuple(model.index(row, column).data() for column in range(3))
        for row in range(model.rowCount())
    ]


def test_typing_finds_hits_after_a_pause(qtbot, panel):
    assert panel.line_edit.placeholderText() == "Search articles and notes"
    assert panel.line_edit.isClearButtonEnabled()
    qtbot.keyClicks(panel.line_edit, "harb")
    assert panel.model.rowCount() == 0  # not yet: the search waits for typing to pause
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2, timeout=DEBOUNCE_MS * 8)
    assert [row[:2] for row in rows(panel)] == [
        ("Harbour budget", "Title"),
        ("Ferry dispute", "Text"),
    ]
    assert "harbour figures" in rows(panel)[1][2]
    assert panel.status.text() == "2 matches"


def test_return_searches_at_once_and_finds_notes(qtbot, panel):
    qtbot.keyClicks(panel.line_edit, "treasurer")
    qtbot.keyClick(panel.line_edit, Qt.Key.Key_Return)
    assert rows(panel) == [("Harbour budget", "Note", "Treasurer to confirm")]
    assert panel.status.text() == "1 match"


def test_return_again_on_the_same_words_opens_the_first_hit(qtbot, panel):
    panel.focus_search()
    qtbot.keyClicks(panel.line_edit, "wednesday")
    with qtbot.assertNotEmitted(panel.hit_chosen):
        qtbot.keyClick(panel.line_edit, Qt.Key.Key_Return)  # searches
    with qtbot.waitSignal(panel.hit_chosen) as signal:
        qtbot.keyClick(panel.line_edit, Qt.Key.Key_Return)  # opens
    article_id, start, end = signal.args
    assert (article_id, FERRY[start:end]) == (1, "Wednesday")
    qtbot.keyClicks(panel.line_edit, "x")  # other words: Return searches them first
    with qtbot.assertNotEmitted(panel.hit_chosen):
        qtbot.keyClick(panel.line_edit, Qt.Key.Key_Return)
    assert panel.status.text() == "No matches"
    with qtbot.assertNotEmitted(panel.hit_chosen):
        qtbot.keyClick(panel.line_edit, Qt.Key.Key_Return)  # nothing to open


def test_activating_a_result_emits_the_hit(qtbot, panel):
    panel.line_edit.setText("wednesday")
    panel.run_search()
    panel.results.setFocus()
    panel.results.setCurrentIndex(panel.model.index(0, 0))
    with qtbot.waitSignal(panel.hit_chosen) as signal:
        qtbot.keyClick(panel.results, Qt.Key.Key_Return)
    article_id, start, end = signal.args
    assert article_id == 1
    assert FERRY[start:end] == "Wednesday"  # code points, after the emoji

    panel.line_edit.setText("treasurer")
    panel.run_search()
    point = panel.results.visualRect(panel.model.index(0, 0)).center()
    viewport = panel.results.viewport()
    with qtbot.assertNotEmitted(panel.hit_chosen):
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=point)  # a click only selects
    with qtbot.waitSignal(panel.hit_chosen) as signal:
        qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=point)
    article_id, start, end = signal.args
    assert article_id == 2
    assert BUDGET[start:end] == "would double"


def test_down_in_the_box_moves_into_the_results_and_shows_the_first(qtbot, panel):
    panel.focus_search()
    qtbot.keyClicks(panel.line_edit, "ferry")  # no pause: Down runs the pending search
    with qtbot.waitSignal(panel.hit_shown) as signal, qtbot.assertNotEmitted(panel.hit_chosen):
        qtbot.keyClick(panel.line_edit, Qt.Key.Key_Down)
    assert signal.args == [1, FERRY.index("ferry"), FERRY.index("ferry") + 5]
    assert panel.results.hasFocus()
    assert panel.results.currentIndex().row() == 0


def test_no_matches(qtbot, panel):
    panel.line_edit.setText("zeppelin")
    panel.run_search()
    assert panel.model.rowCount() == 0
    assert panel.status.text() == "No matches"
    with qtbot.assertNotEmitted(panel.hit_chosen):
        qtbot.keyClick(panel.line_edit, Qt.Key.Key_Down)
    panel.line_edit.setText("   ")
    panel.run_search()
    assert panel.status.text() == ""


def test_quotes_and_operators_are_harmless(qtbot, panel):
    for query in ("Müller's \"budget", "AND OR (", "NEAR(", "*"):
        panel.line_edit.setText(query)
        panel.run_search()
        assert panel.status.text() == "No matches"
    panel.line_edit.setText('"harbour')
    panel.run_search()
    assert panel.status.text() == "2 matches"


def test_set_store_reruns_the_query_and_none_clears(qtbot, panel, store, tmp_path):
    panel.line_edit.setText("budget")
    panel.run_search()
    assert panel.model.rowCount() == 1
    with ProjectStore.create(tmp_path / "other.annotator") as other:
        other.add_articles([ArticleDraft(text="No money here.", title="Other")])
        panel.set_store(other)
        assert panel.status.text() == "No matches"
        panel.set_store(None)
    assert panel.model.rowCount() == 0
    assert panel.status.text() == ""
    panel.set_store(store)
    assert panel.model.rowCount() == 1


def test_focus_search_selects_the_text(qtbot, panel):
    panel.line_edit.setText("harbour")
    panel.results.setFocus()
    panel.focus_search()
    assert panel.line_edit.hasFocus()
    assert panel.line_edit.selectedText() == "harbour"


def test_results_model_is_a_valid_qt_model(qtmodeltester, store):
    model = SearchResultsModel(search(store, "harbour"))
    assert model.rowCount() == 2
    assert model.index(0, 0).data(HIT_ROLE).article_id == 2
    qtmodeltester.check(model)
