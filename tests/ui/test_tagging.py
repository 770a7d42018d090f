"""Tagging claims, quotes and sources in the real window, attributing them, and editing them."""

import json

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from annotator.app.exporting import export
from annotator.domain.labels import SOURCE_OF, SPEAKER
from annotator.domain.model import AnnotationKind, AnnotationStatus, ArticleDraft, SpanDraft
from annotator.interop.jsonl import write_jsonl
from annotator.interop.selection import Selection
from annotator.store import ProjectStore
from annotator.ui import dialogs
from annotator.ui.actions import ActionId
from annotator.ui.main_window import MainWindow
from annotator.ui.pickers import Picker
from annotator.ui.settings import Settings

TEXT = (
    "Katrin Müller, the councillor for transport, defended the plan on Monday.\n\n"
    '"We have spent twenty years building this city around the car," Müller said. '
    "The council will spend €38 million on bike lanes by 2030, officials familiar with "
    "the matter said."
)


def make_project(tmp_path):
    path = tmp_path / "desk.annotator"
    with ProjectStore.create(path) as store:
        store.add_articles([ArticleDraft(text=TEXT, title="Bike lanes", language="xx")])
    return path


def open_window(qtbot, path) -> MainWindow:
    window = MainWindow(Settings())
    qtbot.addWidget(window)
    window.set_store(ProjectStore.open(path))
    window.show()
    qtbot.waitUntil(lambda: not window.is_busy(), timeout=60_000)
    return window


def select(window: MainWindow, part: str, *, inner: int = 0) -> tuple[int, int]:
    start = TEXT.index(part)
    window.article_view.select(start + inner, start + len(part) - inner)
    return start, start + len(part)


def trigger(window: MainWindow, action: ActionId) -> None:
    window.actions_by_id[action].trigger()


def by_kind(store: ProjectStore, kind: AnnotationKind):
    return [a for a in store.annotations(1) if a.kind is kind]


def test_tag_link_edit_undo_redo_and_reopen(qtbot, tmp_path, monkeypatch):
    path = make_project(tmp_path)
    window = open_window(qtbot, path)
    store = window.store
    undo = window.undo_stack

    source_span = select(window, "Katrin Müller, the councillor for transport", inner=2)
    trigger(window, ActionId.TAG_SOURCE)  # snaps to whole words
    quote_span = select(window, '"We have spent twenty years building this city around the car,"')
    trigger(window, ActionId.TAG_QUOTE)
    claim_span = select(window, "The council will spend €38 million on bike lanes by 2030")
    trigger(window, ActionId.TAG_CLAIM)
    (source,) = by_kind(store, AnnotationKind.SOURCE)
    (quote,) = by_kind(store, AnnotationKind.QUOTE)
    (claim,) = by_kind(store, AnnotationKind.CLAIM)
    assert (source.start, source.end) == source_span
    assert (quote.start, quote.end) == quote_span
    assert (claim.start, claim.end) == claim_span
    assert claim.label == "CLAIM" and claim.status is AnnotationStatus.MANUAL

    # Link the quote to its source with the speaker picker (W).
    window.article_view.select(*quote_span)
    offered: list = []

    def pick(_parent, sources, _at, _current):
        offered.extend(sources)
        return source.id

    monkeypatch.setattr(dialogs, "choose_source", pick)
    trigger(window, ActionId.ATTRIBUTE)
    assert (source.id, TEXT[source.start : source.end]) in [(c.value, c.text) for c in offered]
    (speaker,) = store.relations(1)
    assert (speaker.head_id, speaker.child_id, speaker.label) == (quote.id, source.id, SPEAKER)
    assert undo.undoText().startswith("Attribute quote")

    # A verdict and a note for the claim, through the Details panel.
    window.article_view.select(*claim_span)
    panel = window.attributes
    assert panel.annotation.id == claim.id
    verdict = panel.choices["verdict"]
    verdict.setCurrentIndex(verdict.findData("false"))
    verdict.activated.emit(verdict.currentIndex())
    assert store.annotation(claim.id).attrs["verdict"] == "false"
    assert undo.undoText().startswith("Set verdict of claim “The council will spend")
    assert undo.undoText().endswith("…” to False")
    panel.note.setPlainText("Budget papers say €31 million.")
    panel._save_texts()
    assert store.annotation(claim.id).note == "Budget papers say €31 million."

    # Undo each step, then redo each step.
    steps = undo.count()
    assert steps == 6  # source, quote, claim, link, verdict, note
    for _ in range(steps):
        undo.undo()
    assert store.annotations(1) == [] and store.relations(1) == []
    for _ in range(steps):
        undo.redo()
    assert store.annotation(claim.id).attrs["verdict"] == "false"
    assert store.annotation(claim.id).note == "Budget papers say €31 million."
    assert [(r.head_id, r.child_id) for r in store.relations(1)] == [(quote.id, source.id)]
    window.close()

    with ProjectStore.open(path) as again:
        kinds = sorted(str(a.kind) for a in again.annotations(1))
        assert kinds == ["claim", "quote", "source"]
        assert again.annotation(claim.id).attrs["verdict"] == "false"
        assert [(r.head_id, r.child_id, r.label) for r in again.relations(1)] == [
            (quote.id, source.id, SPEAKER)
        ]
        out = tmp_path / "out.jsonl"
        write_jsonl(again, out)
    record = json.loads(out.read_text(encoding="utf-8"))
    kinds = {s["kind"]: s for s in record["spans"]}
    assert kinds["claim"]["attrs"]["verdict"] == "false"
    assert kinds["claim"]["note"] == "Budget papers say €31 million."
    (relation,) = record["relations"]
    assert (relation["head_id"], relation["child_id"]) == (
        kinds["quote"]["id"],
        kinds["source"]["id"],
    )
    assert (relation["label"], relation["annotator"]) == (SPEAKER, Settings().user_name())


