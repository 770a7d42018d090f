"""Agreement measures: span P/R/F1, token units, Cohen's kappa, Krippendorff's alpha, report.

Expected values are worked out by hand in the comments; kappa and alpha are also checked on
random data against a direct formula and the `krippendorff` package.
"""

import json
import math
import random

import krippendorff
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.domain.model import AnnotationKind, AnnotationStatus, SpanDraft
from annotator.nlp.tokens import tokenize
from annotator.review.agreement import (
    OVERALL,
    Score,
    agreement,
    cohen_kappa,
    krippendorff_alpha,
    span_scores,
    token_labels,
)

ACCEPTED, MANUAL = AnnotationStatus.ACCEPTED, AnnotationStatus.MANUAL
SUGGESTED, REJECTED = AnnotationStatus.SUGGESTED, AnnotationStatus.REJECTED


def span(start, end, label, annotator=None, status=MANUAL):
    return SpanDraft(start, end, label, status=status, annotator=annotator)


# -- Score and span_scores ------------------------------------------------------------------------


def test_score_ratios_and_zero_convention():
    """P = tp/(tp+fp), R = tp/(tp+fn), F1 = 2tp/(2tp+fp+fn); 0.0 where undefined."""
    score = Score(tp=2, fp=1, fn=3)
    assert (score.precision, score.recall) == (pytest.approx(2 / 3), pytest.approx(2 / 5))
    assert score.f1 == pytest.approx(2 * (2 / 3) * (2 / 5) / (2 / 3 + 2 / 5)) == 4 / 8
    assert (Score().precision, Score().recall, Score().f1) == (0.0, 0.0, 0.0)
    assert Score().empty and not Score(fn=1).empty
    assert Score(0, 2, 0).f1 == 0.0 and Score(0, 0, 2).precision == 0.0
    assert Score(1, 2, 3) + Score(4, 5, 6) == Score(5, 7, 9)


# Reference a:  PER [0,5)   PER [10,20)   ORG [30,40)
# Candidate b:  PER [0,5)   PER [12,25)   PER [30,40) (right range, wrong label)   ORG [32,38)
REFERENCE = [span(0, 5, "PER"), span(10, 20, "PER"), span(30, 40, "ORG")]
CANDIDATE = [span(0, 5, "PER"), span(12, 25, "PER"), span(30, 40, "PER"), span(32, 38, "ORG")]


def test_exact_span_scores():
    # PER: only [0,5) is identical: tp 1; b's [12,25) and [30,40) fp 2; a's [10,20) fn 1.
    #      P = 1/3, R = 1/2, F1 = 2/(2+2+1) = 0.4
    # ORG: [32,38) is not [30,40): tp 0, fp 1, fn 1, F1 0.
    # overall: tp 1, fp 3, fn 2: P = 1/4, R = 1/3, F1 = 2/(2+3+2) = 2/7
    scores = span_scores(REFERENCE, CANDIDATE, overlap=False)
    assert list(scores) == [OVERALL, "ORG", "PER"]
    assert scores["PER"] == Score(1, 2, 1)
    assert scores["PER"].f1 == pytest.approx(0.4)
    assert scores["ORG"] == Score(0, 1, 1)
    assert scores[OVERALL] == Score(1, 3, 2)
    assert scores[OVERALL].precision == 0.25
    assert scores[OVERALL].recall == pytest.approx(1 / 3)
    assert scores[OVERALL].f1 == pytest.approx(2 / 7)


def test_overlap_span_scores():
    # PER: [0,5)~[0,5) and [10,20)~[12,25) (8 characters shared); b's PER [30,40) overlaps no
    #      PER of a (a's span there is ORG): tp 2, fp 1, fn 0. P 2/3, R 1, F1 = 4/5.
    # ORG: [30,40)~[32,38): tp 1. F1 1.
    # overall: tp 3, fp 1, fn 0: P 3/4, R 1, F1 = 6/7.
    scores = span_scores(REFERENCE, CANDIDATE, overlap=True)
    assert scores["PER"] == Score(2, 1, 0)
    assert scores["PER"].f1 == pytest.approx(0.8)
    assert scores["ORG"] == Score(1, 0, 0)
    assert scores[OVERALL] == Score(3, 1, 0)
    assert scores[OVERALL].f1 == pytest.approx(6 / 7)


