"""Undo commands. Each changes annotations only through the AnnotationEditor, never widgets.

A command whose annotation has gone (deleted by a later suggestion run, say) marks itself
obsolete, and QUndoStack drops it instead of failing.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from annotator.domain.model import Annotation, AnnotationStatus, Relation, SpanDraft
from annotator.errors import UserError
from annotator.ui.editing import AnnotationEditor


class ProjectUndoStack(QUndoStack):
    """The window's undo stack. While the project file is read-only it takes no command and
    says why (`refused`), so no change is shown on screen that could not be saved."""

    refused = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        #: Why edits cannot be saved, or None when they can.
        self.read_only_reason: str | None = None
        self._refused_macros = 0  # macros begun while read-only: no empty entry is left

    def push(self, cmd: QUndoCommand) -> None:
        if self.read_only_reason is not None:
            self.refused.emit(self.read_only_reason)
            return
        super().push(cmd)

    def beginMacro(self, text: str) -> None:
        if self.read_only_reason is not None:
            self._refused_macros += 1
            return
        super().beginMacro(text)

    def endMacro(self) -> None:
        if self._refused_macros:
            self._refused_macros -= 1
            return
        super().endMacro()


class ChangeAnnotation(QUndoCommand):
    """Change some fields of one annotation (accept, reject, relabel, note...)."""

    def __init__(
        self, editor: AnnotationEditor, before: Annotation, text: str, **changes: Any
    ) -> None:
        super().__init__(text)
        self._editor = editor
        self._id = before.id
        self._after = changes
        self._before = {field: getattr(before, field) for field in changes}

    def redo(self) -> None:
        try:
            self._editor.update(self._id, **self._after)
        except UserError:
            self.setObsolete(True)

    def undo(self) -> None:
        try:
            self._editor.update(self._id, **self._before)
        except UserError:
            self.setObsolete(True)


class AddAnnotation(QUndoCommand):
    """Add an annotation; undo deletes it, redo puts the same row (same id) back."""

    def __init__(
        self, editor: AnnotationEditor, article_id: int, draft: SpanDraft, text: str
    ) -> None:
        super().__init__(text)
        self._editor = editor
        self._article_id = article_id
        self._draft = draft
        self.annotation: Annotation | None = None

    def redo(self) -> None:
        if self.annotation is None:
            self.annotation = self._editor.add(self._article_id, self._draft)
        else:
            self.annotation = self._editor.restore(self.annotation)

    def undo(self) -> None:
        if self.annotation is not None:
            self._editor.delete(self.annotation)


class SetStatuses(QUndoCommand):
    """Decide many annotations of one article at once (accept all, reject all)."""

    def __init__(
        self,
        editor: AnnotationEditor,
        article_id: int,
        annotations: list[Annotation],
        status: AnnotationStatus,
        annotator: str | None,
        text: str,
    ) -> None:
        super().__init__(text)
        self._editor = editor
        self._article_id = article_id
        self._before = {a.id: (a.status, a.annotator) for a in annotations}
        self._after = dict.fromkeys(self._before, (status, annotator))

    def redo(self) -> None:
        self._editor.set_statuses(self._article_id, self._after)

    def undo(self) -> None:
        self._editor.set_statuses(self._article_id, self._before)


class RemoveAnnotation(QUndoCommand):
    """Remove an annotation drawn by hand; undo brings it back with its links."""

    def __init__(
        self, editor: AnnotationEditor, annotation: Annotation, relations: list[Relation], text: str
    ) -> None:
        super().__init__(text)
        self._editor = editor
        self._annotation = annotation
        self._relations = [r for r in relations if annotation.id in (r.head_id, r.child_id)]

    def redo(self) -> None:
        self._editor.delete(self._annotation)  # its relations go with it (ON DELETE CASCADE)

    def undo(self) -> None:
        self._editor.restore(self._annotation)
        for relation in self._relations:
            self._editor.restore_relation(relation)


class Attribute(QUndoCommand):
    """Link a quote or claim to its source, replacing the links it had (or just unlink)."""

    def __init__(
        self,
        editor: AnnotationEditor,
        head: Annotation,
        child: Annotation | None,
        label: str,
        annotator: str,
        replaced: list[Relation],
        text: str,
    ) -> None:
        super().__init__(text)
        self._editor = editor
        self._head, self._child = head, child
        self._label, self._annotator = label, annotator
        self._replaced = replaced
        self.relation: Relation | None = None

    def redo(self) -> None:
        for relation in self._replaced:
            self._editor.unlink(relation)
        if self._child is None:
            return
        if self.relation is None:
            self.relation = self._editor.link(self._head, self._child, self._label, self._annotator)
        else:
            self.relation = self._editor.restore_relation(self.relation)

    def undo(self) -> None:
        if self.relation is not None:
            self._editor.unlink(self.relation)
        for relation in self._replaced:
            self._editor.restore_relation(relation)
