"""ClaimReview JSON-LD: checked claims only, verdicts mapped to ratings, claim authors typed
by their source, and a checker that tells schema.org validity from Google's requirements."""

import json
from datetime import date
from pathlib import Path

import pytest

from annotator.domain import AnnotationKind, AnnotationStatus, ArticleDraft, SpanDraft
from annotator.domain.labels import SOURCE_OF
from annotator.domain.model import Annotation, RelationDraft
from annotator.interop.claimreview import (
    author_type,
    claimreview_problems,
    rating,
    write_claimreview,
)
from annotator.interop.selection import Selection
from annotator.store import ProjectStore

BRIDGE = (
    "Councillor Ines Varga said the new bridge carried 9,000 cars a day in its first week. "
    "The Vellmar Transport Office said the toll paid for the repairs. "
    "Residents claimed the old ferry was never late. "
    "Traffic on the coast road doubled, a report found."
)
BUDGET = "The budget grew by a third, the finance minister Olav Krantz said."
REVIEWED_ON = date(2026, 5, 4)


def at(text: str, part: str, label: str, kind=AnnotationKind.CLAIM, **extra) -> SpanDraft:
    start = text.index(part)
    return SpanDraft(start, start + len(part), label, kind, **extra)


def claim(text: str, part: str, verdict: str | None) -> SpanDraft:
    return at(text, part, "CLAIM", attrs={"verdict": verdict} if verdict else {})


@pytest.fixture
def store(tmp_path: Path):
    text = BRIDGE
    spans = (
        claim(text, "the new bridge carried 9,000 cars a day in its first week", "mostly_true"),
        at(
            text,
            "Councillor Ines Varga",
            "SOURCE",
            AnnotationKind.SOURCE,
            attrs={"source_type": "named"},
        ),  # 1
        claim(text, "the toll paid for the repairs", "false"),  # 2
        at(
            text,
            "The Vellmar Transport Office",
            "SOURCE",
            AnnotationKind.SOURCE,
            attrs={"source_type": "official"},
        ),  # 3
        claim(text, "the old ferry was never late", "unchecked"),  # 4
        claim(text, "Traffic on the coast road doubled", None),  # 5: no verdict at all
        at(text, "a report", "SOURCE", AnnotationKind.SOURCE, attrs={"source_type": "document"}),
    )
    budget = (
        claim(BUDGET, "The budget grew by a third", "unverifiable"),
        at(BUDGET, "the finance minister Olav Krantz", "SOURCE", AnnotationKind.SOURCE),
    )
    with ProjectStore.create(tmp_path / "bridge.annotator") as store:
        store.add_articles(
            [
                ArticleDraft(
                    text=text,
                    title="A bridge, a toll and a ferry",
                    url="https://coast.example/bridge#top",
                    published="2026-04-30",
                    spans=spans,
                    relations=(
                        RelationDraft(0, 1, SOURCE_OF),
                        RelationDraft(2, 3, SOURCE_OF),
                        RelationDraft(5, 6, SOURCE_OF),
                    ),
                ),
                ArticleDraft(
                    text=BUDGET,
                    title="Budget",
                    spans=budget,
                    relations=(RelationDraft(0, 1, SOURCE_OF),),
                ),  # no url, no date
            ]
        )
        yield store


def export(store: ProjectStore, out: Path, **options) -> tuple[int, list[dict]]:
    count = write_claimreview(store, out, Selection(), date_published=REVIEWED_ON, **options)
    return count, json.loads(out.read_text(encoding="utf-8"))


def test_checked_claims_become_valid_claimreviews(store, tmp_path: Path) -> None:
    count, document = export(store, tmp_path / "reviews.json", publisher="Coast Fact Desk")
    assert count == 2
    assert [review["claimReviewed"] for review in document] == [
        "the new bridge carried 9,000 cars a day in its first week",
        "the toll paid for the repairs",
        "The budget grew by a third",
    ]  # the unchecked claim and the one without a verdict are left out
    bridge = document[0]
    assert bridge == {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": "the new bridge carried 9,000 cars a day in its first week",
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": 4,
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": "Mostly true",
        },
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Person", "name": "Councillor Ines Varga"},
            "appearance": {
                "@type": "CreativeWork",
                "url": "https://coast.example/bridge#top",
                "headline": "A bridge, a toll and a ferry",
                "datePublished": "2026-04-30",
            },
            "datePublished": "2026-04-30",
        },
        "author": {"@type": "Organization", "name": "Coast Fact Desk"},
        "datePublished": "2026-05-04",
        "url": "https://coast.example/bridge#claim-1",  # the article's fragment replaced
    }
    assert claimreview_problems(document[:2]) == []  # the third has no url: see below
    assert claimreview_problems(document, google=False) == []


