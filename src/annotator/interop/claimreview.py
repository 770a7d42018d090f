"""Fact checks as schema.org ClaimReview JSON-LD, for a fact-check page or Google's tools.

Every claim with a verdict other than "unchecked" becomes one ClaimReview; the file is one
JSON document, a list of them, each with its own "@context".

schema.org defines the properties but requires none of them. Google's fact-check guide
requires claimReviewed, reviewRating with its alternateName (the verdict in words: the only
part of the rating Google shows) and url (the fact-check page, optionally with a "#" anchor),
and recommends author and itemReviewed. claimreview_problems() holds the export to Google's
required properties and to author as well, since a fact check has to say who checked it.

The numeric rating follows the 1 (false) to 5 (true) scale Google's guide gives as an
example; see RATINGS. An "unverifiable" verdict has no place on it and carries words only.
"""

from __future__ import annotations

import json
import textwrap
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag

from annotator.domain.attributes import SOURCE_TYPE, VERDICT
from annotator.domain.model import Annotation, AnnotationKind
from annotator.interop.attribution import attributed_sources, one_line
from annotator.interop.files import atomic_writer
from annotator.interop.selection import ExportItem, Selection
from annotator.store import ProjectStore

SCHEMA_ORG = "https://schema.org"
BEST_RATING, WORST_RATING = 5, 1
#: Verdict -> ratingValue. 3 ("half true") is unused: the tool has no such verdict, and a
#: misleading claim is closer to false than to true. None: no numeric rating, words only.
RATINGS: dict[str, int | None] = {
    "true": 5,
    "mostly_true": 4,
    "misleading": 2,
    "false": 1,
    "unverifiable": None,
}
#: A source's source_type -> the schema.org type of the claim's author.
AUTHOR_TYPES = {"named": "Person", "official": "Organization"}
#: For a claim attributed to an entity rather than a SOURCE span: its label decides.
ENTITY_AUTHOR_TYPES = {"PERSON": "Person", "ORG": "Organization"}
_WORDS = dict(VERDICT.values)


def write_claimreview(
    store: ProjectStore,
    out: Path,
    selection: Selection,
    *,
    publisher: str = "annotator",
    date_published: date | None = None,
) -> int:
    """Write the checked claims as a JSON list of ClaimReviews, reviewed by `publisher` on
    `date_published` (today unless given); return how many articles gave at least one."""
    published = (date_published or date.today()).isoformat()
    count, written = 0, 0
    with atomic_writer(out) as handle:
        handle.write("[")
        for item in selection.items(store):
            reviews = claim_reviews(item, publisher=publisher, date_published=published)
            for review in reviews:
                text = json.dumps(review, ensure_ascii=False, indent=2)
                handle.write(("\n" if not written else ",\n") + textwrap.indent(text, "  "))
                written += 1
            count += bool(reviews)
        handle.write("\n]\n" if written else "]\n")
    return count


def claim_reviews(item: ExportItem, *, publisher: str, date_published: str) -> list[dict[str, Any]]:
    """The ClaimReviews of one article's checked claims, in text order."""
    article = item.article
    sources = attributed_sources(item)
    reviews = []
    for claim in item.annotations:
        verdict = claim.attrs.get(VERDICT.key) or VERDICT.default
        if claim.kind is not AnnotationKind.CLAIM or verdict == VERDICT.default:
            continue
        appearance: dict[str, Any] = {"@type": "CreativeWork"}
        if article.url:
            appearance["url"] = article.url
        appearance["headline"] = article.title
        if article.published:
            appearance["datePublished"] = article.published
        claimed: dict[str, Any] = {"@type": "Claim"}
        if claim.id in sources:  # the first SOURCE_OF, should a claim have several
            source = sources[claim.id][0]
            claimed["author"] = {
                "@type": author_type(source),
                "name": one_line(source.text_in(article.text)),
            }
        claimed["appearance"] = appearance
        if article.published:
            claimed["datePublished"] = article.published
        review: dict[str, Any] = {
            "@context": SCHEMA_ORG,
            "@type": "ClaimReview",
            "claimReviewed": one_line(claim.text_in(article.text)),
            "reviewRating": rating(verdict),
            "itemReviewed": claimed,
            "author": {"@type": "Organization", "name": publisher},
            "datePublished": date_published,
        }
        if article.url:
            review["url"] = f"{urldefrag(article.url).url}#claim-{claim.id}"
        reviews.append(review)
    return reviews


