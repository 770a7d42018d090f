"""Keys belong to the widget with the focus: review keys act in the article text only, text
fields type, lists find and open, and Ctrl combinations work everywhere (issue 13)."""

from pathlib import Path

import pytest

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu, QPlainTextEdit, QWidget

from annotator.domain.model import AnnotationKind, AnnotationStatus, ArticleDraft, SpanDraft
from annotator.store import ProjectStore
from annotator.ui import dialogs, main_window
from annotator.ui.actions import SPECS, ActionId, KeyScope
from annotator.ui.main_window import MainWindow
from annotator.ui.settings import Settings

TEXT = (
    "Harbour master Ana Ribeiro said on Tuesday that the port will close for two weeks. "
    "The ferry company disputed the figures in a letter to the council."
)
#: Modifiers that make a key a command rather than typing.
COMMAND_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)
#: Keys a text field or a list uses itself, besides the printable ones.
EDITING_KEYS = (
    Qt.Key.Key_Return,
    Qt.Key.Key_Enter,
    Qt.Key.Key_Delete,
    Qt.Key.Key_Backspace,
    Qt.Key.Key_Tab,
    Qt.Key.Key_Home,
    Qt.Key.Key_End,
)
OTHER = "The council met on Friday and said nothing about the port."


def span(part: str, label: str, kind: AnnotationKind = AnnotationKind.ENTITY) -> SpanDraft:
    start = TEXT.index(part)
    return SpanDraft(
        start,
        start + len(part),
        label,
        kind,
        AnnotationStatus.SUGGESTED,
        "en_core_web_sm",
        {"confidence": 0.9},
    )


#: Stored suggestions, in text order: no model is needed to review them.
SUGGESTIONS = (
    span("Harbour master Ana Ribeiro", "SOURCE", AnnotationKind.SOURCE),
    span("Tuesday", "DATE"),
    span("the port will close for two weeks", "CLAIM", AnnotationKind.CLAIM),
    span("The ferry company", "ORG"),
)


def make_project(folder: Path) -> Path:
    """Two articles in a language no pipeline speaks, the first with stored suggestions."""
    path = folder / "keys.annotator"
    with ProjectStore.create(path) as store:
        store.add_articles(
            [
                ArticleDraft(
                    TEXT, "Harbour closes for two weeks", language="xx", spans=SUGGESTIONS
                ),
                ArticleDraft(OTHER, "Town council meets", language="xx"),
            ]
        )
    return path


def snapshot(store: ProjectStore) -> list[tuple[object, ...]]:
    """Everything a key could change: each annotation's status, span, label, attrs and note."""
    return [
        (a.id, a.status, a.start, a.end, a.label, sorted(a.attrs.items()), a.note)
        for article_id in store.article_ids()
        for a in store.annotations(article_id)
    ] + [(r.head_id, r.child_id, r.label) for r in store.relations(1)]


@pytest.fixture
def pickers(monkeypatch) -> list[str]:
    """The label and source pickers, replaced: a key that reached them is recorded, not shown."""
    opened: list[str] = []
    monkeypatch.setattr(dialogs, "choose_label", lambda *_a, **_k: opened.append("label"))
    monkeypatch.setattr(dialogs, "choose_source", lambda *_a, **_k: opened.append("source"))
    return opened


@pytest.fixture
def window(qtbot, tmp_path, pickers) -> MainWindow:
    window = MainWindow(Settings())
    qtbot.addWidget(window)
    window.set_store(ProjectStore.open(make_project(tmp_path)))
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.waitUntil(lambda: not window.is_busy(), timeout=60_000)
    assert window.review.article is not None and window.review.article.id == 1
    yield window
    window.close()


def focus(qtbot, widget: QWidget) -> QWidget:
    """Give `widget` the keyboard focus as a click would, and check that it has it."""
    widget.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)
    return widget


