"""How far annotators agree on the same articles: span precision/recall/F1, token-level Cohen's
kappa and Krippendorff's alpha.

A reviewer uses these numbers to tell whether the guidelines are understood the same way before
trusting a layer of annotations. Besides the spans, each pair is compared on the closed-choice
details of the spans both marked (verdict, check-worthiness, quote type, source type, record):
how often they gave the same value, and Cohen's kappa over those spans. Everything here works
on plain values (no Qt, no database), so the CLI, the review window and the tests feed it
whatever annotations they already hold.

Offsets are code-point offsets into the article text, end exclusive, as everywhere else.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Protocol

from annotator.domain.attributes import CHOICES, Choice
from annotator.domain.model import AnnotationKind, AnnotationStatus
from annotator.review.compare import stored_value

#: The key of the measures over all labels together.
OVERALL = "overall"

#: What a person decided is there; suggestions nobody confirmed are not anyone's work yet.
DECISIONS = frozenset({AnnotationStatus.ACCEPTED, AnnotationStatus.MANUAL})

#: A rejection puts no span in but shows its annotator went through the article.
_TOUCHING = DECISIONS | {AnnotationStatus.REJECTED}


class SpanLike(Protocol):
    """What span_scores and token_labels need of an annotation (Annotation, SpanDraft...)."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def label(self) -> str: ...


class AnnotationLike(SpanLike, Protocol):
    """What `agreement` needs besides the span: whose it is, whether it was decided, and
    what kind of span it is with which details."""

    @property
    def status(self) -> str: ...

    @property
    def annotator(self) -> str | None: ...

    @property
    def kind(self) -> AnnotationKind: ...

    @property
    def attrs(self) -> Mapping[str, Any]: ...


class TokenLike(Protocol):
    """A spaCy Token, or anything with its character offset and text."""

    @property
    def idx(self) -> int: ...

    @property
    def text(self) -> str: ...


