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

A .docx is a zip of XML parts, and a small zip can expand to gigabytes (a "zip bomb": 3 MB
that unpack to 1 GB of XML). Before python-docx unpacks anything, the zip's directory and then
the bytes each part actually unpacks to (the directory can lie) are held to the bounds below,
which no article comes near: a 300-page report's XML is about 5 MB. lxml, which python-docx
parses with, keeps its own limits on (no huge_tree): nesting deeper than 256 elements, a text
node over 10 MB or entity expansion is a parse error, and every parse error is the file's.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.domain.model import ArticleDraft
from annotator.domain.text import normalize_text
from annotator.errors import UserError
from annotator.interop.files import read_bytes, size_text
from annotator.interop.plaintext import derive_title
from annotator.interop.reading import Reading

if TYPE_CHECKING:
    from docx.document import Document
    from docx.text.paragraph import Paragraph

#: Parts in the zip: a Word document has 10 to 50, a few hundred with many pictures. Counted
#: from the directory's entry signatures before zipfile reads the directory, as reading a
#: directory of a million entries takes seconds and hundreds of MB by itself.
MAX_PARTS = 5_000
#: All XML parts (text, styles, properties...) together, unpacked. lxml needs up to 17 times
#: this in memory for a tree of tiny elements.
MAX_XML_BYTES = 16 * 1024 * 1024
#: All parts together (pictures included), unpacked.
MAX_UNPACKED_BYTES = 128 * 1024 * 1024
#: Largest expansion of a part over RATIO_FROM_BYTES: text XML packs 5 to 30 fold, pictures do
#: not pack at all; a bomb packs a thousand fold.
MAX_RATIO = 100
RATIO_FROM_BYTES = 1024 * 1024
#: Paragraphs and runs (stretches of one formatting) in the body: python-docx takes about 60 µs
#: to read each, so 50,000 take about 3 s; an article has a few thousand.
MAX_TEXT_PIECES = 50_000
#: The signature that starts each entry of a zip's central directory.
_DIRECTORY_ENTRY = b"PK\x01\x02"
_CONTENT_TYPES = "[Content_Types].xml"
_TYPES_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
#: Errors zipfile and zlib raise on a damaged, encrypted or oddly compressed zip.
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    NotImplementedError,
    RuntimeError,
    ValueError,
)
#: Paragraph styles that mark the first paragraph as the headline.
_HEADLINE_STYLES = frozenset({"Title", "Heading 1"})
#: Author properties that name a program or a default account, not a person.
_PLACEHOLDER_AUTHORS = frozenset(
    {"python-docx", "microsoft office user", "windows user", "user", "admin", "administrator"}
)


def read_word(path: Path) -> Reading:
    """The article of a .docx file, with title, author and (see above) publication date."""
    document = _open(path)
    try:
        return _reading(path, document)
    except UserError:
        raise
    except Exception:  # python-docx on hostile XML: see _open
        raise UserError(_damaged(path)) from None


def _reading(path: Path, document: Document) -> Reading:
    if document.element.body.xpath(".//w:ins | .//w:del | .//w:moveFrom | .//w:moveTo"):
        # python-docx reads neither inserted nor moved text: words would silently go missing.
        raise UserError(
            f"{path}: has tracked changes; accept or reject them in Word, save, and import again"
        )
    body = document.element.body  # counted by libxml2 (a union would be quadratic there)
    pieces = int(body.xpath("count(.//w:p)")) + int(body.xpath("count(.//w:r)"))
    if pieces > MAX_TEXT_PIECES:
        raise UserError(
            f"{path}: has {pieces:,} paragraphs and runs of text, more than the"
            f" {MAX_TEXT_PIECES:,} annotator reads from a Word document"
        )
    properties = document.core_properties
    paragraphs = [(p, text) for p in document.paragraphs if (text := p.text).strip()]
    title_property = (properties.title or "").strip()
    title = title_property
    if not title and paragraphs and _style_name(paragraphs[0][0]) in _HEADLINE_STYLES:
        title = paragraphs.pop(0)[1].strip()
    text = normalize_text("\n\n".join(text for _, text in paragraphs))
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
    """The parsed document, or a UserError naming the file when it is not a readable .docx
    or unpacks beyond the bounds above.

    python-docx is imported here, not at module level, so the GUI does not load it at start-up.
    """
    import docx

    data = read_bytes(path)
    check_package(path, data)
    try:
        return docx.Document(io.BytesIO(data))
    # Not a zip (a text or .doc file renamed), a zip without a Word document in it, another
    # Office file, or damaged XML inside: python-docx lets through whatever its zip and XML
    # handling meet (KeyError for a missing part, ValueError for a content type, lxml's
    # XMLSyntaxError, AttributeError on an unexpected structure...), so every error is the
    # file's. MemoryError and interrupts are not Exception's to catch here.
    except Exception:
        raise UserError(_damaged(path)) from None


