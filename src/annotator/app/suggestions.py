"""Entity suggestions for a project: which pipeline, which articles, and the batch run.

The CLI (`annotator suggest`) and the GUI's background worker both go through
Suggester; spaCy is imported only when a pipeline is first needed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from itertools import islice
from typing import TYPE_CHECKING, TypeVar
from weakref import WeakKeyDictionary

from annotator.domain.labels import KIND_LABELS, SOURCE_OF, SPEAKER
from annotator.domain.model import (
    AnnotationKind,
    AnnotationStatus,
    Article,
    SpanDraft,
    SuggestionRun,
)
from annotator.domain.text import primary_language
from annotator.errors import UserError
from annotator.nlp import pieces, quotes
from annotator.nlp.entities import SUGGESTER, EntityMemory, merge, model_spans
from annotator.nlp.pipelines import (
    blank_pipeline,
    default_pipeline,
    installed_pipelines,
    load_pipeline,
)
from annotator.store import ProjectStore

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.matcher import PhraseMatcher

T = TypeVar("T")

#: project_meta key of the pipeline the user chose for this project.
PIPELINE_KEY = "pipeline"
#: Articles per spaCy batch and per database transaction in a batch run.
BATCH_SIZE = 32
#: The annotator name and suggester of quote, source and claim suggestions.
NEWSROOM = "newsroom"
NEWSROOM_KINDS = (AnnotationKind.QUOTE, AnnotationKind.SOURCE, AnnotationKind.CLAIM)
#: Components quote, speaker and claim suggestions read: parse, lemmas (cue verbs), entities.
NEWSROOM_NEEDS = ("ner", "parser", "lemmatizer")


def project_pipeline(store: ProjectStore) -> str | None:
    """The pipeline the user chose for this project, else the default English one."""
    return store.meta().get(PIPELINE_KEY) or default_pipeline("en")


def project_pipeline_name() -> str:
    """The default English pipeline, or a clear error when none is installed."""
    name = default_pipeline("en")
    if name is None:
        raise UserError("no English spaCy pipeline is installed")
    return name


def pipeline_choices() -> list[tuple[str, str]]:
    """(name, label) of every installed pipeline, for the window's model chooser."""
    return [(info.name, info.label) for info in installed_pipelines()]


def pipeline_language(name: str | None) -> str | None:
    """The language of pipeline `name`, or None when it is not installed here."""
    info = {info.name: info for info in installed_pipelines()}.get(name or "")
    return info.lang if info is not None else None


def set_project_pipeline(store: ProjectStore, name: str) -> None:
    known = {info.name for info in installed_pipelines()}
    if name not in known:
        raise UserError(
            f"spaCy pipeline {name!r} is not installed; installed: {', '.join(sorted(known))}"
        )
    store.set_meta({PIPELINE_KEY: name})


class Freshness(Enum):
    """What an article's stored entity suggestions still need."""

    CURRENT = "current"  # made with this model and this memory: show them as they are
    MEMORY = "memory"  # the memory changed: merge it in again, without the model
    MODEL = "model"  # never made, or made with another model: run the model


def freshness(run: SuggestionRun | None, model: str | None, memory: str) -> Freshness:
    if run is None or run.model != model:
        return Freshness.MODEL
    return Freshness.CURRENT if run.memory == memory else Freshness.MEMORY


def stale_article(store: ProjectStore, article: Article, model: str | None) -> ArticleText | None:
    """What the suggester must run for an article on screen, or None when its stored
    suggestions are current. `model` is the pipeline for its language (None: memory only).

    Only the entity memory changed: the model's stored spans are reused, not run again.
    Quotes, sources and claims need the model's parse, so they bring the model back.
    """
    run = store.suggestion_run(article.id, SUGGESTER)
    state = freshness(run, model, store.entity_memory_signature())
    newsroom = store.suggestion_run(article.id, NEWSROOM)
    if model is not None and (newsroom is None or newsroom.model != model):
        state = Freshness.MODEL
    if state is Freshness.CURRENT:
        return None
    reuse = run.model_spans if run is not None and state is Freshness.MEMORY else None
    return ArticleText(article.id, article.text, article.language, reuse)


