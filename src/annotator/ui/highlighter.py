"""Paint annotations over the article text, only where the viewport shows them.

Nothing is written into the QTextDocument: it keeps its plain text and lays itself out as
lazily as a bare QPlainTextEdit does. Each paint looks up the spans that overlap the visible
blocks (binary search over span starts) and draws a tint behind their text and an underline
below it, so opening a long article with thousands of highlights costs little more than
opening the plain text.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from operator import attrgetter

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen, QTextBlock
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from annotator.domain.model import Annotation, AnnotationStatus
from annotator.ui.offsets import Utf16Offsets
from annotator.ui.palette import ACCEPTED_ALPHA, SUGGESTED_ALPHA, line_color, tint


@dataclass(frozen=True, slots=True)
class SpanStyle:
    """Suggestions: a light wash and a dashed underline; decisions: a stronger fill, solid line."""

    fill: QColor
    line: QColor
    dashed: bool

    @classmethod
    def for_annotation(cls, label: str, status: AnnotationStatus, *, dark: bool) -> SpanStyle:
        suggested = status is AnnotationStatus.SUGGESTED
        return cls(
            fill=tint(label, SUGGESTED_ALPHA if suggested else ACCEPTED_ALPHA),
            line=line_color(label, dark=dark),
            dashed=suggested,
        )


class SpanIndex:
    """The spans to draw, in code points and sorted by start, for overlap queries.

    Offsets stay in code points here; only the few spans a paint needs are converted to
    UTF-16, so setting ten thousand spans costs one filter and one (mostly sorted) sort.
    """

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.styles: list[SpanStyle] = []
        self.offsets = Utf16Offsets("")
        self._longest = 0
        self._dark = False
        self._styles: dict[tuple[str, AnnotationStatus], SpanStyle] = {}

    def __len__(self) -> int:
        return len(self.starts)

    def set(
        self,
        annotations: Iterable[Annotation],
        offsets: Utf16Offsets,
        hidden: set[str],
        *,
        dark: bool = False,
    ) -> None:
        shown = sorted(
            (
                a
                for a in annotations
                if a.status is not AnnotationStatus.REJECTED and a.label not in hidden
            ),
            key=attrgetter("start"),
        )
        if dark != self._dark:
            self._styles.clear()
            self._dark = dark
        styles = self._styles
        for key in {(a.label, a.status) for a in shown} - styles.keys():
            styles[key] = SpanStyle.for_annotation(*key, dark=dark)
        self.offsets = offsets
        self.starts = [a.start for a in shown]
        self.ends = [a.end for a in shown]
        self.styles = [styles[a.label, a.status] for a in shown]
        self._longest = max((a.end - a.start for a in shown), default=0)

    def overlapping(self, start: int, end: int) -> range:
        """Indexes of spans that may overlap [start, end); callers check each span's end."""
        first = bisect.bisect_left(self.starts, start - self._longest)
        last = bisect.bisect_left(self.starts, end)
        return range(first, last)


class AnnotatedTextEdit(QPlainTextEdit):
    """A read-only QPlainTextEdit that paints the spans of a SpanIndex under its text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spans = SpanIndex()

    def set_spans(
        self, annotations: Iterable[Annotation], offsets: Utf16Offsets, hidden: set[str]
    ) -> None:
        dark = self.palette().color(QPalette.ColorRole.Base).lightness() < 128
        self.spans.set(annotations, offsets, hidden, dark=dark)
        self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if len(self.spans):
            painter = QPainter(self.viewport())
            lines = self._visible_span_lines(event.rect().bottom())
            for rect, style in lines:
                painter.fillRect(rect, style.fill)
            painter.end()
            super().paintEvent(event)
            painter = QPainter(self.viewport())
            for rect, style in lines:
                pen = QPen(style.line, 1.5)
                pen.setStyle(Qt.PenStyle.DashLine if style.dashed else Qt.PenStyle.SolidLine)
                painter.setPen(pen)
                y = rect.bottom() - 1
                painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
            painter.end()
        else:
            super().paintEvent(event)

    def _visible_span_lines(self, bottom: int) -> list[tuple[QRectF, SpanStyle]]:
        """One rectangle per visible line piece of every span, in viewport coordinates."""
        pieces: list[tuple[QRectF, SpanStyle]] = []
        offset = self.contentOffset()
        block = self.firstVisibleBlock()
        while block.isValid():
            geometry = self.blockBoundingGeometry(block).translated(offset)
            if geometry.top() > bottom:
                break
            if block.isVisible():
                pieces.extend(self._block_pieces(block, geometry.topLeft()))
            block = block.next()
        return pieces

    def _block_pieces(self, block: QTextBlock, origin: QPointF) -> list[tuple[QRectF, SpanStyle]]:
        spans = self.spans
        to_qt = spans.offsets.to_qt
        block_start = block.position()
        block_end = block_start + block.length() - 1
        from_qt = spans.offsets.to_code_points
        layout = block.layout()
        pieces = []
        for index in spans.overlapping(from_qt(block_start), from_qt(block_end)):
            start, end = to_qt(spans.starts[index]), to_qt(spans.ends[index])
            if end <= block_start:
                continue
            first, last = max(start, block_start) - block_start, min(end, block_end) - block_start
            for number in range(layout.lineCount()):
                line = layout.lineAt(number)
                line_start = line.textStart()
                line_end = line_start + line.textLength()
                if last <= line_start or first >= line_end:
                    continue
                x1 = line.cursorToX(max(first, line_start))[0]
                x2 = line.cursorToX(min(last, line_end))[0]
                rect = QRectF(min(x1, x2), line.y(), abs(x2 - x1), line.height())
                pieces.append((rect.translated(origin), spans.styles[index]))
        return pieces
