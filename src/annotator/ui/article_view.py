"""The article reader: metadata heading over the text, with annotations highlighted.

Text always goes in with setPlainText, so markup stays literal. Callers speak code points;
this view converts to Qt's UTF-16 positions through Utf16Offsets and nowhere else.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase, QHelpEvent, QPalette, QTextCursor, QTextOption
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QToolTip, QVBoxLayout, QWidget

from annotator.domain.model import Annotation, AnnotationStatus, Article
from annotator.ui.highlighter import AnnotatedTextEdit
from annotator.ui.offsets import Utf16Offsets

READING_POINT_SIZE = 12


class ArticleView(QWidget):
    """Shows one article read-only with its annotations; reports context-menu requests."""

    #: Global position of the request and the code-point offset under the mouse.
    context_menu_requested = Signal(QPoint, int)

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

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.byline)
        layout.addWidget(self.notice)
        layout.addWidget(self.text, stretch=1)
        self.offsets = Utf16Offsets("")
        self.annotations: list[Annotation] = []
        self.article: Article | None = None
        self.show_article(None)

    # -- content ---------------------------------------------------------------------------------

    def show_article(self, article: Article | None) -> None:
        self.article = article
        self.annotations = []
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

    def show_annotations(self, annotations: list[Annotation], hidden: set[str]) -> None:
        self.annotations = annotations
        self.text.set_spans(annotations, self.offsets, hidden)

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
        if watched is self.text.viewport() and event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            shown = [
                a
                for a in self.annotations_at(self._offset_at(event.pos()))
                if a.status is not AnnotationStatus.REJECTED
            ]
            if shown:
                QToolTip.showText(event.globalPos(), tooltip(shown), self.text)
            else:
                QToolTip.hideText()
            return True
        return super().eventFilter(watched, event)


def tooltip(annotations: list[Annotation]) -> str:
    """Label, status and who made it, one line per annotation under the mouse."""
    return "\n".join(f"{a.label} · {provenance(a)}" for a in annotations)


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