def test_ctrl_drag_links_a_claim_to_a_source(qtbot, tmp_path):
    path = make_project(tmp_path)
    window = open_window(qtbot, path)
    claim_span = select(window, "The council will spend €38 million on bike lanes by 2030")
    trigger(window, ActionId.TAG_CLAIM)
    select(window, "officials familiar with the matter")
    trigger(window, ActionId.TAG_SOURCE)
    view = window.article_view
    window.article_view.select(0, 0)
    qtbot.waitExposed(window)

    def point_of(offset: int) -> QPointF:
        rect = view.text.cursorRect(_cursor_at(view, offset))
        return QPointF(rect.center())

    start = point_of(claim_span[0] + 3)
    end = point_of(TEXT.index("officials familiar") + 3)
    viewport = view.text.viewport()
    for kind, point, buttons in (
        (QEvent.Type.MouseButtonPress, start, Qt.MouseButton.LeftButton),
        (QEvent.Type.MouseMove, end, Qt.MouseButton.LeftButton),
        (QEvent.Type.MouseButtonRelease, end, Qt.MouseButton.NoButton),
    ):
        event = QMouseEvent(
            kind,
            point,
            viewport.mapToGlobal(point),
            Qt.MouseButton.LeftButton,
            buttons,
            Qt.KeyboardModifier.ControlModifier,
        )
        view.eventFilter(viewport, event)
    (relation,) = window.store.relations(1)
    assert relation.label == SOURCE_OF
    assert window.undo_stack.undoText().startswith("Attribute claim")


def _cursor_at(view, offset):
    cursor = view.text.textCursor()
    cursor.setPosition(view.offsets.to_qt(offset))
    return cursor


