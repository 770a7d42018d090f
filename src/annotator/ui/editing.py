"""AnnotationEditor: every change to annotations from the GUI goes through here.

Undo commands call it in redo() and undo(); it writes through the store (each call is its
own committed transaction) and announces which article changed, so views refresh themselves.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from annotator.domain.model import Annotation, AnnotationStatus, Relation, SpanDraft
from annotator.store import ProjectStore


class AnnotationEditor(QObject):
    changed = Signal(int)  # article id

    def __init__(self, store: ProjectStore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store

    def update(self, annotation_id: int, **changes: Any) -> Annotation:
        annotation = self.store.update_annotation(annotation_id, **changes)
        self.changed.emit(annotation.article_id)
        return annotation

    def add(self, article_id: int, draft: SpanDraft) -> Annotation:
        annotation = self.store.add_annotation(article_id, draft)
        self.changed.emit(article_id)
        return annotation

    def restore(self, annotation: Annotation) -> Annotation:
        restored = self.store.restore_annotation(annotation)
        self.changed.emit(annotation.article_id)
        return restored

    def delete(self, annotation: Annotation) -> None:
        self.store.delete_annotation(annotation.id)
        self.changed.emit(annotation.article_id)

    def set_statuses(
        self, article_id: int, changes: dict[int, tuple[AnnotationStatus, str | None]]
    ) -> None:
        self.store.set_statuses(changes)
        self.changed.emit(article_id)

    def link(self, head: Annotation, child: Annotation, label: str, annotator: str) -> Relation:
        relation = self.store.add_relation(head.id, child.id, label, annotator)
        self.changed.emit(head.article_id)
        return relation

    def unlink(self, relation: Relation) -> None:
        self.store.delete_relation(relation.id)
        self.changed.emit(relation.article_id)

    def restore_relation(self, relation: Relation) -> Relation:
        restored = self.store.restore_relation(relation)
        self.changed.emit(relation.article_id)
        return restored