@dataclass(frozen=True)
class ArticleText:
    """What a suggester needs of an article; plain data, safe to hand to a worker thread."""

    id: int
    text: str
    language: str | None = None
    model_spans: tuple[tuple[int, int, str], ...] | None = None  # reuse instead of running


@dataclass(frozen=True)
class SuggestionJob:
    """Plain data for a suggester on another thread: the pipeline, the project's entity
    memory and the articles. `project` is the caller's tag, handed back with the results
    (the window numbers the projects it opens, to drop results of one it has closed).
    A job with no articles just loads the pipeline ahead of time."""

    project: int
    model: str | None
    memory: EntityMemory = field(default_factory=EntityMemory)
    memory_signature: str = ""
    articles: tuple[ArticleText, ...] = ()


#: Each open project's entity memory, with the signature it was built at.
_MEMORIES: WeakKeyDictionary[ProjectStore, tuple[str, EntityMemory]] = WeakKeyDictionary()


def entity_memory(store: ProjectStore) -> tuple[EntityMemory, str]:
    """The project's entity memory and its signature, built from every decision only when the
    signature moved: reading them all takes a second in a large project, and every article
    open needs the memory. The signature is read first, so a decision made meanwhile can
    only make the memory newer than its signature (rebuilt next time), never older."""
    signature = store.entity_memory_signature()
    cached = _MEMORIES.get(store)
    if cached is not None and cached[0] == signature:
        return cached[1], signature
    memory = EntityMemory.from_decisions(store.entity_decisions())
    _MEMORIES[store] = (signature, memory)
    return memory, signature


def suggestion_job(
    store: ProjectStore, project: int, model: str | None, articles: tuple[ArticleText, ...]
) -> SuggestionJob:
    """A job for `articles` with the project's current entity memory."""
    memory, signature = entity_memory(store)
    return SuggestionJob(project, model, memory, signature, articles)


@dataclass
class SuggestionSet:
    """One suggester's suggestions for one article, ready for ProjectStore.save_suggestions.

    `links` are (head draft index, child draft index, label): a quote and its speaker.
    """

    run: SuggestionRun
    drafts: list[SpanDraft]
    kinds: tuple[AnnotationKind, ...]
    links: list[tuple[int, int, str]] = field(default_factory=list)


