"""Checks on the hand-annotated gold set in tests/data/gold/quotes.jsonl (standard library only).

The set measures quote, speaker, source and claim suggestions; these tests keep it well formed
(offsets, ids, relations, attributes) and keep the hard cases it exists for from disappearing.
"""

import json
from collections import Counter
from pathlib import Path

import pytest

GOLD = Path(__file__).parent / "gold" / "quotes.jsonl"

LABEL_KINDS = {"QUOTE": "quote", "SOURCE": "source", "CLAIM": "claim"}
QUOTE_TYPES = {"direct", "partial", "paraphrase"}
SOURCE_TYPES = {"named", "anonymous", "document", "official"}
CHECK_WORTHINESS = {"high", "medium"}
META_KEYS = {"title", "outlet", "published", "language"}
CURLY_OPEN, CURLY_CLOSE = "\u201c", "\u201d"


def load() -> list[dict]:
    # Split on "\n" alone: str.splitlines() would also break at U+2028 and friends.
    lines = GOLD.read_text(encoding="utf-8").split("\n")
    return [json.loads(line) for line in lines if line.strip()]


RECORDS = load()
IDS = [f"{n:02d}-{r['meta']['title'][:30]}" for n, r in enumerate(RECORDS, start=1)]
each_article = pytest.mark.parametrize("record", RECORDS, ids=IDS)


def spans_by_id(record: dict) -> dict[int, dict]:
    return {span["id"]: span for span in record["spans"]}


def quotes(record: dict) -> list[dict]:
    return [span for span in record["spans"] if span["label"] == "QUOTE"]


def test_article_count():
    assert len(RECORDS) >= 8


@each_article
def test_meta(record):
    assert set(record["meta"]) == META_KEYS
    assert record["meta"]["language"] == "en"
    assert record["meta"]["published"].startswith("2026-")


@each_article
def test_word_count(record):
    assert 300 <= len(record["text"].split()) <= 700


@each_article
def test_span_offsets_and_text(record):
    text = record["text"]
    for span in record["spans"]:
        assert 0 <= span["start"] < span["end"] <= len(text), span
        assert span["text"] == text[span["start"] : span["end"]], span
        assert span["text"] == span["text"].strip(), span


@each_article
def test_span_ids_unique(record):
    ids = [span["id"] for span in record["spans"]]
    assert len(ids) == len(set(ids))


@each_article
def test_labels_kinds_status(record):
    for span in record["spans"]:
        assert LABEL_KINDS.get(span["label"]) == span["kind"], span
        assert span["status"] == "accepted", span


@each_article
def test_attributes(record):
    for span in record["spans"]:
        attrs = span["attrs"]
        if span["label"] == "QUOTE":
            assert attrs.get("quote_type") in QUOTE_TYPES, span
            assert attrs.get("speaker"), span
        elif span["label"] == "SOURCE":
            assert attrs.get("source_type") in SOURCE_TYPES, span
            assert attrs.get("refers_to"), span
        else:
            assert attrs.get("check_worthiness") in CHECK_WORTHINESS, span


@each_article
def test_relations_point_the_right_way(record):
    by_id = spans_by_id(record)
    for relation in record["relations"]:
        assert relation["head_id"] in by_id, relation
        assert relation["child_id"] in by_id, relation
        assert relation["annotator"] == "gold", relation
        head, child = by_id[relation["head_id"]], by_id[relation["child_id"]]
        assert child["label"] == "SOURCE", relation
        if relation["label"] == "SPEAKER":
            assert head["label"] == "QUOTE", relation
        else:
            assert relation["label"] == "SOURCE_OF", relation
            assert head["label"] == "CLAIM", relation


@each_article
def test_every_quote_has_exactly_one_speaker(record):
    speakers = Counter(r["head_id"] for r in record["relations"] if r["label"] == "SPEAKER")
    for quote in quotes(record):
        assert speakers[quote["id"]] == 1, quote


@each_article
def test_speaker_attribute_matches_the_linked_source(record):
    by_id = spans_by_id(record)
    for relation in record["relations"]:
        if relation["label"] == "SPEAKER":
            quote, source = by_id[relation["head_id"]], by_id[relation["child_id"]]
            assert quote["attrs"]["speaker"] == source["attrs"]["refers_to"], relation


@each_article
def test_a_claim_has_at_most_one_source(record):
    heads = Counter(r["head_id"] for r in record["relations"] if r["label"] == "SOURCE_OF")
    assert all(count == 1 for count in heads.values()), heads


@each_article
def test_every_source_is_linked(record):
    children = {r["child_id"] for r in record["relations"]}
    for span in record["spans"]:
        if span["label"] == "SOURCE":
            assert span["id"] in children, span


def test_hard_cases_are_present():
    all_quotes = [q for r in RECORDS for q in quotes(r)]
    types = Counter(q["attrs"]["quote_type"] for q in all_quotes)
    assert types["partial"] >= 1
    assert types["paraphrase"] >= 1
    assert any("\n\n" in q["text"] for q in all_quotes), "no multi-paragraph quote"
    sources = [s for r in RECORDS for s in r["spans"] if s["label"] == "SOURCE"]
    assert any(s["attrs"]["source_type"] == "anonymous" for s in sources)
    marked = [q["text"] for q in all_quotes if q["attrs"]["quote_type"] != "paraphrase"]
    assert any(t.startswith(CURLY_OPEN) and t.endswith(CURLY_CLOSE) for t in marked)
    assert any(t.startswith('"') and t.endswith('"') for t in marked)
