"""spaCy's tokenisation of an article, for the token offsets exports carry (Prodigy's
token_start/token_end, a DocBin's Doc) and agreement's token units. A blank pipeline is
enough: tokenisation rules only, no model, loaded once per language.

The tokenizer is called directly, not through `Language.make_doc`: make_doc refuses texts
over the pipeline's max_length (1,000,000 characters), a limit meant for the memory of the
trained components, while tokenising alone takes any length a stored article can have."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from annotator.domain.text import primary_language

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


def tokenizer(language: str | None) -> Language:
    """The tokenizer for an article's language tag ("en-GB" uses English rules)."""
    return _tokenizer(primary_language(language))


@functools.cache
def _tokenizer(language: str) -> Language:
    from annotator.nlp.pipelines import blank_pipeline

    return blank_pipeline(language)


def tokenize(text: str, language: str | None) -> Doc:
    return tokenizer(language).tokenizer(text)


def token_bounds(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """The first and last (inclusive) token a [start, end) character span touches."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:  # only whitespace: the token it sits in or next to
        index = max(0, min(len(doc) - 1, _token_at(doc, start)))
        return index, index
    return span.start, span.end - 1


def _token_at(doc: Doc, offset: int) -> int:
    for token in doc:
        if token.idx + len(token.text_with_ws) > offset:
            return token.i
    return len(doc) - 1


def token_records(doc: Doc) -> list[dict[str, object]]:
    """Prodigy's "tokens": text, character start and end, index, and trailing whitespace."""
    return [
        {
            "text": t.text,
            "start": t.idx,
            "end": t.idx + len(t.text),
            "id": t.i,
            "ws": bool(t.whitespace_),
        }
        for t in doc
    ]