# -- span precision, recall and F1 --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Score:
    """Span counts of b against the reference a: b's spans matched to one of a's (tp), b's
    unmatched (fp) and a's unmatched (fn).

    A ratio whose denominator is 0 is 0.0 (scikit-learn's zero_division=0): precision when b
    has no span, recall when a has none, F1 when neither has one. tp, fp and fn are kept so a
    reader can tell "no span of this label" (all 0) from "no agreement".
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Score) -> Score:
        return Score(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def empty(self) -> bool:
        """Neither side had a span: the ratios are placeholders, not measurements."""
        return self.tp == self.fp == self.fn == 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """2PR / (P + R), computed from the counts so no rounding creeps in."""
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp else 0.0


def span_scores(
    a: Iterable[SpanLike], b: Iterable[SpanLike], *, overlap: bool, labels: Iterable[str] = ()
) -> dict[str, Score]:
    """Precision, recall and F1 of b's spans against a's, per label and under OVERALL.

    Exact: a match has the same start, end and label. Overlap: the same label and ranges that
    share at least one character. Either way a span is matched at most once; overlap matching
    is greedy, largest shared length first, ties to the pair with the smaller combined extent,
    then to the earlier spans, so the result does not depend on the order of the input.
    (Greedy is not always the largest possible matching, but it never loses an exact match:
    an identical pair beats every other pair either span takes part in.)

    OVERALL adds up the counts of all labels (micro average). `labels` adds keys for labels
    neither side used, with empty scores, so several comparisons share the same keys.
    """
    reference, candidate = _by_label(a), _by_label(b)
    keys = sorted(set(reference) | set(candidate) | set(labels))
    match = _overlap_matches if overlap else _exact_matches
    scores: dict[str, Score] = {}
    for label in keys:
        ref, cand = reference.get(label, []), candidate.get(label, [])
        tp = match(ref, cand)
        scores[label] = Score(tp, len(cand) - tp, len(ref) - tp)
    return {OVERALL: sum(scores.values(), Score()), **scores}


def _by_label(spans: Iterable[SpanLike]) -> dict[str, list[tuple[int, int]]]:
    """(start, end) ranges of each label, sorted, so matching is deterministic."""
    ranges: defaultdict[str, list[tuple[int, int]]] = defaultdict(list)
    for span in spans:
        ranges[span.label].append((span.start, span.end))
    return {label: sorted(found) for label, found in ranges.items()}


def _exact_matches(ref: list[tuple[int, int]], cand: list[tuple[int, int]]) -> int:
    """Identical ranges, each used once (a duplicated span matches only a duplicate)."""
    return sum((Counter(ref) & Counter(cand)).values())


def _overlap_matches(ref: list[tuple[int, int]], cand: list[tuple[int, int]]) -> int:
    pairs = sorted(
        (-(min(r[1], c[1]) - max(r[0], c[0])), max(r[1], c[1]) - min(r[0], c[0]), i, j)
        for i, r in enumerate(ref)
        for j, c in enumerate(cand)
        if r[0] < c[1] and c[0] < r[1]
    )
    used_ref: set[int] = set()
    used_cand: set[int] = set()
    for _, _, i, j in pairs:
        if i not in used_ref and j not in used_cand:
            used_ref.add(i)
            used_cand.add(j)
    return len(used_ref)


# -- token-level units ---------------------------------------------------------------------------


def token_labels(
    annotations: Iterable[SpanLike],
    doc_tokens: Iterable[TokenLike],
    labels: Iterable[str] | None = None,
) -> dict[str, list[int]]:
    """One annotator's token-level units: for each label, 1 per token that overlaps any span of
    that label, else 0.

    Each (token, label) pair is its own unit, so a token inside a PERSON span nested in a
    QUOTE counts for both labels; INCEpTION's token agreement leaves overlapping spans out,
    which would hide exactly the nested quotes and sources newsrooms annotate. A span covering
    part of a token covers the token. Whitespace-only tokens (spaCy's extra spaces and line
    breaks) are left out: they are layout, and nobody would annotate them on their own.

    `labels` fixes the keys and their order (spans of other labels are ignored); without it,
    the labels the annotations use, sorted.
    """
    spans = list(annotations)
    keys = sorted({s.label for s in spans}) if labels is None else list(dict.fromkeys(labels))
    bounds = [(t.idx, t.idx + len(t.text)) for t in doc_tokens if not t.text.isspace()]
    starts = [start for start, _ in bounds]
    ends = [end for _, end in bounds]
    values = {label: [0] * len(bounds) for label in keys}
    for span in spans:
        row = values.get(span.label)
        if row is None:
            continue
        # Tokens are sorted and disjoint: those ending after the start and starting before the end.
        for i in range(bisect.bisect_right(ends, span.start), bisect.bisect_left(starts, span.end)):
            row[i] = 1
    return values


# -- chance-corrected agreement -------------------------------------------------------------------


def cohen_kappa(x: Sequence[Hashable], y: Sequence[Hashable]) -> float:
    """Cohen's kappa of two raters who each gave one category per unit (x[i] and y[i]).

    kappa = (p_o - p_e) / (1 - p_e): observed agreement against the agreement expected from
    each rater's own category frequencies.

    Conventions: a unit where either value is None or a float NaN is missing and left out
    (kappa needs both ratings of a unit); with no unit left the result is NaN. When both
    raters give the same single category to every unit, p_e = 1 and the formula is 0/0; we
    return 1.0, as they agree completely (e.g. neither used a label). Different single
    categories give 0.0 through the formula itself.
    """
    if len(x) != len(y):
        raise ValueError(f"the raters rated different numbers of units ({len(x)} and {len(y)})")
    return _kappa(Counter((u, v) for u, v in zip(x, y, strict=True) if not _missing(u, v)))


def _kappa(table: Mapping[tuple[Hashable, Hashable], int]) -> float:
    """Kappa from the counts of (x, y) value pairs, in integers until the last division."""
    n = sum(table.values())
    if n == 0:
        return math.nan
    agreed = sum(count for (u, v), count in table.items() if u == v)
    by_x: Counter[Hashable] = Counter()
    by_y: Counter[Hashable] = Counter()
    for (u, v), count in table.items():
        by_x[u] += count
        by_y[v] += count
    chance = sum(count * by_y[value] for value, count in by_x.items())  # n² · p_e
    if chance == n * n:
        return 1.0
    return (n * agreed - chance) / (n * n - chance)


def krippendorff_alpha(units: Iterable[Sequence[Hashable | None]], level: str = "nominal") -> float:
    """Krippendorff's alpha for any number of coders with missing values, nominal data only.

    `units` holds one sequence per unit: each coder's value, None (or a float NaN) where the
    coder gave none. Through the coincidence matrix o[c][k] (for each unit, every ordered pair
    of two different coders' values c, k, weighted 1 / (m_u - 1) with m_u the unit's values):

        alpha = 1 - (n - 1) · sum_{c != k} o[c][k] / sum_{c != k} n_c · n_k

    with n_c the row sums and n their total. Units with fewer than two values cannot be paired
    and count for nothing. With no pairable unit, or a single value throughout (no variation,
    so expected disagreement is 0), alpha is undefined and the result is NaN, as Krippendorff
    prescribes; unlike kappa there is no 1.0 convention, because alpha over a set of coders
    says nothing about reliability without variation.
    """
    if level != "nominal":
        raise ValueError(f"only nominal Krippendorff's alpha is implemented, not {level!r}")
    return _alpha(Counter(tuple(unit) for unit in units))


def _alpha(units: Mapping[tuple[Hashable | None, ...], int]) -> float:
    """Nominal alpha of units given as {values of the coders: how many units have them}."""
    coincidences = _coincidences(units)
    totals: defaultdict[Hashable, Fraction] = defaultdict(Fraction)
    for (c, _), weight in coincidences.items():
        totals[c] += weight
    n = sum(totals.values())
    expected = n * n - sum(count * count for count in totals.values())  # sum_{c != k} n_c n_k
    if expected == 0:
        return math.nan
    observed = sum(weight for (c, k), weight in coincidences.items() if c != k)
    return float(1 - (n - 1) * observed / expected)


def _coincidences(
    units: Mapping[tuple[Hashable | None, ...], int],
) -> dict[tuple[Hashable, Hashable], Fraction]:
    """Krippendorff's coincidence matrix as {(c, k): o_ck}, in exact fractions."""
    matrix: defaultdict[tuple[Hashable, Hashable], Fraction] = defaultdict(Fraction)
    for values, repeats in units.items():
        counts = Counter(value for value in values if not _missing(value))
        pairable = sum(counts.values())
        if pairable < 2:
            continue
        for (c, n_c), (k, n_k) in itertools.product(counts.items(), repeat=2):
            pairs = n_c * (n_c - 1) if c == k else n_c * n_k
            if pairs:
                matrix[c, k] += Fraction(repeats * pairs, pairable - 1)
    return dict(matrix)


