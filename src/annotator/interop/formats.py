"""Which reader a file needs: by its extension, and for JSONL by what its first line holds
(this tool's and Prodigy's records have "spans"; doccano's have "label" or "entities").
Readers are imported when a file needs them, so start-up does not load trafilatura."""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from pathlib import Path

from annotator.errors import UserError
from annotator.interop.reading import Reading

#: Extension -> (module, function). ".jsonl" is looked at more closely (_jsonl_reader).
_BY_SUFFIX: dict[str, tuple[str, str]] = {
    ".txt": ("annotator.interop.plaintext", "read_plaintext"),
    ".md": ("annotator.interop.plaintext", "read_plaintext"),
    ".markdown": ("annotator.interop.plaintext", "read_plaintext"),
    ".jsonl": ("annotator.interop.jsonl", "read_jsonl"),
    ".json": ("annotator.interop.labelstudio", "read_labelstudio"),
    ".html": ("annotator.interop.html", "read_html"),
    ".htm": ("annotator.interop.html", "read_html"),
    ".docx": ("annotator.interop.word", "read_word"),
}
_DOCCANO = ("annotator.interop.doccano", "read_doccano")

#: For file dialogs and messages: the patterns of every format we import.
IMPORT_PATTERNS = tuple(f"*{suffix}" for suffix in _BY_SUFFIX)


def read_articles(path: Path) -> Reading:
    """The articles in `path`, or a UserError naming the file (and line) and the problem."""
    place = _BY_SUFFIX.get(path.suffix.lower())
    if place is None:
        known = ", ".join(_BY_SUFFIX)
        raise UserError(
            f"{path}: unknown format {path.suffix or '(no extension)'!r}; annotator imports {known}"
        )
    if place[1] == "read_jsonl" and _looks_like_doccano(path):
        place = _DOCCANO
    module, name = place
    reader: Callable[[Path], Reading] = getattr(importlib.import_module(module), name)
    return reader(path)


def _looks_like_doccano(path: Path) -> bool:
    """doccano's lines carry "label"/"labels" as [start, end, label] lists or "entities";
    ours and Prodigy's carry "spans". Only the first line is read (the reader reads the
    file); a line that does not parse, or a file that cannot be read, is the reader's to
    report."""
    try:
        with path.open("rb") as handle:
            first = next((line for line in handle if line.strip()), b"")
    except OSError:
        return False
    try:
        record = json.loads(first.decode("utf-8-sig", errors="replace"))
    except json.JSONDecodeError:
        return False
    if not isinstance(record, dict) or "spans" in record:
        return False
    labels = record.get("label", record.get("labels"))
    return "entities" in record or isinstance(labels, list)
