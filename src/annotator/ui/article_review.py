"""The article on screen: its suggestions (entities, quotes, sources, claims) and their
review by keyboard and mouse.

Opening an article shows its stored annotations at once; suggestions that are missing or
out of date are computed by the SuggestionService in the background and stored on arrival.
Every decision is an undo command that writes through the AnnotationEditor.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QPoint, Signal
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QMenu, QWidget

from annotator.app.suggestions import (
    ArticleText,
    SuggestionJob,
    SuggestionSet,
    pipeline_choices,
    pipeline_language,
    project_pipeline,
    save_sets,
    set_project_pipeline,
    stale_article,
    suggestion_job,
)
from annotator.domain.labels import ENTITY_LABELS
from annotator.domain.model import (
    Annotation,
    AnnotationKind,
    AnnotationStatus,
    Article,
    SpanDraft,
)
from annotator.domain.text import primary_language, snap_to_words
from annotator.errors import UserError
from annotator.store import ProjectStore
from annotator.ui import dialogs
from annotator.ui.actions import ActionId
from annotator.ui.article_view import ArticleView
from annotator.ui.commands import AddAnnotation, ChangeAnnotation, RemoveAnnotation, SetStatuses
from annotator.ui.editing import AnnotationEditor
from annotator.ui.legend import Legend
from annotator.ui.plain import menu_text
from annotator.ui.settings import Settings
from annotator.ui.workers import SuggestionService


class ArticleReview(QObject):
    """Connects the article view, the legend, the undo stack and the suggestion worker."""

    #: An article's annotations changed (counts in the article list need refreshing).
    article_changed = Signal(int)
    #: A short message for the status bar.
    message = Signal(str)
    #: The view shows a new article or new annotations (panels follow it).
    view_refreshed = Signal()

    def __init__(
        self,
        *,
        view: ArticleView,
        legend: Legend,
        settings: Settings,
        undo_stack: QUndoStack,
        service: SuggestionService,
        actions: dict[ActionId, QAction],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.view = view
        self.legend = legend
        self.settings = settings
        self.undo_stack = undo_stack
        self.service = service
        #: Annotators whose layers review mode hides.
        self.hidden_annotators: set[str] = set()
        self.store: ProjectStore | None = None
        self.editor: AnnotationEditor | None = None
        self.article: Article | None = None
        self.pipeline: str | None = None
        self._language_of: tuple[str | None, str | None] = ("", None)
        self._project = 0  # bumped per opened project; results of an earlier one are dropped
        self._parent = parent
        self._last_label = "PERSON"
        #: Others (tagging) add entries to the context menu: for one span under the mouse
        #: (its menu or section, the span, where), and for the selected text (the menu).
        self.span_menu_extenders: list[Callable[[QMenu, Annotation, QPoint], None]] = []
        self.selection_menu_extenders: list[Callable[[QMenu], None]] = []
        legend.set_hidden(settings.hidden_labels())
        legend.hidden_changed.connect(self._on_hidden_changed)
        service.ready.connect(self._on_ready)
        service.failed.connect(self._on_failed)
        view.context_menu_requested.connect(self._context_menu)
        handlers: dict[ActionId, Callable[[], object]] = {
            ActionId.NEXT_SUGGESTION: lambda: self.step(+1),
            ActionId.PREVIOUS_SUGGESTION: lambda: self.step(-1),
            ActionId.ACCEPT: lambda: self.decide(AnnotationStatus.ACCEPTED),
            ActionId.REJECT: lambda: self.decide(AnnotationStatus.REJECTED),
            ActionId.RELABEL: self.relabel,
            ActionId.ACCEPT_ALL: lambda: self.decide_all(AnnotationStatus.ACCEPTED),
            ActionId.REJECT_ALL: lambda: self.decide_all(AnnotationStatus.REJECTED),
            ActionId.ADD_ENTITY: lambda: self.add_entity(exact=False),
            ActionId.ADD_ENTITY_EXACT: lambda: self.add_entity(exact=True),
            ActionId.RECOMPUTE: self.recompute,
            ActionId.CHOOSE_MODEL: self.choose_model,
            ActionId.THRESHOLD: self.choose_threshold,
        }
        for action_id, handler in handlers.items():
            actions[action_id].triggered.connect(lambda _=False, h=handler: h())

    # -- project and article ---------------------------------------------------------------------

    def set_store(self, store: ProjectStore | None) -> None:
        """Review this project (None when it is closing); pending results of others are void."""
        self._project += 1
        self.store = store
        self.article = None
        self.undo_stack.clear()
        if store is None:
            self.editor = None
            return
        self.editor = AnnotationEditor(store, self)
        self.editor.changed.connect(self._on_edited)
        self.pipeline = project_pipeline(store)
        # Load the model now, in the background, so the first article's suggestions come fast.
        # A read-only project shows the suggestions it holds: new ones could not be saved.
        if self._pipeline_language() is not None and not store.read_only:
            self.service.submit(SuggestionJob(self._project, self.pipeline))

    def show(self, article: Article | None) -> None:
        self.article = article
        self.view.show_article(article)
        if article is None or self.store is None:
            self.legend.set_counts({})
            self.view_refreshed.emit()
            return
        self.refresh()
        self.view.set_notice(self._language_notice(article))
        if self.store.read_only:
            return
        stale = stale_article(self.store, article, self._model_for(article))
        if stale is not None:
            self._submit(stale)

    def set_layers(self, hidden: set[str], colour_of: Callable[[Annotation], str] | None) -> None:
        """Review mode: hide some annotators' layers, and colour spans by annotator."""
        self.hidden_annotators = set(hidden)
        self.view.text.spans.colour_of = colour_of
        self.refresh()

    def refresh(self) -> None:
        """Re-read the article's annotations and repaint, keeping the selection."""
        if self.article is None or self.store is None:
            return
        threshold = self.settings.suggestion_threshold()
        annotations = [
            a
            for a in self.store.annotations(self.article.id)
            if (
                a.status is not AnnotationStatus.SUGGESTED
                or float(a.attrs.get("confidence", 1.0)) >= threshold
            )
            and a.annotator not in self.hidden_annotators
        ]
        relations = self.store.relations(self.article.id)
        self.view.show_annotations(annotations, self.legend.hidden, relations)
        counts: dict[str, int] = {}
        for a in annotations:
            if a.kind is AnnotationKind.ENTITY and a.status is not AnnotationStatus.REJECTED:
                counts[a.label] = counts.get(a.label, 0) + 1
        self.legend.set_counts(counts)
        self.view_refreshed.emit()

    def _model_for(self, article: Article) -> str | None:
        """The project pipeline if it speaks the article's language, else None (memory only)."""
        language = self._pipeline_language()
        if language is None or primary_language(article.language) != language:
            return None
        return self.pipeline

    def _pipeline_language(self) -> str | None:
        """The language of the project's pipeline, None if it is not installed (cached)."""
        if self._language_of[0] != self.pipeline:
            self._language_of = (self.pipeline, pipeline_language(self.pipeline))
        return self._language_of[1]

    def _language_notice(self, article: Article) -> str:
        if self._model_for(article) is not None:
            return ""
        language = primary_language(article.language)
        if self.pipeline is None:
            why = "no spaCy pipeline is installed"
        elif self._pipeline_language() is None:
            why = (
                f"the project's pipeline {self.pipeline} is not installed here "
                "(Review ▸ Suggestion Model… picks another)"
            )
        else:
            why = f"the project's pipeline {self.pipeline} is for another language"
        return (
            f"No model suggestions for this article (language “{language}”): {why}. "
            "Entity memory and tagging by hand still work."
        )

    def _submit(self, article: ArticleText) -> None:
        assert self.store is not None
        model = self.pipeline if self._pipeline_language() is not None else None
        self.service.submit(suggestion_job(self.store, self._project, model, (article,)))

    def recompute(self) -> None:
        """Run the model again on this article (after a model change, or on request)."""
        if self.article is not None:
            article = self.article
            self._submit(ArticleText(article.id, article.text, article.language))
            self.message.emit("Recomputing suggestions…")

    def choose_model(self) -> None:
        if self.store is None:
            return
        choices = pipeline_choices()
        name = dialogs.choose_pipeline(
            self._parent,
            [name for name, _ in choices],
            [label for _, label in choices],
            self.pipeline,
        )
        if name is None or name == self.pipeline:
            return
        try:
            set_project_pipeline(self.store, name)
        except UserError as error:
            dialogs.show_error(self._parent, "Cannot use this pipeline", str(error))
            return
        self.pipeline = name
        self.message.emit(f"Suggestions now come from {name}")
        self.show(self.article)

    def choose_threshold(self) -> None:
        """Hide suggestions whose confidence is under a level the user picks."""
        value = dialogs.ask_threshold(self._parent, self.settings.suggestion_threshold())
        if value is not None:
            self.settings.set_suggestion_threshold(value)
            self.refresh()
            self.message.emit(f"Showing suggestions with confidence {value:.2f} or more")

    def _on_ready(self, project: int, result: SuggestionSet) -> None:
        run = result.run
        if project != self._project or self.store is None or self.store.read_only:
            return  # the project changed while the worker ran
        if self.store.article(run.article_id) is None:
            return
        if run.model is not None and run.model != self.pipeline:
            return  # made with a pipeline the user has since replaced
        save_sets(self.store, [result])
        self.article_changed.emit(run.article_id)
        if self.article is not None and run.article_id == self.article.id:
            self.refresh()

    def _on_failed(self, project: int, article_ids: tuple[int, ...], message: str) -> None:
        if project != self._project:
            return
        if self.article is not None and self.article.id in article_ids:
            self.view.set_notice(f"No model suggestions: {message}")
        self.message.emit(f"Suggestions failed: {message}")

    def _on_edited(self, article_id: int) -> None:
        self.article_changed.emit(article_id)
        if self.article is not None and self.article.id != article_id and self.store is not None:
            # Undo or redo of an edit in another article: go there to show what changed.
            self.show(self.store.article(article_id))
            return
        self.refresh()

    def _on_hidden_changed(self, hidden: set[str]) -> None:
        self.settings.set_hidden_labels(hidden)
        self.refresh()

    # -- review ----------------------------------------------------------------------------------

    def current(self) -> Annotation | None:
        return self.view.current_annotation()

    def _suggestions(self) -> list[Annotation]:
        """The suggestions shown, in text order (text_order)."""
        return sorted(
            (
                a
                for a in self.view.annotations
                if a.status is AnnotationStatus.SUGGESTED and a.label not in self.legend.hidden
            ),
            key=text_order,
        )

    def step(self, direction: int, origin: Annotation | None = None) -> Annotation | None:
        """Make the next (+1) or previous (-1) suggestion in text order current, wrapping
        around. It goes on from `origin`, else from the current annotation when its span is
        selected, so spans on the same characters are each reached in turn; else from the
        cursor."""
        suggestions = self._suggestions()
        if not suggestions:
            self.message.emit("No suggestions left in this article")
            return None
        selection = self.view.selection()
        current = self.view.current_annotation()
        if origin is None and current is not None and selection == (current.start, current.end):
            origin = current
        if origin is not None:
            after = [a for a in suggestions if text_order(a) > text_order(origin)]
            before = [a for a in suggestions if text_order(a) < text_order(origin)]
        else:
            offset = selection[0] if selection else self.view.cursor_offset()
            after = [a for a in suggestions if a.start >= offset]
            before = [a for a in suggestions if a.start < offset]
        if direction > 0:
            target = after[0] if after else suggestions[0]
        else:
            target = before[-1] if before else suggestions[-1]
        self.view.set_current(target.id)
        self.message.emit(
            f"Suggestion {suggestions.index(target) + 1} of {len(suggestions)}: "
            f"{target.label} “{self._span_text(target)}”"
        )
        return target

    def decide(self, status: AnnotationStatus, annotation: Annotation | None = None) -> None:
        """Accept or reject `annotation` (by default the current one), then go on to the
        next suggestion."""
        annotation = annotation or self.current()
        if annotation is None or self.editor is None:
            self.message.emit("Put the cursor on a highlighted span first")
            return
        text = self._span_text(annotation)
        if annotation.status is AnnotationStatus.MANUAL and status is AnnotationStatus.REJECTED:
            # Nobody else proposed it: rejecting what you drew yourself removes it.
            self.undo_stack.push(
                RemoveAnnotation(
                    self.editor,
                    annotation,
                    self.view.relations,
                    f"Remove {annotation.label} “{text}”",
                )
            )
            return
        verb = "Accept" if status is AnnotationStatus.ACCEPTED else "Reject"
        title = f"{verb} {annotation.label} “{text}”"
        # Accepting a suggested quote or claim accepts the suggested source it is linked to.
        sources = [
            s
            for s in self.view.linked_to(annotation)
            if s.status is AnnotationStatus.SUGGESTED and status is AnnotationStatus.ACCEPTED
        ]
        self.undo_stack.beginMacro(title)
        for target in [annotation, *sources]:
            self.undo_stack.push(
                ChangeAnnotation(
                    self.editor, target, title, status=status, annotator=self.settings.user_name()
                )
            )
        self.undo_stack.endMacro()
        if any(a.status is AnnotationStatus.SUGGESTED for a in self.view.annotations):
            self.step(+1, annotation)

    def decide_all(self, status: AnnotationStatus) -> None:
        suggestions = self._suggestions()
        if not suggestions or self.editor is None or self.article is None:
            self.message.emit("No suggestions to decide in this article")
            return
        verb = "Accept" if status is AnnotationStatus.ACCEPTED else "Reject"
        self.undo_stack.push(
            SetStatuses(
                self.editor,
                self.article.id,
                suggestions,
                status,
                self.settings.user_name(),
                f"{verb} all {len(suggestions)} suggestions",
            )
        )

    def relabel(self, at: QPoint | None = None, annotation: Annotation | None = None) -> None:
        """Pick another entity label for `annotation` (by default the current one)."""
        annotation = annotation or self.current()
        if annotation is None or self.editor is None:
            self.message.emit("Put the cursor on a highlighted span first")
            return
        if annotation.kind is not AnnotationKind.ENTITY:
            self.message.emit(f"Only entities are relabelled; this is a {annotation.kind}")
            return
        label = dialogs.choose_label(
            self.view, self._label_choices(annotation.label), at or self.menu_point(), "Relabel"
        )
        if label is None or label == annotation.label:
            return
        self._last_label = label
        self.undo_stack.push(
            ChangeAnnotation(
                self.editor,
                annotation,
                f"Relabel “{self._span_text(annotation)}” as {label}",
                label=label,
                status=AnnotationStatus.ACCEPTED,
                annotator=self.settings.user_name(),
            )
        )

    def add_entity(self, *, exact: bool, at: QPoint | None = None) -> None:
        """Tag the selection as an entity; it snaps to whole words unless `exact`."""
        selection = self.view.selection()
        if selection is None or self.article is None or self.editor is None:
            self.message.emit("Select some text first")
            return
        start, end = selection if exact else snap_to_words(self.article.text, *selection)
        if start >= end:
            self.message.emit("The selection holds only spaces")
            return
        label = dialogs.choose_label(
            self.view, self._label_choices(self._last_label), at or self.menu_point(), "Entity"
        )
        if label is None:
            return
        self._last_label = label
        draft = SpanDraft(
            start=start,
            end=end,
            label=label,
            kind=AnnotationKind.ENTITY,
            status=AnnotationStatus.MANUAL,
            annotator=self.settings.user_name(),
        )
        self.tag_span(draft, f"Add {label} “{self.article.text[start:end]}”")

    def tag_span(self, draft: SpanDraft, text: str) -> Annotation | None:
        """Tag a span by hand in one undo step and make it the current annotation.

        One annotation per thing: where one of the same kind already has exactly this span (a
        suggestion, one rejected earlier, another entity label), it is accepted, brought back
        or relabelled instead of a duplicate hidden under it that Details and W would miss.
        Another kind on the same words is another annotation (a SOURCE over a PERSON). Only
        suggestions and the user's own are taken over: a colleague's span, or the reviewed
        layer's, stays theirs, and the user gets an annotation of their own beside it.
        """
        if self.article is None or self.editor is None or self.store is None:
            return None
        me = self.settings.user_name()
        same = [
            a
            for a in self.store.annotations(self.article.id)
            if (a.kind, a.start, a.end) == (draft.kind, draft.start, draft.end)
            and (a.status is AnnotationStatus.SUGGESTED or a.annotator == me)
            and a.annotator not in self.hidden_annotators
        ]
        existing = min(
            same,
            key=lambda a: (a.label != draft.label, a.status is AnnotationStatus.REJECTED, a.id),
            default=None,
        )
        if existing is None:
            command = AddAnnotation(self.editor, self.article.id, draft, text)
            self.undo_stack.push(command)
            tagged = command.annotation
        else:
            changes: dict[str, object] = {}
            if existing.label != draft.label:
                changes["label"] = draft.label
            if existing.status in (AnnotationStatus.SUGGESTED, AnnotationStatus.REJECTED):
                changes["status"] = AnnotationStatus.ACCEPTED
            if changes:
                changes["annotator"] = draft.annotator
                self.undo_stack.push(ChangeAnnotation(self.editor, existing, text, **changes))
            else:
                self.message.emit(f"Already tagged: {existing.label} “{self._span_text(existing)}”")
            tagged = existing
        if tagged is not None:
            self.view.set_current(tagged.id)
        return tagged

    def _label_choices(self, first: str) -> list[str]:
        labels = list(ENTITY_LABELS)
        if first in labels:
            labels.remove(first)
        return [first, *labels]

    def _span_text(self, annotation: Annotation) -> str:
        text = self.article.text[annotation.start : annotation.end] if self.article else ""
        return text if len(text) <= 40 else text[:39] + "…"

    def menu_point(self) -> QPoint:
        rect = self.view.text.cursorRect()
        return self.view.text.viewport().mapToGlobal(rect.bottomLeft())

    def _context_menu(self, at: QPoint, offset: int) -> None:
        menu = self.context_menu(at, offset)
        if not menu.isEmpty():
            menu.exec(at)

    def context_menu(self, at: QPoint, offset: int) -> QMenu:
        """The right-click menu at code-point `offset`: the actions of every span under the
        mouse (innermost first; a submenu each where spans are stacked), then tagging of the
        selection if the click is in it. Built apart from showing it, so tests can read it."""
        under = [
            a for a in self.view.annotations_at(offset) if a.status is not AnnotationStatus.REJECTED
        ]
        menu = QMenu(self.view)
        for annotation in under:
            title = f"{annotation.label} “{self._span_text(annotation)}”"
            if len(under) == 1:
                menu.addSection(title)  # drawn as it is: an & in a section is no mnemonic
                self._add_span_entries(menu, annotation, at)
            else:
                self._add_span_entries(menu.addMenu(menu_text(title)), annotation, at)
        selection = self.view.selection()
        if selection is not None and (not under or selection[0] <= offset < selection[1]):
            if under:
                menu.addSection("Selected text")
            menu.addAction("Tag as entity…").triggered.connect(
                lambda: self.add_entity(exact=False, at=at)
            )
            for extend in self.selection_menu_extenders:
                extend(menu)
        return menu

    def _add_span_entries(self, menu: QMenu, annotation: Annotation, at: QPoint) -> None:
        """Accept, Reject (Remove for one's own), Relabel… for one span; each first makes it
        the current annotation, so what follows (Details, N) goes on from it."""

        def on_it(act: Callable[[], object]) -> Callable[[], None]:
            return acting_on(self.view, annotation, act)

        status = annotation.status
        if status is AnnotationStatus.SUGGESTED:
            menu.addAction("Accept").triggered.connect(
                on_it(lambda: self.decide(AnnotationStatus.ACCEPTED, annotation))
            )
        menu.addAction(
            "Remove" if status is AnnotationStatus.MANUAL else "Reject"
        ).triggered.connect(on_it(lambda: self.decide(AnnotationStatus.REJECTED, annotation)))
        if annotation.kind is AnnotationKind.ENTITY:
            menu.addAction("Relabel…").triggered.connect(
                on_it(lambda: self.relabel(at, annotation))
            )
        for extend in self.span_menu_extenders:
            extend(menu, annotation, at)


def acting_on(
    view: ArticleView, annotation: Annotation, act: Callable[[], object]
) -> Callable[[], None]:
    """A menu entry's handler: make `annotation` current (select it), then `act` on it."""

    def run() -> None:
        view.set_current(annotation.id)
        act()

    return run


def text_order(annotation: Annotation) -> tuple[int, int, str, str, int]:
    """The order N and P follow: by start, a span before those inside it, and spans on the
    same characters by kind, label and id, so the order is total and none is skipped."""
    return (
        annotation.start,
        -annotation.end,
        annotation.kind.value,
        annotation.label,
        annotation.id,
    )
