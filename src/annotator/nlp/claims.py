"""Check-worthy sentences: figures, comparisons and attributed facts score; opinion does not."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from annotator.nlp.parsed import is_cue, sentence_of

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
    text = sentence.text
    labels = {ent.label_ for ent in sentence.ents}
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
    claims = []
    sentence_of(doc[0]) if len(doc) else None
    for sentence in doc.user_data.get("annotator_sentences", ([], []))[1]:
        score = claim_score(sentence)
        if score >= threshold:
            text = sentence.text
            stripped = text.rstrip()
            start = sentence.start_char + (len(text) - len(text.lstrip()))
            claims.append(Claim(start, sentence.start_char + len(stripped), round(score, 2)))
    return claims