def test_removing_a_tagged_source_removes_its_links_and_undo_restores_both(
    qtbot, tmp_path, monkeypatch
):
    path = make_project(tmp_path)
    window = open_window(qtbot, path)
    select(window, "Katrin Müller")
    trigger(window, ActionId.TAG_SOURCE)
    quote_span = select(window, '"We have spent twenty years building this city around the car,"')
    trigger(window, ActionId.TAG_QUOTE)
    (source,) = by_kind(window.store, AnnotationKind.SOURCE)
    monkeypatch.setattr(dialogs, "choose_source", lambda *args: source.id)
    trigger(window, ActionId.ATTRIBUTE)
    window.article_view.select(source.start, source.end)
    trigger(window, ActionId.REJECT)  # rejecting what you drew yourself removes it
    assert by_kind(window.store, AnnotationKind.SOURCE) == []
    assert window.store.relations(1) == []
    window.undo_stack.undo()
    assert by_kind(window.store, AnnotationKind.SOURCE)[0].id == source.id
    assert len(window.store.relations(1)) == 1
    window.article_view.select(*quote_span)
    monkeypatch.setattr(dialogs, "choose_source", lambda *args: dialogs.NO_SOURCE)
    trigger(window, ActionId.ATTRIBUTE)
    assert window.store.relations(1) == []


def test_annotations_panel_lists_speakers_and_filters(qtbot, tmp_path, monkeypatch):
    path = make_project(tmp_path)
    window = open_window(qtbot, path)
    select(window, "Katrin Müller")
    trigger(window, ActionId.TAG_SOURCE)
    select(window, '"We have spent twenty years building this city around the car,"')
    trigger(window, ActionId.TAG_QUOTE)
    (source,) = by_kind(window.store, AnnotationKind.SOURCE)
    monkeypatch.setattr(dialogs, "choose_source", lambda *args: source.id)
    trigger(window, ActionId.ATTRIBUTE)
    panel = window.annotations_panel
    rows = {
        panel.proxy.index(r, 0).data(): panel.proxy.index(r, 2).data()
        for r in range(panel.proxy.rowCount())
    }
    assert rows == {"source": "", "quote": "Katrin Müller"}
    panel.kind.setCurrentIndex(panel.kind.findText("Quotes"))
    panel.kind.activated.emit(panel.kind.currentIndex())
    assert panel.proxy.rowCount() == 1
    index = panel.proxy.index(0, 1)
    panel.table.activated.emit(index)
    quote = by_kind(window.store, AnnotationKind.QUOTE)[0]
    assert window.article_view.selection() == (quote.start, quote.end)


def test_the_cheat_sheet_lists_every_shortcut(qtbot, monkeypatch):
    window = MainWindow(Settings())
    qtbot.addWidget(window)
    shown: list = []
    monkeypatch.setattr(
        dialogs,
        "show_shortcuts",
        lambda _parent, groups: shown.extend(
            line for _, lines in groups for line in lines if line is not None
        ),
    )
    trigger(window, ActionId.SHORTCUTS)
    texts = {line.name for line in shown}
    for expected in (
        "Tag Claim",
        "Tag Quote",
        "Tag Source",
        "Attribute to Source",
        "Accept",
        "Undo",
    ):
        assert any(text.startswith(expected) for text in texts), expected
    keys = {key for line in shown for key in line.keys.split(", ")}
    assert {"C", "Q", "S", "W", "A", "X", "N", "P"} <= keys


def test_keyboard_moves_between_the_panes(qtbot, tmp_path):
    window = open_window(qtbot, make_project(tmp_path))
    window.activateWindow()
    qtbot.waitActive(window)
    select(window, "The council will spend €38 million on bike lanes by 2030")
    trigger(window, ActionId.TAG_CLAIM)
    trigger(window, ActionId.FOCUS_DETAILS)
    assert window.attributes.choices["verdict"].hasFocus()
    trigger(window, ActionId.FOCUS_TEXT)
    assert window.article_view.text.hasFocus()


def suggested(part: str, label: str, nth: int = 0, **attrs) -> SpanDraft:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(part, start + 1)
    kind = AnnotationKind.SOURCE if label == "SOURCE" else AnnotationKind.ENTITY
    kind = AnnotationKind.QUOTE if label == "QUOTE" else kind
    return SpanDraft(
        start, start + len(part), label, kind, AnnotationStatus.SUGGESTED, "newsroom", attrs
    )


