"""The project's sources across all articles, each with the quotes and claims attributed to it.

A source is a SOURCE span, or any entity or source span that a quote (SPEAKER) or a claim
(SOURCE_OF) points to. The same name in several articles is one source: spans are grouped by
a matching key, so "Katrin Müller" in two articles, or "the minister" and "The Minister's",
land in one entry. Everything is read with two SQL queries, whatever the size of the project.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from annotator.domain.attributes import ROLE, SOURCE_TYPE, VERDICT
from annotator.domain.labels import SOURCE_OF, SPEAKER
from annotator.domain.model import AnnotationKind
from annotator.store import ProjectStore

#: Relation labels that attribute a quote or a claim to its source.
ATTRIBUTION_LABELS: tuple[str, ...] = (SPEAKER, SOURCE_OF)

_POSSESSIVES = ("'s", "\u2019s")


@dataclass(frozen=True, slots=True)
class SourceMention:
    """One span counted as a source; `attributed_count` says how many quotes/claims point to it."""

    article_id: int
    article_title: str
    annotation_id: int
    start: int
    end: int
    label: str
    kind: AnnotationKind
    text: str
    attributed_count: int = 0


@dataclass(frozen=True, slots=True)
class AttributedItem:
    """A quote or claim attributed to a source; `label` is the relation's (SPEAKER/SOURCE_OF)."""

    article_id: int
    article_title: str
    annotation_id: int
    kind: AnnotationKind
    label: str
    start: int
    end: int
    text: str
    verdict: str | None


@dataclass(slots=True)
class SourceEntry:
    """One source of the project: every span that names it and what is attributed to it."""

    name: str
    key: str
    source_types: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)
    mentions: list[SourceMention] = field(default_factory=list)
    attributed: list[AttributedItem] = field(default_factory=list)

    @property
    def article_ids(self) -> list[int]:
        """The articles that mention this source, in id order."""
        return sorted({mention.article_id for mention in self.mentions})

    @property
    def quote_count(self) -> int:
        return sum(item.kind is AnnotationKind.QUOTE for item in self.attributed)

    @property
    def claim_count(self) -> int:
        return sum(item.kind is AnnotationKind.CLAIM for item in self.attributed)


def display_name(text: str) -> str:
    """The span text on one line: line breaks and runs of spaces become one space."""
    return " ".join(text.split())


def _is_edge_junk(char: str) -> bool:
    """Quotes, brackets, commas and the like, which do not belong to a name."""
    return char.isspace() or unicodedata.category(char)[0] == "P" or char in "`\u00b4"


def _strip_edges(text: str) -> str:
    start, end = 0, len(text)
    while start < end and _is_edge_junk(text[start]):
        start += 1
    while end > start and _is_edge_junk(text[end - 1]):
        end -= 1
    return text[start:end]


def source_key(text: str) -> str:
    """The key that decides whether two spans name the same source.

    Case, spacing, Unicode compatibility forms, surrounding quotes and punctuation, a leading
    "the " and a trailing possessive "'s" do not tell two sources apart. A span that is all
    punctuation keeps its own text as the key rather than matching every other such span.
    """
    key = display_name(unicodedata.normalize("NFKC", text).casefold())
    previous = None
    while key != previous:  # a quoted possessive with a comma after it needs several rounds
        previous = key
        key = _strip_edges(key)
        if key.startswith("the "):
            key = key[4:]
        for suffix in _POSSESSIVES:
            if key.endswith(suffix):
                key = key[: -len(suffix)]
    return key or display_name(text.casefold())


