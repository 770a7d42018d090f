"""Kept token records: checked against their text, and read as spaCy reads its own."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.interop.foreign import KeptTokens, token_problem
from annotator.nlp.tokens import token_bounds, token_records, tokenize

TEXT = 'Dr. Amal Haddad didn\'t say  "no" 🚲.\n\nThe clinic closes.'


def test_spacys_own_records_pass() -> None:
    records = token_records(tokenize(TEXT, "en"))
    assert token_problem(TEXT, records) is None
    without_ws = [{k: v for k, v in r.items() if k != "ws"} for r in records]
    assert token_problem(TEXT, without_ws) is None  # Prodigy's ner.manual leaves ws out


@pytest.mark.parametrize(
    ("tokens", "expected"),
    [
        ([], "must be a list of token objects"),
        ({"text": "Dr."}, "must be a list"),
        (["Dr."], "item 1 must be an object"),
        ([{"text": "Dr.", "start": 0, "end": "3", "id": 0}], 'needs integer "start"'),
        ([{"text": "Dr.", "start": 0, "end": 3}], 'integer "start", "end" and "id"'),
        ([{"text": "Dr.", "start": 0, "end": 3, "id": True}], 'and "id"'),
        ([{"text": "", "start": 3, "end": 3, "id": 0}], "[3, 3) does not follow"),
        ([{"text": "x", "start": 0, "end": 999, "id": 0}], "[0, 999) does not follow"),
        (
            [
                {"text": "Amal", "start": 4, "end": 8, "id": 0},
                {"text": "Dr.", "start": 0, "end": 3, "id": 1},
            ],
            "item 2 [0, 3) does not follow",
        ),
        ([{"text": "Dr", "start": 0, "end": 3, "id": 0}], "says its text is 'Dr'"),
        ([{"text": "Dr.", "start": 0, "end": 3, "id": 0, "ws": "yes"}], '"ws" must be true'),
    ],
)
def test_records_that_do_not_fit_the_text(tokens: object, expected: str) -> None:
    problem = token_problem(TEXT, tokens)
    assert problem is not None and expected in problem


def test_indices_follow_the_kept_records_not_spacy() -> None:
    """A tool that keeps "didn't" whole counts one token fewer than spaCy after it."""
    text = "She didn't sign it."
    words = [("She", 0), ("didn't", 4), ("sign", 11), ("it", 16), (".", 18)]
    records = [
        {"text": w, "start": s, "end": s + len(w), "id": i} for i, (w, s) in enumerate(words)
    ]
    kept = KeptTokens(text, records)
    assert kept.bounds(11, 15) == (2, 2)  # "sign"
    assert token_bounds(tokenize(text, "en"), 11, 15) == (3, 3)
    assert kept.bounds(4, 10) == (1, 1)
    assert kept.bounds(5, 7) == (1, 1)  # inside a token: the whole token


PIECES = [*"ab c.,'\n\t-🚲é", "  ", "Dr.", "n't", "U.S.", "(", ")"]
TEXTS = st.lists(st.sampled_from(PIECES), min_size=1).map("".join).filter(str.strip)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS, data=st.data())
def test_kept_spacy_records_give_spacys_indices(text: str, data: st.DataObject) -> None:
    """Records spaCy made, read back, give exactly spaCy's token_start and token_end, with
    or without "ws": a round trip through annotator shifts no index."""
    doc = tokenize(text, "en")
    records = token_records(doc)
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    expected = token_bounds(doc, start, end)
    assert KeptTokens(text, records).bounds(start, end) == expected
    without_ws = [{k: v for k, v in r.items() if k != "ws"} for r in records]
    assert KeptTokens(text, without_ws).bounds(start, end) == expected
