"""The article reader: metadata heading over the text, with annotations highlighted.

Text always goes in with setPlainText, so markup stays literal. Callers speak code points;
this view converts to Qt's UTF-16 positions through Utf16Offsets and nowhere else.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QLineF, QObject, QPoint, QPointF, Qt, Signal
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QHelpEvent,
    QMouseEvent,
    QPalette,
    QTextCursor,
    QTextOption,
)
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QToolTip, QVBoxLayout, QWidget

from annotator.domain.model import Annotation, AnnotationKind, AnnotationStatus, Article, Relation
from annotator.ui.highlighter import AnnotatedTextEdit
from annotator.ui.offsets import Utf16Offsets
from annotator.ui.plain import tooltip_text

READING_POINT_SIZE = 12


class ArticleView(QWidget):
    """Shows one article read-only with its annotations; reports context-menu requests."""

    #: Global position of the request and the code-point offset under the mouse.
    context_menu_requested = Signal(QPoint, int)
    #: Ctrl-drag from a quote or claim onto a source: (head annotation id, child id).
    link_requested = Signal(int, int)
    #: The annotation under the cursor changed (its id, or 0 for none).
    current_changed = Signal(int)

    ATTRIBUTABLE = (AnnotationKind.QUOTE, AnnotationKind.CLAIM)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        heading_font = QFont(self.heading.font())
        heading_font.setPointSizeF(READING_POINT_SIZE + 4)
        heading_font.setBold(True)
        self.heading.setFont(heading_font)
        self.byline = QLabel()
        self.byline.setWordWrap(True)
        self.byline.setTextFormat(Qt.TextFormat.PlainText)
        self.byline.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # secondary, any theme
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.hide()

        self.text = AnnotatedTextEdit()
        self.text.setReadOnly(True)
        # Keyboard-selectable so the whole review flow works without a mouse.
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.text.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.text.setFont(reading_font())
        self.text.document().setDocumentMargin(16)
        self.text.document().setUndoRedoEnabled(False)
        self.text.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.text.customContextMenuRequested.connect(self._on_context_menu)
        self.text.viewport().installEventFilter(self)
        self.text.cursorPositionChanged.connect(self._on_cursor_moved)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.byline)
        layout.addWidget(self.notice)
        layout.addWidget(self.text, stretch=1)
        self.offsets = Utf16Offsets("")
        self.annotations: list[Annotation] = []
        self.relations: list[Relation] = []
        self.article: Article | None = None
        self._current = 0
        #: The annotation chosen by set_current; it stays current while its span is selected,
        #: even where other annotations cover the same characters.
        self._chosen = 0
        self._drag_from: tuple[Annotation, QPointF] | None = None
        self.show_article(None)

    # -- content ---------------------------------------------------------------------------------

    def show_article(self, article: Article | None) -> None:
        self.article = article
        self.annotations = []
        self.relations = []
        self.text.set_links([])
        self.set_notice("")
        if article is None:
            self.heading.setText("No article selected")
            self.byline.setText("Choose an article in the list, or import some with File ▸ Import.")
            self.offsets = Utf16Offsets("")
            self.text.set_spans([], self.offsets, set())
            self.text.clear()
            return
        self.heading.setText(article.title)
        details = [article.outlet, article.author and f"by {article.author}", article.published]
        self.byline.setText(" · ".join(item for item in details if item))
        self.offsets = Utf16Offsets(article.text)
        self.text.set_spans([], self.offsets, set())
        self.text.setPlainText(article.text)

    def show_annotations(
        self, annotations: list[Annotation], hidden: set[str], relations: Sequence[Relation] = ()
    ) -> None:
        self.annotations = annotations
        self.relations = list(relations)
        self.text.set_spans(annotations, self.offsets, hidden)
        self._current = -1  # re-announce the annotation under the cursor, it may have changed
        self._on_cursor_moved()

    def by_id(self, annotation_id: int) -> Annotation | None:
        return next((a for a in self.annotations if a.id == annotation_id), None)

    def linked_to(self, annotation: Annotation) -> list[Annotation]:
        """The sources a quote or claim is attributed to (children of its relations)."""
        children = [r.child_id for r in self.relations if r.head_id == annotation.id]
        return [a for a in (self.by_id(i) for i in children) if a is not None]

    def current_annotation(self) -> Annotation | None:
        """The annotation the selection covers exactly, else the innermost one at the cursor;
        where several tie (stacked spans), the one chosen by set_current."""
        live = [a for a in self.annotations if a.status is not AnnotationStatus.REJECTED]
        selection = self.selection()
        tied = [a for a in live if (a.start, a.end) == selection] if selection else []
        if not tied:
            offset = selection[0] if selection else self.cursor_offset()
            covering = [a for a in live if a.start <= offset < a.end]
            shortest = min((a.end - a.start for a in covering), default=0)
            tied = [a for a in covering if a.end - a.start == shortest]
        return next((a for a in tied if a.id == self._chosen), tied[0] if tied else None)

    def set_current(self, annotation_id: int) -> None:
        """Select this annotation's span and make it the current one, also where others cover
        the same characters (stacked suggestions, a tag over a suggestion)."""
        annotation = self.by_id(annotation_id)
        if annotation is None:
            return
        self._chosen = annotation_id
        position = self.text.textCursor().position()
        self.select(annotation.start, annotation.end)
        if self.text.textCursor().position() == position:
            # cursorPositionChanged did not run it, but the current annotation may have changed
            self._on_cursor_moved()

    def _on_cursor_moved(self) -> None:
        """Draw every attribution link, those of the annotation under the cursor stronger."""
        current = self.current_annotation()
        spans = {a.id: a for a in self.annotations if a.status is not AnnotationStatus.REJECTED}
        links = []
        for relation in self.relations:
            head, child = spans.get(relation.head_id), spans.get(relation.child_id)
            if head is None or child is None:
                continue
            strong = current is not None and (
                current.id in (head.id, child.id)
                or (current.start < head.end and head.start < current.end)
            )
            suggested = AnnotationStatus.SUGGESTED in (head.status, child.status)
            if strong or not suggested:  # suggested links show only where the cursor is
                links.append((head.start, head.end, child.start, child.end, strong))
        self.text.set_links(links)
        current_id = current.id if current else 0
        if current_id != self._current:
            self._current = current_id
            self.current_changed.emit(current_id)

    def set_notice(self, message: str) -> None:
        """A one-line note above the text, e.g. why there are no model suggestions."""
        self.notice.setText(message)
        self.notice.setVisible(bool(message))

    # -- positions, in code points ---------------------------------------------------------------

    def cursor_offset(self) -> int:
        return self.offsets.to_code_points(self.text.textCursor().position())

    def selection(self) -> tuple[int, int] | None:
        cursor = self.text.textCursor()
        if not cursor.hasSelection():
            return None
        start = self.offsets.to_code_points(cursor.selectionStart())
        end = self.offsets.to_code_points(cursor.selectionEnd())
        return (start, end) if start < end else None

    def select(self, start: int, end: int) -> None:
        """Select [start, end) and scroll it into view."""
        cursor = self.text.textCursor()
        cursor.setPosition(self.offsets.to_qt(start))
        cursor.setPosition(self.offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.text.setTextCursor(cursor)
        self.text.ensureCursorVisible()

    def annotations_at(self, offset: int) -> list[Annotation]:
        """Annotations covering code-point `offset`, innermost (shortest) first."""
        covering = [a for a in self.annotations if a.start <= offset < a.end]
        return sorted(covering, key=lambda a: a.end - a.start)

    def _offset_at(self, point: QPoint) -> int:
        return self.offsets.to_code_points(self.text.cursorForPosition(point).position())

    # -- events ----------------------------------------------------------------------------------

    def _on_context_menu(self, point: QPoint) -> None:
        self.context_menu_requested.emit(
            self.text.viewport().mapToGlobal(point), self._offset_at(point)
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.text.viewport() and isinstance(event, QMouseEvent):
            return self._link_drag(event)
        if watched is self.text.viewport() and event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            shown = [
                a
                for a in self.annotations_at(self._offset_at(event.pos()))
                if a.status is not AnnotationStatus.REJECTED
            ]
            if shown:
                QToolTip.showText(event.globalPos(), tooltip_text(tooltip(shown, self)), self.text)
            else:
                QToolTip.hideText()
            return True
        return super().eventFilter(watched, event)

    def _link_drag(self, event: QMouseEvent) -> bool:
        """Ctrl-drag from a quote or claim to a source links them; other mouse use is Qt's."""
        point = event.position()
        if event.type() == QEvent.Type.MouseButtonPress:
            if (
                event.button() == Qt.MouseButton.LeftButton
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier
            ):
                under = self.annotations_at(self._offset_at(point.toPoint()))
                heads = [a for a in under if a.kind in self.ATTRIBUTABLE]
                if heads and heads[0].status is not AnnotationStatus.REJECTED:
                    self._drag_from = (heads[0], point)
                    return True
            return False
        if self._drag_from is None:
            return False
        if event.type() == QEvent.Type.MouseMove:
            self.text.drag_line = QLineF(self._drag_from[1], point)
            self.text.viewport().update()
            return True
        if event.type() == QEvent.Type.MouseButtonRelease:
            head = self._drag_from[0]
            self._drag_from = None
            self.text.drag_line = None
            self.text.viewport().update()
            targets = [
                a
                for a in self.annotations_at(self._offset_at(point.toPoint()))
                if a.id != head.id
                and a.kind not in self.ATTRIBUTABLE
                and a.status is not AnnotationStatus.REJECTED
            ]
            if targets:
                self.link_requested.emit(head.id, targets[0].id)
            return True
        return False