def _missing(*values: object) -> bool:
    return any(v is None or (isinstance(v, float) and math.isnan(v)) for v in values)


# -- a report over articles ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DetailAgreement:
    """One closed-choice detail (a verdict...) on the spans two annotators both marked (same
    kind, start and end): how many such spans, on how many they gave the same value, and
    Cohen's kappa over them. Unset counts as the value that asserts nothing where the detail
    has one (a verdict as "unchecked"), else as a value of its own ("not set")."""

    units: int = 0
    agreed: int = 0
    kappa: float = math.nan


@dataclass(frozen=True, slots=True)
class PairAgreement:
    """Two annotators compared on the articles both worked on; b is scored against a."""

    a: str
    b: str
    exact: dict[str, Score]
    overlap: dict[str, Score]
    kappa: dict[str, float]
    articles: int = 0
    #: Closed-choice details by attrs key, only those with at least one span both marked.
    details: dict[str, DetailAgreement] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class AgreementReport:
    """Every pair's span and token agreement, and alpha over all annotators together."""

    annotators: list[str]
    pairs: list[PairAgreement]
    alpha: dict[str, float]
    articles: int
    labels: list[str] = field(default_factory=list)

    def table(self, me: str | None = None) -> str:
        """The report as plain text, for a terminal or a text box; `me`, the reader, is
        marked "(you)"."""

        def who(name: str) -> str:
            return f"{name} (you)" if name == me else name

        keys = [OVERALL, *self.labels]
        width = max(len(key) for key in keys) + 2
        lines = [
            f"Agreement of {len(self.annotators)} annotator(s) on {self.articles} article(s): "
            + (", ".join(who(name) for name in self.annotators) or "none")
        ]
        if not self.pairs:
            lines.append("No pair to compare: fewer than two annotators worked on these articles.")
        for pair in self.pairs:
            lines += [
                "",
                f"{who(pair.a)} vs {who(pair.b)} ({pair.articles} shared article(s); "
                f"{who(pair.b)} scored against {who(pair.a)})",
                f"  {'label':<{width}}{'F1 exact':>10}{'F1 overlap':>12}{'kappa':>8}",
            ]
            lines += [
                f"  {key:<{width}}{_f1(pair.exact.get(key)):>10}"
                f"{_f1(pair.overlap.get(key)):>12}{_number(pair.kappa.get(key)):>8}"
                for key in keys
            ]
            if pair.details:
                wide = max(width, *(len(key) + 2 for key in pair.details))
                lines.append(f"  {'detail (same span)':<{wide}}{'agreed':>12}{'kappa':>8}")
                lines += [
                    f"  {key:<{wide}}{f'{d.agreed} of {d.units}':>12}{_number(d.kappa):>8}"
                    for key, d in pair.details.items()
                ]
        lines += ["", "Krippendorff's alpha over all annotators (token level, nominal)"]
        lines += [f"  {key:<{width}}{_number(self.alpha.get(key)):>8}" for key in keys]
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        """Plain JSON values: floats rounded to 4 places, an undefined measure as null."""
        return {
            "annotators": list(self.annotators),
            "labels": list(self.labels),
            "articles": self.articles,
            "pairs": [
                {
                    "a": pair.a,
                    "b": pair.b,
                    "articles": pair.articles,
                    "exact": {key: _score_json(s) for key, s in pair.exact.items()},
                    "overlap": {key: _score_json(s) for key, s in pair.overlap.items()},
                    "kappa": {key: _rounded(value) for key, value in pair.kappa.items()},
                    "details": {
                        key: {"units": d.units, "agreed": d.agreed, "kappa": _rounded(d.kappa)}
                        for key, d in pair.details.items()
                    },
                }
                for pair in self.pairs
            ],
            "alpha": {key: _rounded(value) for key, value in self.alpha.items()},
        }


