"""Other tools' fields, kept through annotator so an export gives them back.

A JSONL record's fields annotator does not use (Prodigy's _input_hash, _task_hash, _view_id,
a category "label", ...) are kept in the article's meta under FOREIGN, and a span's (Prodigy's
source, score, rank, ...) in the span's attrs under FOREIGN; the JSONL export writes them back
where they came from. The record's own "tokens" are kept there too when the stored text is the
text they were counted on, and then give the exported token_start and token_end, so the token
indices of the tool that wrote them do not shift.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Any

#: The reserved meta and attrs key; nothing else in annotator writes it.
FOREIGN = "_foreign"


def token_problem(text: str, tokens: Any) -> str | None:
    """Why `tokens` cannot be token records of `text` (Prodigy's "tokens": text, start, end,
    id and optional ws, in order, each covering its own text), or None if they can."""
    if not isinstance(tokens, list) or not tokens:
        return "must be a list of token objects"
    previous_end = 0
    for number, token in enumerate(tokens, start=1):
        if not isinstance(token, dict):
            return f"item {number} must be an object"
        start, end, given = token.get("start"), token.get("end"), token.get("text")
        # type() is int, not isinstance: JSON's true and false are no offsets
        if not (type(start) is int and type(end) is int and type(token.get("id")) is int):
            return f'item {number} needs integer "start", "end" and "id"'
        if not previous_end <= start < end <= len(text):
            return f"item {number} [{start}, {end}) does not follow the one before in the text"
        if given != text[start:end]:
            return f"item {number} says its text is {given!r} but the text has {text[start:end]!r}"
        if not isinstance(token.get("ws", False), bool):
            return f'item {number}\'s "ws" must be true or false'
        previous_end = end
    return None


class KeptTokens:
    """Token indices from kept token records, found the way spaCy's Doc.char_span(...,
    alignment_mode="expand") finds them, so records spaCy made give spaCy's answer."""

    def __init__(self, text: str, tokens: Sequence[dict[str, Any]]) -> None:
        self.records = list(tokens)
        self._starts = [t["start"] for t in tokens]
        self._ends = [t["end"] for t in tokens]
        # A token owns its trailing space, as spaCy's whitespace_ does.
        self._covered = [
            end + bool(t["ws"] if "ws" in t else text[end : end + 1] == " ")
            for t, end in zip(tokens, self._ends, strict=True)
        ]

    def _at(self, offset: int) -> int:
        """The token whose characters (trailing space included) hold `offset`, else -1."""
        index = bisect.bisect_right(self._starts, offset) - 1
        return index if index >= 0 and offset < self._covered[index] else -1

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        """The first and last (inclusive) token a [start, end) span touches; a span of
        whitespace alone gets the token it sits in or next to."""
        first, last = self._at(start), self._at(end - 1)
        if first >= 0 and last >= 0:
            if start == self._ends[first]:
                first += 1
            if first <= last:
                return first, last
        index = bisect.bisect_right(self._covered, start)
        index = max(0, min(len(self.records) - 1, index))
        return index, index
