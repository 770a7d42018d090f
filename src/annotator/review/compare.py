"""Where two or three annotators of the same article differ, place by place.

A reviewer adjudicates one place at a time, so each overlapping group of spans of one kind
(a cluster) is reported as the most specific difference it shows, with every annotator's
version side by side. Where everyone has the same span and label, what they said of it is
compared too: who said the quote (or made the claim), and every detail the Details panel
edits (verdict, check-worthiness, evidence, quote and source type, role, record, note). A
place is one decision however many of those differ, because one span of the reviewed layer
carries them all. Clusters where everyone agrees completely are listed by `agreed` instead,
so a reviewer accepts them without a decision.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from annotator.domain.attributes import (
    CHOICES,
    EVIDENCE,
    QUOTE_TYPE,
    ROLE,
    SOURCE_TYPE,
    VERDICT,
    Choice,
    display,
)
from annotator.domain.labels import SOURCE_OF, SPEAKER
from annotator.domain.model import Annotation, AnnotationKind, AnnotationStatus, Relation

#: What a person decided; a suggestion nobody confirmed is not anyone's work yet.
TAKING_PART = frozenset({AnnotationStatus.ACCEPTED, AnnotationStatus.MANUAL})

#: The relation that names who said a quote or made a claim.
ATTRIBUTION: dict[AnnotationKind, str] = {
    AnnotationKind.QUOTE: SPEAKER,
    AnnotationKind.CLAIM: SOURCE_OF,
}

#: How much of a span's text `describe` quotes, so the line fits a status bar.
SHOWN_CHARS = 40

#: What `describe` calls the reviewer's own annotator name.
MINE = "mine"


class DisagreementKind(StrEnum):
    """How annotators differ at one place. The order is the order of a place's reports."""

    ONLY_ONE = "only_one"
    LABEL = "label"
    BOUNDARY = "boundary"
    SPEAKER = "speaker"
    VERDICT = "verdict"
    DETAILS = "details"

    @property
    def description(self) -> str:
        return _DESCRIPTIONS[self]


_DESCRIPTIONS: dict[DisagreementKind, str] = {
    DisagreementKind.ONLY_ONE: "a span only some annotators have",
    DisagreementKind.LABEL: "the same span with different labels",
    DisagreementKind.BOUNDARY: "overlapping spans with different boundaries",
    DisagreementKind.SPEAKER: "a different speaker for the same quote (or source for a claim)",
    DisagreementKind.VERDICT: "a different verdict for the same claim",
    DisagreementKind.DETAILS: (
        "the same span with different details (verdict, types, role, record, evidence, note "
        "or who said it)"
    ),
}
_KIND_ORDER = {kind: index for index, kind in enumerate(DisagreementKind)}
_ANNOTATION_KIND_ORDER = {kind: index for index, kind in enumerate(AnnotationKind)}
#: The kinds where everyone has the same span and label, and differs in what they said of it.
SAME_SPAN = frozenset(
    {DisagreementKind.SPEAKER, DisagreementKind.VERDICT, DisagreementKind.DETAILS}
)


