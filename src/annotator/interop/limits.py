"""What an imported value may be, checked the same way by every importer.

JSON is read strictly: NaN and Infinity (not JSON), numbers that cannot be kept,
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
#: Python's limit on the digits of an integer read or written as text
#: (sys.get_int_max_str_digits): json refuses longer ones.
MAX_INT_DIGITS = 4300

_BAD_CHARACTER = re.compile("[\x00\ud800-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_LONG_INTEGER = re.compile(rf"\d{{{MAX_INT_DIGITS + 1},}}")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")

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
    """Stands in for a JSON value the parser met but must not pass on (a NaN, a number too
    large for a double, an object with a key given twice), so check_json can say where."""

    def __init__(self, reason: str) -> None:
        self.reason = reason


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
    except ValueError:  # an integer longer than Python turns into a number, or back
        raise _too_long(text) from None


def parse_json(text: str) -> Any:
    """A checked JSON value (one JSONL line), or a LimitError saying what is wrong."""
    value = load_json(text)
    check_json(value, strings=may_hold_surrogates(text))
    return value


def may_hold_surrogates(text: str) -> bool:
    """Whether JSON `text` can give a lone surrogate: decoded files hold none, so only a
    \\uD800-\\uDFFF escape makes one (most of those are halves of valid pairs)."""
    return _SURROGATE_ESCAPE.search(text) is not None


def check_json(value: Any, *, strings: bool = True) -> None:
    """Raise LimitError at the first refused value, lone surrogate (looked for only with
    `strings`) or too deep nesting, naming where it is. The walk that finds a problem keeps
    no paths, as most values have none; the one that names it does. `value` comes from
    load_json, so its containers are exactly dict and list."""
    if not _fits(value, strings):
        raise _explained(value)
    pending: list[tuple[Any, int]] = [(value, 0)] if type(value) in (dict, list) else []
    while pending:
        item, depth = pending.pop()
        if depth >= MAX_JSON_DEPTH:
            raise LimitError(_too_deep())
        if type(item) is dict:
            if strings and any(_SURROGATE.search(key) for key in item):
                raise _explained(value)
            item = item.values()
        for child in item:
            kind = type(child)
            if kind is dict or kind is list:
                pending.append((child, depth + 1))
            elif not _fits(child, strings):
                raise _explained(value)


def _fits(value: Any, strings: bool) -> bool:
    """False for a refused value, and with `strings` for a string with a lone surrogate."""
    if type(value) is str:
        return not (strings and _SURROGATE.search(value))
    return type(value) is not _Refused


def _explained(value: Any) -> LimitError:
    """The LimitError for the first problem in `value`, with the path to it."""
    pending: list[tuple[Any, int, tuple[str | int, ...]]] = [(value, 0, ())]
    while pending:
        item, depth, path = pending.pop()
        if isinstance(item, _Refused):
            return LimitError(f"{item.reason}{_at(path)}")
        if isinstance(item, str) and _SURROGATE.search(item):
            return _surrogate_at(item, path)
        if isinstance(item, dict | list):
            if depth >= MAX_JSON_DEPTH:
                raise LimitError(_too_deep())
            pairs = item.items() if isinstance(item, dict) else enumerate(item)
            for key, child in pairs:
                if isinstance(key, str) and _SURROGATE.search(key):
                    return _surrogate_at(key, path)
                pending.append((child, depth + 1, (*path, key)))
    raise AssertionError("check_json found a problem that _explained does not")


def _surrogate_at(text: str, path: tuple[str | int, ...]) -> LimitError:
    found = _SURROGATE.search(text)
    return LimitError(f"{_describe(found.group() if found else '')}{_at(path)}")


def _at(path: tuple[str | int, ...]) -> str:
    """Where in a record a value is, as a reader would write it: spans[2].label."""
    if not path:
        return ""
    place = "".join(f"[{key}]" if isinstance(key, int) else f".{key}" for key in path)
    return f" (at {place.lstrip('.')})"


def _too_long(text: str) -> LimitError:
    """The error for an integer over MAX_INT_DIGITS, at the line of the first one."""
    found = _LONG_INTEGER.search(text)
    line = text.count("\n", 0, found.start()) + 1 if found else None
    return LimitError(
        f"holds a number of more than {MAX_INT_DIGITS} digits, too long to keep", line=line
    )


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


def check_draft(draft: ArticleDraft) -> None:
    """Raise LimitError naming the first value of `draft` a project cannot hold: its text
    (with the offset of the bad character), its title, meta, a label, an annotator, a note..."""
    problem = text_problem(draft.text)
    if problem:
        offset, reason = problem
        raise LimitError(f"the article text {reason}", offset=offset)
    for what, value in _stored(draft):
        trouble = _string_problem(value) if isinstance(value, str) else _json_problem(value)
        if trouble:
            raise LimitError(f"{what} {trouble}")


def _stored(draft: ArticleDraft) -> Iterator[tuple[str, Any]]:
    """Everything besides the text that goes into the project, with what it is."""
    for name in ("title", "outlet", "author", "url", "published", "language", "source"):
        value = getattr(draft, name)
        if value is not None:
            yield f"the {name}", value
    yield "the meta", draft.meta
    for number, span in enumerate(draft.spans, start=1):
        yield f"span {number}'s label", span.label
        if span.annotator is not None:
            yield f"span {number}'s annotator", span.annotator
        if span.note is not None:
            yield f"span {number}'s note", span.note
        yield f"span {number}'s attrs", span.attrs
    for number, relation in enumerate(draft.relations, start=1):
        yield f"relation {number}'s label", relation.label
        if relation.annotator is not None:
            yield f"relation {number}'s annotator", relation.annotator


def _string_problem(value: str) -> str | None:
    found = _BAD_CHARACTER.search(value)
    return _describe(found.group()) if found else None


def _json_problem(value: Any) -> str | None:
    """Why `value` cannot be stored as JSON text, looked for in the text the store writes."""
    try:
        dumped = json.dumps(value, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError, RecursionError) as error:
        return f"cannot be stored as JSON ({error})"
    found = _SURROGATE.search(dumped)
    if found:
        return _describe(found.group())
    return _describe("\x00") if _has_escaped_nul(dumped) else None


def _has_escaped_nul(dumped: str) -> bool:
    """Whether JSON text holds the escape of a NUL: "\\u0000" after an even run of
    backslashes (after an odd run it is an escaped backslash and the letters "u0000")."""
    found = dumped.find("\\u0000")
    while found >= 0:
        before = found
        while before > 0 and dumped[before - 1] == "\\":
            before -= 1
        if (found - before) % 2 == 0:
            return True
        found = dumped.find("\\u0000", found + 1)
    return False
