"""The window on projects it may not change, and on imports with some bad records."""

import json

import pytest

from annotator.app.importing import import_files
from annotator.domain.model import AnnotationKind, AnnotationStatus, SpanDraft
from annotator.store import ProjectStore
from annotator.ui import dialogs
from annotator.ui.actions import WRITING_ACTIONS, ActionId
from annotator.ui.main_window import MainWindow
from annotator.ui.settings import Settings


@pytest.fixture
def window(qtbot):
    win = MainWindow(Settings())
    qtbot.addWidget(win)
    yield win
    win.close()


@pytest.fixture
def project(tmp_path):
    """A project with one article and one suggestion, closed (so its bytes are settled)."""
    path = tmp_path / "p.annotator"
    article = tmp_path / "a.txt"
    article.write_text("Budget row\n\nMaria Lopez said the budget grew.", encoding="utf-8")
    with ProjectStore.create(path) as store:
        import_files(store, [article])
        store.add_annotation(
            1,
            SpanDraft(12, 23, "PERSON", AnnotationKind.ENTITY, AnnotationStatus.SUGGESTED),
        )
    return path


def test_a_read_only_project_is_shown_for_reading_and_refuses_every_edit(
    window, project, monkeypatch
):
    before = project.read_bytes()
    window.set_store(ProjectStore.open(project, read_only=True))
    window.select_article(1)
    assert "[read-only]" in window.windowTitle()
    assert window.read_only_label.isVisibleTo(window)
    assert "read-only" in window.statusBar().currentMessage()
    for action_id in WRITING_ACTIONS:
        assert not window.actions_by_id[action_id].isEnabled(), action_id
    assert window.actions_by_id[ActionId.EXPORT].isEnabled()
    assert window.actions_by_id[ActionId.SEARCH].isEnabled()
    assert not window.attributes.isEnabled()
    # A gesture that bypasses the disabled actions (a context menu, a drag) still changes
    # nothing: the undo stack takes no command and the status bar says why.
    refused = []
    window.undo_stack.refused.connect(refused.append)
    window.review.view.select(12, 23)
    window.review.decide(AnnotationStatus.ACCEPTED)
    window.tagging.tag(AnnotationKind.CLAIM)
    assert refused and "read-only" in refused[0]
    assert window.undo_stack.count() == 0
    errors = []
    monkeypatch.setattr(dialogs, "show_error", lambda _p, title, *_: errors.append(title))
    window.import_paths([project])
    window.review_colleague()
    assert errors == ["Cannot import", "Cannot bring in colleague's work"]
    assert [a.status for a in window.store.annotations(1)] == [AnnotationStatus.SUGGESTED]
    window.set_store(ProjectStore.create(project.with_name("other.annotator")))
    assert project.read_bytes() == before


def test_a_writable_project_turns_the_edits_back_on(window, project, tmp_path):
    window.set_store(ProjectStore.open(project, read_only=True))
    window.set_store(ProjectStore.open(project))
    assert "[read-only]" not in window.windowTitle()
    assert all(window.actions_by_id[action_id].isEnabled() for action_id in WRITING_ACTIONS)
    assert window.attributes.isEnabled()
    assert window.undo_stack.read_only_reason is None


def test_a_file_with_some_bad_records_can_be_imported_without_them(window, tmp_path, monkeypatch):
    store = ProjectStore.create(tmp_path / "p.annotator")
    window.set_store(store)
    lines = [
        {"text": "First article about the harbour.", "spans": []},
        {"text": "", "spans": []},
        {"text": "Third article about the bridge.", "spans": [{"start": 0, "end": 99}]},
        {"text": "Fourth article about the ferry.", "spans": []},
    ]
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    offers, infos = [], []

    def offer(_parent, _title, message, details, action):
        offers.append((message, details, action))
        return True

    monkeypatch.setattr(dialogs, "ask_error_action", offer)
    monkeypatch.setattr(
        dialogs, "show_info", lambda _p, _t, message, details: infos.append(details)
    )
    window.import_paths([mixed])
    ((message, details, action),) = offers
    assert action == "&Import Valid Records" and "mixed.jsonl:2" in message
    assert "mixed.jsonl:2" in details and "--skip-invalid" not in details
    assert store.article_count() == 2
    (skipped,) = infos
    assert "line 2" in skipped and "line 3" in skipped


def test_declining_the_offer_imports_nothing(window, tmp_path, monkeypatch):
    store = ProjectStore.create(tmp_path / "p.annotator")
    window.set_store(store)
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text('{"text": "Good one here."}\n{"text": 5}\n', encoding="utf-8")
    monkeypatch.setattr(dialogs, "ask_error_action", lambda *_: False)
    window.import_paths([mixed])
    assert store.article_count() == 0


def test_a_file_that_is_wholly_bad_gets_no_offer(window, tmp_path, monkeypatch):
    store = ProjectStore.create(tmp_path / "p.annotator")
    window.set_store(store)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": 5}\n', encoding="utf-8")
    errors = []
    monkeypatch.setattr(dialogs, "ask_error_action", lambda *_: pytest.fail("offered"))
    monkeypatch.setattr(
        dialogs, "show_error", lambda _p, title, _m, details: errors.append(details)
    )
    window.import_paths([bad])
    assert len(errors) == 1 and "bad.jsonl:1" in errors[0]
