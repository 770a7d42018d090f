"""Where two or three annotators of the same article differ, place by place.

A reviewer adjudicates one place at a time, so each overlapping group of spans of one kind
(a cluster) is reported as the most specific difference it shows, with every annotator's
version side by side. Clusters where everyone agrees completely are listed by `agreed`
instead, so a reviewer accepts them without a decision.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from annotator.domain.attributes import VERDICT, display
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


class DisagreementKind(StrEnum):
    """How annotators differ at one place. The order is the order of a place's reports."""

    ONLY_ONE = "only_one"
    LABEL = "label"
    BOUNDARY = "boundary"
    SPEAKER = "speaker"
    VERDICT = "verdict"

    @property
    def description(self) -> str:
        return _DESCRIPTIONS[self]


_DESCRIPTIONS: dict[DisagreementKind, str] = {
    DisagreementKind.ONLY_ONE: "a span only some annotators have",
    DisagreementKind.LABEL: "the same span with different labels",
    DisagreementKind.BOUNDARY: "overlapping spans with different boundaries",
    DisagreementKind.SPEAKER: "a different speaker for the same quote (or source for a claim)",
    DisagreementKind.VERDICT: "a different verdict for the same claim",
}
_KIND_ORDER = {kind: index for index, kind in enumerate(DisagreementKind)}
_ANNOTATION_KIND_ORDER = {kind: index for index, kind in enumerate(AnnotationKind)}


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

    @property
    def verdict(self) -> str:
        """The claim's verdict; unset counts as "unchecked", as the claim form shows it."""
        return self.annotation.attrs.get(VERDICT.key) or VERDICT.default


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

    def describe(self) -> str:
        """One line for a list or a status bar, e.g. 'Ana: QUOTE "We won"; Ben: nothing'."""
        by_annotator: dict[str, list[Version]] = {}
        for version in self.versions:
            by_annotator.setdefault(version.annotator, []).append(version)
        if self.kind in (DisagreementKind.SPEAKER, DisagreementKind.VERDICT):
            # The spans are identical: quote the text once, then what each person said of it.
            what = _span(self.versions[0])
            spoken = {(v.speaker_text, v.speaker) for v in self.versions if v.speaker}
            where = len({text for text, _ in spoken}) < len(spoken)  # same name, other place
            details = [
                f"{name}: "
                + " + ".join(dict.fromkeys(_attribution(self.kind, v, where) for v in versions))
                for name, versions in by_annotator.items()
            ]
            return f"{what} — {'; '.join(details)}"
        parts = [
            f"{name}: {' + '.join(_span(v) for v in versions)}"
            for name, versions in by_annotator.items()
        ]
        parts += [f"{name}: nothing" for name in self.missing]
        return "; ".join(parts)


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
    """The places where every listed annotator has the same span, label, speaker and verdict.

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
    when everyone has the same span are speakers and verdicts compared (both for a claim).
    """
    start, end = min(v.annotation.start for v in versions), _end(versions)
    present = {v.annotator for v in versions}
    missing = tuple(name for name in names if name not in present)

    def report(kind: DisagreementKind, missing: tuple[str, ...] = ()) -> Disagreement:
        return Disagreement(kind, start, end, versions, missing)

    if len({v.offsets for v in versions}) > 1:
        return [report(DisagreementKind.BOUNDARY, missing)]
    if len({v.annotation.label for v in versions}) > 1:
        return [report(DisagreementKind.LABEL, missing)]
    if missing:
        return [report(DisagreementKind.ONLY_ONE, missing)]
    found = []
    if len({v.speaker for v in versions}) > 1:
        found.append(report(DisagreementKind.SPEAKER))
    if (
        versions[0].annotation.kind == AnnotationKind.CLAIM
        and len({v.verdict for v in versions}) > 1
    ):
        found.append(report(DisagreementKind.VERDICT))
    return found


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


def _span(version: Version) -> str:
    return f'{version.annotation.label} "{_shown(version.text)}"'


def _attribution(kind: DisagreementKind, version: Version, where: bool = False) -> str:
    """What one annotator said of a span: its verdict, or who said (made) it."""
    if kind is DisagreementKind.VERDICT:
        return display(VERDICT, version.verdict)
    quote = version.annotation.kind == AnnotationKind.QUOTE
    if version.speaker is None:
        return "no speaker" if quote else "no source"
    shown = f'{"said by" if quote else "made by"} "{_shown(version.speaker_text or "")}"'
    return f"{shown} at {version.speaker[0]}-{version.speaker[1]}" if where else shown


def _shown(text: str) -> str:
    """A span's text on one line, cut short at a word's end with an ellipsis when long."""
    flat = " ".join(text.split())
    if len(flat) <= SHOWN_CHARS:
        return flat
    cut = flat[:SHOWN_CHARS]
    space = cut.rfind(" ")
    return (cut[:space] if space > SHOWN_CHARS // 2 else cut[: SHOWN_CHARS - 1]) + "…"