def stored_value(raw: object) -> str | None:
    """An attribute's value as text, None when unset: attrs is JSON another program may have
    written, so a list or a number is a value too (compared as its JSON)."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, str):
        return raw
    return json.dumps(raw, ensure_ascii=False, sort_keys=True)


#: The key `Field` uses for the annotation's note, which is not in attrs.
NOTE = "note"


@dataclass(frozen=True, slots=True)
class Field:
    """One detail of an annotation a colleague can change: an attrs key (or the note)."""

    key: str
    label: str
    choice: Choice | None = None

    def value(self, annotation: Annotation) -> str | None:
        """The stored value as text (None when unset), whatever JSON another program put there."""
        raw = annotation.note if self.key == NOTE else annotation.attrs.get(self.key)
        value = stored_value(raw)
        return value.strip() if value is not None and self.choice is None else value

    def compared(self, annotation: Annotation) -> str | None:
        """The value compared: an unset choice counts as the value that asserts nothing
        (a verdict as "unchecked"), where the field has one."""
        value = self.value(annotation)
        if value is None and self.choice is not None:
            return self.choice.initial
        return value

    def shown(self, annotation: Annotation) -> str:
        value = self.value(annotation)
        if self.choice is not None:
            return display(self.choice, value)
        return f'"{shortened(value)}"' if value else f"no {self.label.lower()}"


_CHOICE_LABELS = {QUOTE_TYPE.key: "Quote type", SOURCE_TYPE.key: "Source type"}
_TEXT_FIELDS: dict[AnnotationKind, tuple[Field, ...]] = {
    AnnotationKind.CLAIM: (Field(EVIDENCE, "Evidence"),),
    AnnotationKind.SOURCE: (Field(ROLE, "Role"),),
}
#: Every detail compared, per kind, in the order the Details panel shows them.
FIELDS: dict[AnnotationKind, tuple[Field, ...]] = {
    kind: (
        *(Field(c.key, _CHOICE_LABELS.get(c.key, c.label), c) for c in CHOICES[kind]),
        *_TEXT_FIELDS.get(kind, ()),
        Field(NOTE, "Note"),
    )
    for kind in AnnotationKind
}


@dataclass(frozen=True, slots=True)
class Version:
    """One annotator's take on a place in the text.

    `speaker` is the (start, end) of the span a quote's SPEAKER (a claim's SOURCE_OF)
    relation points at: offsets, not ids, because each annotator has their own source rows.
    `text` is the span's text, so a version is shown without the article at hand.
    """

    annotator: str
    annotation: Annotation
    speaker: tuple[int, int] | None = None
    speaker_text: str | None = None
    text: str = ""

    @property
    def offsets(self) -> tuple[int, int]:
        return self.annotation.start, self.annotation.end


@dataclass(frozen=True, slots=True)
class Disagreement:
    """One place where annotators differ, with everything a reviewer needs to decide it.

    `start`/`end` cover all the versions; `versions` holds every annotator's spans there
    (several when one person split what another marked as one); `missing` names those
    with nothing there.
    """

    kind: DisagreementKind
    start: int
    end: int
    versions: tuple[Version, ...]
    missing: tuple[str, ...] = ()

    @property
    def annotation_kind(self) -> AnnotationKind:
        return self.versions[0].annotation.kind

    @property
    def key(self) -> str:
        """Built from offsets, not ids, so a decision stored against it is found again after a
        reload; it changes, as it should, once the spans it describes change."""
        return f"{self.kind}:{self.start}-{self.end}:{self.annotation_kind}"

    @property
    def legacy_keys(self) -> tuple[str, ...]:
        """The keys a file written before details were compared decided this place under:
        a quote's speaker and a claim's verdict apart, one decision each. Empty where the
        place differs in something those versions did not compare (it is open again)."""
        if self.kind is not DisagreementKind.DETAILS or [f.key for f in self.fields()] != [
            VERDICT.key
        ]:
            return ()
        return legacy_keys(self.key)

    @property
    def annotators(self) -> tuple[str, ...]:
        """Those with a version here, in the order of `versions`."""
        return tuple(dict.fromkeys(v.annotator for v in self.versions))

    def fields(self) -> list[Field]:
        """The details that differ between the versions (same-span kinds only)."""
        return _differing(self.versions) if self.kind in SAME_SPAN else []

    @property
    def speaker_differs(self) -> bool:
        return self.kind in SAME_SPAN and len({v.speaker for v in self.versions}) > 1

    def lines(self, me: str | None = None) -> list[str]:
        """What the annotators did here, side by side: for a same-span place the span, then
        one line per thing they differ on ('Verdict — mine: Mostly true; Dana: False');
        otherwise one line of everyone's spans. `me` is called "mine"."""
        by_annotator: dict[str, list[Version]] = {}
        for version in self.versions:
            by_annotator.setdefault(version.annotator, []).append(version)
        if self.kind not in SAME_SPAN:
            parts = [
                f"{whose(name, me)}: {' + '.join(_span(v) for v in versions)}"
                for name, versions in by_annotator.items()
            ]
            parts += [f"{whose(name, me)}: nothing" for name in self.missing]
            return ["; ".join(parts)]
        lines = [_span(self.versions[0])]
        if self.speaker_differs:
            spoken = {(v.speaker_text, v.speaker) for v in self.versions if v.speaker}
            where = len({text for text, _ in spoken}) < len(spoken)  # same name, other place
            lines.append(
                "; ".join(
                    f"{whose(name, me)}: "
                    + " + ".join(dict.fromkeys(_attribution(v, where) for v in versions))
                    for name, versions in by_annotator.items()
                )
            )
        for field in self.fields():
            values = "; ".join(
                f"{whose(name, me)}: "
                + " + ".join(dict.fromkeys(field.shown(v.annotation) for v in versions))
                for name, versions in by_annotator.items()
            )
            lines.append(f"{field.label} — {values}")
        return lines

    def describe(self, me: str | None = None) -> str:
        """One line for a list or a status bar, e.g. 'Ana: QUOTE "We won"; Ben: nothing' or
        'CLAIM "Taxes fell" — Verdict — Ana: False; Ben: True'."""
        first, *rest = self.lines(me)
        return " — ".join([first, " · ".join(rest)]) if rest else first


