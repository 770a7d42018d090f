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


def sentence_of(token: Token) -> Span:
    """token.sent walks the whole Doc on every call; this looks it up in a per-Doc index."""
    doc = token.doc
    index = doc.user_data.get("annotator_sentences")
    if index is None:
        sentences = list(doc.sents)
        index = doc.user_data["annotator_sentences"] = ([s.start for s in sentences], sentences)
    starts, sentences = index
    return sentences[bisect.bisect_right(starts, token.i) - 1]


def inside(token: Token, quotes: list[tuple[int, int]]) -> bool:
    return any(start <= token.idx < end for start, end in quotes)


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
