"""Exports: the format chosen by name or extension, and memory that does not grow with the
project (articles are read and written one at a time)."""

import tracemalloc
from pathlib import Path

import pytest

from annotator.app.exporting import FORMATS, export, format_for
from annotator.domain import AnnotationKind, ArticleDraft, SpanDraft
from annotator.errors import UserError
from annotator.interop.selection import Selection
from annotator.store import ProjectStore


@pytest.mark.parametrize(
    ("name", "requested", "expected"),
    [
        ("out.jsonl", None, "jsonl"),
        ("out.spacy", None, "spacy"),
        ("OUT.CSV", None, "csv"),
        ("out.json", None, "jsonl"),  # ClaimReview only when asked for by name
        ("out.txt", "claimreview", "claimreview"),
    ],
)
def test_format_by_name_or_extension(name: str, requested: str | None, expected: str) -> None:
    assert format_for(Path(name), requested) == expected


def test_unknown_format_is_refused() -> None:
    with pytest.raises(UserError, match="unknown export format 'xml'"):
        format_for(Path("out.xml"), "xml")
    assert set(FORMATS) == {"jsonl", "spacy", "csv", "claimreview"}


PARAGRAPH = (
    "Councillor Ruth Ames said the ferry would run twice a day from May, and the harbour "
    "board confirmed that 14,000 passengers used it last year. "
)


def project_with(path: Path, articles: int) -> ProjectStore:
    store = ProjectStore.create(path)
    text = PARAGRAPH * 20
    spans = (
        *(SpanDraft(i * len(PARAGRAPH) + 11, i * len(PARAGRAPH) + 20, "PERSON") for i in range(20)),
        SpanDraft(0, len(PARAGRAPH) - 1, "CLAIM", kind=AnnotationKind.CLAIM),
    )
    store.add_articles(
        ArticleDraft(text=f"{n}. {text}"[: len(text)], title=f"Ferry {n}", spans=spans)
        for n in range(articles)
    )
    return store


def peak_export_memory(store: ProjectStore, out: Path, fmt: str) -> int:
    tracemalloc.start()
    try:
        export(store, out, fmt, Selection())
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_export_memory_does_not_grow_with_the_project(tmp_path: Path, fmt: str) -> None:
    with project_with(tmp_path / "small.annotator", 20) as small:
        export(small, tmp_path / "warm", fmt, Selection())  # load the tokenizer once
        small_peak = peak_export_memory(small, tmp_path / "small.out", fmt)
    with project_with(tmp_path / "large.annotator", 160) as large:
        large_peak = peak_export_memory(large, tmp_path / "large.out", fmt)
    assert large_peak < 2 * small_peak, (small_peak, large_peak)
