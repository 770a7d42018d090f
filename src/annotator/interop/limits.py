"""What an imported value may be, checked the same way by every importer.

JSON is read strictly: NaN and Infinity (not JSON), numbers Python or SQLite cannot hold,
keys given twice, nesting deeper than MAX_JSON_DEPTH and lone surrogate escapes ("\\ud800",
half a character that cannot be stored as UTF-8) are refused, not passed on to fail later in
the store or an exporter. Everything a project stores is checked for characters it cannot
hold (NUL, which SQLite's length() stops at, and lone surrogates), and article texts for
spaCy's length limit, so no stored article can crash a command.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from typing import Any

from annotator.domain.model import ArticleDraft

#: spaCy's default nlp.max_length: longer texts make suggest, export and agreement fail.
MAX_TEXT_LENGTH = 1_000_000
#: Far deeper than any real export (a Label Studio region sits 7 levels down), far shallower
#: than where Python's json or SQLite's JSON functions give up.
MAX_JSON_DEPTH = 100
#: Python refuses to turn longer integers into text (sys.get_int_max_str_digits), so they
#: could not be written out again.
MAX_INT_DIGITS = 4300

_BAD_CHARACTER = re.compile("[\x00\ud800-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
#: A JSON string or a bracket: what tells how deep a place in a JSON text is nested.
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)


class LimitError(ValueError):
    """An input beyond what annotator takes. `line` is the line of a whole JSON file, and
    `offset` the place in an article text, where known."""

    def __init__(self, message: str, *, line: int | None = None, offset: int | None = None) -> None:
        super().__init__(message)
        self.line = line
        self.offset = offset


class _Refused:
    """Stands in for a JSON value the parser met but must not pass on (a NaN, a huge number,
    a key given twice), so check_json can say where it is."""

    def __init__(self, reason: str) -> None:
        self.reason = reason


def _parse_int(digits: str) -> int | _Refused:
    if len(digits.lstrip("-")) > MAX_INT_DIGITS:
        return _Refused(f"a number of {len(digits.lstrip('-'))} digits is too long to keep")
    return int(digits)


def _parse_float(literal: str) -> float | _Refused:
    value = float(literal)
    if not math.isfinite(value):
        return _Refused(f"the number {literal[:40]} is too large to keep")
    return value


def _parse_constant(name: str) -> _Refused:
    return _Refused(f"{name} is not a JSON value")


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any] | _Refused:
    value = dict(pairs)
    if len(value) < len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                return _Refused(f"the key {key!r} is given twice in one object")
            seen.add(key)
    return value


def load_json(text: str) -> Any:
    """The JSON value in `text`, not yet checked: check_json each part before use (a whole
    file's tasks are checked one by one, so a bad one can be named and skipped)."""
    try:
        return json.loads(
            text,
            parse_int=_parse_int,
            parse_float=_parse_float,
            parse_constant=_parse_constant,
            object_pairs_hook=_object,
        )
    except json.JSONDecodeError as error:
        raise LimitError(
            f"not valid JSON ({error.msg} at column {error.colno})", line=error.lineno
        ) from None
    except RecursionError:
        raise LimitError(_too_deep(), line=_deep_line(text)) from None


def parse_json(text: str) -> Any:
    """A checked JSON value (one JSONL line), or a LimitError saying what is wrong."""
    value = load_json(text)
    check_json(value)
    return value


def check_json(value: Any) -> None:
    """Raise LimitError at the first refused value, lone surrogate or too deep nesting."""
    pending: list[tuple[Any, int, tuple[str | int, ...]]] = [(value, 0, ())]
    while pending:
        item, depth, path = pending.pop()
        if isinstance(item, _Refused):
            raise LimitError(f"{item.reason}{_at(path)}")
        if isinstance(item, str):
            _check_surrogates(item, path)
        elif isinstance(item, dict | list):
            if depth >= MAX_JSON_DEPTH:
                raise LimitError(_too_deep())
            pairs = item.items() if isinstance(item, dict) else enumerate(item)
            for key, child in pairs:
                if isinstance(key, str):
                    _check_surrogates(key, path)
                pending.append((child, depth + 1, (*path, key)))


def _check_surrogates(text: str, path: tuple[str | int, ...]) -> None:
    found = _SURROGATE.search(text)
    if found:
        raise LimitError(f"{_describe(found.group())}{_at(path)}")


def _at(path: tuple[str | int, ...]) -> str:
    """Where in a record a value is, as a reader would write it: spans[2].label."""
    if not path:
        return ""
    place = "".join(f"[{key}]" if isinstance(key, int) else f".{key}" for key in path)
    return f" (at {place.lstrip('.')})"


def _too_deep() -> str:
    return f"nested more than {MAX_JSON_DEPTH} levels deep"


def _deep_line(text: str) -> int | None:
    """The line where `text` first nests deeper than MAX_JSON_DEPTH, strings skipped."""
    depth = 0
    for token in _JSON_TOKEN.finditer(text):
        symbol = token.group()
        if symbol in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return text.count("\n", 0, token.start()) + 1
        elif symbol in "]}":
            depth -= 1
    return None


# -- what a project stores ----------------------------------------------------------------------


def _describe(character: str) -> str:
    if character == "\x00":
        return "holds a NUL character (U+0000), which a project cannot store"
    return (
        f"holds a lone surrogate (U+{ord(character):04X}), half of a character, which is not "
        "text and cannot be stored"
    )


def text_problem(text: str) -> tuple[int | None, str] | None:
    """(offset of the bad character, or None for the length; what is wrong) for an article
    text a project cannot hold, else None."""
    found = _BAD_CHARACTER.search(text)
    if found:
        return found.start(), _describe(found.group())
    if len(text) > MAX_TEXT_LENGTH:
        return None, (
            f"is {len(text):,} characters long; an article may have at most "
            f"{MAX_TEXT_LENGTH:,} characters (spaCy's limit): split it into several articles"
        )
    return None


def in_text(text: str, offset: int | None) -> str:
    """ " (line 3 of the text)": where in an article text the bad character is."""
    if offset is None:
        return ""
    return f" (line {text.count(chr(10), 0, offset) + 1} of the text)"


def shown(text: str) -> str:
    """`text` with each lone surrogate (an undecodable byte of a file name, as Python reads
    it) as U+FFFD, so it can be stored, printed and shown in the window."""
    return _SURROGATE.sub("\ufffd", text)


def check_draft(draft: ArticleDraft) -> None:
    """Raise LimitError naming the first string of `draft` a project cannot hold: its text
    (with the offset of the bad character), its title, meta, a label, an annotator, a note..."""
    problem = text_problem(draft.text)
    if problem:
        offset, reason = problem
        raise LimitError(f"the article text {reason}", offset=offset)
    for what, value in _stored_strings(draft):
        found = _BAD_CHARACTER.search(value)
        if found:
            raise LimitError(f"{what} {_describe(found.group())}")


def _stored_strings(draft: ArticleDraft) -> Iterator[tuple[str, str]]:
    """Every string besides the text that goes into the project, with what it is."""
    for name in ("title", "outlet", "author", "url", "published", "language", "source"):
        value = getattr(draft, name)
        if isinstance(value, str):
            yield f"the {name}", value
    yield from _strings_in(draft.meta, "the meta")
    for number, span in enumerate(draft.spans, start=1):
        yield f"span {number}'s label", span.label
        if span.annotator is not None:
            yield f"span {number}'s annotator", span.annotator
        if span.note is not None:
            yield f"span {number}'s note", span.note
        yield from _strings_in(span.attrs, f"span {number}'s attrs")
    for number, relation in enumerate(draft.relations, start=1):
        yield f"relation {number}'s label", relation.label
        if relation.annotator is not None:
            yield f"relation {number}'s annotator", relation.annotator


def _strings_in(value: Any, what: str) -> Iterator[tuple[str, str]]:
    """The keys and string values anywhere in a JSON-like value."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            yield what, item
        elif isinstance(item, dict):
            for key, child in item.items():
                yield what, str(key)
                pending.append(child)
        elif isinstance(item, list | tuple):
            pending.extend(item)
