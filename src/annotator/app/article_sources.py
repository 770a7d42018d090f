"""The sources of one article, each listed once for the W picker, by whom its spans refer to.

The SOURCE "Daniel Okafor", the PERSON under it and a later "Okafor" name one person: the
picker shows him once, with how often and where he is mentioned. Spans are grouped by the name
the suggester resolved them to (`refers_to` in a SOURCE's attrs, shared with any span on the
same characters), by the PERSON a SOURCE span starts with ("Daniel Okafor, the finance
director"), else by their own text (app.sources.source_key); a lone word joins the one
person's full name it ends. Real identities (issue 15) replace this grouping, here alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from annotator.app.sources import display_name, source_key
from annotator.domain.attributes import SOURCE_TYPE
from annotator.domain.model import Annotation, AnnotationKind, AnnotationStatus

#: The attribute in which the suggester names whom a source span refers to.
REFERS_TO = "refers_to"


@dataclass(frozen=True, slots=True)
class SourceGroup:
    """One person or body of the article: the name to show and every span that refers to it."""

    name: str
    #: Every span of the group, in text order.
    spans: tuple[Annotation, ...]
    #: One span per place in the text (stacked and nested spans count once), in text order.
    mentions: tuple[Annotation, ...]

    def nearest_before(self, offset: int) -> Annotation:
        """The mention a quote or claim starting at `offset` most likely points back to."""
        before = [m for m in self.mentions if m.start <= offset]
        return before[-1] if before else self.mentions[0]


def paragraph_of(text: str, offset: int) -> int:
    """The paragraph (from 1) holding `offset`: each line with text is a paragraph, whether
    the article puts one or several line breaks between them."""
    lines = text[:offset].split("\n")
    return 1 + sum(1 for line in lines[:-1] if line.strip())


def group_sources(text: str, spans: Iterable[Annotation]) -> list[SourceGroup]:
    """Group an article's possible sources by whom they refer to, in order of first mention."""
    ordered = sorted(spans, key=lambda a: (a.start, -a.end, a.id))
    resolved: dict[tuple[int, int], str] = {}
    for a in ordered:
        name = a.attrs.get(REFERS_TO)
        if isinstance(name, str) and name.strip():
            resolved.setdefault((a.start, a.end), display_name(name))
    for a in ordered:  # "Daniel Okafor, the finance director" is the person it starts with
        person = next((p for p in ordered if _starts(a, p) and p.label == "PERSON"), None)
        if person is not None and (a.start, a.end) not in resolved:
            inner = (person.start, person.end)
            resolved[a.start, a.end] = resolved.get(inner) or display_name(text[slice(*inner)])
    by_key: dict[str, list[Annotation]] = {}
    for a in ordered:
        key = source_key(resolved.get((a.start, a.end)) or text[a.start : a.end])
        by_key.setdefault(key, []).append(a)
    _join_surnames(by_key)
    groups = [
        SourceGroup(_name(text, members, resolved), tuple(members), _places(members))
        for members in by_key.values()
    ]
    return sorted(groups, key=lambda g: (g.mentions[0].start, -g.mentions[0].end, g.name))


def _starts(outer: Annotation, inner: Annotation) -> bool:
    """`inner` is an entity at the start of the source span `outer`, and shorter."""
    return (
        outer.kind is AnnotationKind.SOURCE
        and inner.kind is AnnotationKind.ENTITY
        and inner.start == outer.start
        and inner.end < outer.end
    )


def _person_like(members: list[Annotation]) -> bool:
    """A PERSON, or a source named as a person (not an office, a document, a crowd)."""
    return any(
        a.label == "PERSON"
        or (a.kind is AnnotationKind.SOURCE and a.attrs.get(SOURCE_TYPE.key) == "named")
        for a in members
    )


def _join_surnames(by_key: dict[str, list[Annotation]]) -> None:
    """A one-word person ("Okafor") joins the only person's full name ending with it."""
    for key in [k for k in by_key if " " not in k and _person_like(by_key[k])]:
        fuller = [
            k
            for k in by_key
            if k != key and k.rsplit(" ", 1)[-1] == key and _person_like(by_key[k])
        ]
        if len(fuller) == 1:
            members = by_key[fuller[0]] + by_key.pop(key)
            by_key[fuller[0]] = sorted(members, key=lambda a: (a.start, -a.end, a.id))


def _name(text: str, members: list[Annotation], resolved: dict[tuple[int, int], str]) -> str:
    """The resolved name if any, else the longest entity's text, else the longest span's."""
    names = [resolved[a.start, a.end] for a in members if (a.start, a.end) in resolved]
    if not names:
        entities = [a for a in members if a.kind is AnnotationKind.ENTITY]
        names = [display_name(text[a.start : a.end]) for a in entities or members]
    return max(names, key=len)


def _places(members: list[Annotation]) -> tuple[Annotation, ...]:
    """One span per place: of overlapping spans, a decided one before a suggestion, a SOURCE
    span before an entity, the longer before the shorter."""

    def rank(a: Annotation) -> tuple[bool, bool, int, int]:
        suggested = a.status is AnnotationStatus.SUGGESTED
        return (suggested, a.kind is not AnnotationKind.SOURCE, a.start - a.end, a.id)

    kept: list[Annotation] = []
    reach = 0  # where the spans of the last place end
    for a in members:
        if kept and a.start < reach:
            kept[-1] = min(kept[-1], a, key=rank)
        else:
            kept.append(a)
        reach = max(reach, a.end)
    return tuple(kept)
