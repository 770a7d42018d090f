"""The article reader: a heading with the article's metadata over its text, always plain text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase, QPalette, QTextOption
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from annotator.domain.model import Article

READING_POINT_SIZE = 12


class ArticleView(QWidget):
    """Shows one article read-only. Text goes in with setPlainText, so markup stays literal."""

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

        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.text.setFont(reading_font())
        self.text.document().setDocumentMargin(16)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.byline)
        layout.addWidget(self.text, stretch=1)
        self.show_article(None)

    def show_article(self, article: Article | None) -> None:
        if article is None:
            self.heading.setText("No article selected")
            self.byline.setText("Choose an article in the list, or import some with File ▸ Import.")
            self.text.clear()
            return
        self.heading.setText(article.title)
        details = [article.outlet, article.author and f"by {article.author}", article.published]
        self.byline.setText(" · ".join(item for item in details if item))
        self.text.setPlainText(article.text)


def reading_font() -> QFont:
    """A serif face at a comfortable size for long reading, falling back to the system font."""
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
    for family in ("Georgia", "Charter", "Noto Serif", "DejaVu Serif", "Cambria"):
        if QFontDatabase.hasFamily(family):
            font = QFont(family)
            break
    font.setPointSize(READING_POINT_SIZE)
    return font
