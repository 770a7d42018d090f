"""Paint annotations over the article text, only where the viewport shows them.

Nothing is written into the QTextDocument: it keeps its plain text and lays itself out as
lazily as a bare QPlainTextEdit does. Each paint looks up the spans that overlap the visible
blocks (binary search over span starts) and draws a tint behind their text and a mark below
or around it, so opening a long article with thousands of highlights costs little more than
opening the plain text. Each kind has its own mark, so nested spans stay readable: entities
are underlined, quotes get a thick bar below, claims a wavy line, sources a frame.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from operator import attrgetter
from typing import cast

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QTextBlock,
    QTextLine,
)
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from annotator.domain.model import Annotation, AnnotationKind, AnnotationStatus
from annotator.ui.offsets import Utf16Offsets
from annotator.ui.palette import ACCEPTED_ALPHA, SUGGESTED_ALPHA, is_dark, line_color, tint

#: Tints of the newsroom kinds are lighter: they cover whole sentences, entities sit inside.
KIND_ALPHA = {AnnotationKind.QUOTE: 40, AnnotationKind.CLAIM: 45, AnnotationKind.SOURCE: 0}


@dataclass(frozen=True, slots=True)
class SpanStyle:
    """How one (label, kind, status) is drawn: a fill, and a mark in the line colour."""

    fill: QColor
    line: QColor
    kind: AnnotationKind
    dashed: bool

    @classmethod
    def create(
        cls, label: str, kind: AnnotationKind, status: AnnotationStatus, *, dark: bool
    ) -> SpanStyle:
        suggested = status is AnnotationStatus.SUGGESTED
        if kind in KIND_ALPHA:  # sentence-long kinds: a suggestion is its mark alone
            alpha = 0 if suggested else KIND_ALPHA[kind]
        else:
            alpha = SUGGESTED_ALPHA if suggested else ACCEPTED_ALPHA
        return cls(
            fill=tint(label, alpha), line=line_color(label, dark=dark), kind=kind, dashed=suggested
        )

    def draw_mark(self, painter: QPainter, rect: QRectF) -> None:
        pen = QPen(self.line, 1.5)
        pen.setStyle(Qt.PenStyle.DashLine if self.dashed else Qt.PenStyle.SolidLine)
        if self.kind is AnnotationKind.SOURCE:
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), 3, 3)
        elif self.kind is AnnotationKind.QUOTE:
            pen.setWidthF(3)
            painter.setPen(pen)
            y = rect.bottom() + 1
            painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
        elif self.kind is AnnotationKind.CLAIM:
            painter.setPen(pen)
            painter.drawPath(_wave(rect.left(), rect.right(), rect.bottom() - 1))
        else:
            painter.setPen(pen)
            y = rect.bottom() - 1
            painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))


def _wave(left: float, right: float, y: float, step: float = 3.0) -> QPainterPath:
    path = QPainterPath(QPointF(left, y))
    x, up = left, True
    while x < right:
        x = min(x + step, right)
        path.lineTo(QPointF(x, y - 2 if up else y))
        up = not up
    return path


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
        self._styles: dict[tuple[str, AnnotationKind, AnnotationStatus], SpanStyle] = {}
        #: What picks a span's colour: its label, or in review mode its annotator's layer.
        self.colour_of: Callable[[Annotation], str] | None = None

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
        colour = self.colour_of or attrgetter("label")
        for key in {(colour(a), a.kind, a.status) for a in shown} - styles.keys():
            styles[key] = SpanStyle.create(*key, dark=dark)
        self.offsets = offsets
        self.starts = [a.start for a in shown]
        self.ends = [a.end for a in shown]
        self.styles = [styles[colour(a), a.kind, a.status] for a in shown]
        self._longest = max((a.end - a.start for a in shown), default=0)

    def overlapping(self, start: int, end: int) -> range:
        """Indexes of spans that may overlap [start, end); callers check each span's end."""
        first = bisect.bisect_left(self.starts, start - self._longest)
        last = bisect.bisect_left(self.starts, end)
        return range(first, last)