def test_w_lists_each_person_once_and_links_the_mention_picked(qtbot, tmp_path, monkeypatch):
    path = tmp_path / "desk.annotator"
    quote = '"We have spent twenty years building this city around the car,"'
    spans = (
        suggested("Katrin Müller", "SOURCE", refers_to="Katrin Müller"),
        suggested("Katrin Müller", "PERSON"),
        suggested(quote, "QUOTE"),
        suggested("Müller", "PERSON", nth=1),
        suggested("Müller", "SOURCE", nth=1, refers_to="Katrin Müller"),
        suggested("council", "ORG", nth=1),
        suggested("officials familiar with the matter", "SOURCE"),
    )
    with ProjectStore.create(path) as store:
        store.add_articles([ArticleDraft(TEXT, "Bike lanes", language="xx", spans=spans)])
    window = open_window(qtbot, path)
    window.activateWindow()
    qtbot.waitActive(window)
    store = window.store
    first, second = (
        a.id for a in by_kind(store, AnnotationKind.SOURCE) if "Müller" in TEXT[a.start : a.end]
    )
    offered: list = []

    def pick(parent, choices, at, current):
        """The real picker on what W offers, driven from the keyboard."""
        offered.extend(choices)
        picker = Picker("Said by", choices, parent)
        qtbot.addWidget(picker)
        picker.show()
        qtbot.keyClicks(picker.filter, "mull")
        rows = [picker.tree.topLevelItem(i) for i in range(picker.tree.topLevelItemCount())]
        assert [row.text(1) for row in rows if not row.isHidden()] == ["Katrin Müller"]
        for key in (Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Return):
            qtbot.keyClick(picker.filter, key)
        return picker.value

    monkeypatch.setattr(dialogs, "choose_source", pick)
    select(window, quote)
    text = window.article_view.text
    text.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is text)
    qtbot.keyClick(text, Qt.Key.Key_W)
    assert [(c.text, c.detail) for c in offered] == [
        ("Katrin Müller", "2 mentions, first in ¶1"),
        ("council", "¶2"),
        ("officials familiar with the matter", "¶2"),
    ]
    (katrin, *_) = offered
    assert katrin.value == first  # the mention nearest before the quote
    assert [(c.value, c.text, c.detail) for c in katrin.children] == [
        (first, "“Katrin Müller”", "¶1 · source"),
        (second, "“Müller”", "¶2 · source"),
    ]
    (link,) = store.relations(1)
    assert (link.child_id, link.label) == (second, SPEAKER)  # the mention picked in the group
    # Return in the picker (a popup inside the article view) picked; it accepted nothing.
    assert {a.status for a in store.annotations(1)} == {AnnotationStatus.SUGGESTED}


# -- one annotation per thing: tagging over what is already there (issue 13) ----------------

ROW = (
    "Daniel Okafor, who chairs the audit committee, called the bonus “a reward for failure” "
    "on Friday. The bonus was paid in March, the board said."
)


def row_span(part: str) -> tuple[int, int]:
    start = ROW.index(part)
    return start, start + len(part)


def row_suggestion(part: str, kind: AnnotationKind, label: str, **attrs) -> SpanDraft:
    return SpanDraft(*row_span(part), label, kind, AnnotationStatus.SUGGESTED, "model", attrs)


def open_row(qtbot, tmp_path) -> MainWindow:
    """An article with stored suggestions (no model needed): a PERSON and a SOURCE on the
    same words, a quote, a claim and a DATE."""
    path = tmp_path / "bonus.annotator"
    spans = (
        row_suggestion("Daniel Okafor", AnnotationKind.ENTITY, "PERSON"),
        row_suggestion("Daniel Okafor", AnnotationKind.SOURCE, "SOURCE", source_type="named"),
        row_suggestion("a reward for failure", AnnotationKind.QUOTE, "QUOTE", quote_type="partial"),
        row_suggestion("The bonus was paid in March", AnnotationKind.CLAIM, "CLAIM"),
        row_suggestion("Friday", AnnotationKind.ENTITY, "DATE"),
    )
    with ProjectStore.create(path) as store:
        store.add_articles([ArticleDraft(ROW, "Bonus row", language="xx", spans=spans)])
    window = open_window(qtbot, path)
    window.activateWindow()
    qtbot.waitActive(window)
    return window


