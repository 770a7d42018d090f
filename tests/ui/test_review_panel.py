"""Review mode in the window: layers, disagreements, decisions, progress in the list."""

from pathlib import Path

import pytest

from annotator.app.reviewing import review_import
from annotator.domain import AnnotationKind, AnnotationStatus, ArticleDraft, SpanDraft
from annotator.domain.model import REVIEWED, RelationDraft
from annotator.store import ProjectStore
from annotator.ui import dialogs
from annotator.ui.actions import ActionId
from annotator.ui.main_window import MainWindow
from annotator.ui.settings import Settings

TEXT = "Councillor Ruth Ames said the ferry would run twice a day from May, the port confirmed."


def at(part: str, label: str, who: str) -> SpanDraft:
    start = TEXT.index(part)
    kind = {"QUOTE": AnnotationKind.QUOTE, "SOURCE": AnnotationKind.SOURCE}.get(
        label, AnnotationKind.ENTITY
    )
    return SpanDraft(start, start + len(part), label, kind, AnnotationStatus.MANUAL, who)


def project(path: Path, who: str, quote: str, extra: tuple[SpanDraft, ...] = ()) -> Path:
    spans = (
        at("Ruth Ames", "PERSON", who),
        at(quote, "QUOTE", who),
        at("Ruth Ames", "SOURCE", who),
    )
    with ProjectStore.create(path) as store:
        store.add_articles(
            [
                ArticleDraft(
                    text=TEXT,
                    title="Ferry",
                    spans=spans + extra,
                    relations=(RelationDraft(1, 2, "SPEAKER", who),),
                )
            ]
        )
    return path


@pytest.fixture
def window(qtbot, tmp_path):
    mine = project(
        tmp_path / "mine.annotator",
        "ana",
        "the ferry would run twice a day from May",
        (at("May", "DATE", "ana"),),
    )
    theirs = project(tmp_path / "ben.annotator", "ben", "the ferry would run")
    Settings().set_user_name("editor")
    win = MainWindow(Settings())
    qtbot.addWidget(win)
    win.set_store(ProjectStore.open(mine))
    win._theirs = theirs
    yield win
    win.close()


def test_review_a_colleagues_work_in_the_window(window, monkeypatch):
    monkeypatch.setattr(dialogs, "ask_colleague_file", lambda *_: window._theirs)
    window.actions_by_id[ActionId.REVIEW_COLLEAGUE].trigger()
    panel = window.review_panel
    assert panel.state is not None and panel.state.annotators == ("ana", "ben")
    assert panel.list.count() == 2  # the quote's extent, and "May" only Ana marked
    assert "0 of 2" in panel.progress.text()
    marked = window.article_view.text.disagreements  # framed in the text until decided
    assert [TEXT[start:end] for start, end in marked][-1] == "May"

    first = panel.current()  # review mode opens at the first open question
    assert first is not None and first.annotation_kind is AnnotationKind.QUOTE
    cursor = window.article_view.text.textCursor()
    assert cursor.hasSelection()  # the place is shown in the text
    window.actions_by_id[ActionId.NEXT_DISAGREEMENT].trigger()
    window.actions_by_id[ActionId.PREVIOUS_DISAGREEMENT].trigger()
    assert panel.current() == first
    panel.choice_buttons["take:ben"].click()
    assert "1 of 2" in panel.progress.text()
    assert [TEXT[s:e] for s, e in window.article_view.text.disagreements] == ["May"]
    assert panel.current().annotation_kind is AnnotationKind.ENTITY  # moved on to "May"
    panel.choice_buttons["neither"].click()
    assert panel.state.reviewed
    assert "Reviewed" in panel.progress.text()
    assert window.article_model.index(0, 7).data() == "✓ reviewed"
    reviewed = [a for a in window.store.annotations(1) if a.annotator == REVIEWED]
    assert {a.label for a in reviewed} == {"PERSON", "QUOTE", "SOURCE"}

    panel._undo()  # taking a decision back reopens the article
    assert not panel.state.reviewed
    assert window.article_model.index(0, 7).data() == "1 decided"


