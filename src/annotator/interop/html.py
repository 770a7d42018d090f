"""Import saved web pages (.html, .htm): the article's body and metadata, one article per file.

trafilatura finds the body and drops scripts, menus, adverts and other boilerplate; the page
is never fetched again, so nothing goes over the network. Each block of the body (headline,
paragraph, subheading, list item, quotation) becomes a paragraph of the stored text, with a
blank line between paragraphs.

trafilatura's time grows with the page's elements and attributes (about 0.2 ms per element;
building lxml's tree is quadratic in one element's attributes: 40,000 of them take 8 s), so a
page is first counted by lxml's tokenizer, which is linear and builds no tree, and refused
beyond the bounds below, which saved article pages stay far inside (a heavy news page has
3,000 to 20,000 elements).
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

#: The largest page read: a saved article page is 0.1 to 3 MB.
MAX_HTML_BYTES = 20 * 1024 * 1024
#: Elements, attributes, attributes of one element, and characters of text outside scripts
#: and styles (an article is at most 1,000,000; the rest of a page adds menus and teasers).
MAX_ELEMENTS = 30_000
MAX_ATTRIBUTES = 100_000
MAX_ELEMENT_ATTRIBUTES = 100
MAX_TEXT_CHARACTERS = 2_000_000
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

    html = read_text(path, MAX_HTML_BYTES)
    census = _count(html)
    if census.over is not None:
        raise UserError(f"{path}: {census.over}; annotator does not read a page this large")
    try:
        tree = trafilatura.load_html(html)
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
    except UserError:
        raise
    # trafilatura's heuristics meet every kind of broken markup; whatever fails in them is
    # the page's (MemoryError and interrupts are not Exception's to catch).
    except Exception as error:
        raise UserError(
            f"{path}: could not be read as a web page ({type(error).__name__})"
        ) from None
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


class _Census:
    """What lxml's tokenizer meets in a page (a parser target: no tree is built), stopping
    at the first bound the page goes past, which `over` then describes."""

    def __init__(self) -> None:
        self.elements = self.attributes = self.characters = 0
        self.in_code = 0  # depth inside <script> and <style>, whose text is no text
        self.over: str | None = None

    def start(self, tag: str | bytes, attrib: dict[str | bytes, str | bytes]) -> None:
        self.elements += 1
        self.attributes += len(attrib)
        self.in_code += tag in _CODE_TAGS
        if len(attrib) > MAX_ELEMENT_ATTRIBUTES:
            self._stop(
                f"an element has {len(attrib):,} attributes (limit {MAX_ELEMENT_ATTRIBUTES})"
            )
        if self.elements > MAX_ELEMENTS:
            self._stop(f"more than {MAX_ELEMENTS:,} elements")
        if self.attributes > MAX_ATTRIBUTES:
            self._stop(f"more than {MAX_ATTRIBUTES:,} attributes")

    def end(self, tag: str | bytes) -> None:
        if tag in _CODE_TAGS and self.in_code:
            self.in_code -= 1

    def data(self, data: str | bytes) -> None:
        if not self.in_code:
            self.characters += len(data)
            if self.characters > MAX_TEXT_CHARACTERS:
                self._stop(f"more than {MAX_TEXT_CHARACTERS:,} characters of text")

    def comment(self, text: str | bytes) -> None:
        pass

    def close(self) -> _Census:
        return self

    def _stop(self, reason: str) -> None:
        self.over = reason
        raise _Counted


class _Counted(Exception):
    """Ends the count at the first bound passed: the rest of the page need not be read."""


_CODE_TAGS = frozenset({"script", "style"})


def _count(html: str) -> _Census:
    """The page's census, read by lxml's HTML tokenizer with a counting target."""
    from lxml import etree

    census = _Census()
    parser = etree.HTMLParser(target=census)
    try:
        parser.feed(html)
        parser.close()
    except _Counted:
        pass
    except etree.LxmlError:  # what lxml cannot tokenize, trafilatura reports in its own way
        pass
    return census


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