def _attrs(raw: str | None) -> dict[str, Any]:
    """The attrs column as a dict; anything unreadable counts as no attributes."""
    try:
        value = json.loads(raw or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _text_attr(attrs: dict[str, Any], key: str) -> str | None:
    value = attrs.get(key)
    return (value.strip() or None) if isinstance(value, str) else None


# Heads must be quotes or claims and children entity or source spans, none of them rejected.
# Both queries share these conditions, so every attribution's child is among the mentions.
_ATTRIBUTIONS_SQL = """
SELECT r.child_id, r.label, h.id, h.article_id, t.title, h.kind, h.start, h."end", h.attrs,
       substr(t.text, h.start + 1, h."end" - h.start)
FROM relations r
JOIN annotations h ON h.id = r.head_id
JOIN annotations c ON c.id = r.child_id
JOIN articles t ON t.id = h.article_id
WHERE r.label IN (?, ?)
  AND h.status != 'rejected' AND h.kind IN ('quote', 'claim')
  AND c.status != 'rejected' AND c.kind IN ('entity', 'source')
ORDER BY h.article_id, h.start, h.id, r.id
"""

_MENTIONS_SQL = """
SELECT a.id, a.article_id, t.title, a.start, a."end", a.label, a.kind, a.attrs,
       substr(t.text, a.start + 1, a."end" - a.start)
FROM annotations a
JOIN articles t ON t.id = a.article_id
WHERE a.status != 'rejected' AND a.kind IN ('entity', 'source')
  AND (a.kind = 'source' OR a.id IN (
      SELECT r.child_id FROM relations r JOIN annotations h ON h.id = r.head_id
      WHERE r.label IN (?, ?) AND h.status != 'rejected' AND h.kind IN ('quote', 'claim')))
ORDER BY a.article_id, a.start, a.id
"""


def _attributions(store: ProjectStore) -> dict[int, list[AttributedItem]]:
    """Quotes and claims that are not rejected, by the id of the source span they point to."""
    by_source: dict[int, list[AttributedItem]] = {}
    for row in store.db.execute(_ATTRIBUTIONS_SQL, list(ATTRIBUTION_LABELS)):
        child_id, label, head_id, article_id, title, kind, start, end, raw_attrs, text = row
        kind = AnnotationKind(kind)
        verdict = (
            _text_attr(_attrs(raw_attrs), VERDICT.key) if kind is AnnotationKind.CLAIM else None
        )
        by_source.setdefault(child_id, []).append(
            AttributedItem(article_id, title, head_id, kind, label, start, end, text, verdict)
        )
    return by_source


def project_sources(store: ProjectStore) -> list[SourceEntry]:
    """Every source of the project, most quoted and cited first, then by name."""
    by_source = _attributions(store)
    entries: dict[str, SourceEntry] = {}
    spellings: defaultdict[str, Counter[str]] = defaultdict(Counter)
    seen: defaultdict[str, set[tuple[int, str]]] = defaultdict(set)
    for row in store.db.execute(_MENTIONS_SQL, list(ATTRIBUTION_LABELS)):
        annotation_id, article_id, title, start, end, label, kind, raw_attrs, text = row
        key = source_key(text)
        entry = entries.get(key)
        if entry is None:
            entry = entries[key] = SourceEntry(name="", key=key)
        spellings[key][display_name(text)] += 1
        items = by_source.get(annotation_id, [])
        entry.mentions.append(
            SourceMention(
                article_id,
                title,
                annotation_id,
                start,
                end,
                label,
                AnnotationKind(kind),
                text,
                len(items),
            )
        )
        attrs = _attrs(raw_attrs)
        if source_type := _text_attr(attrs, SOURCE_TYPE.key):
            entry.source_types.add(source_type)
        if role := _text_attr(attrs, ROLE):
            entry.roles.add(role)
        # A quote linked to two spans of one source (its SOURCE span and its PERSON) counts once.
        done = seen[key]
        for item in items:
            if (item.annotation_id, item.label) not in done:
                done.add((item.annotation_id, item.label))
                entry.attributed.append(item)
    for key, entry in entries.items():
        # The most frequent spelling names the source; ties go to the first one seen.
        entry.name = spellings[key].most_common(1)[0][0]
        entry.attributed.sort(key=lambda item: (item.article_id, item.start, item.annotation_id))
    return sorted(
        entries.values(), key=lambda e: (-len(e.attributed), e.name.casefold(), e.name, e.key)
    )