@dataclass
class Suggester:
    """Runs one pipeline (for its language) plus entity memory; other languages get memory only.

    Where the model runs, it also suggests quotes with their speakers, sources and claims
    (`newsroom`), which need the parser and the lemmatizer as well as the NER. Articles of
    any length are taken: long ones are parsed in pieces (nlp.pieces).
    Load once, then call `suggest` as often as needed; it is not thread-safe, so give each
    thread its own.
    """

    model: str | None
    newsroom: bool = True
    memory: EntityMemory = field(default_factory=EntityMemory)
    memory_signature: str = ""
    _nlp: Language | None = None
    _blank: dict[str, Language] = field(default_factory=dict)
    _matchers: dict[int, PhraseMatcher | None] = field(default_factory=dict)

    def load(self) -> None:
        if self._nlp is None and self.model is not None:
            self._nlp = load_pipeline(
                self.model, needs=NEWSROOM_NEEDS if self.newsroom else ("ner",)
            )

    @property
    def language(self) -> str | None:
        return self._nlp.lang if self._nlp is not None else None

    def set_memory(self, memory: EntityMemory, signature: str) -> None:
        self.memory, self.memory_signature = memory, signature
        self._matchers.clear()

    def run(self, job: SuggestionJob) -> Iterator[SuggestionSet]:
        """A job's suggestions; the memory is replaced only when the job's differs."""
        if self.memory_signature != job.memory_signature:
            self.set_memory(job.memory, job.memory_signature)
        return self.suggest(job.articles)

    def _matcher(self, nlp: Language) -> PhraseMatcher | None:
        key = id(nlp)
        if key not in self._matchers:
            self._matchers[key] = self.memory.matcher(nlp)
        return self._matchers[key]

    def _blank_for(self, language: str) -> Language:
        if language not in self._blank:
            self._blank[language] = blank_pipeline(language)
        return self._blank[language]

    def suggest(self, articles: Iterable[ArticleText]) -> Iterator[SuggestionSet]:
        """Suggestions for each article, in order: its entities, then (where the model ran)
        its quotes, sources and claims. The model runs in batches through nlp.pipe."""
        self.load()
        for chunk in _chunks(articles, BATCH_SIZE):
            yield from self._suggest_chunk(chunk)

    def _suggest_chunk(self, chunk: list[ArticleText]) -> Iterator[SuggestionSet]:
        nlp = self._nlp
        parsed: dict[int, list[pieces.Piece]] = {}
        if nlp is not None:
            to_run = [
                a
                for a in chunk
                if a.model_spans is None and primary_language(a.language) == nlp.lang
            ]
            texts = pieces.pipe(nlp, (a.text for a in to_run))
            parsed = dict(zip((a.id for a in to_run), texts, strict=True))
        for article in chunk:
            language = primary_language(article.language)
            fits = nlp is not None and language == nlp.lang
            tokenizer = nlp if nlp is not None and fits else self._blank_for(language)
            if article.id in parsed:
                doc = pieces.joined(parsed[article.id])
                found = model_spans(doc)
            else:
                # The tokenizer itself, not make_doc: no max_length, tokenising takes any text.
                doc = tokenizer.tokenizer(article.text)
                found = list(article.model_spans or []) if fits else []
            model = self.model if fits else None
            drafts = merge(doc, found, self.memory, self._matcher(tokenizer), model=model)
            run = SuggestionRun(
                article_id=article.id,
                suggester=SUGGESTER,
                model=model,
                memory=self.memory_signature,
                model_spans=tuple(found),
            )
            yield SuggestionSet(run, drafts, (AnnotationKind.ENTITY,))
            if self.newsroom and article.id in parsed:
                findings = quotes.find_in_pieces(parsed.pop(article.id))
                yield newsroom_set(article.id, findings, model)


def newsroom_set(article_id: int, findings: quotes.Findings, model: str | None) -> SuggestionSet:
    """Drafts for the quotes, sources and claims found, each quote linked to its speaker
    (SPEAKER) and each attributed claim to its source (SOURCE_OF)."""
    drafts: list[SpanDraft] = []
    links: list[tuple[int, int, str]] = []
    where: dict[tuple[int, int], int] = {}
    common = {"model": model} if model else {}

    def add(start: int, end: int, kind: AnnotationKind, attrs: dict[str, object]) -> int:
        drafts.append(
            SpanDraft(
                start=start,
                end=end,
                label=KIND_LABELS[kind],
                kind=kind,
                status=AnnotationStatus.SUGGESTED,
                annotator=NEWSROOM,
                attrs={**attrs, **common},
            )
        )
        return len(drafts) - 1

    for source in findings.sources:
        where[source.start, source.end] = add(
            source.start,
            source.end,
            AnnotationKind.SOURCE,
            {"source_type": source.source_type, "refers_to": source.name, "confidence": 0.8},
        )
    for quote in findings.quotes:
        attrs: dict[str, object] = {"quote_type": quote.quote_type, "confidence": quote.confidence}
        if quote.speaker is not None:
            attrs["speaker"] = quote.speaker.name
        index = add(quote.start, quote.end, AnnotationKind.QUOTE, attrs)
        if quote.speaker is not None and (quote.speaker.start, quote.speaker.end) in where:
            links.append((index, where[quote.speaker.start, quote.speaker.end], SPEAKER))
    for claim in findings.claims:
        worth = "high" if claim.score >= 0.7 else "medium"
        index = add(
            claim.start,
            claim.end,
            AnnotationKind.CLAIM,
            {"check_worthiness": worth, "score": claim.score, "confidence": claim.score},
        )
        if claim.source is not None and (claim.source.start, claim.source.end) in where:
            links.append((index, where[claim.source.start, claim.source.end], SOURCE_OF))
    run = SuggestionRun(article_id=article_id, suggester=NEWSROOM, model=model, memory="")
    return SuggestionSet(run, drafts, NEWSROOM_KINDS, links)


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def suggester_for(
    store: ProjectStore, model: str | None = None, *, reuse: Suggester | None = None
) -> Suggester:
    """An Suggester for this project's pipeline (or `model`) and its current memory.

    `reuse` is taken (with its loaded pipeline) when it runs that pipeline; its memory is reset.
    """
    wanted = model or project_pipeline(store)
    suggester = reuse if reuse is not None and reuse.model == wanted else None
    suggester = suggester or Suggester(model=wanted)
    suggester.set_memory(*entity_memory(store))
    return suggester


