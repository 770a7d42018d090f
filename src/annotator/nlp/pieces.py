"""Long articles run through a pipeline in pieces cut at paragraph breaks.

A pipeline refuses a text over its max_length (1,000,000 characters by default), its trained
components need memory in proportion to the text, and the quote finder compares quotes and
mentions with each other, so its time grows faster than the text. A stored article can be
any length (an older version imported anything), so texts over PIECE_LENGTH are cut and
each piece parsed on its own. Entities come from the pieces joined back into one Doc whose
offsets are the article's; quotes are found piece by piece (quotes.find_in_pieces). Nearly
every news article is a single piece: a 10,000-word long read is about 60,000 characters.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: The longest text the model and the quote finder see at once.
PIECE_LENGTH = 100_000

#: Where a piece may end, best first: after a blank line, a line break, any whitespace.
_BREAKS = (re.compile(r"\n[^\S\n]*\n\s*"), re.compile(r"\n\s*"), re.compile(r"\s+"))

#: A piece of a text: where it starts in the text, and its parsed Doc.
Piece = tuple[int, "Doc"]


def cut(text: str, limit: int = PIECE_LENGTH) -> list[tuple[int, int]]:
    """[start, end) bounds of consecutive pieces that cover `text`, none longer than `limit`.

    Each piece ends after the last paragraph break in the second half of the room it has
    (its whitespace included), else the last line break there, else the last whitespace; so
    every piece but the last is at least half the limit long. A run with no whitespace at all
    is cut where the limit falls.
    """
    bounds: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        end = _cut_point(text, start, start + limit)
        bounds.append((start, end))
        start = end
    bounds.append((start, len(text)))
    return bounds


def _cut_point(text: str, start: int, stop: int) -> int:
    middle = (start + stop) // 2
    for pattern in _BREAKS:
        ends = [match.end() for match in pattern.finditer(text, middle, stop)]
        if ends:
            return ends[-1]
    return stop


def pipe(nlp: Language, texts: Iterable[str], limit: int = PIECE_LENGTH) -> Iterator[list[Piece]]:
    """For each text, in order, its pieces parsed by `nlp` (one piece for most texts).

    Pieces go through the pipeline in batches of at most `limit` characters (or one piece),
    so short articles are still batched and memory stays that of one long piece.
    """
    texts = list(texts)
    bounds = [cut(text, min(limit, nlp.max_length)) for text in texts]
    parts = (
        text[start:end] for text, cuts in zip(texts, bounds, strict=True) for start, end in cuts
    )
    docs = itertools.chain.from_iterable(
        nlp.pipe(batch, batch_size=len(batch)) for batch in _batches(parts, limit)
    )
    for cuts in bounds:
        yield [(start, next(docs)) for start, _ in cuts]


def _batches(parts: Iterable[str], limit: int) -> Iterator[list[str]]:
    batch: list[str] = []
    size = 0
    for part in parts:
        if batch and size + len(part) > limit:
            yield batch
            batch, size = [], 0
        batch.append(part)
        size += len(part)
    if batch:
        yield batch


def joined(pieces: list[Piece]) -> Doc:
    """One Doc for the whole text: the pieces' tokens and annotations, the text unchanged
    (each piece ends where the next begins, so nothing is inserted between them)."""
    if len(pieces) == 1:
        return pieces[0][1]
    from spacy.tokens import Doc

    return Doc.from_docs([doc for _, doc in pieces], ensure_whitespace=False)
