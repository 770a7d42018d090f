"""Paint annotations onto the article text without changing the document.

A QSyntaxHighlighter lays formats over each block as Qt lays it out, so the document keeps
its plain text, has no undo history of formatting, and a change repaints only what it must.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from PySide6.QtGui import QSyntaxHighlighter, QTextCharFormat, QTextDocument

from annotator.domain.model import Annotation, AnnotationStatus
from annotator.ui.offsets import Utf16Offsets
from annotator.ui.palette import ACCEPTED_ALPHA, SUGGESTED_ALPHA, label_color, tint


def char_format(label: str, status: AnnotationStatus) -> QTextCharFormat:
    """Suggestions: a light wash and a dashed underline; decisions: a stronger fill."""
    fmt = QTextCharFormat()
    suggested = status is AnnotationStatus.SUGGESTED
    fmt.setBackground(tint(label, SUGGESTED_ALPHA if suggested else ACCEPTED_ALPHA))
    fmt.setUnderlineColor(label_color(label))
    fmt.setUnderlineStyle(
        QTextCharFormat.UnderlineStyle.DashUnderline
        if suggested
        else QTextCharFormat.UnderlineStyle.SingleUnderline
    )
    return fmt


class AnnotationHighlighter(QSyntaxHighlighter):
    """Highlights the visible annotations of one article; rejected ones are not drawn."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._starts: list[int] = []
        self._spans: list[tuple[int, int, QTextCharFormat]] = []
        self._longest = 0
        self._formats: dict[tuple[str, AnnotationStatus], QTextCharFormat] = {}

    def set_annotations(
        self, annotations: Iterable[Annotation], offsets: Utf16Offsets, hidden: set[str]
    ) -> None:
        """Show these annotations (in code points), except rejected ones and hidden labels."""
        spans = []
        for annotation in annotations:
            if annotation.status is AnnotationStatus.REJECTED or annotation.label in hidden:
                continue
            key = (annotation.label, annotation.status)
            fmt = self._formats.get(key)
            if fmt is None:
                fmt = self._formats[key] = char_format(*key)
            spans.append((offsets.to_qt(annotation.start), offsets.to_qt(annotation.end), fmt))
        spans.sort(key=lambda span: (span[0], -span[1]))
        self._spans = spans
        self._starts = [start for start, _, _ in spans]
        self._longest = max((end - start for start, end, _ in spans), default=0)
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        if not self._spans:
            return
        block = self.currentBlock()
        block_start = block.position()
        block_end = block_start + block.length() - 1  # UTF-16 units; `text` counts code points
        first = bisect.bisect_left(self._starts, block_start - self._longest)
        last = bisect.bisect_left(self._starts, block_end)
        for start, end, fmt in self._spans[first:last]:
            if end <= block_start:
                continue
            begin = max(start, block_start)
            self.setFormat(begin - block_start, min(end, block_end) - begin, fmt)