def legacy_keys(key: str) -> tuple[str, ...]:
    """The speaker and verdict keys of the place a `details` key names (none for other keys)."""
    kind, _, place = key.partition(":")
    if kind != DisagreementKind.DETAILS:
        return ()
    return (f"{DisagreementKind.SPEAKER}:{place}", f"{DisagreementKind.VERDICT}:{place}")


def compare(
    annotations: list[Annotation],
    relations: list[Relation],
    annotators: Sequence[str],
    text: str,
) -> list[Disagreement]:
    """Every place where the listed annotators differ, in text order (start, end, kind)."""
    names = _unique(annotators)
    groups = _groups(annotations, relations, names, text)
    return sorted((d for versions in groups for d in _differences(versions, names)), key=_order)


def agreed(
    annotations: list[Annotation],
    relations: list[Relation],
    annotators: Sequence[str],
    text: str,
) -> list[tuple[Annotation, ...]]:
    """The places where every listed annotator has the same span, label, speaker and details.

    Each place is the annotators' annotations in `annotators` order, in text order.
    """
    names = _unique(annotators)
    places: list[tuple[Annotation, ...]] = []
    for versions in _groups(annotations, relations, names, text):
        if not _differences(versions, names):
            first = {v.annotator: v.annotation for v in reversed(versions)}
            places.append(tuple(first[name] for name in names))
    return places


def _groups(
    annotations: list[Annotation], relations: list[Relation], names: tuple[str, ...], text: str
) -> list[tuple[Version, ...]]:
    """Spans of the same kind whose ranges overlap, directly or through others, in text order.

    Kinds are kept apart: an entity inside a quote is not a different version of the quote.
    """
    rank = {name: index for index, name in enumerate(names)}
    speakers = _speakers(annotations, relations)
    taking_part = [
        a
        for a in annotations
        if a.status in TAKING_PART and a.annotator in rank and a.start < a.end
    ]
    taking_part.sort(key=lambda a: (_ANNOTATION_KIND_ORDER[a.kind], a.start, a.end))
    groups: list[list[Annotation]] = []
    reach = -1
    for annotation in taking_part:
        if groups and groups[-1][0].kind == annotation.kind and annotation.start < reach:
            groups[-1].append(annotation)
            reach = max(reach, annotation.end)
        else:
            groups.append([annotation])
            reach = annotation.end
    result = []
    for group in groups:
        group.sort(key=lambda a: (rank[a.annotator or ""], a.start, a.end, a.label, a.id))
        result.append(tuple(_version(a, speakers.get(a.id), text) for a in group))
    return sorted(result, key=lambda g: (min(v.annotation.start for v in g), _end(g)))