def save_sets(store: ProjectStore, sets: list[SuggestionSet]) -> int:
    """Store suggestion sets in one transaction per kind of set; returns the entities stored."""
    entities = [(s.run, s.drafts) for s in sets if s.run.suggester == SUGGESTER]
    stored = store.save_suggestions(entities, AnnotationKind.ENTITY) if entities else 0
    newsroom = [s for s in sets if s.run.suggester == NEWSROOM]
    if newsroom:
        store.save_suggestions(
            [(s.run, s.drafts) for s in newsroom],
            NEWSROOM_KINDS,
            links={s.run.article_id: s.links for s in newsroom},
        )
    return stored


@dataclass
class SuggestReport:
    articles: int = 0
    suggestions: int = 0  # entities
    newsroom: int = 0  # quotes, sources and claims
    without_model: list[int] = field(default_factory=list)  # article ids: no pipeline fits


def suggest_project(
    store: ProjectStore,
    *,
    model: str | None = None,
    article_ids: list[int] | None = None,
    progress: Callable[[int, int], None] | None = None,
    suggester: Suggester | None = None,
) -> SuggestReport:
    """Compute and store entity suggestions for every article (or those given).

    `progress` is called with (articles finished, articles in all) after each article.
    `suggester`, an already loaded one, is reused when it runs the pipeline to use (saves
    loading it again); its memory is replaced by this project's.
    Every check comes before any work, so a refused request changes nothing.
    """
    if article_ids is not None:
        missing = [i for i in article_ids if store.article(i) is None]
        if missing:
            raise UserError(f"{store.path}: no article with id {', '.join(map(str, missing))}")
    if model is not None and model not in {info.name for info in installed_pipelines()}:
        set_project_pipeline(store, model)  # refuses it, naming what is installed
    suggester = suggester_for(store, model, reuse=suggester)
    suggester.load()
    if model is not None:  # only once it has loaded, so a broken pipeline changes nothing
        set_project_pipeline(store, model)
    # Ids first, then one batch of articles at a time, read in full before its suggestions
    # are saved: no read of the project stays open while it is written.
    ids = sorted(set(article_ids)) if article_ids is not None else store.article_ids()
    report = SuggestReport()
    for batch in _chunks(ids, BATCH_SIZE):
        articles = [a for a in map(store.article, batch) if a is not None]  # None: deleted since
        pending: list[SuggestionSet] = []
        for result in suggester.suggest(ArticleText(a.id, a.text, a.language) for a in articles):
            pending.append(result)
            if result.run.suggester != SUGGESTER:
                report.newsroom += len(result.drafts)
                continue
            report.articles += 1
            if result.run.model is None:
                report.without_model.append(result.run.article_id)
            if progress:
                progress(report.articles, len(ids))
        report.suggestions += save_sets(store, pending)
    return report