def rating(verdict: str) -> dict[str, Any]:
    """The Rating of a verdict: its number on the 1-5 scale, if it has one, and its words."""
    value = RATINGS.get(verdict)
    numbers = (
        {"ratingValue": value, "bestRating": BEST_RATING, "worstRating": WORST_RATING}
        if value is not None
        else {}
    )
    return {"@type": "Rating", **numbers, "alternateName": _WORDS.get(verdict, verdict)}


def author_type(source: Annotation) -> str:
    """Person or Organization when the source says which, else the catch-all Thing (a
    source whose type nobody set is not assumed to be a person)."""
    if source.kind is AnnotationKind.SOURCE:
        return AUTHOR_TYPES.get(source.attrs.get(SOURCE_TYPE.key) or "", "Thing")
    return ENTITY_AUTHOR_TYPES.get(source.label, "Thing")


def claimreview_problems(document: Any, *, google: bool = True) -> list[str]:
    """What keeps a ClaimReview document (one object or a list) from being usable: missing
    JSON-LD essentials and malformed ratings, plus, with `google`, the properties Google's
    fact-check results need. An empty list means none."""
    reviews = document if isinstance(document, list) else [document]
    problems: list[str] = []
    for number, review in enumerate(reviews, start=1):
        where = f"review {number}"
        if not isinstance(review, dict):
            problems.append(f"{where}: not a JSON object")
            continue
        problems += [f"{where}: {problem}" for problem in _schema_problems(review)]
        if google:
            google_problems = _google_problems(review)
            problems += [f"{where}: {problem} (Google requires it)" for problem in google_problems]
    return problems


def _schema_problems(review: dict[str, Any]) -> list[str]:
    problems = []
    if str(review.get("@context", "")).rstrip("/") not in (SCHEMA_ORG, "http://schema.org"):
        problems.append('"@context" is missing or not schema.org')
    if review.get("@type") != "ClaimReview":
        problems.append('"@type" is missing or not ClaimReview')
    expected = {
        "reviewRating": ("Rating",),
        "itemReviewed": ("Claim",),
        "author": ("Organization", "Person"),
    }
    for key, types in expected.items():
        value = review.get(key)
        if value is not None and (not isinstance(value, dict) or value.get("@type") not in types):
            problems.append(f'"{key}" is not of type {" or ".join(types)}')
    rated = review.get("reviewRating")
    if isinstance(rated, dict) and "ratingValue" in rated:
        value = rated["ratingValue"]
        best, worst = rated.get("bestRating", BEST_RATING), rated.get("worstRating", WORST_RATING)
        numbers = all(isinstance(n, int | float) for n in (value, best, worst))
        if not numbers or not worst <= value <= best:
            problems.append(f'"reviewRating" has ratingValue {value!r} outside {worst}-{best}')
    return problems


def _google_problems(review: dict[str, Any]) -> list[str]:
    problems = []
    if not _text(review.get("claimReviewed")):
        problems.append('"claimReviewed" is missing')
    rated = review.get("reviewRating")
    if not isinstance(rated, dict) or not _text(rated.get("alternateName")):
        problems.append('"reviewRating.alternateName" is missing')
    author = review.get("author")
    if not isinstance(author, dict) or not _text(author.get("name")):
        problems.append('"author" (with a name) is missing')
    url = review.get("url")
    if not _text(url) or not str(url).startswith(("https://", "http://")):
        problems.append('"url" (the fact-check page, http or https) is missing')
    return problems


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())
