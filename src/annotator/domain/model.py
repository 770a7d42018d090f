"""Plain data classes for what a project holds."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class AnnotationKind(StrEnum):
    """What an annotation marks. Entities carry a spaCy label; the others are newsroom kinds."""

    ENTITY = "entity"
    CLAIM = "claim"
    QUOTE = "quote"
    SOURCE = "source"

    @property
    def plural(self) -> str:
        return "entities" if self is AnnotationKind.ENTITY else f"{self.value}s"


class AnnotationStatus(StrEnum):
    """Where an annotation stands in review.

    A model or rule proposes "suggested"; the user turns it into "accepted" or "rejected";
    spans the user drew by hand are "manual".
    """

    SUGGESTED = "suggested"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    MANUAL = "manual"


@dataclass(frozen=True, slots=True)
class SpanDraft:
    """An annotation before it has a row in a project (from an importer or a suggester)."""

    start: int
    end: int
    label: str
    kind: AnnotationKind = AnnotationKind.ENTITY
    status: AnnotationStatus = AnnotationStatus.MANUAL
    annotator: str | None = None
    attrs: dict[str, Any] = field(default_factory=dict)
    note: str | None = None


@dataclass(frozen=True, slots=True)
class RelationDraft:
    """A link between two spans of the same ArticleDraft, by their index in its spans."""

    head: int
    child: int
    label: str
    annotator: str | None = None


@dataclass(frozen=True, slots=True)
class ArticleDraft:
    """An article as an importer produces it: normalised text plus metadata, no id yet."""

    text: str
    title: str
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    published: str | None = None
    language: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    spans: tuple[SpanDraft, ...] = ()
    source: str | None = None
    relations: tuple[RelationDraft, ...] = ()

    def check_spans(self) -> None:
        """Raise ValueError naming the first span or relation that does not fit."""
        for span in self.spans:
            check_offsets(self.text, span.start, span.end)
        for relation in self.relations:
            if not (0 <= relation.head < len(self.spans) and 0 <= relation.child < len(self.spans)):
                raise ValueError(f"a {relation.label} relation points at a span that is not there")
            if relation.head == relation.child:
                raise ValueError(f"a {relation.label} relation links a span to itself")


def check_offsets(text: str, start: int, end: int) -> None:
    """Raise ValueError unless 0 <= start < end <= len(text)."""
    if not (0 <= start < end <= len(text)):
        raise ValueError(f"span [{start}, {end}) does not fit a text of {len(text)} characters")


@dataclass(frozen=True, slots=True)
class Article:
    id: int
    title: str
    text: str
    text_sha256: str
    imported_at: str
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    published: str | None = None
    language: str | None = None
    source: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """What the article list shows: metadata and annotation counts, without the text."""

    id: int
    title: str
    outlet: str | None
    published: str | None
    counts: dict[AnnotationKind, int]
    #: Review of colleagues' work: "" none yet, "3 decided" under way, "reviewed" finished.
    review: str = ""

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True, slots=True)
class Annotation:
    id: int
    article_id: int
    start: int
    end: int
    label: str
    kind: AnnotationKind
    status: AnnotationStatus
    annotator: str | None
    attrs: dict[str, Any]
    note: str | None
    created_at: str
    updated_at: str

    def text_in(self, text: str) -> str:
        return text[self.start : self.end]

    def draft(self) -> SpanDraft:
        """The annotation as a draft, to copy it into another article, project or layer."""
        return SpanDraft(
            self.start,
            self.end,
            self.label,
            self.kind,
            self.status,
            self.annotator,
            dict(self.attrs),
            self.note,
        )


@dataclass(frozen=True, slots=True)
class Relation:
    """A directed link between two annotations of one article, e.g. QUOTE -SPEAKER-> SOURCE."""

    id: int
    article_id: int
    head_id: int
    child_id: int
    label: str
    annotator: str | None


@dataclass(frozen=True, slots=True)
class SuggestionRun:
    """How an article's suggestions of one suggester were made, so they are reused, not redone.

    `model_spans` keeps the model's raw output, so a change in the entity memory is merged in
    again without running the model.
    """

    article_id: int
    suggester: str
    model: str | None
    memory: str
    model_spans: tuple[tuple[int, int, str], ...] = ()


#: The annotator name of the adjudicated layer: what a reviewer kept from colleagues' work.
REVIEWED = "reviewed"


@dataclass(frozen=True, slots=True)
class Decision:
    """A reviewer's decision on one disagreement: which version was kept, by whom, when."""

    key: str
    choice: str  # "take:<annotator>", "both", "neither" or "edit"
    decided_by: str | None
    decided_at: str
    annotation_ids: tuple[int, ...] = ()