def test_overlap_matches_each_span_once_largest_overlap_first():
    # a [0,10) against b [0,4) (4 shared) and [3,10) (7 shared): only [3,10) is matched.
    assert span_scores([span(0, 10, "X")], [span(0, 4, "X"), span(3, 10, "X")], overlap=True)[
        "X"
    ] == Score(1, 1, 0)
    # Two of a against one long span of b: one match, the other of a is missed.
    assert span_scores([span(0, 4, "X"), span(5, 10, "X")], [span(0, 10, "X")], overlap=True) == {
        OVERALL: Score(1, 0, 1),
        "X": Score(1, 0, 1),
    }
    # Touching is not overlapping (ends are exclusive).
    assert span_scores([span(0, 4, "X")], [span(4, 8, "X")], overlap=True)["X"] == Score(0, 1, 1)


def test_overlap_never_loses_an_exact_match():
    """An identical pair beats a longer overlap with a wider span on either side."""
    # a [0,10) is identical to b [0,10); b [0,20) shares as much (10) but is wider.
    # a [5,15) shares 5 with b [0,10) and 10 with b [0,20): both of a get matched.
    a = [span(0, 10, "X"), span(5, 15, "X")]
    b = [span(0, 20, "X"), span(0, 10, "X")]
    assert span_scores(a, b, overlap=True)["X"] == Score(2, 0, 0)
    assert span_scores(a, b, overlap=False)["X"] == Score(1, 1, 1)


def test_duplicates_and_extra_labels():
    """A duplicated span matches once; `labels` adds empty scores for unused labels."""
    scores = span_scores([span(0, 3, "X")], [span(0, 3, "X"), span(0, 3, "X")], overlap=False)
    assert scores["X"] == Score(1, 1, 0)
    assert span_scores([], [], overlap=True, labels=["Y"]) == {OVERALL: Score(), "Y": Score()}


SPANS = st.lists(
    st.tuples(st.integers(0, 30), st.integers(1, 8), st.sampled_from("AB")).map(
        lambda t: span(t[0], t[0] + t[1], t[2])
    ),
    max_size=8,
)


@settings(database=None, max_examples=200)
@given(SPANS, SPANS, st.randoms(use_true_random=False))
def test_span_score_invariants(a, b, rng):
    """Counts add up, overlap finds at least the exact matches, input order does not matter."""
    for overlap in (False, True):
        scores = span_scores(a, b, overlap=overlap)
        assert scores[OVERALL].tp + scores[OVERALL].fn == len(a)
        assert scores[OVERALL].tp + scores[OVERALL].fp == len(b)
        shuffled_a, shuffled_b = a[:], b[:]
        rng.shuffle(shuffled_a)
        rng.shuffle(shuffled_b)
        assert span_scores(shuffled_a, shuffled_b, overlap=overlap) == scores
    exact, loose = span_scores(a, b, overlap=False), span_scores(a, b, overlap=True)
    assert all(loose[key].tp >= exact[key].tp for key in exact)


# -- token units ---------------------------------------------------------------------------------


def test_overlapping_spans_of_two_labels_both_count_per_token():
    text = "Angela Merkel visited Berlin."
    # Tokens: Angela [0,6) Merkel [7,13) visited [14,21) Berlin [22,28) . [28,29)
    doc = tokenize(text, "en")
    spans = [
        span(0, 13, "PERSON"),  # Angela Merkel
        span(0, 28, "CLAIM"),  # the whole sentence but the full stop, PERSON nested in it
        span(24, 26, "GPE"),  # "rl": part of a token covers the token
    ]
    assert token_labels(spans, doc) == {
        "CLAIM": [1, 1, 1, 1, 0],
        "GPE": [0, 0, 0, 1, 0],
        "PERSON": [1, 1, 0, 0, 0],
    }
    # Fixed labels: unused ones are all 0, others are ignored, the given order is kept.
    assert token_labels(spans, doc, ["QUOTE", "PERSON"]) == {
        "QUOTE": [0] * 5,
        "PERSON": [1, 1, 0, 0, 0],
    }


def test_whitespace_tokens_are_not_units():
    # spaCy tokens: Hello, " ", world, "\n\n", Bye, "." -> the two whitespace tokens are left out.
    doc = tokenize("Hello  world\n\nBye.", "en")
    assert token_labels([span(0, 12, "X")], doc) == {"X": [1, 1, 0, 0]}