def press(qtbot, sequence: str | QKeySequence) -> None:
    """Press a key combination where the focus is, the way the keyboard does."""
    combination = QKeySequence(sequence)[0]
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClick(widget, combination.key(), combination.keyboardModifiers())


def article_keys() -> list[QKeySequence]:
    """Every key of every action that belongs to the article text or the Review panel."""
    return [
        QKeySequence(key)
        for spec in SPECS.values()
        if spec.scope is not KeyScope.WINDOW
        for key in (spec.shortcut, *spec.alternatives)
        if isinstance(key, str)
    ]


def press_article_keys(qtbot, *, but: str = "") -> None:
    for key in article_keys():
        if key != QKeySequence(but):
            press(qtbot, key)


def status_of(store: ProjectStore, part: str) -> AnnotationStatus:
    start = TEXT.index(part)
    (annotation,) = [
        a for a in store.annotations(1) if (a.start, a.end) == (start, start + len(part))
    ]
    return annotation.status


#: Where each field is: its panel's action (None: Details), and the span Details shows.
FIELDS = {
    "search": (ActionId.SEARCH, ""),
    "sources filter": (ActionId.SOURCES, ""),
    "role": (None, "Harbour master Ana Ribeiro"),
    "source type": (None, "Harbour master Ana Ribeiro"),
    "note": (None, "Tuesday"),
    "evidence": (None, "the port will close for two weeks"),
    "verdict": (None, "the port will close for two weeks"),
}


def show_field(window: MainWindow, name: str) -> QWidget:
    """The field, its panel in front (fields in hidden tabs cannot take the focus)."""
    action, part = FIELDS[name]
    if action is not None:
        window.actions_by_id[action].trigger()
    else:
        window.article_view.select(TEXT.index(part), TEXT.index(part) + len(part))
        window.details_dock.show()
        window.details_dock.raise_()
    details = window.attributes
    return {
        "search": window.search.line_edit,
        "sources filter": window.sources.filter_edit,
        "role": details.role,
        "source type": details.choices["source_type"],
        "note": details.note,
        "evidence": details.evidence,
        "verdict": details.choices["verdict"],
    }[name]


def test_every_key_without_ctrl_belongs_to_a_place_not_the_window(window):
    """A typing key (a letter, Return, Delete, a bracket) on a window-wide action would act
    from every text field: each one is scoped, and still shown in the menus."""
    for action_id, action in window.actions_by_id.items():
        plain = [
            key
            for key in action.shortcuts()
            if not key[0].keyboardModifiers() & COMMAND_MODIFIERS
            and (key[0].key() < Qt.Key.Key_Escape or key[0].key() in EDITING_KEYS)
        ]
        if plain:
            assert SPECS[action_id].scope is not KeyScope.WINDOW, action_id
            assert action.shortcutContext() == Qt.ShortcutContext.WidgetWithChildrenShortcut
            assert window.article_view in action.associatedObjects()
            assert any(isinstance(o, QMenu) for o in action.associatedObjects()), action_id


@pytest.mark.parametrize("name", FIELDS)
def test_in_a_field_letters_and_return_stay_there_and_never_touch_the_article(
    qtbot, window, pickers, name
):
    store = window.store
    window.article_view.select(0, 4)
    field = focus(qtbot, show_field(window, name))
    before = snapshot(store)
    shown = window.attributes.annotation
    cursor = window.article_view.selection()

    qtbot.keyClicks(field, "spokesman")
    press_article_keys(qtbot, but="Return")
    press(qtbot, "Return")

    # Return searches, moves from the filter to the first source shown (none is called
    # "spokesman…"), stores the role, breaks the line of a note, or picks a choice.
    assert QApplication.focusWidget() is field
    if isinstance(field, QLineEdit | QPlainTextEdit):
        typed = field.text() if isinstance(field, QLineEdit) else field.toPlainText()
        assert typed.startswith("spokesman")
        assert set("anpxlcqswe[]") <= set(typed.lower())
    assert pickers == []
    assert window.article_view.selection() == cursor
    now = window.attributes.annotation
    assert (now and now.id) == (shown and shown.id)
    after = snapshot(store)
    if name in ("search", "sources filter"):
        assert after == before
        assert window.undo_stack.count() == 0
    else:
        # Details fields store what was typed on the annotation they show, and nothing else.
        changed = [new for old, new in zip(before, after, strict=True) if old != new]
        assert [row[0] for row in changed] in ([], [shown.id])
        assert all(row[1] is AnnotationStatus.SUGGESTED for row in after[:4])