def press_in_text(qtbot, window: MainWindow, part: str, key: Qt.Key, shift: bool = False) -> None:
    """Select `part` and press `key` with the focus in the article text, as a user does."""
    text = window.article_view.text
    text.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is text)
    window.article_view.select(*row_span(part))
    modifier = Qt.KeyboardModifier.ShiftModifier if shift else Qt.KeyboardModifier.NoModifier
    qtbot.keyClick(text, key, modifier)


def row_kinds(store: ProjectStore, kind: AnnotationKind) -> list:
    return [a for a in store.annotations(1) if a.kind is kind]


def test_q_over_a_suggested_quote_accepts_it_and_w_attributes_what_the_user_made(
    qtbot, tmp_path, monkeypatch
):
    window = open_row(qtbot, tmp_path)
    store, undo = window.store, window.undo_stack
    (suggestion,) = row_kinds(store, AnnotationKind.QUOTE)
    press_in_text(qtbot, window, "a reward for failure", Qt.Key.Key_Q)

    (quote,) = row_kinds(store, AnnotationKind.QUOTE)  # one quote, not a hidden second one
    assert quote.id == suggestion.id
    assert quote.status is AnnotationStatus.ACCEPTED
    assert quote.annotator == Settings().user_name()
    assert quote.attrs == {"quote_type": "partial"}
    assert undo.count() == 1 and undo.undoText() == "Tag quote “a reward for failure”"
    assert window.attributes.annotation.id == quote.id  # Details shows what the user made
    assert window.article_view.current_annotation().id == quote.id

    undo.undo()  # one step brings the suggestion back
    (back,) = row_kinds(store, AnnotationKind.QUOTE)
    assert (back.id, back.status, back.annotator) == (quote.id, AnnotationStatus.SUGGESTED, "model")
    undo.redo()

    # W attributes the quote the user tagged, and the export carries the link.
    source = next(a for a in row_kinds(store, AnnotationKind.SOURCE))
    monkeypatch.setattr(dialogs, "choose_source", lambda *_a, **_k: source.id)
    press_in_text(qtbot, window, "Daniel Okafor", Qt.Key.Key_S)  # accepts the SOURCE
    window.article_view.select(*row_span("a reward for failure"))
    qtbot.keyClick(window.article_view.text, Qt.Key.Key_W)
    (relation,) = store.relations(1)
    assert (relation.head_id, relation.child_id, relation.label) == (quote.id, source.id, SPEAKER)

    out = tmp_path / "bonus.jsonl"
    export(store, out, "jsonl", Selection())
    record = json.loads(out.read_text(encoding="utf-8"))
    spans = {s["id"]: (s["kind"], s["text"], s["status"]) for s in record["spans"]}
    (link,) = record["relations"]
    assert (spans[link["head_id"]], spans[link["child_id"]], link["label"]) == (
        ("quote", "a reward for failure", "accepted"),
        ("source", "Daniel Okafor", "accepted"),
        SPEAKER,
    )


def test_tagging_another_kind_on_the_same_words_adds_it_and_makes_it_current(qtbot, tmp_path):
    window = open_row(qtbot, tmp_path)
    store, view = window.store, window.article_view
    person, source = sorted(
        (a for a in store.annotations(1) if (a.start, a.end) == row_span("Daniel Okafor")),
        key=lambda a: a.kind is AnnotationKind.SOURCE,
    )
    # S on the words of a suggested PERSON and a suggested SOURCE accepts the SOURCE only.
    press_in_text(qtbot, window, "Daniel Okafor", Qt.Key.Key_S)
    assert store.annotation(source.id).status is AnnotationStatus.ACCEPTED
    assert store.annotation(person.id).status is AnnotationStatus.SUGGESTED
    assert view.current_annotation().id == source.id == window.attributes.annotation.id
    assert len(store.annotations(1)) == 5

    # A claim on the quote's words is a second annotation (a quote can be a claim), current.
    press_in_text(qtbot, window, "a reward for failure", Qt.Key.Key_C)
    (claim,) = [
        a
        for a in row_kinds(store, AnnotationKind.CLAIM)
        if a.start == row_span("a reward for failure")[0]
    ]
    assert claim.status is AnnotationStatus.MANUAL
    assert view.current_annotation().id == claim.id == window.attributes.annotation.id
    assert len(row_kinds(store, AnnotationKind.QUOTE)) == 1
    # The cursor inside the stack, no selection: the one just made stays current.
    view.select(row_span("reward")[0], row_span("reward")[0])
    assert view.current_annotation().id == claim.id

    # Tagging it again adds nothing and says so.
    steps = window.undo_stack.count()
    messages: list[str] = []
    window.review.message.connect(messages.append)
    press_in_text(qtbot, window, "a reward for failure", Qt.Key.Key_C)
    assert window.undo_stack.count() == steps
    assert messages[-1] == "Already tagged: CLAIM “a reward for failure”"


