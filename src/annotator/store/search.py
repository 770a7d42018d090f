"""Project-wide search over article titles, article text and annotation notes (SQLite FTS5).

SQLite finds the rows; Python then finds where in the text a term occurs, in code points, so the
GUI can open the article with the hit selected (FTS5 itself reports no offsets we could use).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from annotator.store.project import ProjectStore

Where = Literal["title", "text", "note"]

#: Characters the unicode61 tokenizer keeps in a token: letters and numbers (not "_").
_TOKEN = re.compile(r"[^\W_]+")
_SEPARATOR = r"[\W_]+"
_NOT_AFTER_TOKEN = r"(?<![^\W_])"
_NOT_BEFORE_TOKEN = r"(?![^\W_])"

#: How much text a snippet shows around the hit, in characters.
SNIPPET_WIDTH = 60
_SNIPPET_BEFORE = 20


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One search result: where to open and what to select.

    For "text" and "title" hits, [start, end) is the first occurrence of a query term in the
    article text (code points); a title hit whose terms are not in the text has start == end
    == 0. For "note" hits it is the annotated span, and `annotation_id` names the annotation.
    """

    article_id: int
    title: str
    where: Where
    start: int
    end: int
    snippet: str
    annotation_id: int | None = None


@dataclass(frozen=True, slots=True)
class _Query:
    """The user's words, as an FTS5 expression and as the token lists to look for in text."""

    fts: str
    terms: tuple[tuple[str, ...], ...]  # one tuple of tokens per whitespace-separated word
    prefix_last: bool


def _parse(query: str) -> _Query | None:
    """Quote every word so nothing the user types is FTS5 syntax; the last word is a prefix.

    Each word becomes an FTS5 phrase of its tokens (`Müller's` -> "Müller s"), so quote marks,
    AND/OR/NOT/NEAR, parentheses, `*`, `:` and `-` are searched as text, never parsed.
    """
    terms = tuple(tokens for word in query.split() if (tokens := tuple(_TOKEN.findall(word))))
    if not terms:
        return None
    phrases = [f'"{" ".join(tokens)}"' for tokens in terms]
    phrases[-1] += "*"
    return _Query(fts=" ".join(phrases), terms=terms, prefix_last=True)


def search(store: ProjectStore, query: str, limit: int = 200) -> list[SearchHit]:
    """Articles whose title or text, and annotations whose note, contain every word of `query`.

    Title hits come first, then text hits, then note hits, each group in FTS5 rank (bm25)
    order; at most `limit` hits in all. A blank query (or one with no words) finds nothing.
    """
    parsed = _parse(query)
    if parsed is None or limit <= 0:
        return []
    hits: list[SearchHit] = []
    seen: set[int] = set()
    passes: tuple[tuple[Where, str], ...] = (
        ("title", f"{{title}} : ({parsed.fts})"),
        ("text", parsed.fts),
    )
    for where, match in passes:
        for article_id, title, text in _article_rows(store, match, limit):
            if article_id in seen:
                continue
            seen.add(article_id)
            hits.append(_article_hit(parsed, article_id, title, text, where))
    hits.extend(_note_hits(store, parsed, limit))
    return hits[:limit]


def _article_rows(store: ProjectStore, match: str, limit: int) -> list[tuple[int, str, str]]:
    rows = store.db.execute(
        "WITH found AS (SELECT rowid, rank FROM articles_fts WHERE articles_fts MATCH ? "
        "ORDER BY rank LIMIT ?) "
        "SELECT a.id, a.title, a.text FROM found JOIN articles a ON a.id = found.rowid "
        "ORDER BY found.rank, a.id",
        [match, limit],
    )
    return [(int(article_id), title, text) for article_id, title, text in rows]


def _article_hit(parsed: _Query, article_id: int, title: str, text: str, where: Where) -> SearchHit:
    found = find_first(text, parsed.terms, prefix_last=parsed.prefix_last)
    start, end = found or (0, 0)
    return SearchHit(
        article_id=article_id,
        title=title,
        where=where,
        start=start,
        end=end,
        snippet=snippet(text, start, end),
    )