class AnnotatedTextEdit(QPlainTextEdit):
    """A read-only QPlainTextEdit that paints spans, attribution links and a link being drawn."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spans = SpanIndex()
        #: (head start, head end, child start, child end, strong) in code points: links to
        #: draw; strong ones belong to the annotation under the cursor.
        self.links: list[tuple[int, int, int, int, bool]] = []
        #: While the user drags a link: from where to where, in viewport coordinates.
        self.drag_line: QLineF | None = None
        #: Review mode: undecided disagreements, [start, end) in code points.
        self.disagreements: list[tuple[int, int]] = []

    def set_spans(
        self, annotations: Iterable[Annotation], offsets: Utf16Offsets, hidden: set[str]
    ) -> None:
        self.spans.set(annotations, offsets, hidden, dark=is_dark(self.palette()))
        self.viewport().update()

    def set_links(self, links: list[tuple[int, int, int, int, bool]]) -> None:
        self.links = links
        self.viewport().update()

    def set_disagreements(self, ranges: list[tuple[int, int]]) -> None:
        """Review mode: places where annotators differ and nobody has decided yet, drawn as a
        dotted frame so they can be found at a glance."""
        self.disagreements = ranges
        self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if not len(self.spans) and not self.links and self.drag_line is None:
            super().paintEvent(event)
            if self.disagreements:
                painter = QPainter(self.viewport())
                self._draw_disagreements(painter)
                painter.end()
            return
        pieces = self._visible_pieces(event.rect().bottom())
        painter = QPainter(self.viewport())
        for rect, style in pieces:
            if style.fill.alpha():
                painter.fillRect(rect, style.fill)
        painter.end()
        super().paintEvent(event)
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for rect, style in pieces:
            style.draw_mark(painter, rect)
        self._draw_links(painter)
        self._draw_disagreements(painter)
        painter.end()

    def _draw_disagreements(self, painter: QPainter) -> None:
        pen = QPen(self.palette().color(QPalette.ColorRole.Text), 1.2)
        pen.setStyle(Qt.PenStyle.DotLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for start, end in self.disagreements:
            for rect in self.range_rects(start, end):
                painter.drawRect(rect.adjusted(-1, -1, 1, 1))

    def _draw_links(self, painter: QPainter) -> None:
        """An arc from each quote or claim to its source, when both are on screen."""
        highlight = self.palette().color(QPalette.ColorRole.Highlight)
        muted = self.palette().color(QPalette.ColorRole.PlaceholderText)
        for head_start, head_end, child_start, child_end, strong in self.links:
            head = self.range_rects(head_start, head_end)
            child = self.range_rects(child_start, child_end)
            if not head or not child:
                continue
            color = highlight if strong else muted
            painter.setPen(QPen(color, 2 if strong else 1.2))
            start = head[0].topLeft() + QPointF(4, 0)
            end = child[0].center() - QPointF(0, child[0].height() / 2)
            lift = max(18.0, abs(end.x() - start.x()) / 4)
            top = min(start.y(), end.y()) - lift
            path = QPainterPath(start)
            path.cubicTo(QPointF(start.x(), top), QPointF(end.x(), top), end)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
            painter.setBrush(color)
            painter.drawEllipse(end, 3, 3)
        if self.drag_line is not None:
            pen = QPen(highlight, 2)
            pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawLine(self.drag_line)

    def range_rects(self, start: int, end: int) -> list[QRectF]:
        """Viewport rectangles of the visible lines of [start, end) (code points)."""
        to_qt = self.spans.offsets.to_qt
        qt_start, qt_end = to_qt(start), to_qt(end)
        rects: list[QRectF] = []
        offset = self.contentOffset()
        bottom = self.viewport().height()
        block = self.firstVisibleBlock()
        while block.isValid():
            geometry = self.blockBoundingGeometry(block).translated(offset)
            if geometry.top() > bottom:
                break
            block_start = block.position()
            block_end = block_start + block.length() - 1
            if qt_start < block_end and qt_end > block_start:
                first = max(qt_start, block_start) - block_start
                last = min(qt_end, block_end) - block_start
                rects += _line_rects(block, first, last, geometry.topLeft())
            block = block.next()
        return rects

    def _visible_pieces(self, bottom: int) -> list[tuple[QRectF, SpanStyle]]:
        """One rectangle per visible line piece of every span, in viewport coordinates."""
        pieces: list[tuple[QRectF, SpanStyle]] = []
        offset = self.contentOffset()
        block = self.firstVisibleBlock()
        spans = self.spans
        to_qt, from_qt = spans.offsets.to_qt, spans.offsets.to_code_points
        while block.isValid() and len(spans):
            geometry = self.blockBoundingGeometry(block).translated(offset)
            if geometry.top() > bottom:
                break
            if block.isVisible():
                block_start = block.position()
                block_end = block_start + block.length() - 1
                for index in spans.overlapping(from_qt(block_start), from_qt(block_end)):
                    start, end = to_qt(spans.starts[index]), to_qt(spans.ends[index])
                    if end <= block_start:
                        continue
                    first = max(start, block_start) - block_start
                    last = min(end, block_end) - block_start
                    style = spans.styles[index]
                    pieces += [
                        (rect, style)
                        for rect in _line_rects(block, first, last, geometry.topLeft())
                    ]
            block = block.next()
        return pieces


def _line_rects(block: QTextBlock, first: int, last: int, origin: QPointF) -> list[QRectF]:
    """Rectangles covering block positions [first, last) line by line, offset by `origin`."""
    layout = block.layout()
    rects = []
    for number in range(layout.lineCount()):
        line = layout.lineAt(number)
        line_start = line.textStart()
        line_end = line_start + line.textLength()
        if last <= line_start or first >= line_end:
            continue
        x1 = _x(line, max(first, line_start))
        x2 = _x(line, min(last, line_end))
        rect = QRectF(min(x1, x2), line.y(), abs(x2 - x1), line.height())
        rects.append(rect.translated(origin))
    return rects


def _x(line: QTextLine, position: int) -> float:
    """QTextLine.cursorToX returns (x, position); PySide6's stubs say `object`."""
    x, _ = cast(tuple[float, int], line.cursorToX(position))
    return x