# -- Cohen's kappa -------------------------------------------------------------------------------


def test_kappa_on_a_two_by_two_table():
    #             y: yes   y: no
    #   x: yes       6       2      (x says yes 8 times)
    #   x: no        1       1      (x says no 2 times)
    #   (y says yes 7 times, no 3 times; n = 10)
    # p_o = (6 + 1) / 10 = 0.7
    # p_e = 0.8 * 0.7 + 0.2 * 0.3 = 0.56 + 0.06 = 0.62
    # kappa = (0.7 - 0.62) / (1 - 0.62) = 0.08 / 0.38 = 4/19 ≈ 0.2105
    x = ["yes"] * 6 + ["yes"] * 2 + ["no"] * 1 + ["no"] * 1
    y = ["yes"] * 6 + ["no"] * 2 + ["yes"] * 1 + ["no"] * 1
    assert cohen_kappa(x, y) == pytest.approx(4 / 19)
    # Order of units does not matter, and kappa is symmetric.
    assert cohen_kappa(y[::-1], x[::-1]) == pytest.approx(4 / 19)


def test_kappa_conventions():
    assert cohen_kappa([1, 0, 1], [1, 0, 1]) == 1.0
    # Both use one identical category throughout: p_e = 1, 0/0 -> 1.0 by convention.
    assert cohen_kappa(["O"] * 4, ["O"] * 4) == 1.0
    # Each its own single category: p_o = 0, p_e = 0 -> 0.0.
    assert cohen_kappa(["a"] * 3, ["b"] * 3) == 0.0
    # Systematic disagreement on a balanced table: p_o = 0, p_e = 0.5 -> -1.
    assert cohen_kappa([1, 0, 1, 0], [0, 1, 0, 1]) == -1.0
    # None and NaN mark missing ratings; the unit is dropped (here leaving [1,0] vs [1,0]).
    assert cohen_kappa([1, None, 0, 1], [1, 0, 0, math.nan]) == 1.0
    assert math.isnan(cohen_kappa([], []))
    assert math.isnan(cohen_kappa([None], [1]))
    with pytest.raises(ValueError, match="different numbers"):
        cohen_kappa([1, 2], [1])


def direct_kappa(x, y):
    """The textbook formula with probabilities, written independently of the module."""
    n = len(x)
    categories = set(x) | set(y)
    p_o = sum(u == v for u, v in zip(x, y, strict=True)) / n
    p_e = sum((x.count(c) / n) * (y.count(c) / n) for c in categories)
    return (p_o - p_e) / (1 - p_e)


def test_kappa_matches_the_direct_formula_on_random_data():
    rng = random.Random(20240611)
    for _ in range(50):
        n = rng.randint(5, 60)
        categories = rng.sample("ABCDE", rng.randint(2, 5))
        x = [rng.choice(categories) for _ in range(n)]
        # y copies x part of the time, so kappa spreads over its range.
        copy = rng.random()
        y = [u if rng.random() < copy else rng.choice(categories) for u in x]
        if len(set(x)) == 1 and set(x) == set(y):
            continue  # p_e = 1: the formula is 0/0
        assert cohen_kappa(x, y) == pytest.approx(direct_kappa(x, y), abs=1e-12)


# -- Krippendorff's alpha ------------------------------------------------------------------------

# Units (rows) by coders (columns), None = missing.
HAND_UNITS = [
    ("a", "a", "a"),
    ("a", "b", None),
    ("b", "b", "b"),
    ("b", None, None),  # one value only: not pairable, counts for nothing
    ("a", "a", "b"),
]
# Coincidences, each unit's ordered pairs of values weighted 1/(m_u - 1):
#   unit 1: a,a,a  m=3: o_aa += 3*2/2 = 3
#   unit 2: a,b    m=2: o_ab += 1,  o_ba += 1
#   unit 3: b,b,b  m=3: o_bb += 3
#   unit 5: a,a,b  m=3: o_aa += 2*1/2 = 1,  o_ab += 2*1/2 = 1,  o_ba += 1
# o_aa = 4, o_ab = o_ba = 2, o_bb = 3;  n_a = 6, n_b = 5, n = 11
# alpha = 1 - (n-1) * (o_ab + o_ba) / (n_a*n_b + n_b*n_a) = 1 - 10 * 4 / 60 = 1/3


