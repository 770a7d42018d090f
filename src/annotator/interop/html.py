"""Import saved web pages (.html, .htm): the article's body and metadata, one article per file.

trafilatura finds the body and drops scripts, menus, adverts and other boilerplate; the page
is never fetched again, so nothing goes over the network. Each block of the body (headline,
paragraph, subheading, list item, quotation) becomes a paragraph of the stored text, with a
blank line between paragraphs.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from annotator.domain.model import ArticleDraft
from annotator.domain.text import normalize_text
from annotator.errors import UserError
from annotator.interop.files import read_text
from annotator.interop.plaintext import derive_title
from annotator.interop.reading import Reading

if TYPE_CHECKING:
    from lxml.html import HtmlElement

#: Removed before extraction. trafilatura drops these on an article page, but on a page with no
#: article its fallbacks would hand back the menu or the cookie notice as the "article".
_PRUNE_XPATH = [
    "//nav",
    "//*[@role='navigation']",
    "//footer[not(ancestor::article)]",
    "//*[contains(@id, 'cookie') or contains(@class, 'cookie')"
    " or contains(@id, 'consent') or contains(@class, 'consent')]",
]
#: Dates only from the page's markup (meta tags, JSON-LD, <time>, the URL). trafilatura's
#: extensive search would otherwise guess one from the text, e.g. "2024-01-01" from "© 2024".
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def read_html(path: Path) -> Reading:
    """The article of a saved web page, with title, outlet, author, date, URL and language.

    trafilatura is imported here, not at module level: it takes a while to load, and the GUI
    should not wait for it at start-up.
    """
    import trafilatura
    from trafilatura.settings import Document

    tree = trafilatura.load_html(read_text(path))
    if tree is None:  # nothing an HTML parser can read
        raise UserError(f"{path}: no article text found in this web page")
    language = _declared_language(tree)  # before extraction, which prunes the tree
    document = trafilatura.bare_extraction(
        tree,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        prune_xpath=_PRUNE_XPATH,
        date_extraction_params=_DATE_PARAMS,
    )
    # None when nothing was found; a dict only comes with as_dict=True.
    body = normalize_text(document.text or "") if isinstance(document, Document) else ""
    paragraphs = [line.strip() for line in body.split("\n") if line.strip()]
    if not isinstance(document, Document) or not paragraphs:
        raise UserError(f"{path}: no article text found in this web page")
    text = "\n\n".join(paragraphs)
    draft = ArticleDraft(
        text=text,
        title=document.title or derive_title(text),
        outlet=document.sitename or None,
        author=document.author or None,
        url=document.url or None,
        published=document.date or None,
        language=language,
        meta={},
        source=path.name,
    )
    return Reading([draft])


def _declared_language(tree: HtmlElement) -> str | None:
    """The language the page declares (<html lang>, then Content-Language, then og:locale).

    trafilatura only reports a language when asked to check for one, which needs an extra
    language-identification package; the page's own declaration is enough here.
    """
    candidates = [
        tree.get("lang"),
        *tree.xpath(
            "//meta[translate(@http-equiv, 'CONTENT-LANGUAGE', 'content-language')"
            " = 'content-language']/@content"
        ),
        *tree.xpath("//meta[@property='og:locale']/@content"),
    ]
    for candidate in candidates:
        tag = str(candidate or "").split(",")[0].strip().replace("_", "-")
        if tag:
            return tag
    return None