def _f1(score: Score | None) -> str:
    return "-" if score is None or score.empty else f"{score.f1:.3f}"


def _number(value: float | None) -> str:
    return "n/a" if value is None or math.isnan(value) else f"{value:.3f}"


def _rounded(value: float) -> float | None:
    return None if math.isnan(value) else round(value, 4)


def _score_json(score: Score) -> dict[str, Any]:
    return {
        "tp": score.tp,
        "fp": score.fp,
        "fn": score.fn,
        "precision": _rounded(score.precision),
        "recall": _rounded(score.recall),
        "f1": _rounded(score.f1),
    }


@dataclass(slots=True)
class _Article:
    """One article's decided spans and token units, per annotator who touched it."""

    spans: dict[str, list[AnnotationLike]]
    units: dict[str, dict[str, list[int]]]


def agreement(
    articles: Iterable[tuple[str, str | None, Sequence[AnnotationLike]]],
    annotators: Sequence[str] | None = None,
) -> AgreementReport:
    """Compare annotators over articles given as (text, language, everyone's annotations).

    Only decisions count as spans (accepted or manual); suggestions belong to no person yet,
    and annotations without an annotator are left out. An annotator "touched" an article if
    they have a decision in it, a rejection included: rejecting every suggestion still says
    "nothing here". Annotators who touched none of the articles are not compared; `annotators`
    picks and orders the ones to compare (default: all, sorted by name).

    Articles an annotator did not touch are not read as "no spans": for a pair, only the
    articles both touched are used; in alpha, the annotator's values there are missing (None).
    So an article handed to only some people neither helps nor hurts the others' scores.

    Token measures pool every (token, label) unit of every article, over the labels any
    compared annotator used, so every pair and alpha measure the same kind of units; a label
    neither of a pair used gets kappa 1.0 (see `cohen_kappa`) and an empty span score.
    """
    from annotator.nlp.tokens import tokenize  # loads spaCy: only when it is needed

    wanted = None if annotators is None else set(annotators)
    collected: list[tuple[str, str | None, dict[str, list[AnnotationLike]]]] = []
    for text, language, given in articles:
        touched: set[str] = set()
        spans: defaultdict[str, list[AnnotationLike]] = defaultdict(list)
        for annotation in given:
            name = annotation.annotator
            if name is None or (wanted is not None and name not in wanted):
                continue
            if annotation.status in _TOUCHING:
                touched.add(name)
            if annotation.status in DECISIONS:
                spans[name].append(annotation)
        if touched:
            collected.append((text, language, {name: spans[name] for name in touched}))

    present = {name for _, _, by_name in collected for name in by_name}
    names = (
        sorted(present)
        if annotators is None
        else [n for n in dict.fromkeys(annotators) if n in present]
    )
    labels = sorted(
        {s.label for _, _, by_name in collected for found in by_name.values() for s in found}
    )

    prepared: list[_Article] = []
    for text, language, by_name in collected:
        doc = tokenize(text, language)
        units = {name: token_labels(found, doc, labels) for name, found in by_name.items()}
        prepared.append(_Article(by_name, units))

    pairs = [_pair(a, b, prepared, labels) for a, b in itertools.combinations(names, 2)]
    return AgreementReport(
        annotators=names,
        pairs=pairs,
        alpha=_alphas(names, prepared, labels),
        articles=len(prepared),
        labels=labels,
    )