def test_alpha_on_a_hand_worked_matrix_with_missing_values():
    assert krippendorff_alpha(HAND_UNITS) == pytest.approx(1 / 3)
    # NaN is missing too, as in the krippendorff package.
    with_nan = [tuple(math.nan if v is None else v for v in unit) for unit in HAND_UNITS]
    assert krippendorff_alpha(with_nan) == pytest.approx(1 / 3)
    # The package agrees (it wants coders as rows and numbers; a=1, b=2).
    coded = [[{"a": 1, "b": 2, None: np.nan}[v] for v in unit] for unit in HAND_UNITS]
    reliability = np.array(coded, dtype=float).T
    expected = krippendorff.alpha(reliability_data=reliability, level_of_measurement="nominal")
    assert expected == pytest.approx(1 / 3)


def test_alpha_on_krippendorffs_published_example():
    """The nominal example of Krippendorff (2011), 3 coders and 15 units: alpha = 0.691."""
    nan = None
    coders = [
        [nan, nan, nan, nan, nan, 3, 4, 1, 2, 1, 1, 3, 3, nan, 3],
        [1, nan, 2, 1, 3, 3, 4, 3, nan, nan, nan, nan, nan, nan, nan],
        [nan, nan, 2, 1, 3, 4, 4, nan, 2, 1, 1, 3, 3, nan, 4],
    ]
    units = list(zip(*coders, strict=True))
    assert krippendorff_alpha(units) == pytest.approx(0.691358, abs=1e-6)


def test_alpha_conventions():
    assert krippendorff_alpha([(1, 1), (0, 0), (1, 1)]) == 1.0
    # No variation at all: expected disagreement 0, alpha undefined.
    assert math.isnan(krippendorff_alpha([(1, 1), (1, 1)]))
    # One coder, or no unit with two values: nothing to pair.
    assert math.isnan(krippendorff_alpha([(1,), (0,)]))
    assert math.isnan(krippendorff_alpha([(1, None), (None, 0)]))
    assert math.isnan(krippendorff_alpha([]))
    with pytest.raises(ValueError, match="nominal"):
        krippendorff_alpha([(1, 2)], level="interval")


def test_alpha_matches_the_krippendorff_package_on_random_matrices():
    rng = np.random.default_rng(7)
    compared = 0
    while compared < 40:
        coders, units = int(rng.integers(2, 6)), int(rng.integers(5, 40))
        values = rng.integers(1, int(rng.integers(3, 6)), size=(coders, units)).astype(float)
        values[rng.random((coders, units)) < 0.25] = np.nan
        pairable = values[:, (~np.isnan(values)).sum(axis=0) >= 2]
        if len(np.unique(pairable[~np.isnan(pairable)])) < 2:
            continue  # degenerate: the package would divide by zero
        expected = krippendorff.alpha(reliability_data=values, level_of_measurement="nominal")
        as_units = [[None if math.isnan(v) else int(v) for v in unit] for unit in values.T]
        assert krippendorff_alpha(as_units) == pytest.approx(expected, abs=1e-9)
        compared += 1


# -- agreement over articles ---------------------------------------------------------------------

MERKEL = "Angela Merkel met Emmanuel Macron in Berlin."
# Tokens: Angela Merkel met Emmanuel Macron in Berlin .  (8)
PARIS = "Rain fell on Paris today."
# Tokens: Rain fell on Paris today .  (6)
OSLO = "Oslo is cold."
# Tokens: Oslo is cold .  (4)


def merkel_article():
    return (
        MERKEL,
        "en",
        [
            span(0, 13, "PERSON", "alice"),
            span(18, 33, "PERSON", "alice"),  # Emmanuel Macron
            span(37, 43, "GPE", "alice", ACCEPTED),
            span(0, 13, "PERSON", "bob"),
            span(27, 33, "PERSON", "bob"),  # Macron only
            span(37, 43, "GPE", "bob"),
            span(14, 17, "GPE", "bob", SUGGESTED),  # not a decision: ignored
            span(18, 26, "ORG", "bob", REJECTED),  # rejected: ignored
            span(0, 6, "PERSON", None),  # nobody's: ignored
            span(0, 43, "CLAIM", "newsroom", SUGGESTED),  # a suggester is no annotator
        ],
    )


