"""Review mode in the window: layers, disagreements, decisions, progress in the list."""

import shutil
from pathlib import Path

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

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
    assert undo.undoText() == (
        "Review: Take ana for QUOTE “the ferry would run twice a day from May”"
    )

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


def test_a_removal_says_remove_and_nobody_with_nothing_is_taken(window, monkeypatch):
    """ "May" only Ana marked: no "Take ben" (that would delete it without a word); the
    removal is a numbered "Remove" button, and the undo stack says what it did."""
    monkeypatch.setattr(dialogs, "ask_colleague_file", lambda *_: window._theirs)
    window.actions_by_id[ActionId.REVIEW_COLLEAGUE].trigger()
    panel = window.review_panel
    may = next(d for d in panel.state.disagreements if TEXT[d.start : d.end] == "May")
    panel.list.setCurrentRow(panel.state.disagreements.index(may))
    buttons = panel.choice_buttons
    assert [(c, b.text()) for c, b in buttons.items()] == [
        ("take:ana", "&1 Take ana"),
        ("neither", "&2 Remove"),
    ]
    assert "ben: nothing here" in buttons["neither"].toolTip()
    buttons["neither"].click()
    assert window.undo_stack.undoText() == "Review: Remove DATE “May”"
    assert not [a for a in window.store.annotations(1) if a.annotator == REVIEWED]


# -- a colleague's copy of my project, through the window ---------------------------------------

STORY = (
    "The port board claimed fares fell by 5% last year, said Tom Reyes. "
    "Councillor Ruth Ames said the ferry would run twice a day from May."
)


def story(path: Path) -> Path:
    """My project: a claim (Mostly true) by Tom Reyes, a quote by Ruth Ames, entities."""

    def on(part: str, label: str, kind=AnnotationKind.ENTITY, **attrs) -> SpanDraft:
        start = STORY.index(part)
        return SpanDraft(
            start, start + len(part), label, kind, AnnotationStatus.MANUAL, "ana", attrs
        )

    spans = (
        on("fares fell by 5% last year", "CLAIM", AnnotationKind.CLAIM, verdict="mostly_true"),
        on("Tom Reyes", "SOURCE", AnnotationKind.SOURCE, source_type="named"),
        on("the ferry would run twice a day from May", "QUOTE", AnnotationKind.QUOTE),
        on("Ruth Ames", "SOURCE", AnnotationKind.SOURCE),
        on("The port board", "ORG"),
        on("Tom Reyes", "PERSON"),
        on("Ruth Ames", "PERSON"),
    )
    relations = (RelationDraft(0, 1, "SOURCE_OF", "ana"), RelationDraft(2, 3, "SPEAKER", "ana"))
    path.parent.mkdir()
    with ProjectStore.create(path) as store:
        store.add_articles([ArticleDraft(STORY, "Fares", spans=spans, relations=relations)])
    return path


def mine_and_danas(tmp_path: Path) -> tuple[Path, Path]:
    """My story.annotator and Dana's copy of it, where she changed the verdict only."""
    mine = story(tmp_path / "mine" / "story.annotator")
    (tmp_path / "dana").mkdir()
    theirs = tmp_path / "dana" / "story.annotator"
    shutil.copy(mine, theirs)
    with ProjectStore.open(theirs) as store:
        claim = next(a for a in store.annotations(1) if a.label == "CLAIM")
        store.update_annotation(claim.id, attrs={"verdict": "false"})
    return mine, theirs


def test_a_colleagues_verdict_change_decided_from_the_keyboard(qtbot, tmp_path, monkeypatch):
    mine, theirs = mine_and_danas(tmp_path)
    Settings().set_user_name("ana")
    win = MainWindow(Settings())
    qtbot.addWidget(win)
    win.set_store(ProjectStore.open(mine))
    win.show()
    win.activateWindow()
    qtbot.waitActive(win)
    qtbot.waitUntil(lambda: not win.is_busy(), timeout=60_000)
    asked: list[tuple] = []
    monkeypatch.setattr(dialogs, "ask_colleague_file", lambda *_: theirs)
    monkeypatch.setattr(
        dialogs, "ask_colleague_name", lambda *args: asked.append(args[1:]) or "Dana"
    )
    win.actions_by_id[ActionId.REVIEW_COLLEAGUE].trigger()  # File ▸ Review Colleague's Work…
    assert asked == [("story.annotator", "story", ["ana"], "ana")]  # the file names only me
    assert "Brought in the work of Dana on 1 article(s)" in win.statusBar().currentMessage()

    panel = win.review_panel
    assert panel.state.annotators == ("ana", "Dana")
    assert [box.text() for box in panel._layer_boxes.values()] == ["Mine (ana)", "Dana", REVIEWED]
    assert panel.list.count() == 1  # what she left alone is agreement
    assert panel.list.item(0).text().endswith("Verdict — mine: Mostly true; Dana: False")
    assert "between you and Dana" in panel.progress.text()

    panel.list.setCurrentRow(-1)
    win.review_dock.raise_()
    panel.list.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.list)
    qtbot.keyClick(QApplication.focusWidget(), "]")
    assert panel.current() is not None and panel.current().kind.value == "verdict"
    assert [b.text() for b in panel.choice_buttons.values()] == [
        "&1 Take mine",
        "&2 Take Dana",
        "&3 Remove",
    ]
    qtbot.keyClick(QApplication.focusWidget(), "2")  # Take Dana

    def reviewed_verdicts() -> list[str]:
        return [
            a.attrs.get("verdict")
            for a in win.store.annotations(1)
            if (a.annotator, a.label) == (REVIEWED, "CLAIM")
        ]

    assert reviewed_verdicts() == ["false"]  # the project holds her False
    assert win.undo_stack.undoText() == "Review: Take Dana for CLAIM “fares fell by 5% last year”"
    assert panel.state.reviewed  # nothing else to decide: the agreed places are in the layer
    assert panel.list.item(0).text().startswith("✓")

    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert reviewed_verdicts() == []  # undone: the verdict is undecided again
    (claim,) = [a for a in win.store.annotations(1) if (a.annotator, a.label) == ("ana", "CLAIM")]
    assert claim.attrs["verdict"] == "mostly_true"
    assert not panel.state.reviewed
    win.close()


def test_two_windows_on_same_named_project_files_are_told_apart(qtbot, tmp_path):
    titles = []
    for path in mine_and_danas(tmp_path):
        win = MainWindow(Settings())
        qtbot.addWidget(win)
        win.set_store(ProjectStore.open(path))
        assert win.windowFilePath() == str(path)
        titles.append(win.windowTitle())
        win.close()
    assert titles == ["story.annotator (mine) — annotator", "story.annotator (dana) — annotator"]


def test_a_project_with_colleagues_work_opens_with_the_review_tab_in_front(qtbot, tmp_path):
    mine = project(tmp_path / "mine.annotator", "ana", "the ferry would run twice a day")
    with ProjectStore.open(mine) as store:
        review_import(store, project(tmp_path / "ben.annotator", "ben", "the ferry would run"))
    Settings().set_user_name("ana")
    win = MainWindow(Settings())  # a first start: no saved layout
    qtbot.addWidget(win)
    win.set_store(ProjectStore.open(mine))
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: not win.review_dock.visibleRegion().isEmpty())
    assert win.annotations_dock.visibleRegion().isEmpty()
    win.close()
