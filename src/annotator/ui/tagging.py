"""Tag claims, quotes and sources, and attribute quotes and claims to their sources.

Works on the article the ArticleReview shows, through its editor and undo stack, so every
tag, link and removal is an undoable command that is saved at once.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QMenu, QWidget

from annotator.app.article_sources import group_sources, paragraph_of
from annotator.app.sources import display_name
from annotator.domain.attributes import initial_attrs
from annotator.domain.labels import KIND_LABELS, SOURCE_OF, SPEAKER
from annotator.domain.model import Annotation, AnnotationKind, AnnotationStatus, SpanDraft
from annotator.domain.text import snap_to_words
from annotator.ui import dialogs
from annotator.ui.actions import ActionId
from annotator.ui.article_review import ArticleReview, acting_on
from annotator.ui.commands import Attribute
from annotator.ui.pickers import Choice

#: Entities that can be the source of a quote or claim besides SOURCE spans.
SOURCE_ENTITY_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def relation_label(head: Annotation) -> str:
    """SPEAKER links a quote to who said it; SOURCE_OF a claim to who made it."""
    return SPEAKER if head.kind is AnnotationKind.QUOTE else SOURCE_OF


class Tagging(QObject):
    """The C, Q, S and W keys, Ctrl-drag linking, and their context-menu entries."""

    def __init__(
        self, review: ArticleReview, actions: dict[ActionId, QAction], parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.review = review
        self.view = review.view
        for action_id, kind in (
            (ActionId.TAG_CLAIM, AnnotationKind.CLAIM),
            (ActionId.TAG_QUOTE, AnnotationKind.QUOTE),
            (ActionId.TAG_SOURCE, AnnotationKind.SOURCE),
        ):
            action = actions[action_id]
            action.triggered.connect(lambda _=False, k=kind: self.tag(k, exact=_shift_held()))
        actions[ActionId.ATTRIBUTE].triggered.connect(lambda: self.attribute())
        self.view.link_requested.connect(self.link)
        review.span_menu_extenders.append(self._extend_span_menu)
        review.selection_menu_extenders.append(self._extend_selection_menu)

    def tag(self, kind: AnnotationKind, *, exact: bool = False) -> Annotation | None:
        """Tag the selection as `kind`, snapped to whole words unless `exact`."""
        review = self.review
        selection = self.view.selection()
        if selection is None or review.article is None or review.editor is None:
            review.message.emit("Select some text first")
            return None
        start, end = selection if exact else snap_to_words(review.article.text, *selection)
        if start >= end:
            review.message.emit("The selection holds only spaces")
            return None
        draft = SpanDraft(
            start=start,
            end=end,
            label=KIND_LABELS[kind],
            kind=kind,
            status=AnnotationStatus.MANUAL,
            annotator=review.settings.user_name(),
            attrs=initial_attrs(kind),
        )
        return review.tag_span(draft, f"Tag {kind} “{_short(review, start, end)}”")

    def sources(self) -> list[Annotation]:
        """The article's possible sources: SOURCE spans and person-like entities, in order."""
        return [
            a
            for a in self.view.annotations
            if a.status is not AnnotationStatus.REJECTED
            and (
                a.kind is AnnotationKind.SOURCE
                or (a.kind is AnnotationKind.ENTITY and a.label in SOURCE_ENTITY_LABELS)
            )
        ]

    def _head(self) -> Annotation | None:
        current = self.view.current_annotation()
        if current is not None and current.kind in self.view.ATTRIBUTABLE:
            return current
        offset = self.view.cursor_offset()
        around = [
            a
            for a in self.view.annotations
            if a.kind in self.view.ATTRIBUTABLE
            and a.status is not AnnotationStatus.REJECTED
            and a.start <= offset < a.end
        ]
        return min(around, key=lambda a: a.end - a.start) if around else None

    def attribute(self, at: QPoint | None = None, head: Annotation | None = None) -> None:
        """Pick the source of `head` (by default the quote or claim under the cursor) from
        the article's sources, each person or body listed once."""
        head = head or self._head()
        if head is None:
            self.review.message.emit("Put the cursor in a quote or a claim first")
            return
        current = {a.id for a in self.view.linked_to(head)}
        choices = self.source_choices(head, current)
        if not choices and not current:
            self.review.message.emit("No sources in this article: tag one with S")
            return
        chosen = dialogs.choose_source(self.view, choices, at or self.review.menu_point(), current)
        if chosen is None:
            return
        if chosen == dialogs.NO_SOURCE:
            self._attribute(head, None)
        else:
            self.link(head.id, chosen)

    def link(self, head_id: int, child_id: int) -> None:
        head, child = self.view.by_id(head_id), self.view.by_id(child_id)
        if head is None or child is None or head.kind not in self.view.ATTRIBUTABLE:
            return
        if child.kind in self.view.ATTRIBUTABLE:
            self.review.message.emit("A quote or claim links to a source or a named entity")
            return
        self._attribute(head, child)

    def _attribute(self, head: Annotation, child: Annotation | None) -> None:
        review = self.review
        if review.editor is None or review.article is None:
            return
        replaced = [r for r in self.view.relations if r.head_id == head.id]
        if child is not None and [r.child_id for r in replaced] == [child.id]:
            return  # already attributed to exactly this source
        what = f"{head.kind} “{_short(review, head.start, head.end)}”"
        text = (
            f"Attribute {what} to “{_short(review, child.start, child.end)}”"
            if child is not None
            else f"Remove the source of {what}"
        )
        review.undo_stack.push(
            Attribute(
                review.editor,
                head,
                child,
                relation_label(head),
                review.settings.user_name(),
                replaced,
                text,
            )
        )

    def source_choices(self, head: Annotation, current: set[int]) -> list[Choice[int]]:
        """The W picker's entries: one per person or body (app.article_sources), linking to
        its mention nearest before `head`, with each mention under it to pick another."""
        text = self.review.article.text if self.review.article else ""
        choices = []
        for group in group_sources(text, self.sources()):
            mentions = group.mentions
            first = paragraph_of(text, mentions[0].start)
            where = f"{len(mentions)} mentions, first in ¶{first}" if mentions[1:] else f"¶{first}"
            children = tuple(
                Choice(
                    m.id,
                    f"“{_one_line(display_name(text[m.start : m.end]), 40)}”",
                    f"¶{paragraph_of(text, m.start)} · {m.label.lower()}",
                    checked=m.id in current,
                )
                for m in mentions
                if mentions[1:]
            )
            choices.append(
                Choice(
                    group.nearest_before(head.start).id,
                    _one_line(group.name),
                    where,
                    checked=any(a.id in current for a in group.spans),
                    children=children,
                )
            )
        return choices

    def _extend_span_menu(self, menu: QMenu, annotation: Annotation, at: QPoint) -> None:
        if annotation.kind in self.view.ATTRIBUTABLE:
            menu.addAction("Attribute to source…").triggered.connect(
                acting_on(self.view, annotation, lambda: self.attribute(at, annotation))
            )

    def _extend_selection_menu(self, menu: QMenu) -> None:
        for kind in (AnnotationKind.CLAIM, AnnotationKind.QUOTE, AnnotationKind.SOURCE):
            menu.addAction(f"Tag as {kind}").triggered.connect(lambda _=False, k=kind: self.tag(k))


def _shift_held() -> bool:
    """Shift+C, Shift+Q and Shift+S tag exactly the selected characters."""
    return bool(QGuiApplication.keyboardModifiers() & Qt.KeyboardModifier.ShiftModifier)


def _one_line(name: str, limit: int = 60) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def _short(review: ArticleReview, start: int, end: int) -> str:
    text = review.article.text[start:end] if review.article else ""
    return text if len(text) <= 40 else text[:39] + "…"