def test_two_annotators():
    # Spans, bob against alice:
    #   exact:   PERSON tp 1 ([0,13)), fp 1 ([27,33)), fn 1 ([18,33)); GPE tp 1
    #            overall tp 2, fp 1, fn 1: F1 = 4/6 = 2/3
    #   overlap: PERSON tp 2 (Macron overlaps Emmanuel Macron); GPE tp 1: overall F1 = 1
    # Tokens (Angela Merkel met Emmanuel Macron in Berlin .):
    #   PERSON alice 1 1 0 1 1 0 0 0   bob 1 1 0 0 1 0 0 0
    #   GPE    alice 0 0 0 0 0 0 1 0   bob 0 0 0 0 0 0 1 0
    #   kappa PERSON: n 8, agree 7; alice yes 4/no 4, bob yes 3/no 5
    #     (n*agree - sum x_c*y_c) / (n^2 - sum x_c*y_c) = (56 - (12+20)) / (64 - 32) = 0.75
    #   kappa GPE: identical, 1.0
    #   kappa overall (16 units): agree 15; alice yes 5/no 11, bob yes 4/no 12
    #     chance = 20 + 132 = 152: (240 - 152) / (256 - 152) = 88/104 = 11/13
    # Alpha, two coders: coincidences count each agreeing unit twice on the diagonal.
    #   PERSON: (1,1) x3 -> o_11 = 6; (1,0) x1 -> o_10 = o_01 = 1; (0,0) x4 -> o_00 = 8
    #     n_1 = 7, n_0 = 9, n = 16: alpha = 1 - 15 * 2 / (2*7*9) = 1 - 30/126 = 16/21
    #   GPE: no disagreement: 1.0
    #   overall: (1,1) x4 -> o_11 = 8; (1,0) x1; (0,0) x11 -> o_00 = 22
    #     n_1 = 9, n_0 = 23, n = 32: alpha = 1 - 31 * 2 / (2*9*23) = 1 - 62/414 = 176/207
    report = agreement([merkel_article()])
    assert report.annotators == ["alice", "bob"]
    assert report.labels == ["GPE", "PERSON"]
    assert report.articles == 1
    (pair,) = report.pairs
    assert (pair.a, pair.b, pair.articles) == ("alice", "bob", 1)
    assert pair.exact == {OVERALL: Score(2, 1, 1), "GPE": Score(1, 0, 0), "PERSON": Score(1, 1, 1)}
    assert pair.exact[OVERALL].f1 == pytest.approx(2 / 3)
    assert pair.overlap[OVERALL] == Score(3, 0, 0)
    assert pair.overlap[OVERALL].f1 == 1.0
    assert pair.kappa == {
        OVERALL: pytest.approx(11 / 13),
        "GPE": 1.0,
        "PERSON": pytest.approx(0.75),
    }
    assert report.alpha == {
        OVERALL: pytest.approx(176 / 207),
        "GPE": 1.0,
        "PERSON": pytest.approx(16 / 21),
    }


def test_an_article_only_one_annotator_touched_changes_nothing():
    """It is missing for the other: not used for the pair, unpairable in alpha."""
    alone = (OSLO, "en", [span(0, 4, "GPE", "alice"), span(5, 7, "PERSON", "alice")])
    before = agreement([merkel_article()])
    after = agreement([merkel_article(), alone])
    assert after.articles == 2 and after.pairs[0].articles == 1
    assert after.pairs == before.pairs
    assert after.alpha == before.alpha


def test_a_rejection_counts_as_having_been_through_the_article():
    """bob rejected the only suggestion in Oslo: his zeros there are data, not missing."""
    oslo = (OSLO, "en", [span(0, 4, "GPE", "alice"), span(0, 4, "GPE", "bob", REJECTED)])
    pair = agreement([merkel_article(), oslo]).pairs[0]
    assert pair.articles == 2
    assert pair.exact["GPE"] == Score(1, 0, 1)