def test_return_in_the_role_field_stores_the_role_on_the_source_shown(qtbot, window):
    store = window.store
    show_field(window, "role")
    source = window.attributes.annotation
    assert source is not None and source.kind is AnnotationKind.SOURCE
    field = focus(qtbot, window.attributes.role)
    qtbot.keyClicks(field, "harbour master")
    press(qtbot, "Return")
    assert store.annotation(source.id).attrs.get("role") == "harbour master"
    assert store.annotation(source.id).status is AnnotationStatus.SUGGESTED
    assert [a.id for a in store.annotations(1) if a.attrs.get("role")] == [source.id]
    assert window.attributes.annotation.id == source.id
    assert QApplication.focusWidget() is field


def test_in_the_article_text_the_same_keys_act(qtbot, window, pickers):
    store = window.store
    text = window.article_view.text
    window.actions_by_id[ActionId.FOCUS_TEXT].trigger()
    assert QApplication.focusWidget() is text
    text.moveCursor(text.textCursor().MoveOperation.Start)

    press(qtbot, "N")  # the source, at the start
    press(qtbot, "N")
    assert window.article_view.selection() == (TEXT.index("Tuesday"), TEXT.index(" that"))
    press(qtbot, "A")  # accepts, and moves on to the claim
    assert status_of(store, "Tuesday") is AnnotationStatus.ACCEPTED
    press(qtbot, "Delete")
    assert status_of(store, "the port will close for two weeks") is AnnotationStatus.REJECTED
    text.moveCursor(text.textCursor().MoveOperation.Start)
    press(qtbot, "N")
    press(qtbot, "Return")  # accepts the source, and moves on to the last suggestion
    assert status_of(store, "Harbour master Ana Ribeiro") is AnnotationStatus.ACCEPTED
    press(qtbot, "L")
    assert pickers == ["label"]
    press(qtbot, "Shift+X")
    assert status_of(store, "The ferry company") is AnnotationStatus.REJECTED
    assert text.toPlainText() == TEXT  # the text itself is never edited


def test_ctrl_z_in_a_text_field_undoes_the_typing_and_in_the_text_the_last_edit(qtbot, window):
    store = window.store
    focus(qtbot, window.article_view.text)
    press(qtbot, "N")
    press(qtbot, "A")
    assert status_of(store, "Harbour master Ana Ribeiro") is AnnotationStatus.ACCEPTED

    window.actions_by_id[ActionId.SEARCH].trigger()
    field = QApplication.focusWidget()
    assert field is window.search.line_edit
    qtbot.keyClicks(field, "port")
    press(qtbot, QKeySequence.StandardKey.Undo)
    assert field.text() == ""
    press(qtbot, QKeySequence.StandardKey.Redo)
    assert field.text() == "port"
    assert status_of(store, "Harbour master Ana Ribeiro") is AnnotationStatus.ACCEPTED

    focus(qtbot, window.article_view.text)
    press(qtbot, QKeySequence.StandardKey.Undo)
    assert status_of(store, "Harbour master Ana Ribeiro") is AnnotationStatus.SUGGESTED


