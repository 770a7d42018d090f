"""Export a project in one of the formats the tool writes; the CLI and the GUI both call this."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from annotator.errors import UserError
from annotator.interop.files import check_output
from annotator.interop.selection import Selection
from annotator.store import ProjectStore

#: Format name -> (module, writer, what it is, the usual file extension).
FORMATS: dict[str, tuple[str, str, str, str]] = {
    "jsonl": (
        "annotator.interop.jsonl",
        "write_jsonl",
        "Annotated JSONL, Prodigy-compatible",
        ".jsonl",
    ),
    "spacy": (
        "annotator.interop.docbin",
        "write_docbin",
        "spaCy DocBin, for spacy train",
        ".spacy",
    ),
    "csv": ("annotator.interop.csvfile", "write_csv", "CSV, one row per annotation", ".csv"),
    "claimreview": (
        "annotator.interop.claimreview",
        "write_claimreview",
        "ClaimReview JSON-LD, for checked claims",
        ".json",
    ),
}


def format_for(out: Path, requested: str | None) -> str:
    """The format asked for, else the one the output's extension names, else JSONL."""
    if requested:
        if requested not in FORMATS:
            raise UserError(
                f"unknown export format {requested!r}; choose from {', '.join(FORMATS)}"
            )
        return requested
    by_suffix = {spec[3]: name for name, spec in FORMATS.items() if name != "claimreview"}
    return by_suffix.get(out.suffix.lower(), "jsonl")


def export(
    store: ProjectStore,
    out: Path,
    fmt: str,
    selection: Selection,
    *,
    with_tokens: bool = False,
    publisher: str | None = None,
) -> int:
    """Write the selected articles to `out` in format `fmt`; return how many were written.
    `with_tokens` is for JSONL, `publisher` (the fact-checking organisation) for ClaimReview.

    `out` is checked before any work is done: never the project itself, under whatever name
    or link, nor any SQLite database or its -wal/-shm/-journal (the writers check that too).
    """
    check_output(out, project=store.path)
    module, name, _, _ = FORMATS[fmt]
    writer: Callable[..., int] = getattr(importlib.import_module(module), name)
    if fmt == "jsonl":
        return writer(store, out, selection, with_tokens=with_tokens)
    if fmt == "claimreview" and publisher:
        return writer(store, out, selection, publisher=publisher)
    return writer(store, out, selection)