def test_three_annotators_with_a_missing_article():
    paris = (
        PARIS,
        "en",
        [
            span(13, 18, "GPE", "alice"),  # Paris
            span(13, 18, "GPE", "bob"),
            span(10, 18, "GPE", "carol"),  # on Paris
        ],
    )
    oslo = (OSLO, None, [span(0, 4, "GPE", "alice"), span(0, 4, "GPE", "bob")])  # not carol's
    # alice vs bob: both articles, identical: exact F1 1.0, kappa 1.0
    # alice vs carol (and bob vs carol, the same): Paris only.
    #   exact: [13,18) vs [10,18): tp 0 fp 1 fn 1 -> F1 0.  overlap: tp 1 -> F1 1.
    #   tokens (Rain fell on Paris today .): alice 0 0 0 1 0 0, carol 0 0 1 1 0 0
    #   n 6, agree 5; alice yes 1/no 5, carol yes 2/no 4: chance = 2 + 20 = 22
    #   kappa = (30 - 22) / (36 - 22) = 8/14 = 4/7
    # Alpha, three coders, carol missing in Oslo:
    #   Paris: Rain, fell, today, . (0,0,0): o_00 += 3 each -> 12
    #          on (0,0,1) m=3: o_00 += 2*1/2 = 1, o_01 += 1, o_10 += 1
    #          Paris (1,1,1): o_11 += 3
    #   Oslo:  Oslo (1,1,-): o_11 += 2;  is, cold, . (0,0,-): o_00 += 2 each -> 6
    #   o_00 = 19, o_01 = o_10 = 1, o_11 = 5; n_0 = 20, n_1 = 6, n = 26
    #   alpha = 1 - 25 * 2 / (2 * 20 * 6) = 1 - 50/240 = 19/24
    report = agreement([paris, oslo], annotators=["carol", "alice", "bob", "dave"])
    assert report.annotators == ["carol", "alice", "bob"]  # dave annotated nothing
    assert report.labels == ["GPE"]
    assert [(p.a, p.b, p.articles) for p in report.pairs] == [
        ("carol", "alice", 1),
        ("carol", "bob", 1),
        ("alice", "bob", 2),
    ]
    carol_alice, carol_bob, alice_bob = report.pairs
    assert alice_bob.exact[OVERALL] == Score(2, 0, 0)
    assert alice_bob.kappa == {OVERALL: 1.0, "GPE": 1.0}
    for pair in (carol_alice, carol_bob):
        # carol is the reference here: her [10,18) is missed, alice's [13,18) is extra.
        assert pair.exact[OVERALL] == Score(0, 1, 1)
        assert pair.exact[OVERALL].f1 == 0.0
        assert pair.overlap[OVERALL] == Score(1, 0, 0)
        assert pair.kappa["GPE"] == pytest.approx(4 / 7)
    assert report.alpha == {OVERALL: pytest.approx(19 / 24), "GPE": pytest.approx(19 / 24)}
    # Without the list: everyone, sorted.
    assert agreement([paris, oslo]).annotators == ["alice", "bob", "carol"]


def test_pairs_without_shared_articles_and_single_annotators():
    alice_only = (OSLO, "en", [span(0, 4, "GPE", "alice")])
    bob_only = (PARIS, "en", [span(13, 18, "GPE", "bob")])
    report = agreement([alice_only, bob_only])
    (pair,) = report.pairs
    assert pair.articles == 0
    assert pair.exact == {OVERALL: Score(), "GPE": Score()}
    assert math.isnan(pair.kappa[OVERALL])
    assert math.isnan(report.alpha["GPE"])  # no unit has two coders
    single = agreement([alice_only])
    assert single.pairs == [] and single.annotators == ["alice"]
    assert "No pair to compare" in single.table()
    nobody = agreement([(OSLO, "en", [])])
    assert (nobody.annotators, nobody.articles, nobody.labels) == ([], 0, [])
    assert math.isnan(nobody.alpha[OVERALL])