def test_author_type_follows_the_source_type(store, tmp_path: Path) -> None:
    _, document = export(store, tmp_path / "reviews.json")
    authors = [review["itemReviewed"]["author"] for review in document]
    assert authors == [
        {"@type": "Person", "name": "Councillor Ines Varga"},  # named
        {"@type": "Organization", "name": "The Vellmar Transport Office"},  # official
        # no source_type stored: the form shows "Not set", and nobody said it is a person
        {"@type": "Thing", "name": "the finance minister Olav Krantz"},
    ]


def test_entity_and_document_sources() -> None:
    def source(kind: AnnotationKind, label: str, source_type: str | None = None) -> Annotation:
        attrs = {"source_type": source_type} if source_type else {}
        stamp = "2026-05-04T09:00:00.000+00:00"
        return Annotation(
            1, 1, 0, 5, label, kind, AnnotationStatus.MANUAL, None, attrs, None, stamp, stamp
        )

    assert author_type(source(AnnotationKind.SOURCE, "SOURCE", "document")) == "Thing"
    assert author_type(source(AnnotationKind.SOURCE, "SOURCE", "anonymous")) == "Thing"
    assert author_type(source(AnnotationKind.ENTITY, "PERSON")) == "Person"
    assert author_type(source(AnnotationKind.ENTITY, "ORG")) == "Organization"
    assert author_type(source(AnnotationKind.ENTITY, "GPE")) == "Thing"


def test_article_without_url_is_schema_org_valid_but_not_for_google(store, tmp_path: Path) -> None:
    _, document = export(store, tmp_path / "reviews.json")
    budget = document[2]
    assert "url" not in budget
    assert "url" not in budget["itemReviewed"]["appearance"]
    assert "datePublished" not in budget["itemReviewed"]
    assert claimreview_problems(budget, google=False) == []
    assert claimreview_problems(budget) == [
        'review 1: "url" (the fact-check page, http or https) is missing (Google requires it)'
    ]


@pytest.mark.parametrize(
    ("verdict", "value", "words"),
    [
        ("true", 5, "True"),
        ("mostly_true", 4, "Mostly true"),
        ("misleading", 2, "Misleading"),
        ("false", 1, "False"),
        ("unverifiable", None, "Unverifiable"),
    ],
)
def test_rating_mapping(verdict: str, value: int | None, words: str) -> None:
    rated = rating(verdict)
    assert rated["alternateName"] == words
    assert rated.get("ratingValue") == value
    if value is not None:
        assert (rated["bestRating"], rated["worstRating"]) == (5, 1)
    else:  # no place on the scale: words only, no numbers
        assert set(rated) == {"@type", "alternateName"}


def test_unverifiable_has_words_but_no_number(store, tmp_path: Path) -> None:
    _, document = export(store, tmp_path / "reviews.json")
    assert document[2]["reviewRating"] == {"@type": "Rating", "alternateName": "Unverifiable"}


def test_date_defaults_to_today(store, tmp_path: Path) -> None:
    out = tmp_path / "today.json"
    write_claimreview(store, out, Selection())
    document = json.loads(out.read_text(encoding="utf-8"))
    assert {review["datePublished"] for review in document} == {date.today().isoformat()}
    assert document[0]["author"] == {"@type": "Organization", "name": "annotator"}


def test_no_checked_claim_gives_an_empty_list(tmp_path: Path) -> None:
    with ProjectStore.create(tmp_path / "quiet.annotator") as store:
        store.add_articles([ArticleDraft(text=BUDGET, title="Budget")])
        out = tmp_path / "none.json"
        assert write_claimreview(store, out, Selection()) == 0
    assert json.loads(out.read_text(encoding="utf-8")) == []


def test_checker_lists_what_is_missing() -> None:
    review = {
        "@type": "ClaimReview",
        "reviewRating": {"@type": "Rating", "ratingValue": 7},
        "author": "Coast Fact Desk",
    }
    assert claimreview_problems([review, "not a review"]) == [
        'review 1: "@context" is missing or not schema.org',
        'review 1: "author" is not of type Organization or Person',
        'review 1: "reviewRating" has ratingValue 7 outside 1-5',
        'review 1: "claimReviewed" is missing (Google requires it)',
        'review 1: "reviewRating.alternateName" is missing (Google requires it)',
        'review 1: "author" (with a name) is missing (Google requires it)',
        'review 1: "url" (the fact-check page, http or https) is missing (Google requires it)',
        "review 2: not a JSON object",
    ]
