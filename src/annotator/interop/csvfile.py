"""A spreadsheet of annotations: one row per annotation, for Excel, LibreOffice or pandas.

UTF-8 with a byte order mark, because Excel reads a CSV without one in the computer's legacy
code page and garbles every accent. Rows end in CRLF as RFC 4180 has it; line breaks inside a
cell are kept inside its quotes. A text cell that a spreadsheet would run as a formula (it
starts with = + - @, or a tab or carriage return) gets a leading apostrophe, so a quote such
as "=HYPERLINK(...)" in an article cannot run on the reader's machine (CSV injection).
"""

from __future__ import annotations

import csv
from pathlib import Path

from annotator.domain.attributes import VERDICT
from annotator.domain.model import Annotation, AnnotationKind, Article
from annotator.interop.attribution import attributed_sources, one_line
from annotator.interop.files import atomic_writer
from annotator.interop.selection import Selection
from annotator.store import ProjectStore

COLUMNS: tuple[str, ...] = (
    "article_id",
    "article",
    "kind",
    "label",
    "start",
    "end",
    "text",
    "speaker",
    "verdict",
    "note",
    "annotator",
    "status",
)

#: First characters that make Excel, LibreOffice or Google Sheets read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_BOM = "\ufeff"


def write_csv(store: ProjectStore, out: Path, selection: Selection) -> int:
    """Write one row per chosen annotation; return how many articles gave at least one row."""
    count = 0
    # atomic_writer writes "\n" as it is, so the csv module's "\r\n" row ends pass untouched.
    with atomic_writer(out) as handle:
        handle.write(_BOM)  # with the UTF-8 handle: the bytes of encoding="utf-8-sig"
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for item in selection.items(store):
            sources = attributed_sources(item)
            for annotation in item.annotations:
                writer.writerow(row(item.article, annotation, sources.get(annotation.id, [])))
            count += bool(item.annotations)
    return count


def row(article: Article, annotation: Annotation, sources: list[Annotation]) -> list[object]:
    """One annotation's cells, in COLUMNS order, text cells made safe to open."""
    speaker = "; ".join(one_line(source.text_in(article.text)) for source in sources)
    verdict = ""
    if annotation.kind is AnnotationKind.CLAIM:
        verdict = annotation.attrs.get(VERDICT.key) or VERDICT.default
    cells: list[object] = [
        article.id,
        article.title,
        str(annotation.kind),
        annotation.label,
        annotation.start,
        annotation.end,
        annotation.text_in(article.text),
        speaker,
        verdict,
        annotation.note or "",
        annotation.annotator or "",
        str(annotation.status),
    ]
    return [neutralise(cell) if isinstance(cell, str) else cell for cell in cells]


def neutralise(cell: str) -> str:
    """The cell with a leading apostrophe if a spreadsheet would take it for a formula."""
    return f"'{cell}" if cell.startswith(FORMULA_STARTS) else cell
