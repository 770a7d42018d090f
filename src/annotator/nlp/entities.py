"""Entity suggestions: the model's entities merged with the project's entity memory.

Entity memory is what the user decided across the project: a text accepted (or relabelled,
or drawn by hand) with a label is suggested with that label wherever it appears, through a
spaCy PhraseMatcher; a text rejected with a label is never offered with that label again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from annotator.domain.model import AnnotationKind, AnnotationStatus, SpanDraft

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc

#: The annotator name recorded on entity suggestions.
SUGGESTER = "entities"

ModelSpan = tuple[int, int, str]


@dataclass(frozen=True)
class EntityMemory:
    """Accepted text -> label, and the (text, label) pairs the user rejected."""

    accepted: dict[str, str] = field(default_factory=dict)
    rejected: frozenset[tuple[str, str]] = frozenset()

    @classmethod
    def from_decisions(cls, decisions: Iterable[tuple[str, str, AnnotationStatus]]) -> EntityMemory:
        """Build from (text, label, status) in the order they were made; later ones win."""
        accepted: dict[str, str] = {}
        rejected: set[tuple[str, str]] = set()
        for text, label, status in decisions:
            text = text.strip()
            if not text:
                continue
            if status is AnnotationStatus.REJECTED:
                rejected.add((text, label))
                if accepted.get(text) == label:  # a later rejection overrides the acceptance
                    del accepted[text]
            else:
                accepted[text] = label
                rejected.discard((text, label))
        return cls(accepted, frozenset(rejected))

    def matcher(self, nlp: Language) -> PhraseMatcher | None:
        """A PhraseMatcher over the accepted texts, or None when there are none."""
        if not self.accepted:
            return None
        from spacy.matcher import PhraseMatcher

        matcher = PhraseMatcher(nlp.vocab)
        by_label: dict[str, list[str]] = {}
        for text, label in self.accepted.items():
            by_label.setdefault(label, []).append(text)
        for label, texts in by_label.items():
            matcher.add(label, [nlp.tokenizer(text) for text in texts])
        return matcher


def model_spans(doc: Doc) -> list[ModelSpan]:
    return [(ent.start_char, ent.end_char, ent.label_) for ent in doc.ents]


def merge(
    doc: Doc,
    from_model: list[ModelSpan],
    memory: EntityMemory,
    matcher: PhraseMatcher | None,
    *,
    model: str | None,
) -> list[SpanDraft]:
    """Memory matches win over overlapping model entities; rejected (text, label) pairs go.

    A memory match inside a longer model entity of the same label ("Müller" in "Katrin
    Müller") gives way to it: the model's span is the better boundary.
    """
    remembered: list[ModelSpan] = []
    if matcher is not None:
        from spacy.tokens import Span
        from spacy.util import filter_spans

        matches = [Span(doc, start, end, label=match) for match, start, end in matcher(doc)]
        remembered = [
            (span.start_char, span.end_char, span.label_)
            for span in filter_spans(matches)
            if not any(
                label == span.label_
                and start <= span.start_char
                and span.end_char <= end
                and (start, end) != (span.start_char, span.end_char)
                for start, end, label in from_model
            )
        ]
    taken = [(start, end) for start, end, _ in remembered]
    combined = remembered + [
        span
        for span in from_model
        if not any(span[0] < end and start < span[1] for start, end in taken)
    ]
    from_memory = set(remembered)
    text = doc.text  # Doc.text joins every token on each access: read it once
    drafts = []
    for start, end, label in sorted(combined):
        if (text[start:end].strip(), label) in memory.rejected:
            continue
        source = "memory" if (start, end, label) in from_memory else "model"
        drafts.append(
            SpanDraft(
                start=start,
                end=end,
                label=label,
                kind=AnnotationKind.ENTITY,
                status=AnnotationStatus.SUGGESTED,
                annotator=SUGGESTER,
                attrs={"source": source, **({"model": model} if model else {})},
            )
        )
    return drafts
