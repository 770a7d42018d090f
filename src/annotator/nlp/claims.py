"""Check-worthy sentences: figures, comparisons and attributed facts score; opinion does not."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from annotator.nlp.parsed import is_cue, sentences, text_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from annotator.nlp.mentions import Speaker


@dataclass
class Claim:
    start: int
    end: int
    score: float
    source: Speaker | None = None  # who the sentence attributes it to, if anyone


_NUMERIC = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY", "DATE", "ORDINAL", "TIME"})


_COMPARISON = re.compile(
    r"\b(more|less|fewer|higher|lower|highest|lowest|largest|biggest|record|since|"
    r"doubled|tripled|rose|fell|increased|decreased|compared|than|most|least)\b",
    re.IGNORECASE,
)


_OPINION = re.compile(r"\b(I think|I believe|we believe|in my view|should|hope|would like)\b", re.I)


def claim_score(sentence: Span) -> float:
    """How check-worthy a sentence is, 0..1: figures, comparisons and attributed facts count."""
    text = text_of(sentence.doc)[sentence.start_char : sentence.end_char]
    labels = {t.ent_type_ for t in sentence}
    numeric = labels & _NUMERIC
    score = 0.0
    if numeric - {"DATE", "TIME", "ORDINAL"}:
        score += 0.5
    elif numeric:
        score += 0.25
    if _COMPARISON.search(text):
        score += 0.2
    if labels & {"ORG", "GPE", "LAW", "PERSON", "NORP"}:
        score += 0.1
    if any(is_cue(t) for t in sentence):
        score += 0.1
    if text.rstrip().endswith("?") or _OPINION.search(text):
        score -= 0.3
    if len(sentence) < 6:
        score -= 0.2
    return max(0.0, min(1.0, score))


def find_claims(doc: Doc, threshold: float = 0.5) -> list[Claim]:
    """Every sentence that scores `threshold` or more, without its surrounding whitespace."""
    claims = []
    for sentence in sentences(doc):
        score = claim_score(sentence)
        if score >= threshold:
            text = text_of(doc)[sentence.start_char : sentence.end_char]
            start = sentence.start_char + (len(text) - len(text.lstrip()))
            end = sentence.start_char + len(text.rstrip())
            claims.append(Claim(start, end, round(score, 2)))
    return claims
