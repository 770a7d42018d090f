"""Quote, source and claim suggestions in the window: shown, linked, confirmed together."""

from annotator.domain.labels import SPEAKER
from annotator.domain.model import AnnotationKind, AnnotationStatus, ArticleDraft
from annotator.store import ProjectStore
from annotator.ui import dialogs
from annotator.ui.actions import ActionId
from annotator.ui.main_window import MainWindow
from annotator.ui.settings import Settings

TEXT = (
    "Amara Osei, the water minister, visited the plant on Monday.\n\n"
    '"Prices will rise by 12 percent next year," Osei told reporters. '
    "Officials familiar with the matter said the regulator would approve the rise."
)


def open_window(qtbot, tmp_path) -> MainWindow:
    path = tmp_path / "desk.annotator"
    with ProjectStore.create(path) as store:
        store.add_articles([ArticleDraft(text=TEXT, title="Water prices")])
    window = MainWindow(Settings())
    qtbot.addWidget(window)
    window.set_store(ProjectStore.open(path))
    window.show()
    qtbot.waitUntil(
        lambda: (
            not window.is_busy()
            and any(a.kind is AnnotationKind.QUOTE for a in window.article_view.annotations)
        ),
        timeout=60_000,
    )
    return window


def test_accepting_a_suggested_quote_accepts_its_speaker(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path)
    view = window.article_view
    quote = next(
        a for a in view.annotations if a.kind is AnnotationKind.QUOTE and view.linked_to(a)
    )
    assert TEXT[quote.start : quote.end] == '"Prices will rise by 12 percent next year,"'
    (speaker,) = view.linked_to(quote)
    assert TEXT[speaker.start : speaker.end] == "Osei"
    assert quote.attrs["speaker"] == "Amara Osei"
    assert [r.label for r in view.relations if r.head_id == quote.id] == [SPEAKER]

    view.select(quote.start, quote.end)
    window.actions_by_id[ActionId.ACCEPT].trigger()
    store = window.store
    assert store.annotation(quote.id).status is AnnotationStatus.ACCEPTED
    assert store.annotation(speaker.id).status is AnnotationStatus.ACCEPTED
    window.undo_stack.undo()  # one step undoes both
    assert store.annotation(quote.id).status is AnnotationStatus.SUGGESTED
    assert store.annotation(speaker.id).status is AnnotationStatus.SUGGESTED


def test_anonymous_sources_and_claims_are_suggested(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path)
    shown = {(a.kind, TEXT[a.start : a.end]): a.attrs for a in window.article_view.annotations}
    assert shown[AnnotationKind.SOURCE, "Officials familiar with the matter"]["source_type"] == (
        "anonymous"
    )
    claims = [text for kind, text in shown if kind is AnnotationKind.CLAIM]
    assert any("12 percent" in text for text in claims)


def test_the_threshold_hides_less_confident_suggestions(qtbot, tmp_path, monkeypatch):
    window = open_window(qtbot, tmp_path)
    paraphrase = [
        a for a in window.article_view.annotations if a.attrs.get("quote_type") == "paraphrase"
    ]
    assert paraphrase and all(a.attrs["confidence"] < 0.9 for a in paraphrase)
    monkeypatch.setattr(dialogs, "ask_threshold", lambda *args: 0.9)
    window.actions_by_id[ActionId.THRESHOLD].trigger()
    assert Settings().suggestion_threshold() == 0.9
    visible = {a.id for a in window.article_view.annotations}
    assert not visible & {a.id for a in paraphrase}
    assert any(a.kind is AnnotationKind.ENTITY for a in window.article_view.annotations)


def test_an_attributed_claim_is_linked_to_its_source(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path)
    view = window.article_view
    claim = next(
        a
        for a in view.annotations
        if a.kind is AnnotationKind.CLAIM and "12 percent" in TEXT[a.start : a.end]
    )
    (source,) = view.linked_to(claim)
    assert TEXT[source.start : source.end] == "Osei"
    assert [r.label for r in view.relations if r.head_id == claim.id] == ["SOURCE_OF"]
