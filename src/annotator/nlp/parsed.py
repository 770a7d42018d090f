"""Small lookups over a parsed Doc that the quote finder makes many times per article."""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from annotator.nlp.vocabulary import CUE_LEMMAS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


def text_of(doc: Doc) -> str:
    """Doc.text joins every token on each call; read it once per Doc."""
    text = doc.user_data.get("annotator_text")
    if text is None:
        text = doc.user_data["annotator_text"] = doc.text
    return text


def sentences(doc: Doc) -> list[Span]:
    """doc.sents walks the whole Doc on every call; this keeps the list with the Doc."""
    index = doc.user_data.get("annotator_sentences")
    if index is None:
        spans = list(doc.sents)
        index = doc.user_data["annotator_sentences"] = ([s.start for s in spans], spans)
    return index[1]


def sentence_of(token: Token) -> Span:
    """token.sent walks the whole Doc on every call; this looks it up in a per-Doc index."""
    spans = sentences(token.doc)
    starts = token.doc.user_data["annotator_sentences"][0]
    return spans[bisect.bisect_right(starts, token.i) - 1]


def inside(token: Token, quotes: list[tuple[int, int]]) -> bool:
    """Whether a token starts inside one of `quotes`: sorted, non-overlapping [start, end)."""
    at = bisect.bisect_right(quotes, (token.idx, float("inf"))) - 1
    return at >= 0 and token.idx < quotes[at][1]


def is_cue(token: Token) -> bool:
    if token.lower_ == "according":
        return token.i + 1 < len(token.doc) and token.nbor(1).lower_ == "to"
    return token.lemma_.lower() in CUE_LEMMAS and token.pos_ in ("VERB", "AUX")


def name_of(span: Span) -> str:
    """The text of a name without a leading article or a trailing possessive; hyphens stay."""
    tokens = [t for t in span if not t.is_space and (not t.is_punct or t.text in "-\u2010")]
    while tokens and tokens[0].pos_ == "DET":
        tokens = tokens[1:]
    if not tokens:
        return span.text
    text = text_of(span.doc)[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)]
    return re.sub("['\u2019]s$", "", text).strip()


def sentence_text(token: Token) -> str:
    """The lower-cased text of a token's sentence, sliced from the Doc's text (Span.text
    joins its tokens on every call)."""
    sentence = sentence_of(token)
    return text_of(token.doc)[sentence.start_char : sentence.end_char].lower()


def entity_at(token: Token) -> Span | None:
    """The entity a token is part of. Doc.ents builds every Span on each call; this indexes
    them once per Doc."""
    doc = token.doc
    index = doc.user_data.get("annotator_entities")
    if index is None:
        index = doc.user_data["annotator_entities"] = {
            i: ent for ent in doc.ents for i in range(ent.start, ent.end)
        }
    return index.get(token.i)