def _pair(a: str, b: str, articles: list[_Article], labels: list[str]) -> PairAgreement:
    empty = dict.fromkeys([OVERALL, *labels], Score())
    exact, overlap = dict(empty), dict(empty)
    tables: dict[str, Counter[tuple[Hashable, Hashable]]] = {label: Counter() for label in labels}
    shared = [article for article in articles if a in article.spans and b in article.spans]
    for article in shared:
        for totals, is_overlap in ((exact, False), (overlap, True)):
            scores = span_scores(article.spans[a], article.spans[b], overlap=is_overlap)
            for key, score in scores.items():
                totals[key] += score
        for label in labels:
            tables[label].update(zip(article.units[a][label], article.units[b][label], strict=True))
    kappa = {OVERALL: _kappa(sum(tables.values(), Counter()))}
    kappa.update((label, _kappa(table)) for label, table in tables.items())
    details = _details(a, b, shared)
    return PairAgreement(a, b, exact, overlap, kappa, articles=len(shared), details=details)


#: The value an unset closed-choice detail counts as when no value asserts nothing.
_NOT_SET = "(not set)"


def _details(a: str, b: str, articles: list[_Article]) -> dict[str, DetailAgreement]:
    """Closed-choice details compared on the spans a and b both marked (the first of each
    one's spans at the same kind, start and end)."""
    tables: dict[str, Counter[tuple[Hashable, Hashable]]] = {}
    for article in articles:
        theirs = {(s.kind, s.start, s.end): s for s in reversed(article.spans[b])}
        mine = {(s.kind, s.start, s.end): s for s in reversed(article.spans[a])}
        for place, first in mine.items():
            second = theirs.get(place)
            if second is None:
                continue
            for choice in CHOICES.get(first.kind, ()):
                pair = (_choice_value(choice, first), _choice_value(choice, second))
                tables.setdefault(choice.key, Counter())[pair] += 1
    return {
        key: DetailAgreement(
            sum(table.values()), sum(n for (u, v), n in table.items() if u == v), _kappa(table)
        )
        for key, table in tables.items()
    }


def _choice_value(choice: Choice, annotation: AnnotationLike) -> str:
    value = stored_value(annotation.attrs.get(choice.key))
    return value if value is not None else (choice.initial or _NOT_SET)


def _alphas(names: list[str], articles: list[_Article], labels: list[str]) -> dict[str, float]:
    units: dict[str, Counter[tuple[Hashable | None, ...]]] = {label: Counter() for label in labels}
    for article in articles:
        length = len(next(iter(article.units.values()))[labels[0]]) if labels else 0
        for label in labels:
            columns = [
                article.units[name][label] if name in article.units else [None] * length
                for name in names
            ]
            units[label].update(zip(*columns, strict=True))
    alpha = {OVERALL: _alpha(sum(units.values(), Counter()))}
    alpha.update((label, _alpha(counted)) for label, counted in units.items())
    return alpha