def test_layers_hide_and_colour_by_annotator(window, monkeypatch):
    monkeypatch.setattr(dialogs, "ask_colleague_file", lambda *_: window._theirs)
    window.actions_by_id[ActionId.REVIEW_COLLEAGUE].trigger()
    shown = lambda: {a.annotator for a in window.article_view.annotations}  # noqa: E731
    assert shown() == {"ana", "ben"}
    window.review_panel._layer_boxes["ben"].setChecked(False)
    assert shown() == {"ana"}
    window.review_panel.by_annotator.setChecked(True)
    spans = window.article_view.text.spans
    assert spans.colour_of is not None
    assert {spans.colour_of(a) for a in window.article_view.annotations} == {"annotator:0"}


def test_unmatched_articles_are_offered_for_import(window, monkeypatch, tmp_path):
    other = tmp_path / "cara.annotator"
    with ProjectStore.create(other) as store:
        store.add_articles([ArticleDraft(text="Only Cara has this story.", title="Cara's story")])
    monkeypatch.setattr(dialogs, "ask_colleague_file", lambda *_: other)
    asked: list[str] = []
    monkeypatch.setattr(dialogs, "confirm", lambda _p, _t, message: asked.append(message) or True)
    window.actions_by_id[ActionId.REVIEW_COLLEAGUE].trigger()
    assert "Cara's story" in asked[0]
    assert window.store.article_count() == 2


def test_your_name_is_asked_and_kept(window, monkeypatch):
    monkeypatch.setattr(dialogs, "ask_user_name", lambda *_: "Maren Holt")
    window.actions_by_id[ActionId.SET_NAME].trigger()
    assert Settings().user_name() == "Maren Holt"
    assert window.review_panel.reviewer == "Maren Holt"


def test_review_import_keeps_the_colleagues_file(window):
    before = window._theirs.read_bytes()
    review_import(window.store, window._theirs)
    assert window._theirs.read_bytes() == before


def test_use_my_selection_keeps_the_reviewers_own_span(window, monkeypatch):
    monkeypatch.setattr(dialogs, "ask_colleague_file", lambda *_: window._theirs)
    window.actions_by_id[ActionId.REVIEW_COLLEAGUE].trigger()
    panel = window.review_panel
    quote = next(d for d in panel.state.disagreements if d.annotation_kind is AnnotationKind.QUOTE)
    panel.list.setCurrentRow(panel.state.disagreements.index(quote))
    start = TEXT.index("the ferry would run twice a day")
    window.article_view.select(start, start + len("the ferry would run twice a day"))
    panel.edit_button.click()
    decision = window.store.decisions(1)[quote.key]
    assert decision.choice == "edit" and decision.decided_by == "editor"
    (kept,) = [a for a in window.store.annotations(1) if a.annotator == REVIEWED]
    assert (TEXT[kept.start : kept.end], kept.label) == ("the ferry would run twice a day", "QUOTE")


def test_decisions_undo_and_redo_with_the_rest_of_the_editing(window, monkeypatch):
    monkeypatch.setattr(dialogs, "ask_colleague_file", lambda *_: window._theirs)
    window.actions_by_id[ActionId.REVIEW_COLLEAGUE].trigger()
    panel, undo = window.review_panel, window.undo_stack
    quote = panel.current()
    panel.choice_buttons["take:ben"].click()
    panel.list.setCurrentRow(panel.state.disagreements.index(quote))
    panel.choice_buttons["take:ana"].click()  # changed their mind
    assert window.store.decisions(1)[quote.key].choice == "take:ana"
    assert undo.undoText() == "Review: keep ana (boundary)"

    undo.undo()  # back to the first decision
    assert window.store.decisions(1)[quote.key].choice == "take:ben"
    assert {
        TEXT[a.start : a.end] for a in window.store.annotations(1) if a.annotator == REVIEWED
    } >= {"the ferry would run"}
    undo.undo()  # and to no decision at all
    assert quote.key not in window.store.decisions(1)
    assert not [a for a in window.store.annotations(1) if a.annotator == REVIEWED]
    undo.redo()
    undo.redo()
    assert window.store.decisions(1)[quote.key].choice == "take:ana"
    assert "1 of 2" in panel.progress.text()