def _note_hits(store: ProjectStore, parsed: _Query, limit: int) -> list[SearchHit]:
    rows = store.db.execute(
        "WITH found AS (SELECT rowid, rank FROM annotations_fts WHERE annotations_fts MATCH ? "
        "ORDER BY rank LIMIT ?) "
        'SELECT n.id, n.article_id, n.start, n."end", n.note, a.title '
        "FROM found JOIN annotations n ON n.id = found.rowid "
        "JOIN articles a ON a.id = n.article_id ORDER BY found.rank, n.id",
        [parsed.fts, limit],
    )
    hits = []
    for annotation_id, article_id, start, end, note, title in rows:
        found = find_first(note, parsed.terms, prefix_last=parsed.prefix_last)
        where_in_note = found or (0, 0)
        hits.append(
            SearchHit(
                article_id=int(article_id),
                title=title,
                where="note",
                start=int(start),
                end=int(end),
                snippet=snippet(note, *where_in_note),
                annotation_id=int(annotation_id),
            )
        )
    return hits


def find_first(
    text: str, terms: tuple[tuple[str, ...], ...], *, prefix_last: bool = False
) -> tuple[int, int] | None:
    """[start, end) in code points of the earliest occurrence of any term in `text`.

    A term is a sequence of tokens matched at word boundaries, ignoring case; the last term
    may end inside a word (prefix search). A term is looked for with its accents as typed;
    only a term not found that way is looked for ignoring accents, as SQLite's unicode61
    tokenizer does (so "sao" still finds "São").
    """
    found = []
    for number, tokens in enumerate(terms):
        is_prefix = prefix_last and number == len(terms) - 1
        for loose in (False, True):
            match = re.search(_pattern(tokens, is_prefix, loose=loose), text, re.IGNORECASE)
            if match:
                found.append((match.start(), _past_marks(text, match.end())))
                break
    return min(found, key=lambda span: (span[0], -span[1])) if found else None


def _pattern(tokens: tuple[str, ...], is_prefix: bool, *, loose: bool) -> str:
    """A regular expression for one term; `loose` lets every letter carry any accent."""
    words = (_loose(token) if loose else re.escape(token) for token in tokens)
    body = _SEPARATOR.join(words)
    return _NOT_AFTER_TOKEN + body + ("" if is_prefix else _NOT_BEFORE_TOKEN)


def _loose(token: str) -> str:
    parts = []
    for char in _base(token):
        variants = _accented_forms().get(char, "")
        parts.append(f"[{re.escape(char + variants)}]{_MARKS}" if variants else re.escape(char))
    return "".join(parts)


#: Combining marks: a decomposed accent ("u" + U+0308) follows its letter.
_MARKS = r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]*"


def _base(text: str) -> str:
    """Lower case without accents ("São" -> "sao"); "ß" stays, as in unicode61."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.cache
def _accented_forms() -> dict[str, str]:
    """Each base letter and the precomposed letters that decompose to it plus accents."""
    forms: dict[str, str] = {}
    for code in range(0xC0, 0x2000):
        char = chr(code)
        base = _base(char)
        if len(base) == 1 and base != char.lower() and base.isalpha():
            forms[base] = forms.get(base, "") + char
    return forms


def _past_marks(text: str, end: int) -> int:
    """Move `end` past combining marks, so a selection never splits an accent from its letter."""
    while end < len(text) and unicodedata.combining(text[end]):
        end += 1
    return end


def snippet(text: str, start: int, end: int, width: int = SNIPPET_WIDTH) -> str:
    """About `width` characters of `text` around [start, end) on one line, "…" where cut."""
    begin = 0
    if end > start:
        begin = max(0, start - _SNIPPET_BEFORE)
        # Open at a word boundary when one is near, rather than in the middle of a word.
        back = begin
        while back > 0 and begin - back < 10 and not text[back - 1].isspace():
            back -= 1
        if back == 0 or text[back - 1].isspace():
            begin = back
    stop = min(len(text), max(begin + width, end))
    shown = " ".join(text[begin:stop].split())
    return ("…" if begin > 0 else "") + shown + ("…" if stop < len(text) else "")
