"""Import .txt and .md files: one article per file.

A Markdown file (.md, .markdown) may open with front matter: a block that opens with a `---`
line, closes with another, and holds only `key: value` lines (and blank ones), at least one
(title, outlet, author, published, url, language; other keys go to the article's meta).
Anything else that starts with `---` (a block never closed, a line that is not `key: value`)
is text, imported whole. A .txt file never has front matter: a newsroom system's export may
open with a `---` rule and lines such as "Note: embargoed", which are the article's text.
So no text is ever lost: it is the article, or it is a field of a block that is plainly
front matter.

Without a title in the front matter, the first line becomes the title when it looks like a
headline, else the title comes from the opening words. The stored text is the whole body,
headline included (only the blank lines between front matter and body go).
"""

import re
from pathlib import Path

from annotator.domain.model import ArticleDraft
from annotator.domain.text import normalize_text
from annotator.errors import UserError
from annotator.interop.files import read_text
from annotator.interop.reading import Reading

ARTICLE_FIELDS = ("title", "outlet", "author", "url", "published", "language")
#: The extensions whose files may open with front matter (the Markdown convention).
FRONT_MATTER_SUFFIXES = frozenset({".md", ".markdown"})
_HEADLINE_MAX = 200
_TITLE_WORDS = 12
_KEY = re.compile(r"[A-Za-z_][\w-]*")


def read_plaintext(path: Path) -> Reading:
    text = normalize_text(read_text(path))
    fields: dict[str, str] = {}
    body = text
    if path.suffix.lower() in FRONT_MATTER_SUFFIXES:
        fields, body = _split_front_matter(text)
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


def _split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """(front matter fields, body), or ({}, text) when the text opens with no closed block of
    `key: value` lines; the blank lines between front matter and body are not text."""
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return {}, text
    fields: dict[str, str] = {}
    for number, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            if not fields:
                return {}, text
            return fields, "\n".join(lines[number + 1 :]).lstrip("\n")
        if not line.strip():
            continue
        key, colon, value = line.partition(":")
        if not colon or not _KEY.fullmatch(key.strip()):
            return {}, text
        fields[key.strip().lower()] = value.strip().strip("\"'")
    return {}, text


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