def _differences(versions: tuple[Version, ...], names: tuple[str, ...]) -> list[Disagreement]:
    """What the annotators disagree on in one cluster: the most specific kind that applies.

    Different boundaries outweigh different labels, which outweigh a missing annotator; only
    when everyone has the same span and label are speakers and details compared: a speaker
    alone is SPEAKER, a verdict alone VERDICT, anything else (or several) DETAILS.
    """
    start, end = min(v.annotation.start for v in versions), _end(versions)
    present = {v.annotator for v in versions}
    missing = tuple(name for name in names if name not in present)

    def report(kind: DisagreementKind, missing: tuple[str, ...] = ()) -> list[Disagreement]:
        return [Disagreement(kind, start, end, versions, missing)]

    if len({v.offsets for v in versions}) > 1:
        return report(DisagreementKind.BOUNDARY, missing)
    if len({v.annotation.label for v in versions}) > 1:
        return report(DisagreementKind.LABEL, missing)
    if missing:
        return report(DisagreementKind.ONLY_ONE, missing)
    speaker = len({v.speaker for v in versions}) > 1
    fields = [f.key for f in _differing(versions)]
    if not speaker and not fields:
        return []
    if speaker and not fields:
        return report(DisagreementKind.SPEAKER)
    if fields == [VERDICT.key] and not speaker:
        return report(DisagreementKind.VERDICT)
    return report(DisagreementKind.DETAILS)


def _differing(versions: Sequence[Version]) -> list[Field]:
    """The details on which versions of one span differ."""
    return [
        f
        for f in FIELDS[versions[0].annotation.kind]
        if len({f.compared(v.annotation) for v in versions}) > 1
    ]


def _speakers(annotations: list[Annotation], relations: list[Relation]) -> dict[int, Annotation]:
    """The span each quote's SPEAKER and each claim's SOURCE_OF points at, by quote/claim id.

    The first such relation counts, as in the exports. A target that was rejected, or is not
    among `annotations`, names nobody.
    """
    by_id = {a.id: a for a in annotations}
    found: dict[int, Annotation] = {}
    for relation in relations:
        head, child = by_id.get(relation.head_id), by_id.get(relation.child_id)
        if head is None or child is None or child.status == AnnotationStatus.REJECTED:
            continue
        if ATTRIBUTION.get(head.kind) == relation.label:
            found.setdefault(head.id, child)
    return found


def _version(annotation: Annotation, speaker: Annotation | None, text: str) -> Version:
    if speaker is None:
        return Version(annotation.annotator or "", annotation, text=annotation.text_in(text))
    return Version(
        annotation.annotator or "",
        annotation,
        (speaker.start, speaker.end),
        speaker.text_in(text),
        annotation.text_in(text),
    )


def _end(versions: Sequence[Version]) -> int:
    return max(v.annotation.end for v in versions)


def _order(disagreement: Disagreement) -> tuple[int, int, int, int]:
    return (
        disagreement.start,
        disagreement.end,
        _KIND_ORDER[disagreement.kind],
        _ANNOTATION_KIND_ORDER[disagreement.annotation_kind],
    )


def _unique(annotators: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(annotators))


def whose(name: str, me: str | None) -> str:
    """An annotator as the reviewer reads it: their own name is "mine"."""
    return MINE if me is not None and name == me else name


def _span(version: Version) -> str:
    return f'{version.annotation.label} "{shortened(version.text)}"'


def _attribution(version: Version, where: bool = False) -> str:
    """Who said (made) a quote (claim) in one annotator's version."""
    quote = version.annotation.kind == AnnotationKind.QUOTE
    if version.speaker is None:
        return "no speaker" if quote else "no source"
    shown = f'{"said by" if quote else "made by"} "{shortened(version.speaker_text or "")}"'
    return f"{shown} at {version.speaker[0]}-{version.speaker[1]}" if where else shown


def shortened(text: str) -> str:
    """A span's text on one line, cut short at a word's end with an ellipsis when long."""
    flat = " ".join(text.split())
    if len(flat) <= SHOWN_CHARS:
        return flat
    cut = flat[:SHOWN_CHARS]
    space = cut.rfind(" ")
    return (cut[:space] if space > SHOWN_CHARS // 2 else cut[: SHOWN_CHARS - 1]) + "…"
