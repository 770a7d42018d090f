"""Import Word documents (.docx): one article per file, read with python-docx.

(Named word.py, not docx.py, so that it does not shadow the python-docx package.)

The text is the document's paragraphs with a blank line between them; empty paragraphs,
tables, headers, footers and text boxes are left out. A document with tracked changes is
refused until they are accepted or rejected: which version is the article is the user's call.

The title is the document's Title property; failing that, a first paragraph styled Title or
Heading 1 is the headline, becomes the title and is not repeated in the text; failing that,
the title comes from the opening words. The author is the Author property (unless it is a
placeholder that Word or a tool puts there). The creation date is the publication date only
when the Title property is set: Word stamps every file with the moment it was made (often
from a template, or days before publication), and only a document whose properties someone
filled in, as newsroom systems do on export, can be trusted to mean the article's date.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.domain.model import ArticleDraft
from annotator.domain.text import normalize_text
from annotator.errors import UserError
from annotator.interop.files import read_bytes
from annotator.interop.plaintext import derive_title
from annotator.interop.reading import Reading

if TYPE_CHECKING:
    from docx.document import Document
    from docx.text.paragraph import Paragraph

#: Paragraph styles that mark the first paragraph as the headline.
_HEADLINE_STYLES = frozenset({"Title", "Heading 1"})
#: Author properties that name a program or a default account, not a person.
_PLACEHOLDER_AUTHORS = frozenset(
    {"python-docx", "microsoft office user", "windows user", "user", "admin", "administrator"}
)


def read_word(path: Path) -> Reading:
    """The article of a .docx file, with title, author and (see above) publication date."""
    document = _open(path)
    if document.element.body.xpath(".//w:ins | .//w:del | .//w:moveFrom | .//w:moveTo"):
        # python-docx reads neither inserted nor moved text: words would silently go missing.
        raise UserError(
            f"{path}: has tracked changes; accept or reject them in Word, save, and import again"
        )
    properties = document.core_properties
    paragraphs = [p for p in document.paragraphs if p.text.strip()]
    title_property = (properties.title or "").strip()
    title = title_property
    if not title and paragraphs and _style_name(paragraphs[0]) in _HEADLINE_STYLES:
        title = paragraphs.pop(0).text.strip()
    text = normalize_text("\n\n".join(p.text for p in paragraphs))
    if not text.strip():
        raise UserError(f"{path}: has no article text")
    author = (properties.author or "").strip()
    created = properties.created
    draft = ArticleDraft(
        text=text,
        title=title or derive_title(text),
        author=author if author.lower() not in _PLACEHOLDER_AUTHORS else None,
        published=created.date().isoformat() if created and title_property else None,
        source=path.name,
    )
    return Reading([draft])


def _open(path: Path) -> Document:
    """The parsed document, or a UserError naming the file when it is not a readable .docx.

    python-docx is imported here, not at module level, so the GUI does not load it at start-up.
    """
    import docx
    from lxml import etree

    data = read_bytes(path)
    try:
        return docx.Document(io.BytesIO(data))
    # Not a zip (a text or .doc file renamed), a zip without a Word document in it, another
    # Office file (ValueError names its content type), or damaged XML inside.
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError):
        raise UserError(f"{path}: is not a Word document (.docx) or is damaged") from None


def _style_name(paragraph: Paragraph) -> str | None:
    style = paragraph.style
    return style.name if style is not None else None