def test_table_and_json():
    labelled = (OSLO, "en", [span(0, 4, "GPE", "alice"), span(0, 4, "ORG", "bob")])
    report = agreement([merkel_article(), labelled])
    table = report.table()
    assert "alice vs bob (2 shared article(s); bob scored against alice)" in table
    assert "Krippendorff's alpha" in table
    header, pair_section, alpha_section = table.split("\n\n")
    assert header == "Agreement of 2 annotator(s) on 2 article(s): alice, bob"
    rows = {line.split()[0]: line.split()[1:] for line in pair_section.splitlines()[2:]}
    # exact overall: tp 2, fp 2 (Macron, ORG Oslo), fn 2 (Emmanuel Macron, GPE Oslo): 4/8
    # overlap overall: tp 3, fp 1 (ORG Oslo), fn 1 (GPE Oslo): 6/8
    assert rows[OVERALL][:2] == ["0.500", "0.750"]
    assert list(rows) == [OVERALL, "GPE", "ORG", "PERSON"]
    assert alpha_section.splitlines()[1].split()[0] == OVERALL
    data = report.to_json()
    assert json.loads(json.dumps(data)) == data
    assert data["annotators"] == ["alice", "bob"]
    assert data["labels"] == ["GPE", "ORG", "PERSON"]
    assert data["pairs"][0]["exact"]["ORG"] == {
        "tp": 0,
        "fp": 1,
        "fn": 0,
        "precision": 0.0,
        "recall": 0.0,
        "f1": 0.0,
    }
    assert all(
        value is None or value == round(value, 4) for value in data["pairs"][0]["kappa"].values()
    )
    assert json.dumps(agreement([(OSLO, "en", [span(0, 4, "GPE", "alice")])]).to_json())


def test_table_marks_labels_a_pair_never_used():
    """Span F1 of a label neither used is a placeholder 0.0: the table shows "-" instead."""
    paris = (PARIS, "en", [span(13, 18, "GPE", "alice"), span(13, 18, "GPE", "bob")])
    oslo = (OSLO, "en", [span(0, 4, "ORG", "carol"), span(0, 4, "GPE", "alice")])
    report = agreement([paris, oslo])
    alice_bob = report.pairs[0]
    assert alice_bob.exact["ORG"] == Score() and alice_bob.kappa["ORG"] == 1.0
    section = report.table().split("\n\n")[1]
    assert section.splitlines()[0].startswith("alice vs bob")
    assert "  ORG" in section
    assert [line.split()[1:] for line in section.splitlines() if line.startswith("  ORG")] == [
        ["-", "-", "1.000"]
    ]


def test_nan_is_null_in_json():
    report = agreement([(OSLO, "en", [span(0, 4, "GPE", "alice")])])
    assert report.to_json()["alpha"] == {OVERALL: None, "GPE": None}
    assert "n/a" in report.table()


def claim(start, end, annotator, **attrs):
    return SpanDraft(start, end, "CLAIM", AnnotationKind.CLAIM, MANUAL, annotator, attrs)


def test_verdicts_on_the_claims_both_marked():
    """Three claims both marked: verdicts agree on two (one unset counts as "unchecked").
    Pairs (alice, bob): (false, false), (unchecked, unchecked), (true, mostly_true).
    kappa: n 3, agree 2; alice false 1 unchecked 1 true 1, bob false 1 unchecked 1 mostly 1:
    chance = 1 + 1 = 2: (3*2 - 2) / (9 - 2) = 4/7. A claim only alice marked is no unit."""
    text = "Taxes fell. Crime rose. Rents doubled. Wages froze."
    spans = [
        claim(0, 11, "alice", verdict="false"),
        claim(0, 11, "bob", verdict="false"),
        claim(12, 23, "alice"),
        claim(12, 23, "bob", verdict="unchecked"),
        claim(24, 38, "alice", verdict="true"),
        claim(24, 38, "bob", verdict="mostly_true"),
        claim(39, 51, "alice", verdict="false"),
    ]
    (pair,) = agreement([(text, "en", spans)]).pairs
    verdict = pair.details["verdict"]
    assert (verdict.units, verdict.agreed) == (3, 2)
    assert verdict.kappa == pytest.approx(4 / 7)
    assert pair.details["check_worthiness"].agreed == 3  # nobody rated any
    section = agreement([(text, "en", spans)]).table().split("\n\n")[1]
    assert [line.split() for line in section.splitlines() if "verdict" in line] == [
        ["verdict", "2", "of", "3", "0.571"]
    ]
    data = agreement([(text, "en", spans)]).to_json()["pairs"][0]["details"]
    assert data["verdict"] == {"units": 3, "agreed": 2, "kappa": 0.5714}


def test_entity_only_reports_have_no_details():
    report = agreement([merkel_article()])
    assert report.pairs[0].details == {}
    assert "detail" not in report.table()
