"""The Details panel shows what is stored, stores a choice once the user settles on it, and
stores each edit on the annotation it was made for (issue 13)."""

import json
from pathlib import Path

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from annotator.app.exporting import export
from annotator.domain.attributes import CHOICES, NOT_SET
from annotator.domain.model import (
    Annotation,
    AnnotationKind,
    AnnotationStatus,
    ArticleDraft,
    SpanDraft,
)
from annotator.interop.selection import Selection
from annotator.store import ProjectStore
from annotator.ui.actions import ActionId
from annotator.ui.main_window import MainWindow
from annotator.ui.settings import Settings

TEXT = (
    "Port director Lena Sørensen said the new quay would open in May, "
    "a spokesman for the harbour board said on Monday. "
    "The quay cost €12 million, twice the budget."
)


def at(part: str) -> tuple[int, int]:
    start = TEXT.index(part)
    return start, start + len(part)


def suggested(part: str, kind: AnnotationKind, **attrs: object) -> SpanDraft:
    return SpanDraft(*at(part), str(kind).upper(), kind, AnnotationStatus.SUGGESTED, "model", attrs)


@pytest.fixture
def window(qtbot, tmp_path) -> MainWindow:
    path = tmp_path / "harbour.annotator"
    with ProjectStore.create(path) as store:
        spans = (
            suggested(
                "a spokesman for the harbour board", AnnotationKind.SOURCE, source_type="anonymous"
            ),
            suggested("The quay cost €12 million", AnnotationKind.CLAIM, verdict="pants_on_fire"),
        )
        store.add_articles([ArticleDraft(TEXT, "New quay", language="xx", spans=spans)])
    window = MainWindow(Settings())
    qtbot.addWidget(window)
    window.set_store(ProjectStore.open(path))
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.waitUntil(lambda: not window.is_busy(), timeout=60_000)
    yield window
    window.close()


def focus(qtbot, widget: QWidget) -> QWidget:
    widget.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)
    return widget


def tag(qtbot, window: MainWindow, part: str, key: Qt.Key) -> Annotation:
    """Select `part` in the article text and press a tagging key there, as a user does."""
    text = focus(qtbot, window.article_view.text)
    window.article_view.select(*at(part))
    qtbot.keyClick(text, key)
    annotation = window.attributes.annotation
    assert annotation is not None and (annotation.start, annotation.end) == at(part)
    return annotation


def shown(window: MainWindow) -> dict[str, object]:
    """What the Details panel's visible choice boxes show, as the values they stand for."""
    panel = window.attributes
    return {
        key: combo.currentData()
        for key, combo in panel.choices.items()
        if panel.form.isRowVisible(combo)
    }


def stored(window: MainWindow, annotation: Annotation) -> dict[str, object]:
    attrs = window.store.annotation(annotation.id).attrs
    return {c.key: attrs.get(c.key) for c in CHOICES[annotation.kind]}


