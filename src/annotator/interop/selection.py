"""Which annotations an export takes: the same choice for every format, read article by
article so an export's memory does not grow with the project."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from annotator.domain.model import REVIEWED, Annotation, AnnotationStatus, Article, Relation
from annotator.store import ProjectStore

#: What a person decided, not what a model guessed: what leaves the tool by default.
DECIDED = frozenset({AnnotationStatus.ACCEPTED, AnnotationStatus.MANUAL})


@dataclass(frozen=True)
class ExportItem:
    article: Article
    annotations: list[Annotation]
    relations: list[Relation]  # only those whose two ends are in `annotations`


@dataclass(frozen=True)
class Selection:
    include_suggestions: bool = False
    annotator: str | None = None  # only this person's annotations
    reviewed_only: bool = False  # the adjudicated result: reviewed articles, reviewed layer

    @property
    def statuses(self) -> frozenset[AnnotationStatus]:
        suggested = {AnnotationStatus.SUGGESTED} if self.include_suggestions else set()
        return DECIDED | suggested

    def items(self, store: ProjectStore) -> Iterator[ExportItem]:
        """Every article the selection keeps, in id order, one at a time."""
        reviewed = store.reviewed_articles() if self.reviewed_only else {}
        annotator = REVIEWED if self.reviewed_only else self.annotator
        for article in store.articles():
            if self.reviewed_only and article.id not in reviewed:
                continue
            kept = [
                a
                for a in store.annotations(article.id)
                if a.status in self.statuses and (annotator is None or a.annotator == annotator)
            ]
            ids = {a.id for a in kept}
            relations = [
                r for r in store.relations(article.id) if r.head_id in ids and r.child_id in ids
            ]
            yield ExportItem(article, kept, relations)
