"""normalize_text, text_sha256 and OffsetMap: the one text normalisation and its offset mapping."""

import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.domain.text import OffsetMap, normalize_text, snap_to_words, text_sha256


def test_crlf_becomes_lf() -> None:
    """Windows line endings turn into "\\n"."""
    assert normalize_text("one\r\ntwo\r\n") == "one\ntwo\n"


def test_lone_cr_becomes_lf() -> None:
    """Old Mac line endings turn into "\\n", and "\\r\\r\\n" into two line breaks."""
    assert normalize_text("one\rtwo\r") == "one\ntwo\n"
    assert normalize_text("a\r\r\nb") == "a\n\nb"


def test_nothing_else_changes() -> None:
    """Whitespace, tabs, emoji, decomposed accents and other scripts stay exactly as they were."""
    raw = "  Tabs\there,  double  spaces \u00a0nbsp\u2028sep\n\n\ncafe\u0301 café 🚲 Привет \ufeff"
    assert normalize_text(raw) == raw


def test_emoji_and_combining_accents_are_not_normalised() -> None:
    """NFC/NFD are not applied: offsets from other tools must stay valid."""
    decomposed = "e\u0301"
    assert normalize_text(decomposed) == decomposed
    assert len(normalize_text(decomposed)) == 2
    assert normalize_text("🚲\r\n🚴🏽‍♀️") == "🚲\n🚴🏽‍♀️"


def test_text_sha256_is_stable_sha256_of_utf8() -> None:
    """The hash identifies a text across runs and machines: SHA-256 of its UTF-8 bytes."""
    text = "Müller rode a 🚲."
    assert text_sha256(text) == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert text_sha256(text) == text_sha256(str(text))
    assert text_sha256("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    assert text_sha256("e\u0301") != text_sha256("é")


def test_offset_map_example() -> None:
    """A span after two CRLF pairs moves back by two, and covers the same words."""
    raw = "Title\r\n\r\nBody with Müller 🚲 here"
    text = normalize_text(raw)
    to_normal = OffsetMap(raw)
    start = raw.index("Müller")
    end = raw.index(" here")
    assert to_normal(start) == start - 2
    assert text[to_normal(start) : to_normal(end)] == "Müller 🚲"


def test_offset_map_without_crlf_is_identity() -> None:
    """Lone "\\r" and "\\n" keep their places, so offsets do not move."""
    raw = "a\rb\nc🚲"
    to_normal = OffsetMap(raw)
    assert [to_normal(i) for i in range(len(raw) + 1)] == list(range(len(raw) + 1))


PIECES = ["\r\n", "\r", "\n", "🚲", "é", "e\u0301", "Привет", "a", " ", "word"]


def crlf_pair_ends_at(raw: str, offset: int) -> bool:
    """True if `offset` falls between the "\\r" and "\\n" of a CRLF pair."""
    return 0 < offset < len(raw) and raw[offset - 1] == "\r" and raw[offset] == "\n"


@settings(database=None, max_examples=300)
@given(
    pieces=st.lists(st.sampled_from(PIECES), max_size=40),
    data=st.data(),
)
def test_offset_map_property(pieces: list[str], data: st.DataObject) -> None:
    """Any span of the raw text maps to the span of the normalised text with the same content.

    A span ending between the "\\r" and "\\n" of a pair loses only that "\\r".
    """
    raw = "".join(pieces)
    text = normalize_text(raw)
    to_normal = OffsetMap(raw)
    start = data.draw(st.integers(0, len(raw)), label="start")
    end = data.draw(st.integers(start, len(raw)), label="end")

    assert to_normal(0) == 0
    assert to_normal(len(raw)) == len(text)
    if not crlf_pair_ends_at(raw, end):
        expected = normalize_text(raw[start:end])
        assert text[to_normal(start) : to_normal(end)] == expected
        if "\r" not in raw.replace("\r\n", ""):  # no lone CR: the plain CRLF form holds too
            assert text[to_normal(start) : to_normal(end)] == raw[start:end].replace("\r\n", "\n")
    else:
        assert text[to_normal(start) : to_normal(end)] == normalize_text(raw[start : end - 1])


@settings(database=None, max_examples=100)
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_offset_map_is_monotonic(pieces: list[str]) -> None:
    """Offsets never move backwards, so start <= end survives the mapping."""
    raw = "".join(pieces)
    to_normal = OffsetMap(raw)
    mapped = [to_normal(i) for i in range(len(raw) + 1)]
    assert mapped == sorted(mapped)


@pytest.mark.parametrize(
    ("text", "selection", "expected"),
    [
        ("Katrin Müller said", (9, 11), "Müller"),
        ("Katrin Müller said", (2, 9), "Katrin Müller"),
        ("  São Paulo  ", (0, 13), "São Paulo"),
        ("the cafe\u0301 opened", (5, 8), "cafe\u0301"),
        ("a 🚲 lane", (2, 3), "🚲"),
        ("Олена Ковальчук won", (7, 9), "Ковальчук"),
        ("(Reuters) said", (1, 3), "Reuters"),
    ],
)
def test_snap_to_words_widens_to_whole_words(text, selection, expected):
    start, end = snap_to_words(text, *selection)
    assert text[start:end] == expected


def test_snap_to_words_of_only_spaces_is_empty():
    start, end = snap_to_words("a    b", 1, 4)
    assert start == end
