"""Import .txt and .md files: one article per file.

A Markdown file may open with a front matter block of `key: value` lines between two `---`
lines (title, outlet, author, published, url, language; other keys go to the article's meta).
Without a title there, the first line becomes the title when it looks like a headline, else the
title comes from the opening words. The stored text is the whole body, headline included: no
body text is ever dropped (only the blank lines between front matter and body go).
"""

import re
from pathlib import Path

from annotator.domain.model import ArticleDraft
from annotator.domain.text import normalize_text
from annotator.errors import UserError
from annotator.interop.files import read_text
from annotator.interop.reading import Reading

ARTICLE_FIELDS = ("title", "outlet", "author", "url", "published", "language")
_HEADLINE_MAX = 200
_TITLE_WORDS = 12


def read_plaintext(path: Path) -> Reading:
    text = normalize_text(read_text(path))
    fields, body = _split_front_matter(path, text)
    if not body.strip():
        raise UserError(f"{path}: has no article text")
    title = fields.pop("title", None) or derive_title(body)
    draft = ArticleDraft(
        text=body,
        title=title,
        outlet=fields.pop("outlet", None),
        author=fields.pop("author", None),
        url=fields.pop("url", None),
        published=fields.pop("published", None),
        language=fields.pop("language", None),
        meta=fields,  # what is left
        source=path.name,
    )
    return Reading([draft])


def _split_front_matter(path: Path, text: str) -> tuple[dict[str, str], str]:
    """Return (front matter fields, body); the blank lines between the two are not text."""
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return {}, text
    fields: dict[str, str] = {}
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() == "---":
            return fields, "\n".join(lines[number:]).lstrip("\n")
        if not line.strip():
            continue
        key, colon, value = line.partition(":")
        if not colon or not re.fullmatch(r"[A-Za-z_][\w-]*", key.strip()):
            raise UserError(f"{path}:{number}: front matter lines must read `key: value`")
        fields[key.strip().lower()] = value.strip().strip("\"'")
    raise UserError(f"{path}:1: the front matter opened with --- is never closed")


def derive_title(text: str) -> str:
    """The first line if it looks like a headline, else the opening words followed by "…"."""
    stripped = text.strip()
    first, _, rest = stripped.partition("\n")
    first = first.strip().lstrip("#").strip()
    looks_like_headline = (
        rest.strip() != ""
        and 0 < len(first) <= _HEADLINE_MAX
        and len(first.split()) >= 2
        and not first.endswith((".", ",", ";", ":"))
    )
    if looks_like_headline:
        return first
    words = stripped.split()
    opening = " ".join(words[:_TITLE_WORDS])
    return opening if len(words) <= _TITLE_WORDS else opening + "…"