def exported_attrs(store: ProjectStore, out: Path) -> dict[tuple[int, int], dict]:
    export(store, out, "jsonl", Selection(include_suggestions=True))
    (record,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return {(s["start"], s["end"]): s.get("attrs", {}) for s in record["spans"]}


def test_what_details_shows_is_what_is_stored_and_exported(qtbot, window, tmp_path):
    panel = window.attributes
    source = tag(qtbot, window, "Port director Lena Sørensen", Qt.Key.Key_S)
    # Nobody said the source is named, or on the record: the panel says so, and stores nothing.
    assert shown(window) == {"source_type": None, "record": None} == stored(window, source)
    assert panel.choices["record"].currentText() == NOT_SET
    claim = tag(qtbot, window, "the new quay would open in May", Qt.Key.Key_C)
    # A new claim is unchecked and unrated: true of it, so stored.
    assert shown(window) == {"verdict": "unchecked", "check_worthiness": "unrated"}
    assert stored(window, claim) == shown(window)
    assert panel.choices["verdict"].currentText() == "Unchecked"

    # A suggestion shows the type it came with, and "Not set" for what it did not say.
    window.article_view.select(*at("a spokesman for the harbour board"))
    assert shown(window) == {"source_type": "anonymous", "record": None}
    assert panel.choices["source_type"].currentText() == "Anonymous"
    # A verdict from elsewhere that the list does not hold is shown as it is, not as another.
    window.article_view.select(*at("The quay cost €12 million"))
    assert panel.choices["verdict"].currentText() == "pants_on_fire"
    assert shown(window)["verdict"] == "pants_on_fire"

    attrs = exported_attrs(window.store, tmp_path / "out.jsonl")
    assert attrs[at("Port director Lena Sørensen")] == {}
    assert attrs[at("the new quay would open in May")] == {
        "verdict": "unchecked",
        "check_worthiness": "unrated",
    }

    # Picking a value stores it; picking "Not set" takes it away again.
    window.article_view.select(*at("Port director Lena Sørensen"))
    record = panel.choices["record"]
    record.setCurrentIndex(record.findData("on"))
    record.activated.emit(record.currentIndex())  # as a pick from the open list does
    assert stored(window, source)["record"] == "on" == shown(window)["record"]
    assert exported_attrs(window.store, tmp_path / "again.jsonl")[
        at("Port director Lena Sørensen")
    ] == {"record": "on"}
    record.setCurrentIndex(0)
    record.activated.emit(0)
    assert "record" not in window.store.annotation(source.id).attrs
    assert (
        window.undo_stack.undoText() == "Clear the record of source “Port director Lena Sørensen”"
    )


def test_arrowing_through_the_verdict_stores_once_on_leaving_the_box(qtbot, window):
    claim = tag(qtbot, window, "the new quay would open in May", Qt.Key.Key_C)
    undo = window.undo_stack
    steps = undo.count()
    window.actions_by_id[ActionId.FOCUS_DETAILS].trigger()
    verdict = window.attributes.choices["verdict"]
    assert QApplication.focusWidget() is verdict
    for _ in range(4):  # Unchecked → True → Mostly true → Misleading → False
        qtbot.keyClick(verdict, Qt.Key.Key_Down)
    assert verdict.currentText() == "False"
    assert undo.count() == steps  # nothing stored while arrowing
    assert window.store.annotation(claim.id).attrs["verdict"] == "unchecked"

    focus(qtbot, window.article_view.text)  # leaving the box commits the value shown
    assert window.store.annotation(claim.id).attrs["verdict"] == "false"
    assert undo.count() == steps + 1
    assert undo.undoText().endswith("to False")
    undo.undo()
    assert window.store.annotation(claim.id).attrs["verdict"] == "unchecked"
    assert verdict.currentText() == "Unchecked"


def test_return_commits_the_value_arrowed_to(qtbot, window):
    claim = tag(qtbot, window, "the new quay would open in May", Qt.Key.Key_C)
    steps = window.undo_stack.count()
    worthiness = focus(qtbot, window.attributes.choices["check_worthiness"])
    qtbot.keyClick(worthiness, Qt.Key.Key_Down)
    qtbot.keyClick(worthiness, Qt.Key.Key_Down)
    qtbot.keyClick(worthiness, Qt.Key.Key_Return)
    assert window.store.annotation(claim.id).attrs["check_worthiness"] == "medium"
    assert window.undo_stack.count() == steps + 1
    assert window.store.annotation(claim.id).status is AnnotationStatus.MANUAL  # not "accepted"
    assert QApplication.focusWidget() is worthiness


def test_a_value_arrowed_to_is_stored_on_its_annotation_when_the_cursor_moves_on(qtbot, window):
    claim = tag(qtbot, window, "the new quay would open in May", Qt.Key.Key_C)
    verdict = focus(qtbot, window.attributes.choices["verdict"])
    qtbot.keyClick(verdict, Qt.Key.Key_Down)
    window.article_view.select(
        *at("The quay cost €12 million")
    )  # the cursor moves, box keeps focus
    assert window.store.annotation(claim.id).attrs["verdict"] == "true"
    suggestion = window.attributes.annotation
    assert window.store.annotation(suggestion.id).attrs["verdict"] == "pants_on_fire"
    assert verdict.currentText() == "pants_on_fire"


def test_a_role_is_stored_on_the_source_it_was_typed_for(qtbot, window):
    first = tag(qtbot, window, "Port director Lena Sørensen", Qt.Key.Key_S)
    window.article_view.select(*at("a spokesman for the harbour board"))
    second = window.attributes.annotation
    window.article_view.select(first.start, first.end)
    role = focus(qtbot, window.attributes.role)
    qtbot.keyClicks(role, "port director")
    # The cursor moves on before the field is left (a click, a refresh): the role stays Lena's.
    window.article_view.select(second.start, second.end)
    assert window.store.annotation(first.id).attrs["role"] == "port director"
    assert window.undo_stack.undoText() == "Set the role of source “Port director Lena Sørensen”"
    assert role.text() == ""  # the field now shows the second source's role: none
    assert "role" not in window.store.annotation(second.id).attrs
    assert QApplication.focusWidget() is role

    # Typed now, it is the second source's.
    qtbot.keyClicks(role, "spokesman")
    focus(qtbot, window.article_view.text)
    assert window.store.annotation(second.id).attrs["role"] == "spokesman"
    assert window.store.annotation(first.id).attrs["role"] == "port director"


def test_a_note_typed_for_one_annotation_is_not_carried_to_the_next(qtbot, window):
    source = tag(qtbot, window, "Port director Lena Sørensen", Qt.Key.Key_S)
    note = focus(qtbot, window.attributes.note)
    qtbot.keyClicks(note, "Confirmed by phone")
    window.article_view.select(*at("The quay cost €12 million"))
    claim = window.attributes.annotation
    assert window.store.annotation(source.id).note == "Confirmed by phone"
    assert note.toPlainText() == ""
    focus(qtbot, window.article_view.text)
    assert window.store.annotation(claim.id).note is None


def test_a_value_picked_from_the_open_list_is_stored_at_once(qtbot, window):
    claim = tag(qtbot, window, "the new quay would open in May", Qt.Key.Key_C)
    steps = window.undo_stack.count()
    verdict = focus(qtbot, window.attributes.choices["verdict"])
    verdict.showPopup()
    qtbot.waitUntil(verdict.view().isVisible)
    qtbot.keyClick(verdict.view(), Qt.Key.Key_Down)
    qtbot.keyClick(verdict.view(), Qt.Key.Key_Down)
    qtbot.keyClick(verdict.view(), Qt.Key.Key_Return)
    assert window.store.annotation(claim.id).attrs["verdict"] == "mostly_true"
    assert window.undo_stack.count() == steps + 1
