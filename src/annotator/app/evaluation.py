"""Measure the quote, speaker, source and claim suggestions against a hand-annotated gold set.

The gold set is this tool's own JSONL (tests/data/gold/quotes.jsonl): QUOTE spans carry the
speaker's name in attrs["speaker"], SOURCE spans their attrs["source_type"].
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from annotator.errors import UserError
from annotator.interop.files import read_text

Span = tuple[int, int]


@dataclass
class Score:
    """Precision, recall and F1 from true positives and the two totals."""

    matched_predicted: int = 0
    matched_gold: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, other: Score) -> None:
        self.matched_predicted += other.matched_predicted
        self.matched_gold += other.matched_gold
        self.predicted += other.predicted
        self.gold += other.gold

    @property
    def precision(self) -> float:
        return self.matched_predicted / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def exact(predicted: Iterable[Span], gold: Iterable[Span]) -> Score:
    predicted, gold = set(predicted), set(gold)
    hits = len(predicted & gold)
    return Score(hits, hits, len(predicted), len(gold))


def overlap(predicted: list[Span], gold: list[Span]) -> Score:
    """A prediction counts if it overlaps a gold span; a gold span if some prediction overlaps
    it (so one quote split in two, or two merged, is not punished twice)."""

    def touches(a: Span, spans: list[Span]) -> bool:
        return any(a[0] < b[1] and b[0] < a[1] for b in spans)

    return Score(
        sum(touches(p, gold) for p in predicted),
        sum(touches(g, predicted) for g in gold),
        len(predicted),
        len(gold),
    )


def same_speaker(predicted: str | None, gold: str | None) -> bool:
    """Names match when equal after folding (case, hyphens, articles), when one is the
    other's surname, or, for descriptions ("a person close to the talks"), when the
    predicted description's head word is among the gold one's words."""
    if not predicted or not gold:
        return False

    def fold(name: str) -> list[str]:
        text = unicodedata.normalize("NFKC", name).casefold().replace("\u2019", "'")
        text = text.replace("-", " ").replace("'s ", " ")
        words = [w.strip(".,'\"") for w in text.split()]
        return [w for w in words if w and w not in ("the", "a", "an", "'s", "of")]

    p, g = fold(predicted), fold(gold)
    if not p or not g:
        return False
    if p == g or p[-1] == g[-1] or g[-1] in p:
        return True
    singular = {w.rstrip("s") for w in g}
    return p[-1].rstrip("s") in singular and p[-1] not in ("he", "she", "it", "they", "them")


@dataclass
class GoldArticle:
    text: str
    quotes: list[tuple[Span, str | None]] = field(default_factory=list)  # span, speaker
    sources: list[tuple[Span, str]] = field(default_factory=list)  # span, source_type
    claims: list[Span] = field(default_factory=list)


def read_gold(path: Path) -> list[GoldArticle]:
    articles = []
    for number, line in enumerate(read_text(path).split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            article = GoldArticle(record["text"])
            for span in record.get("spans", []):
                where = (span["start"], span["end"])
                attrs = span.get("attrs") or {}
                if span["kind"] == "quote":
                    article.quotes.append((where, attrs.get("speaker")))
                elif span["kind"] == "source":
                    article.sources.append((where, attrs.get("source_type", "named")))
                elif span["kind"] == "claim":
                    article.claims.append(where)
        except (json.JSONDecodeError, KeyError, TypeError) as error:
            raise UserError(f"{path}:{number}: not a gold article ({error})") from None
        articles.append(article)
    if not articles:
        raise UserError(f"{path}: holds no articles")
    return articles


@dataclass
class Report:
    articles: int = 0
    quotes_exact: Score = field(default_factory=Score)
    quotes_overlap: Score = field(default_factory=Score)
    speakers_right: int = 0
    speakers_total: int = 0  # gold quotes that a predicted quote overlaps
    sources: Score = field(default_factory=Score)
    named_sources: Score = field(default_factory=Score)
    anonymous_sources: Score = field(default_factory=Score)
    claims: Score = field(default_factory=Score)
    misses: list[str] = field(default_factory=list)

    @property
    def speaker_accuracy(self) -> float:
        return self.speakers_right / self.speakers_total if self.speakers_total else 0.0

    def table(self) -> str:
        rows = [
            ("quotes, exact span", self.quotes_exact),
            ("quotes, overlap", self.quotes_overlap),
            ("sources, all (overlap)", self.sources),
            ("sources, named", self.named_sources),
            ("sources, anonymous", self.anonymous_sources),
            ("claims (overlap)", self.claims),
        ]
        lines = [
            f"{self.articles} articles",
            f"{'':26} {'precision':>9} {'recall':>7} {'F1':>6} {'predicted':>9} {'gold':>5}",
        ]
        lines += [
            f"{name:26} {s.precision:9.3f} {s.recall:7.3f} {s.f1:6.3f} {s.predicted:9d} {s.gold:5d}"
            for name, s in rows
        ]
        lines.append(
            f"speaker accuracy: {self.speaker_accuracy:.3f} "
            f"({self.speakers_right} of {self.speakers_total} found quotes)"
        )
        return "\n".join(lines)


def evaluate(
    articles: list[GoldArticle], find: Callable[[list[str]], Iterable[Prediction]]
) -> Report:
    """Score `find`, which turns texts into a Prediction each, against the gold articles."""
    report = Report(articles=len(articles))
    for article, predicted in zip(articles, find([a.text for a in articles]), strict=True):
        gold_quotes = [span for span, _ in article.quotes]
        report.quotes_exact.add(exact([q for q, _ in predicted.quotes], gold_quotes))
        report.quotes_overlap.add(overlap([q for q, _ in predicted.quotes], gold_quotes))
        for span, speaker in article.quotes:
            touching = [name for q, name in predicted.quotes if q[0] < span[1] and span[0] < q[1]]
            if not touching:
                report.misses.append(f"missed quote {article.text[span[0] : span[1]][:70]!r}")
                continue
            report.speakers_total += 1
            if any(same_speaker(name, speaker) for name in touching):
                report.speakers_right += 1
            else:
                report.misses.append(
                    f"speaker {touching[0]!r} for {speaker!r}: "
                    f"{article.text[span[0] : span[1]][:50]!r}"
                )
        predicted_sources = [span for span, _ in predicted.sources]
        report.sources.add(overlap(predicted_sources, [s for s, _ in article.sources]))
        for kind, score in (
            ("named", report.named_sources),
            ("anonymous", report.anonymous_sources),
        ):
            gold_kind = [
                s for s, t in article.sources if (t == "anonymous") == (kind == "anonymous")
            ]
            predicted_kind = [
                s for s, t in predicted.sources if (t == "anonymous") == (kind == "anonymous")
            ]
            score.add(overlap(predicted_kind, gold_kind))
        report.claims.add(overlap(predicted.claims, article.claims))
    return report


@dataclass
class Prediction:
    quotes: list[tuple[Span, str | None]]
    sources: list[tuple[Span, str]]
    claims: list[Span]


def spacy_finder(model: str) -> Callable[[list[str]], Iterable[Prediction]]:
    """The suggesters as the tool runs them: pipeline `model` with parser and NER."""
    from annotator.app.suggestions import NEWSROOM_NEEDS
    from annotator.nlp import pieces
    from annotator.nlp.pipelines import load_pipeline
    from annotator.nlp.quotes import find_in_pieces

    nlp = load_pipeline(model, needs=NEWSROOM_NEEDS)

    def run(texts: list[str]) -> Iterable[Prediction]:
        for parts in pieces.pipe(nlp, texts):
            findings = find_in_pieces(parts)
            yield Prediction(
                quotes=[
                    ((q.start, q.end), q.speaker.name if q.speaker else None)
                    for q in findings.quotes
                ],
                sources=[((s.start, s.end), s.source_type) for s in findings.sources],
                claims=[(c.start, c.end) for c in findings.claims],
            )

    return run