def test_ctrl_keys_move_the_focus_from_any_field(qtbot, window):
    focus(qtbot, window.search.line_edit)
    steps = [
        ("Ctrl+Shift+S", window.sources.filter_edit),
        ("Ctrl+2", window.article_view.text),
        ("Ctrl+F", window.search.line_edit),
        ("Ctrl+1", window.article_list),
        ("Ctrl+4", window.annotations_panel.table),
    ]
    for key, widget in steps:
        press(qtbot, key)
        assert QApplication.focusWidget() is widget, key
    window.article_view.select(0, 4)
    press(qtbot, "Ctrl+3")
    assert window.details_dock.isAncestorOf(QApplication.focusWidget())


def test_a_menu_item_acts_on_the_article_from_anywhere(qtbot, window):
    """Keys are scoped, menu items are not: Review ▸ Accept works with the focus in a field."""
    store = window.store
    window.article_view.select(TEXT.index("Tuesday"), TEXT.index(" that"))
    focus(qtbot, window.search.line_edit)
    menu = next(
        action.menu()
        for action in window.menuBar().actions()
        if action.text().replace("&", "") == "Review"
    )
    accept = window.actions_by_id[ActionId.ACCEPT]
    assert "A" in accept.shortcut().toString()  # the key is shown beside the item
    menu.popup(window.mapToGlobal(QPoint(40, 40)))
    qtbot.waitExposed(menu)
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(accept).center())
    qtbot.waitUntil(lambda: status_of(store, "Tuesday") is AnnotationStatus.ACCEPTED)


def test_lists_find_by_letter_and_return_opens(qtbot, window, pickers):
    """In the article list a letter finds a title and Return opens the article in the text;
    in the other lists and tables the review keys do nothing to the article."""
    store = window.store
    before = snapshot(store)
    window.actions_by_id[ActionId.FOCUS_ARTICLES].trigger()
    qtbot.keyClicks(window.article_list, "t")  # "Town council meets"
    assert window.review.article.id == 2
    press_article_keys(qtbot)
    window.select_article(1)
    focus(qtbot, window.article_list)
    press(qtbot, "Return")
    assert QApplication.focusWidget() is window.article_view.text
    assert window.review.article.id == 1

    for table in (window.annotations_panel.table, window.review_panel.list):
        dock = window.annotations_dock if table is window.annotations_panel.table else None
        (dock or window.review_dock).show()
        (dock or window.review_dock).raise_()
        focus(qtbot, table)
        press_article_keys(qtbot)
    assert snapshot(store) == before
    assert pickers == []


