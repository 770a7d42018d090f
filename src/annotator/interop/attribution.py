"""Who said a quote or made a claim, as the CSV and ClaimReview exports both need it."""

from __future__ import annotations

from annotator.domain.labels import SOURCE_OF, SPEAKER
from annotator.domain.model import Annotation, AnnotationKind
from annotator.interop.selection import ExportItem

#: The relation that attributes each kind to its source: quote -SPEAKER->, claim -SOURCE_OF->.
ATTRIBUTION: dict[AnnotationKind, str] = {
    AnnotationKind.QUOTE: SPEAKER,
    AnnotationKind.CLAIM: SOURCE_OF,
}


def attributed_sources(item: ExportItem) -> dict[int, list[Annotation]]:
    """The spans each quote's SPEAKER and each claim's SOURCE_OF relations point at, by the
    quote's or claim's id, in relation order (a relation of the wrong label for its kind is
    not an attribution and is left out)."""
    by_id = {annotation.id: annotation for annotation in item.annotations}
    found: dict[int, list[Annotation]] = {}
    for relation in item.relations:
        head, child = by_id[relation.head_id], by_id[relation.child_id]
        if ATTRIBUTION.get(head.kind) == relation.label:
            found.setdefault(head.id, []).append(child)
    return found


def one_line(text: str) -> str:
    """A span's text on one line: line breaks and runs of spaces become one space."""
    return " ".join(text.split())
