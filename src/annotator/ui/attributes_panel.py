"""The side panel that edits the annotation under the cursor: verdicts, types, roles, notes.

Every change is an undoable ChangeAnnotation saved at once. Choices apply when picked; text
fields apply when they lose focus or after a short pause in typing, and a refresh never
overwrites a field the user is typing in.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
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

from annotator.domain.attributes import CHOICES, EVIDENCE, ROLE, Choice
from annotator.domain.model import Annotation, AnnotationKind
from annotator.ui.article_review import ArticleReview
from annotator.ui.article_view import provenance
from annotator.ui.commands import ChangeAnnotation
from annotator.ui.plain import plain_label
from annotator.ui.tagging import Tagging

#: Pause in typing after which a text field is saved.
TYPING_PAUSE_MS = 800


class AttributesPanel(QWidget):
    def __init__(
        self, review: ArticleReview, tagging: Tagging, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.review = review
        self.tagging = tagging
        self.annotation: Annotation | None = None

        self.title = QLabel("Put the cursor on an annotation to edit it.")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.status = plain_label()  # names the annotator or model: from the file
        self.status.setWordWrap(True)
        self.form = QFormLayout()
        self.choices: dict[str, QComboBox] = {}
        for kind_choices in CHOICES.values():
            for choice in kind_choices:
                combo = QComboBox()
                combo.setAccessibleName(choice.label)
                for value, shown in choice.values:
                    combo.addItem(shown, value)
                combo.activated.connect(lambda _, c=choice: self._choose(c))
                self.choices[choice.key] = combo
                self.form.addRow(choice.label, combo)
        self.role = QLineEdit()
        self.role.setPlaceholderText("e.g. spokesman for the chancellor")
        self.role.editingFinished.connect(lambda: self._set_attr(ROLE, self.role.text().strip()))
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
        self.show_annotation(self.review.view.by_id(annotation_id) if annotation_id else None)

    def show_annotation(self, annotation: Annotation | None) -> None:
        if self.annotation is not None and (
            annotation is None or annotation.id != self.annotation.id
        ):
            self._save_texts()  # leaving an annotation saves what was typed for it
        self.annotation = annotation
        has = annotation is not None
        kind = annotation.kind if annotation else None
        for choice_key, combo in self.choices.items():
            choice = _choice(kind, choice_key)
            self._show_row(combo, choice is not None)
            if annotation is not None and choice is not None:
                index = combo.findData(annotation.attrs.get(choice.key, choice.default))
                combo.setCurrentIndex(max(index, 0))
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
        if not self.role.hasFocus():
            self.role.setText(str(annotation.attrs.get(ROLE, "")))
        self._load_text(self.evidence, "\n".join(annotation.attrs.get(EVIDENCE, [])))
        self._load_text(self.note, annotation.note or "")

    def focus_first_field(self) -> None:
        """Keyboard users land on the first field the current annotation shows."""
        fields = [*self.choices.values(), self.role, self.speaker_button, self.evidence, self.note]
        visible = [w for w in fields if self.form.isRowVisible(w)]
        if visible:
            visible[0].setFocus()

    def _show_row(self, widget: QWidget, visible: bool) -> None:
        self.form.setRowVisible(widget, visible)

    def _load_text(self, editor: QPlainTextEdit, text: str) -> None:
        if editor.hasFocus() or editor.toPlainText() == text:
            return  # never overwrite what the user is typing
        editor.blockSignals(True)
        editor.setPlainText(text)
        editor.blockSignals(False)

    # -- editing ---------------------------------------------------------------------------------

    def _push(self, text: str, **changes: Any) -> None:
        annotation, editor = self.annotation, self.review.editor
        if annotation is None or editor is None:
            return
        self.review.undo_stack.push(ChangeAnnotation(editor, annotation, text, **changes))

    def _what(self) -> str:
        annotation = self.annotation
        article = self.review.article
        if annotation is None or article is None:
            return ""
        text = article.text[annotation.start : annotation.end]
        return f"{annotation.kind} “{text if len(text) <= 30 else text[:29] + '…'}”"

    def _choose(self, choice: Choice) -> None:
        value = self.choices[choice.key].currentData()
        shown = self.choices[choice.key].currentText()
        self._set_attr(
            choice.key, value, f"Set {choice.label.lower()} of {self._what()} to {shown}"
        )

    def _set_attr(self, key: str, value: Any, text: str | None = None) -> None:
        annotation = self.annotation
        if annotation is None or annotation.attrs.get(key, "" if key == ROLE else None) == value:
            return
        attrs = {**annotation.attrs, key: value}
        self._push(text or f"Set {key} of {self._what()}", attrs=attrs)

    def _on_typed(self) -> None:
        self._typing.start()

    def _save_texts(self) -> None:
        self._typing.stop()
        annotation = self.annotation
        if annotation is None:
            return
        note = self.note.toPlainText().strip() or None
        if note != (annotation.note or None):
            self._push(f"Edit the note of {self._what()}", note=note)
            annotation = self.annotation
        if annotation is not None and annotation.kind is AnnotationKind.CLAIM:
            links = [line.strip() for line in self.evidence.toPlainText().splitlines()]
            links = [line for line in links if line]
            if links != annotation.attrs.get(EVIDENCE, []):
                self._set_attr(EVIDENCE, links, f"Edit the evidence of {self._what()}")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and watched in (self.note, self.evidence):
            self._save_texts()
        return super().eventFilter(watched, event)


def _choice(kind: AnnotationKind | None, key: str) -> Choice | None:
    if kind is None:
        return None
    return next((c for c in CHOICES[kind] if c.key == key), None)
