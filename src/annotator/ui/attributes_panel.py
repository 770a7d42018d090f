"""The side panel that edits the annotation under the cursor: verdicts, types, roles, notes.

Every change is an undoable ChangeAnnotation saved at once. What a field shows is what is
stored: an unset choice shows "Not set" (domain/attributes.py says why). A choice applies when
it is committed (picked from the open list, Return, or leaving the box), not for every value
the arrow keys pass; text fields apply when they lose focus or after a short pause in typing.
Each edit lands on the annotation it was made for, even if the cursor has moved on since, and
a refresh never overwrites a field the user is typing in.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QWheelEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.domain.attributes import CHOICES, EVIDENCE, NOT_SET, ROLE, Choice
from annotator.domain.model import Annotation, AnnotationKind
from annotator.ui.article_review import ArticleReview
from annotator.ui.article_view import provenance
from annotator.ui.commands import ChangeAnnotation
from annotator.ui.plain import plain_label
from annotator.ui.tagging import Tagging

#: Pause in typing after which a text field is saved.
TYPING_PAUSE_MS = 800

_RETURN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class ChoiceBox(QComboBox):
    """A combo box that says `committed` once the user settles on a value.

    A closed QComboBox emits `activated` for every value its arrow keys, typed letters or
    wheel pass; each would be its own undo step. Those values wait (`pending`) until Return
    or leaving the box; a value picked from the open list commits at once.
    """

    committed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pending = False
        self._browsing = False
        self.activated.connect(self._on_activated)

    def _on_activated(self, _index: int) -> None:
        if self._browsing:
            self.pending = True
        else:
            self.commit()

    def commit(self) -> None:
        self.pending = False
        self.committed.emit()

    def commit_pending(self) -> None:
        if self.pending:
            self.commit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in _RETURN_KEYS and self.pending:
            self.commit()
            event.accept()
            return
        self._browsing = True
        try:
            super().keyPressEvent(event)
        finally:
            self._browsing = False

    def wheelEvent(self, event: QWheelEvent) -> None:
        if not self.hasFocus():
            event.ignore()  # no value changes under a mouse passing by: the panel scrolls
            return
        self._browsing = True
        try:
            super().wheelEvent(event)
        finally:
            self._browsing = False

    def focusOutEvent(self, event: QFocusEvent) -> None:
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.commit_pending()
        super().focusOutEvent(event)


class AttributesPanel(QWidget):
    def __init__(
        self, review: ArticleReview, tagging: Tagging, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.review = review
        self.tagging = tagging
        self.annotation: Annotation | None = None
        self._saving = False  # saving what was typed for an annotation the cursor has left

        self.title = QLabel("Put the cursor on an annotation to edit it.")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.status = plain_label()  # names the annotator or model: from the file
        self.status.setWordWrap(True)
        self.form = QFormLayout()
        self.choices: dict[str, ChoiceBox] = {}
        for kind_choices in CHOICES.values():
            for choice in kind_choices:
                combo = ChoiceBox()
                combo.setAccessibleName(choice.label)
                combo.addItem(NOT_SET, None)
                for value, shown in choice.values:
                    combo.addItem(shown, value)
                combo.committed.connect(lambda c=choice: self._choose(c))
                self.choices[choice.key] = combo
                self.form.addRow(choice.label, combo)
        self.role = QLineEdit()
        self.role.setPlaceholderText("e.g. spokesman for the chancellor")
        #: The id of the annotation whose role is being typed: the role is stored there.
        self._role_for: int | None = None
        self.role.textEdited.connect(self._on_role_typed)
        self.role.editingFinished.connect(self._save_role)
        self.form.addRow("Role", self.role)
        self.speaker = plain_label()
        self.speaker.setWordWrap(True)
        self.speaker_button = QPushButton("Attribute…")
        self.speaker_button.setToolTip("Link to the source who said it (W, or Ctrl-drag)")
        self.speaker_button.clicked.connect(lambda: tagging.attribute())
        self.form.addRow("Said by", self.speaker)
        self.form.addRow("", self.speaker_button)
        self.evidence = QPlainTextEdit()
        self.evidence.setPlaceholderText("Evidence links, one per line")
        self.evidence.setMaximumHeight(80)
        self.form.addRow("Evidence", self.evidence)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText("Notes")
        self.form.addRow("Note", self.note)

        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_PAUSE_MS)
        self._typing.timeout.connect(self._save_texts)
        for editor in (self.evidence, self.note):
            editor.textChanged.connect(self._on_typed)
            editor.installEventFilter(self)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.status)
        layout.addLayout(self.form)
        layout.addStretch(1)
        review.view.current_changed.connect(self._on_current_changed)
        self.show_annotation(None)

    # -- showing ---------------------------------------------------------------------------------

    def _on_current_changed(self, annotation_id: int) -> None:
        if self._saving:
            return  # a save's own refresh: show_annotation goes on once the saves are done
        self.show_annotation(self.review.view.by_id(annotation_id) if annotation_id else None)

    def show_annotation(self, annotation: Annotation | None) -> None:
        leaving = self.annotation is not None and (
            annotation is None or annotation.id != self.annotation.id
        )
        if leaving:  # what was chosen or typed for the annotation left is saved on it
            self._saving = True
            try:
                for combo in self.choices.values():
                    combo.commit_pending()
                self._save_role()
                self._save_texts()
            finally:
                self._saving = False
            if annotation is not None:  # as it is after the saves' refresh
                annotation = self.review.view.by_id(annotation.id)
        self.annotation = annotation
        has = annotation is not None
        kind = annotation.kind if annotation else None
        for choice_key, combo in self.choices.items():
            choice = _choice(kind, choice_key)
            self._show_row(combo, choice is not None)
            if annotation is not None and choice is not None and not combo.pending:
                _load_choice(combo, choice, annotation.attrs.get(choice.key))
        self._show_row(self.role, kind is AnnotationKind.SOURCE)
        attributable = kind in (AnnotationKind.QUOTE, AnnotationKind.CLAIM)
        self._show_row(self.speaker, attributable)
        self._show_row(self.speaker_button, attributable)
        self._show_row(self.evidence, kind is AnnotationKind.CLAIM)
        self._show_row(self.note, has)
        if annotation is None:
            self.title.setText("Put the cursor on an annotation to edit it.")
            self.status.clear()
            return
        article = self.review.article
        text = article.text[annotation.start : annotation.end] if article else ""
        short = text if len(text) <= 120 else text[:119] + "…"
        self.title.setText(f"{annotation.label} “{short}”")
        self.status.setText(provenance(annotation))
        whole = article.text if article else ""
        speakers = [whole[a.start : a.end] for a in self.review.view.linked_to(annotation)]
        self.speaker.setText(", ".join(speakers) if speakers and article else "nobody yet")
        if self._role_for is None:
            self.role.setText(str(annotation.attrs.get(ROLE, "")))
        self._load_text(self.evidence, "\n".join(annotation.attrs.get(EVIDENCE, [])), leaving)
        self._load_text(self.note, annotation.note or "", leaving)

    def focus_first_field(self) -> None:
        """Keyboard users land on the first field the current annotation shows."""
        fields = [*self.choices.values(), self.role, self.speaker_button, self.evidence, self.note]
        visible = [w for w in fields if self.form.isRowVisible(w)]
        if visible:
            visible[0].setFocus()

    def _show_row(self, widget: QWidget, visible: bool) -> None:
        self.form.setRowVisible(widget, visible)

    def _load_text(self, editor: QPlainTextEdit, text: str, leaving: bool) -> None:
        if (editor.hasFocus() and not leaving) or editor.toPlainText() == text:
            return  # never overwrite what the user is typing for this annotation
        editor.blockSignals(True)
        editor.setPlainText(text)
        editor.blockSignals(False)

    # -- editing ---------------------------------------------------------------------------------

    def _fresh(self, annotation: Annotation) -> Annotation:
        """The annotation as stored now: an earlier save of the same round may have changed it."""
        return self.review.view.by_id(annotation.id) or annotation

    def _push(self, annotation: Annotation, text: str, **changes: Any) -> None:
        editor = self.review.editor
        if editor is not None:
            before = self._fresh(annotation)
            self.review.undo_stack.push(ChangeAnnotation(editor, before, text, **changes))

    def _what(self, annotation: Annotation) -> str:
        article = self.review.article
        if article is None:
            return ""
        text = article.text[annotation.start : annotation.end]
        return f"{annotation.kind} “{text if len(text) <= 30 else text[:29] + '…'}”"

    def _choose(self, choice: Choice) -> None:
        annotation = self.annotation
        if annotation is None:
            return
        combo = self.choices[choice.key]
        value, shown = combo.currentData(), combo.currentText()
        what = f"{choice.label.lower()} of {self._what(annotation)}"
        text = f"Set {what} to {shown}" if value is not None else f"Clear the {what}"
        self._set_attr(annotation, choice.key, value, text)

    def _set_attr(self, annotation: Annotation, key: str, value: Any, text: str) -> None:
        """Store `value` under `key`; an empty one removes the key (the field is unset)."""
        annotation = self._fresh(annotation)
        if (annotation.attrs.get(key) or None) == (value or None):
            return
        attrs = {k: v for k, v in annotation.attrs.items() if k != key}
        if value:
            attrs[key] = value
        self._push(annotation, text, attrs=attrs)

    def _on_role_typed(self) -> None:
        if self._role_for is None and self.annotation is not None:
            self._role_for = self.annotation.id

    def _save_role(self) -> None:
        target_id, self._role_for = self._role_for, None
        target = self.review.view.by_id(target_id) if target_id is not None else None
        if target is not None:
            what = self._what(target)
            self._set_attr(target, ROLE, self.role.text().strip(), f"Set the role of {what}")

    def _on_typed(self) -> None:
        self._typing.start()

    def _save_texts(self) -> None:
        self._typing.stop()
        annotation = self.annotation
        if annotation is None:
            return
        note = self.note.toPlainText().strip() or None
        if note != (self._fresh(annotation).note or None):
            self._push(annotation, f"Edit the note of {self._what(annotation)}", note=note)
        if annotation.kind is AnnotationKind.CLAIM:
            links = [line.strip() for line in self.evidence.toPlainText().splitlines()]
            links = [line for line in links if line]
            what = f"Edit the evidence of {self._what(annotation)}"
            self._set_attr(annotation, EVIDENCE, links, what)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and watched in (self.note, self.evidence):
            self._save_texts()
        return super().eventFilter(watched, event)


def _choice(kind: AnnotationKind | None, key: str) -> Choice | None:
    if kind is None:
        return None
    return next((c for c in CHOICES[kind] if c.key == key), None)


def _load_choice(combo: ChoiceBox, choice: Choice, value: Any) -> None:
    """Show a stored value: NOT_SET when there is none, and a value from elsewhere that the
    list does not hold as an extra entry of its own, never as some other value."""
    while combo.count() > len(choice.values) + 1:
        combo.removeItem(combo.count() - 1)
    index = combo.findData(value) if value else 0
    if index < 0:
        combo.addItem(str(value), value)
        index = combo.count() - 1
    combo.setCurrentIndex(index)
