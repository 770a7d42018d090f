"""How much do entity highlights cost when opening a long article?

Builds a 100,000-word article from the demo articles with 10,000 entity annotations, then
times, in one run and alternately, (a) a bare QPlainTextEdit showing the plain text and
(b) annotator's ArticleView showing the same text with every highlight, each until the first
paint is done. Prints the best time of each and the ratio (target: at most 2.0), then the
time to scroll a page and repaint it, for both.

    .venv/bin/python benchmarks/highlight_open.py
"""

from __future__ import annotations

import os
import re
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QPlainTextEdit

from annotator.domain.labels import ENTITY_LABELS
from annotator.domain.model import Annotation, AnnotationKind, AnnotationStatus, Article
from annotator.resources import demo_articles
from annotator.ui.article_view import ArticleView, reading_font

WORDS = 100_000
HIGHLIGHTS = 10_000
ROUNDS = 5


def build_article() -> tuple[Article, list[Annotation]]:
    paragraphs: list[str] = []
    for path in demo_articles():
        body = path.read_text(encoding="utf-8").replace("\r\n", "\n").split("---\n", 2)[2]
        paragraphs += [p.strip() for p in body.split("\n\n") if p.strip()]
    text_parts, words = [], 0
    index = 0
    while words < WORDS:
        paragraph = paragraphs[index % len(paragraphs)]
        text_parts.append(paragraph)
        words += len(paragraph.split())
        index += 1
    text = "\n\n".join(text_parts)
    spans = [m.span() for m in re.finditer(r"\w+", text)]
    step = max(1, len(spans) // HIGHLIGHTS)
    annotations = []
    for number, (start, end) in enumerate(spans[::step][:HIGHLIGHTS]):
        status = AnnotationStatus.ACCEPTED if number % 3 == 0 else AnnotationStatus.SUGGESTED
        annotations.append(
            Annotation(
                id=number + 1,
                article_id=1,
                start=start,
                end=end,
                label=ENTITY_LABELS[number % len(ENTITY_LABELS)],
                kind=AnnotationKind.ENTITY,
                status=status,
                annotator="bench",
                attrs={},
                note=None,
                created_at="",
                updated_at="",
            )
        )
    article = Article(id=1, title="Long read", text=text, text_sha256="", imported_at="")
    return article, annotations


def time_bare(app: QApplication, text: str) -> float:
    editor = QPlainTextEdit()
    editor.setReadOnly(True)
    editor.setFont(reading_font())
    editor.resize(900, 700)
    started = time.perf_counter()
    editor.setPlainText(text)
    editor.show()
    app.processEvents()
    editor.viewport().grab()
    elapsed = time.perf_counter() - started
    editor.close()
    editor.deleteLater()
    app.processEvents()
    return elapsed


def time_highlighted(app: QApplication, article: Article, annotations: list[Annotation]) -> float:
    view = ArticleView()
    view.resize(900, 760)
    started = time.perf_counter()
    view.show_article(article)
    view.show_annotations(annotations, set())
    view.show()
    app.processEvents()
    view.text.viewport().grab()
    elapsed = time.perf_counter() - started
    assert len(view.text.spans) == len(annotations)
    view.close()
    view.deleteLater()
    app.processEvents()
    return elapsed


def time_scroll(app: QApplication, editor: QPlainTextEdit, pages: int = 40) -> float:
    """Seconds per page for scrolling `pages` pages and repainting each."""
    bar = editor.verticalScrollBar()
    started = time.perf_counter()
    for page in range(pages):
        bar.setValue(page * bar.pageStep())
        editor.viewport().repaint()
    return (time.perf_counter() - started) / pages


def scroll_both(app: QApplication, article: Article, annotations: list[Annotation]) -> None:
    bare = QPlainTextEdit()
    bare.setReadOnly(True)
    bare.setFont(reading_font())
    bare.resize(900, 700)
    bare.setPlainText(article.text)
    bare.show()
    view = ArticleView()
    view.resize(900, 760)
    view.show_article(article)
    view.show_annotations(annotations, set())
    view.show()
    app.processEvents()
    plain = min(time_scroll(app, bare) for _ in range(3))
    ours = min(time_scroll(app, view.text) for _ in range(3))
    print(
        f"scroll, per page:          bare {plain * 1000:.1f} ms  highlighted {ours * 1000:.1f} ms"
    )
    print(f"scroll ratio (highlighted / bare): {ours / plain:.2f}")
    bare.close()
    view.close()


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    article, annotations = build_article()
    print(f"article: {len(article.text.split()):,} words, {len(annotations):,} highlights")
    bare, ours = [], []
    time_bare(app, article.text)  # warm-up: fonts, glyph caches
    for _ in range(ROUNDS):
        bare.append(time_bare(app, article.text))
        ours.append(time_highlighted(app, article, annotations))
    print(
        f"bare QPlainTextEdit:       best {min(bare):.3f} s  median {statistics.median(bare):.3f} s"
    )
    print(
        f"ArticleView + highlights:  best {min(ours):.3f} s  median {statistics.median(ours):.3f} s"
    )
    scroll_both(app, article, annotations)
    print(f"open ratio (highlighted / bare): {min(ours) / min(bare):.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
