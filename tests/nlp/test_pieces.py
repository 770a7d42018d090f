"""Long texts in pieces: where they are cut, and that the joined Doc keeps the text's offsets."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.app.suggestions import NEWSROOM_NEEDS
from annotator.nlp import pieces
from annotator.nlp.pipelines import BUNDLED_PIPELINE, blank_pipeline, load_pipeline
from annotator.nlp.quotes import find_in_pieces


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline(BUNDLED_PIPELINE, NEWSROOM_NEEDS)


def texts_of(text: str, limit: int) -> list[str]:
    return [text[start:end] for start, end in pieces.cut(text, limit)]


@given(st.text(alphabet="ab \n\t\u00e9", max_size=400), st.integers(min_value=1, max_value=60))
def test_pieces_cover_the_text_in_order_within_the_limit(text, limit):
    bounds = pieces.cut(text, limit)
    assert "".join(text[start:end] for start, end in bounds) == text
    assert [start for start, _ in bounds[1:]] == [end for _, end in bounds[:-1]]
    assert all(end - start <= limit for start, end in bounds)
    assert all(end - start >= limit // 2 for start, end in bounds[:-1])


def test_a_short_text_is_one_piece():
    assert pieces.cut("Three short words.", 100) == [(0, 18)]
    assert pieces.cut("", 100) == [(0, 0)]


def test_the_cut_falls_after_a_paragraph_break_with_its_whitespace():
    text = "One line.\nAnother line.\n\n  Second paragraph here.\nMore words."
    assert texts_of(text, 40) == [
        "One line.\nAnother line.\n\n  ",
        "Second paragraph here.\nMore words.",
    ]


def test_without_a_paragraph_break_a_line_break_then_a_space_will_do():
    assert texts_of("alpha beta\ngamma delta epsilon", 20) == [
        "alpha beta\n",
        "gamma delta epsilon",
    ]
    assert texts_of("alpha beta gamma delta epsilon", 20) == ["alpha beta gamma ", "delta epsilon"]


def test_a_run_without_whitespace_is_cut_at_the_limit():
    assert texts_of("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]


def test_pieces_join_into_one_doc_with_the_texts_offsets():
    nlp = blank_pipeline("en")
    short, long = "A short one.", "First paragraph.\n\nSecond one here.\n\nThird, and last."
    parsed = list(pieces.pipe(nlp, [short, long, short], limit=20))
    assert [[start for start, _ in parts] for parts in parsed] == [[0], [0, 18, 36], [0]]
    doc = pieces.joined(parsed[1])
    assert doc.text == long
    assert [t.idx for t in doc if t.text == "Third"] == [long.index("Third")]
    assert pieces.joined(parsed[0]) is parsed[0][0][1]


def test_texts_over_the_pipelines_max_length_are_parsed_in_pieces(nlp):
    paragraph = "Katrin Müller, the mayor of Aldermouth, spoke to the council on Monday.\n\n"
    text = paragraph * 6 + "Claire Ashdown of FreshWay opened a shop in Marrowick."
    nlp.max_length = 300
    try:
        (parts,) = pieces.pipe(nlp, [text])
    finally:
        nlp.max_length = 1_000_000
    assert len(parts) == 2
    doc = pieces.joined(parts)
    assert doc.text == text
    people = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"]
    assert (text.index("Claire"), text.index(" of FreshWay")) in people
    assert all(text[e.start_char : e.end_char] == e.text for e in doc.ents)


def test_quotes_found_in_pieces_have_the_whole_texts_offsets(nlp):
    first = '"We will reopen the harbour," Katrin Müller said on Monday.\n\n'
    second = 'Traders were pleased. "Sales rose 20 percent," Claire Ashdown said.'
    text = first + second
    (parts,) = pieces.pipe(nlp, [text], limit=len(second))
    assert [start for start, _ in parts] == [0, len(first)]
    findings = find_in_pieces(parts)
    quoted = [text[q.start : q.end] for q in findings.quotes]
    assert quoted == ['"We will reopen the harbour,"', '"Sales rose 20 percent,"']
    speakers = [text[q.speaker.start : q.speaker.end] for q in findings.quotes if q.speaker]
    assert speakers == ["Katrin Müller", "Claire Ashdown"]
    assert {text[s.start : s.end] for s in findings.sources} == {"Katrin Müller", "Claire Ashdown"}
    assert all(text[c.start : c.end].strip() for c in findings.claims)
    assert any(c.start >= len(first) for c in findings.claims)