def test_a_rejected_suggestion_tagged_again_comes_back_accepted(qtbot, tmp_path):
    window = open_row(qtbot, tmp_path)
    store = window.store
    (claim,) = row_kinds(store, AnnotationKind.CLAIM)
    window.article_view.select(claim.start, claim.end)
    trigger(window, ActionId.REJECT)
    assert store.annotation(claim.id).status is AnnotationStatus.REJECTED
    # Exact characters (Shift+C) over the rejected claim: it is brought back, not duplicated.
    press_in_text(qtbot, window, "The bonus was paid in March", Qt.Key.Key_C, shift=True)
    assert [a.id for a in row_kinds(store, AnnotationKind.CLAIM)] == [claim.id]
    assert store.annotation(claim.id).status is AnnotationStatus.ACCEPTED
    assert window.attributes.annotation.id == claim.id
    window.undo_stack.undo()
    assert store.annotation(claim.id).status is AnnotationStatus.REJECTED


def test_e_over_a_suggested_entity_relabels_it_in_one_step(qtbot, tmp_path, monkeypatch):
    window = open_row(qtbot, tmp_path)
    store = window.store
    (date,) = [a for a in store.annotations(1) if a.label == "DATE"]
    monkeypatch.setattr(dialogs, "choose_label", lambda *_a, **_k: "EVENT")
    press_in_text(qtbot, window, "Friday", Qt.Key.Key_E)
    (event,) = [a for a in row_kinds(store, AnnotationKind.ENTITY) if a.start == date.start]
    assert (event.id, event.label, event.status) == (date.id, "EVENT", AnnotationStatus.ACCEPTED)
    assert window.undo_stack.count() == 1
    assert window.attributes.annotation.id == date.id
    window.undo_stack.undo()
    assert store.annotation(date.id).label == "DATE"
    assert store.annotation(date.id).status is AnnotationStatus.SUGGESTED


def stacked_okafor(window: MainWindow) -> tuple:
    """The suggested PERSON and SOURCE on "Daniel Okafor"; with only the span selected, the
    PERSON (made first) is the current one."""
    person, source = sorted(
        (a for a in window.store.annotations(1) if (a.start, a.end) == row_span("Daniel Okafor")),
        key=lambda a: a.kind is AnnotationKind.SOURCE,
    )
    window.article_view.select(*row_span("Daniel Okafor"))
    assert window.article_view.current_annotation().id == person.id
    return person, source


def accept_with_a(qtbot, window: MainWindow) -> None:
    """A, pressed where the choice left the focus: in the article text."""
    text = window.article_view.text
    qtbot.waitUntil(lambda: QApplication.focusWidget() is text)
    qtbot.keyClick(text, Qt.Key.Key_A)


def test_choosing_a_row_in_the_annotations_panel_makes_that_annotation_current(qtbot, tmp_path):
    window = open_row(qtbot, tmp_path)
    store = window.store
    person, source = stacked_okafor(window)
    window.article_view.select(0, 0)
    panel = window.annotations_panel
    (row,) = [
        r for r in range(panel.proxy.rowCount()) if panel.proxy.index(r, 0).data() == "source"
    ]
    panel.table.setFocus()
    panel.table.setCurrentIndex(panel.proxy.index(row, 1))
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)

    assert window.attributes.annotation.id == source.id  # Details shows the SOURCE chosen
    accept_with_a(qtbot, window)
    assert store.annotation(source.id).status is AnnotationStatus.ACCEPTED
    assert store.annotation(person.id).status is AnnotationStatus.SUGGESTED


