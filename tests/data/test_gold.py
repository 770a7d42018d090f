"""Checks on the hand-annotated gold sets in tests/data/gold/ (standard library only).

`quotes.jsonl`, `dev.jsonl`, `dev2.jsonl` and `dev3.jsonl` are for tuning the suggester's rules;
`heldout.jsonl` was written after the tuning and is never used for it. Every check runs on every
file: they keep the sets well formed (offsets, ids, relations, attributes) and keep the hard
cases they exist for from disappearing.
"""

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

GOLD_DIR = Path(__file__).parent / "gold"

LABEL_KINDS = {"QUOTE": "quote", "SOURCE": "source", "CLAIM": "claim"}
QUOTE_TYPES = {"direct", "partial", "paraphrase"}
SOURCE_TYPES = {"named", "anonymous", "document", "official"}
CHECK_WORTHINESS = {"high", "medium"}
META_KEYS = {"title", "outlet", "published", "language"}
CURLY_OPEN, CURLY_CLOSE = "\u201c", "\u201d"


@dataclass(frozen=True)
class GoldSet:
    name: str
    path: Path
    min_articles: int
    min_words: int
    max_words: int


GOLD_SETS = (
    GoldSet("quotes", GOLD_DIR / "quotes.jsonl", min_articles=8, min_words=300, max_words=700),
    GoldSet("dev", GOLD_DIR / "dev.jsonl", min_articles=6, min_words=350, max_words=600),
    GoldSet("dev2", GOLD_DIR / "dev2.jsonl", min_articles=5, min_words=350, max_words=600),
    GoldSet("dev3", GOLD_DIR / "dev3.jsonl", min_articles=6, min_words=350, max_words=600),
    GoldSet("heldout", GOLD_DIR / "heldout.jsonl", min_articles=6, min_words=350, max_words=600),
)


def load(path: Path) -> list[dict]:
    # Split on "\n" alone: str.splitlines() would also break at U+2028 and friends.
    lines = path.read_text(encoding="utf-8").split("\n")
    return [json.loads(line) for line in lines if line.strip()]


RECORDS = {gold_set.name: load(gold_set.path) for gold_set in GOLD_SETS}
ARTICLES = [
    (gold_set, record, f"{gold_set.name}-{n:02d}-{record['meta']['title'][:30]}")
    for gold_set in GOLD_SETS
    for n, record in enumerate(RECORDS[gold_set.name], start=1)
]
each_set = pytest.mark.parametrize("gold_set", GOLD_SETS, ids=[g.name for g in GOLD_SETS])
each_article = pytest.mark.parametrize(
    "record", [pytest.param(record, id=id_) for _, record, id_ in ARTICLES]
)
each_article_with_set = pytest.mark.parametrize(
    ("gold_set", "record"), [pytest.param(g, record, id=id_) for g, record, id_ in ARTICLES]
)


def spans_by_id(record: dict) -> dict[int, dict]:
    return {span["id"]: span for span in record["spans"]}


def quotes(record: dict) -> list[dict]:
    return [span for span in record["spans"] if span["label"] == "QUOTE"]


@each_set
def test_article_count(gold_set):
    assert len(RECORDS[gold_set.name]) >= gold_set.min_articles


@pytest.mark.parametrize(
    ("name", "other_name"),
    [(a.name, b.name) for i, a in enumerate(GOLD_SETS) for b in GOLD_SETS[i + 1 :]],
)
def test_sets_are_disjoint(name, other_name):
    # No article repeats another file's text or title (the tuning set, the development set and
    # the held-out set must not overlap).
    for record in RECORDS[name]:
        for other in RECORDS[other_name]:
            assert record["text"] != other["text"]
            assert record["meta"]["title"] != other["meta"]["title"]


@each_set
def test_titles_and_texts_are_unique_within_a_set(gold_set):
    records = RECORDS[gold_set.name]
    assert len({r["text"] for r in records}) == len(records)
    assert len({r["meta"]["title"] for r in records}) == len(records)


@each_article
def test_meta(record):
    assert set(record["meta"]) == META_KEYS
    assert record["meta"]["language"] == "en"
    assert record["meta"]["published"].startswith("2026-")


@each_article_with_set
def test_word_count(gold_set, record):
    assert gold_set.min_words <= len(record["text"].split()) <= gold_set.max_words


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


@each_set
def test_hard_cases_are_present(gold_set):
    records = RECORDS[gold_set.name]
    all_quotes = [q for r in records for q in quotes(r)]
    types = Counter(q["attrs"]["quote_type"] for q in all_quotes)
    assert types["partial"] >= 1
    assert types["paraphrase"] >= 1
    assert any("\n\n" in q["text"] for q in all_quotes), "no multi-paragraph quote"
    sources = [s for r in records for s in r["spans"] if s["label"] == "SOURCE"]
    assert any(s["attrs"]["source_type"] == "anonymous" for s in sources)
    marked = [q["text"] for q in all_quotes if q["attrs"]["quote_type"] != "paraphrase"]
    assert any(t.startswith(CURLY_OPEN) and t.endswith(CURLY_CLOSE) for t in marked)
    assert any(t.startswith('"') and t.endswith('"') for t in marked)