def test_search_results_open_on_return_and_double_click_and_accept_nothing(qtbot, window):
    store = window.store
    before = snapshot(store)
    window.actions_by_id[ActionId.SEARCH].trigger()
    qtbot.keyClicks(QApplication.focusWidget(), "council")
    press(qtbot, "Return")  # searches at once
    results, model = window.search.results, window.search.model
    hits = [model.hit(row) for row in range(model.rowCount())]
    assert [(hit.article_id, hit.where) for hit in hits] == [(2, "title"), (1, "text")]
    window.article_view.select(0, 4)

    press(qtbot, "Down")  # into the results: the first hit is shown, the focus stays there
    assert window.review.article.id == 2
    assert QApplication.focusWidget() is results
    press(qtbot, "Down")
    press(qtbot, "Up")
    press(qtbot, "Return")  # opens the hit and goes to the text
    assert window.review.article.id == 2
    assert QApplication.focusWidget() is window.article_view.text

    point = results.visualRect(model.index(1, 0)).center()
    qtbot.mouseClick(results.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.mouseDClick(results.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.review.article.id == 1
    start = TEXT.index("council")
    assert window.article_view.selection() == (start, start + len("council"))
    assert snapshot(store) == before


def test_sources_filter_and_list_open_the_article_and_accept_nothing(qtbot, window):
    store = window.store
    before = snapshot(store)
    window.select_article(2)
    press(qtbot, "Ctrl+Shift+S")
    qtbot.keyClicks(QApplication.focusWidget(), "ribeiro")
    press(qtbot, "Return")  # to the first source still shown, and nothing else
    tree = window.sources.tree
    assert QApplication.focusWidget() is tree
    assert window.review.article.id == 2
    press(qtbot, "Return")
    assert window.review.article.id == 1
    assert window.article_view.selection() == (0, len("Harbour master Ana Ribeiro"))

    window.select_article(2)
    rect = tree.visualRect(tree.model().index(0, 0))
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.review.article.id == 1
    assert snapshot(store) == before


def test_a_read_only_project_takes_no_key(qtbot, tmp_path, pickers):
    path = make_project(tmp_path)
    content = path.read_bytes()
    window = MainWindow(Settings())
    qtbot.addWidget(window)
    window.set_store(ProjectStore.open(path, read_only=True))
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    focus(qtbot, window.article_view.text)
    window.article_view.select(0, 4)
    press_article_keys(qtbot)
    assert pickers == []
    assert window.undo_stack.count() == 0
    assert window.actions_by_id[ActionId.NEXT_SUGGESTION].isEnabled()  # reading still moves
    window.close()
    assert path.read_bytes() == content


def test_bracket_keys_step_through_disagreements_in_the_text_and_the_review_panel(qtbot, tmp_path):
    """[ and ] work where a reviewer looks at disagreements; in a text field they are typed."""
    person, date = TEXT.index("Ana Ribeiro"), TEXT.index("Tuesday")
    spans = (
        SpanDraft(person, person + 11, "PERSON", status=AnnotationStatus.MANUAL, annotator="ana"),
        SpanDraft(person, person + 11, "ORG", status=AnnotationStatus.MANUAL, annotator="ben"),
        SpanDraft(date, date + 7, "DATE", status=AnnotationStatus.MANUAL, annotator="ana"),
    )
    path = tmp_path / "review.annotator"
    with ProjectStore.create(path) as store:
        store.add_articles([ArticleDraft(TEXT, "Two readers", language="xx", spans=spans)])
    Settings().set_user_name("editor")
    window = MainWindow(Settings())
    qtbot.addWidget(window)
    window.set_store(ProjectStore.open(path))
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    panel = window.review_panel
    first = panel.current_key()
    assert first is not None and len(panel.state.disagreements) == 2

    window.review_dock.raise_()
    focus(qtbot, panel.list)
    press(qtbot, "]")
    second = panel.current_key()
    assert second not in (None, first)
    focus(qtbot, window.article_view.text)
    press(qtbot, "[")
    assert panel.current_key() == first

    window.actions_by_id[ActionId.SEARCH].trigger()
    press(qtbot, "]")
    assert window.search.line_edit.text() == "]"
    assert panel.current_key() == first
    window.close()


def test_with_a_menu_open_its_keys_are_the_menus(qtbot, window, pickers, monkeypatch):
    """Qt still counts the text as having the focus under an open menu: X there must not
    reject the span at the text cursor, and a menu's own letter picks its entry."""
    store = window.store
    text = focus(qtbot, window.article_view.text)
    window.article_view.select(TEXT.index("Tuesday"), TEXT.index(" that"))
    at = text.viewport().mapToGlobal(QPoint(40, 20))
    menu = window.review.context_menu(at, 0)  # the menu of the source, under the mouse
    menu.popup(at)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is menu)
    for key in ("X", "Delete", "A", "Shift+A", "N"):
        press(qtbot, key)
    assert menu.isVisible()
    menu.close()
    assert all(a.status is AnnotationStatus.SUGGESTED for a in store.annotations(1))
    assert window.undo_stack.count() == 0

    # In the File menu, E is the letter of "&Export…", not of Tag Entity.
    asked: list[str] = []
    monkeypatch.setattr(main_window, "ask_export", lambda *_: asked.append("export"))
    file_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&File")
    file_menu.popup(window.mapToGlobal(QPoint(40, 40)))
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is file_menu)
    press(qtbot, "E")
    qtbot.waitUntil(lambda: asked == ["export"])
    assert pickers == []