def tooltip(annotations: list[Annotation], view: ArticleView | None = None) -> str:
    """Label, status and who made it, one line per annotation under the mouse (with the
    speaker of a quote or claim)."""
    lines = []
    for a in annotations:
        line = f"{a.label} · {provenance(a)}"
        if view is not None and view.article is not None and a.kind in ArticleView.ATTRIBUTABLE:
            speakers = [view.article.text[s.start : s.end] for s in view.linked_to(a)]
            line += f" · said by {', '.join(speakers)}" if speakers else " · no source yet"
        lines.append(line)
    return "\n".join(lines)


def provenance(annotation: Annotation) -> str:
    who = annotation.annotator or "someone"
    if annotation.status is AnnotationStatus.SUGGESTED:
        if annotation.attrs.get("source") == "memory":
            return "suggested from entity memory"
        return f"suggested by {annotation.attrs.get('model') or who}"
    if annotation.status is AnnotationStatus.MANUAL:
        return f"added by {who}"
    return f"{annotation.status} by {who}"


def reading_font() -> QFont:
    """A serif face at a comfortable size for long reading, falling back to the system font."""
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
    for family in ("Georgia", "Charter", "Noto Serif", "DejaVu Serif", "Cambria"):
        if QFontDatabase.hasFamily(family):
            font = QFont(family)
            break
    font.setPointSize(READING_POINT_SIZE)
    return font