def _damaged(path: Path) -> str:
    return f"{path}: is not a Word document (.docx) or is damaged"


def check_package(path: Path, data: bytes) -> None:
    """Refuse a zip that expands beyond the bounds above: first by what its directory says
    (nothing unpacked yet), then by the bytes each part really unpacks to."""
    if data.count(_DIRECTORY_ENTRY) > MAX_PARTS:
        raise UserError(
            f"{path}: holds more than {MAX_PARTS:,} parts; a Word document has far fewer"
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            parts = package.infolist()
            xml = _xml_parts(path, package)
            _check_sizes(path, [(part, part.file_size) for part in parts], xml)
            _check_sizes(path, [(part, _unpacked_size(package, part)) for part in parts], xml)
    except _ZIP_ERRORS:
        raise UserError(_damaged(path)) from None


def _xml_parts(path: Path, package: zipfile.ZipFile) -> set[str]:
    """The names of the parts python-docx would parse as XML: by the content type the package
    gives them (a part named .png can be declared XML), .xml and .rels parts in any case."""
    from lxml import etree

    try:
        info = package.getinfo(_CONTENT_TYPES)
    except KeyError:
        raise UserError(_damaged(path)) from None
    if info.file_size > RATIO_FROM_BYTES or _unpacked_size(package, info) > RATIO_FROM_BYTES:
        raise UserError(_damaged(path))
    try:
        root = etree.fromstring(package.read(info), etree.XMLParser(resolve_entities=False))
    except etree.LxmlError:
        raise UserError(_damaged(path)) from None
    defaults = {
        str(item.get("Extension", "")).lower(): str(item.get("ContentType", ""))
        for item in root.iter(f"{_TYPES_NS}Default")
    }
    overrides = {
        str(item.get("PartName", "")).lower(): str(item.get("ContentType", ""))
        for item in root.iter(f"{_TYPES_NS}Override")
    }
    xml = set()
    for name in package.namelist():
        lower = name.lower()
        declared = overrides.get("/" + lower) or defaults.get(lower.rpartition(".")[2], "")
        if lower.endswith((".xml", ".rels")) or "xml" in declared.lower():
            xml.add(name)
    return xml


def _check_sizes(path: Path, sizes: list[tuple[zipfile.ZipInfo, int]], xml: set[str]) -> None:
    """Hold the parts' unpacked sizes (declared or counted) to the bounds."""
    for part, size in sizes:
        if size > RATIO_FROM_BYTES and size > MAX_RATIO * max(part.compress_size, 1):
            raise UserError(
                f"{path}: its part {part.filename!r} expands more than {MAX_RATIO}-fold, as only"
                " a zip bomb does; refused"
            )
    if sum(size for part, size in sizes if part.filename in xml) > MAX_XML_BYTES:
        raise UserError(
            f"{path}: its text and formatting unpack to more than {size_text(MAX_XML_BYTES)},"
            " the limit for a Word document; refused"
        )
    if sum(size for _, size in sizes) > MAX_UNPACKED_BYTES:
        raise UserError(
            f"{path}: unpacks to more than {size_text(MAX_UNPACKED_BYTES)}, the limit for a"
            " Word document; refused"
        )


def _unpacked_size(package: zipfile.ZipFile, part: zipfile.ZipInfo) -> int:
    """How many bytes `part` really unpacks to, reading at most just past the bounds."""
    size = 0
    with package.open(part) as stream:
        while size <= MAX_UNPACKED_BYTES and (chunk := stream.read(1024 * 1024)):
            size += len(chunk)
    return size


def _style_name(paragraph: Paragraph) -> str | None:
    style = paragraph.style
    return style.name if style is not None else None
