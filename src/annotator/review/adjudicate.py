"""Deciding disagreements between annotators, into the reviewed layer.

Each decision keeps one annotator's version, both (all), neither, or an edited span; what it
keeps is copied into the "reviewed" layer (annotator REVIEWED) with the speaker or source its
relation points at, and the decision records who decided and when. When no disagreement is
left undecided, the places everyone agreed on are copied too and the article is marked
reviewed. Undoing a decision removes what it added.

A decision that keeps nothing is always offered and named as a removal ("Remove"): taking
the version of someone who has nothing at a place would delete it without saying so.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from annotator.domain.labels import SOURCE_OF, SPEAKER
from annotator.domain.model import (
    REVIEWED,
    Annotation,
    AnnotationKind,
    AnnotationStatus,
    ArticleDraft,
    Decision,
    RelationDraft,
    SpanDraft,
)
from annotator.review.compare import (
    Disagreement,
    DisagreementKind,
    agreed,
    compare,
    legacy_keys,
    shortened,
    whose,
)
from annotator.store import ProjectStore

#: The decision that copies the agreed places once everything else is decided.
AGREED_KEY = "agreed"
#: Annotators whose work is not reviewed: the layer reviews produce.
NOT_REVIEWED = frozenset({REVIEWED})
#: The choice that keeps nothing at a place.
REMOVE = "neither"
#: Where keeping every version makes sense: different spans, or different speakers of one.
_BOTH = frozenset({DisagreementKind.BOUNDARY, DisagreementKind.LABEL, DisagreementKind.SPEAKER})


@dataclass(frozen=True, slots=True)
class Option:
    """One way to decide a disagreement, as the Review panel offers it."""

    choice: str  # what `decide` takes
    text: str  # the button: "Take mine", "Take Dana", "Both", "Remove"
    tip: str


@dataclass(frozen=True)
class ArticleReviewState:
    annotators: tuple[str, ...]
    disagreements: list[Disagreement]
    decisions: dict[str, Decision]
    reviewed: bool

    @property
    def undecided(self) -> list[Disagreement]:
        return [d for d in self.disagreements if d.key not in self.decisions]


def annotators_of(store: ProjectStore, article_id: int, me: str | None = None) -> tuple[str, ...]:
    """The people whose decided annotations an article holds, the reviewed layer aside:
    `me` (the reviewer) first when among them, so "mine" leads every comparison."""
    names = {
        a.annotator
        for a in store.annotations(article_id)
        if a.annotator
        and a.annotator not in NOT_REVIEWED
        and a.status in (AnnotationStatus.ACCEPTED, AnnotationStatus.MANUAL)
    }
    return tuple(sorted(names, key=lambda name: (name != me, name)))


def state(
    store: ProjectStore,
    article_id: int,
    annotators: tuple[str, ...] | None = None,
    me: str | None = None,
) -> ArticleReviewState:
    article = store.article(article_id)
    assert article is not None
    names = annotators if annotators is not None else annotators_of(store, article_id, me)
    annotations = store.annotations(article_id)
    found = compare(annotations, store.relations(article_id), names, article.text)
    decisions = store.decisions(article_id)
    for disagreement in found:
        decision = decision_of(decisions, disagreement)
        if decision is not None:
            decisions[disagreement.key] = decision
    return ArticleReviewState(names, found, decisions, article_id in store.reviewed_articles())


def decision_of(decisions: Mapping[str, Decision], disagreement: Disagreement) -> Decision | None:
    """The decision on a place: under its key, or, in a file decided before details were
    compared, under the old keys of every part it differs in (the latest of them)."""
    found = decisions.get(disagreement.key)
    old = [decisions[key] for key in disagreement.legacy_keys if key in decisions]
    if found is None and old and len(old) == len(disagreement.legacy_keys):
        found = replace(max(old, key=lambda d: d.decided_at), key=disagreement.key)
    return found


def decide(
    store: ProjectStore,
    article_id: int,
    disagreement: Disagreement,
    choice: str,
    reviewer: str | None,
    edited: list[SpanDraft] | None = None,
) -> Decision:
    """Keep `choice` ("take:<annotator>", "both", "neither" or "edit" with `edited` spans)."""
    if choice == REMOVE:
        kept: list[Annotation] = []
    elif choice == "both":
        kept = [v.annotation for v in disagreement.versions]
    elif choice.startswith("take:"):
        name = choice.removeprefix("take:")
        kept = [v.annotation for v in disagreement.versions if v.annotator == name]
        if not kept:
            raise ValueError(f"{name!r} has no version of this place ({REMOVE!r} removes it)")
    elif choice == "edit":
        kept = []
    else:
        raise ValueError(f"unknown choice {choice!r}")
    draft = _layer_draft(store, article_id, kept, edited or [])
    with store.transaction():
        for key in legacy_keys(disagreement.key):  # what a file decided before replaces
            store.undo_decision(article_id, key)
        decision = store.decide(article_id, disagreement.key, choice, reviewer, draft)
        _settle_details(store, article_id, kept)
    return decision


def _settle_details(store: ProjectStore, article_id: int, kept: list[Annotation]) -> None:
    """Give each kept span's reviewed copy the details decided for it. A copy made earlier
    as the source another decision's quote links to carries that version's details, and the
    store links to it rather than add a second span."""
    reviewed = {
        (a.start, a.end, a.label, a.kind): a
        for a in store.annotations(article_id)
        if a.annotator == REVIEWED
    }
    for annotation in kept:
        copy = reviewed.get((annotation.start, annotation.end, annotation.label, annotation.kind))
        if copy is not None and (copy.attrs, copy.note) != (annotation.attrs, annotation.note):
            store.update_annotation(copy.id, attrs=dict(annotation.attrs), note=annotation.note)


def options(disagreement: Disagreement, me: str | None = None) -> list[Option]:
    """The decisions a place allows: take each version there is (yours is "mine"), both
    where keeping several makes sense, and Remove, which keeps nothing and says so."""
    what = place_name(disagreement)
    found = [
        Option(f"take:{name}", f"Take {whose(name, me)}", f"Keep {_owner(name, me)} {what}")
        for name in disagreement.annotators
    ]
    count = len(disagreement.annotators)
    if disagreement.kind in _BOTH and count > 1:
        text = "Both" if count == 2 else "All"
        found.append(Option("both", text, f"Keep every version of {what}"))
    nobody = [whose(name, me) for name in disagreement.missing]
    reason = f" ({', '.join(nobody)}: nothing here)" if nobody else ""
    found.append(Option(REMOVE, "Remove", f"Keep nothing of {what} in the result{reason}"))
    return found


def decision_text(disagreement: Disagreement, choice: str, me: str | None = None) -> str:
    """What a decision does, in words, for the undo stack: a removal says "Remove"."""
    what = place_name(disagreement)
    if choice == REMOVE:
        return f"Remove {what}"
    if choice.startswith("take:"):
        return f"Take {whose(choice.removeprefix('take:'), me)} for {what}"
    if choice == "both":
        return f"Keep every version of {what}"
    return f"Use the selected words for {what}"


def place_name(disagreement: Disagreement) -> str:
    """The place in a few words for buttons and the undo stack: 'QUOTE “the ferry would…”'."""
    first = disagreement.versions[0]
    return f"{first.annotation.label} “{shortened(first.text)}”"


def _owner(name: str, me: str | None) -> str:
    return "your" if name == me else f"{name}'s"


def undo(store: ProjectStore, article_id: int, key: str) -> None:
    """Take back the decision on `key` (or the decisions under its old keys)."""
    with store.transaction():
        for each in (key, *legacy_keys(key)):
            store.undo_decision(article_id, each)
        store.undo_decision(article_id, AGREED_KEY)  # the article is open for review again


def finish(store: ProjectStore, article_id: int, reviewer: str | None) -> bool:
    """Once nothing is left undecided: copy the agreed places into the reviewed layer and
    mark the article reviewed. Return whether it is reviewed now."""
    current = state(store, article_id)
    if current.undecided or not current.annotators:
        return False
    article = store.article(article_id)
    assert article is not None
    places = agreed(
        store.annotations(article_id), store.relations(article_id), current.annotators, article.text
    )
    draft = _layer_draft(store, article_id, [place[0] for place in places], [])
    store.decide(article_id, AGREED_KEY, "agreed", reviewer, draft)
    store.mark_reviewed(article_id, reviewer)
    return True


def _layer_draft(
    store: ProjectStore, article_id: int, kept: list[Annotation], edited: list[SpanDraft]
) -> ArticleDraft:
    """The kept annotations as reviewed-layer spans, with the source each quote or claim is
    linked to (copied too) and the link itself."""
    article = store.article(article_id)
    assert article is not None
    by_id = {a.id: a for a in store.annotations(article_id)}
    links = {
        r.head_id: by_id[r.child_id]
        for r in store.relations(article_id)
        if r.label in (SPEAKER, SOURCE_OF) and r.child_id in by_id
    }
    spans: list[SpanDraft] = []
    relations: list[RelationDraft] = []

    def add(annotation: Annotation) -> int:
        span = replace(annotation.draft(), status=AnnotationStatus.ACCEPTED, annotator=REVIEWED)
        for index, earlier in enumerate(spans):
            if (earlier.start, earlier.end, earlier.label, earlier.kind) == (
                span.start,
                span.end,
                span.label,
                span.kind,
            ):
                return index
        spans.append(span)
        return len(spans) - 1

    for annotation in kept:
        head = add(annotation)
        source = links.get(annotation.id)
        if source is not None:
            label = SPEAKER if annotation.kind is AnnotationKind.QUOTE else SOURCE_OF
            relations.append(RelationDraft(head, add(source), label, REVIEWED))
    for span in edited:
        spans.append(replace(span, annotator=REVIEWED, status=AnnotationStatus.ACCEPTED))
    return ArticleDraft(
        text=article.text, title=article.title, spans=tuple(spans), relations=tuple(relations)
    )