def test_opening_a_source_from_the_sources_panel_makes_it_current(qtbot, tmp_path):
    window = open_row(qtbot, tmp_path)
    store = window.store
    person, source = stacked_okafor(window)
    window.article_view.select(0, 0)
    window.actions_by_id[ActionId.SOURCES].trigger()
    tree = window.sources.tree
    assert [tree.model().index(r, 0).data() for r in range(tree.model().rowCount())] == [
        "Daniel Okafor"
    ]
    tree.setFocus()
    tree.setCurrentIndex(tree.model().index(0, 0))
    qtbot.keyClick(tree, Qt.Key.Key_Return)

    assert window.article_view.selection() == row_span("Daniel Okafor")
    assert window.attributes.annotation.id == source.id
    accept_with_a(qtbot, window)
    assert store.annotation(source.id).status is AnnotationStatus.ACCEPTED
    assert store.annotation(person.id).status is AnnotationStatus.SUGGESTED


def test_tagging_over_a_colleagues_span_makes_the_users_own(qtbot, tmp_path, monkeypatch):
    """A colleague's QUOTE and PERSON on the same words are theirs: Q and E make the user's
    own annotations beside them and leave the colleague's rows as they were."""
    path = tmp_path / "shared.annotator"
    theirs = (
        SpanDraft(*row_span("a reward for failure"), "QUOTE", AnnotationKind.QUOTE,
                  AnnotationStatus.MANUAL, "Ana", {"quote_type": "partial"}),
        SpanDraft(*row_span("Daniel Okafor"), "PERSON", AnnotationKind.ENTITY,
                  AnnotationStatus.ACCEPTED, "Ana", {}),
    )  # fmt: skip
    with ProjectStore.create(path) as store:
        store.add_articles([ArticleDraft(ROW, "Bonus row", language="xx", spans=theirs)])
    window = open_window(qtbot, path)
    window.activateWindow()
    qtbot.waitActive(window)
    store, me = window.store, Settings().user_name()
    before = store.annotations(1)

    press_in_text(qtbot, window, "a reward for failure", Qt.Key.Key_Q)
    monkeypatch.setattr(dialogs, "choose_label", lambda *_a, **_k: "ORG")
    press_in_text(qtbot, window, "Daniel Okafor", Qt.Key.Key_E)

    after = store.annotations(1)
    assert [a for a in after if a.annotator == "Ana"] == before  # the colleague's, untouched
    mine = {(a.kind, a.label, a.start, a.end) for a in after if a.annotator == me}
    assert mine == {
        (AnnotationKind.QUOTE, "QUOTE", *row_span("a reward for failure")),
        (AnnotationKind.ENTITY, "ORG", *row_span("Daniel Okafor")),
    }
    assert window.undo_stack.count() == 2


def test_making_a_span_current_works_out_the_current_one_and_its_links_once(
    qtbot, tmp_path, monkeypatch
):
    """set_current redraws the links once whether or not the text cursor moves (every N, P,
    tag and panel choice goes through it)."""
    window = open_row(qtbot, tmp_path)
    view = window.article_view
    person, source = stacked_okafor(window)
    (quote,) = row_kinds(window.store, AnnotationKind.QUOTE)
    drawn: list = []
    draw = view.text.set_links
    monkeypatch.setattr(view.text, "set_links", lambda links: (drawn.append(links), draw(links)))
    announced: list[int] = []
    view.current_changed.connect(announced.append)

    view.set_current(source.id)  # the same span stays selected: only the current one changes
    assert (view.current_annotation().id, announced, len(drawn)) == (source.id, [source.id], 1)
    view.set_current(quote.id)  # the selection moves
    assert (view.current_annotation().id, announced[-1], len(drawn)) == (quote.id, quote.id, 2)
    view.select(*row_span("Okafor"))
    view.set_current(person.id)  # the cursor stays at the end, the selection's start moves
    assert (view.current_annotation().id, announced[-1], len(drawn)) == (person.id, person.id, 4)
