"""Which reader a file needs: by its extension, and for JSONL by what its lines hold (this
tool's and Prodigy's records have "spans"; doccano's have "label" or "labels" lists,
"entities" or "annotations"). Every line is looked at, and a file that mixes the forms is
refused at its first odd line, since either reader would drop the other form's spans.

Whatever a reader returns passes one last check before it can reach a project: characters a
project cannot hold and texts over spaCy's length limit are refused the same way for every
format (limits.py). Readers are imported when a file needs them, so start-up does not load
trafilatura.
"""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from annotator.domain.model import ArticleDraft
from annotator.domain.text import normalize_text
from annotator.errors import UserError, shown
from annotator.interop.files import read_text
from annotator.interop.limits import LimitError, check_draft, in_text
from annotator.interop.reading import Reading, json_lines

#: Extension -> (module, function). ".jsonl" is looked at more closely (_read_json_lines).
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
#: Readers of many records, which can skip the bad ones (the JSONL readers are called by
#: _read_json_lines).
_RECORD_READERS = frozenset({"read_labelstudio"})
_FORMS = {
    "jsonl": ("annotator.interop.jsonl", "jsonl_reading", "this tool's or Prodigy's (\"spans\")"),
    "doccano": ("annotator.interop.doccano", "doccano_reading", "doccano's"),
}
_DOCCANO_SPANS = ("label", "labels")

#: For file dialogs and messages: the patterns of every format we import.
IMPORT_PATTERNS = tuple(f"*{suffix}" for suffix in _BY_SUFFIX)

#: Where an article id from another tool goes, as the project's own article_id is ours.
SOURCE_ARTICLE_ID = "source_article_id"


def read_articles(path: Path, *, skip_invalid: bool = False) -> Reading:
    """The articles in `path`, or a UserError naming the file (and line) and the problem.
    With `skip_invalid`, bad records of JSONL and Label Studio files are skipped and listed
    in Reading.skipped instead of refusing the file."""
    place = _BY_SUFFIX.get(path.suffix.lower())
    if place is None:
        known = ", ".join(_BY_SUFFIX)
        raise UserError(
            f"{path}: unknown format {path.suffix or '(no extension)'!r}; annotator imports {known}"
        )
    module, name = place
    if name == "read_jsonl":
        reading = _read_json_lines(path, skip_invalid)
    elif name in _RECORD_READERS:
        reading = getattr(importlib.import_module(module), name)(path, skip_invalid=skip_invalid)
    else:
        reader: Callable[[Path], Reading] = getattr(importlib.import_module(module), name)
        reading = reader(path)
    return Reading([_checked(path, draft) for draft in reading.articles], reading.skipped)


def _read_json_lines(path: Path, skip_invalid: bool) -> Reading:
    """Parse every line once, tell the form from all of them, and hand them to its reader."""
    lines = json_lines(path)
    first: tuple[int, str] | None = None
    for number, value in lines:
        form = _form(value)
        if form is None:
            continue
        if first is None:
            first = (number, form)
        elif form != first[1]:
            raise UserError(
                f"{path}:{number}: this line is in {_FORMS[form][2]} form but line {first[0]} "
                f"is in {_FORMS[first[1]][2]} form; a file must hold one form (split it in two)"
            )
    module, name, _ = _FORMS[first[1] if first else "jsonl"]
    reader: Callable[..., Reading] = getattr(importlib.import_module(module), name)
    return reader(path, lines, skip_invalid=skip_invalid)


def _form(value: Any) -> str | None:
    """The form a parsed line is in, or None for a line either reader takes (text alone)
    or neither (not an object: the reader says what is wrong with it)."""
    if not isinstance(value, dict):
        return None
    if "spans" in value:
        return "jsonl"
    if "entities" in value or "annotations" in value:
        return "doccano"
    if any(isinstance(value.get(key), list) for key in _DOCCANO_SPANS):
        return "doccano"
    return None


def _checked(path: Path, draft: ArticleDraft) -> ArticleDraft:
    """The draft as a project may store it, or a UserError naming the file and, for a text
    file, the line of the bad character. Every importer's drafts pass here."""
    if draft.source is not None:
        draft = dataclasses.replace(draft, source=shown(draft.source))
    if "article_id" in draft.meta:
        draft = dataclasses.replace(draft, meta=_moved_article_id(draft.meta))
    try:
        check_draft(draft)
    except LimitError as error:
        line = _line_in_file(path, draft.text, error.offset)
        if line is not None:
            raise UserError(f"{path}:{line}: {error}") from None
        raise UserError(f"{path}: {error}{in_text(draft.text, error.offset)}") from None
    return draft


def _moved_article_id(meta: dict[str, Any]) -> dict[str, Any]:
    """Another tool's article_id, under a name of its own: the exported article_id is ours."""
    key = SOURCE_ARTICLE_ID
    while key in meta:
        key = f"source_{key}"
    return {key if name == "article_id" else name: value for name, value in meta.items()}


def _line_in_file(path: Path, text: str, offset: int | None) -> int | None:
    """The line of `path` holding text[offset], when the file is text that holds the article
    text as it is (a .txt or .md file does; a web page or a Word document does not)."""
    if offset is None:
        return None
    try:
        content = normalize_text(read_text(path))
    except UserError:
        return None
    start = content.find(text)
    return None if start < 0 else content.count("\n", 0, start + offset) + 1
