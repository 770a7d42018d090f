"""Corpus cases for Word documents (.docx): files that are not zips or not Word, damaged and
hostile XML, zip bombs (by size and by element count, run in a bounded child process), tracked
changes, and documents with no text or a great many paragraphs.

The zips are written here byte by byte, so a bomb's deflate stream is built from one compressed
megabyte repeated (flushed to a byte boundary) instead of compressing a gigabyte every run.
"""

from __future__ import annotations

import functools
import io
import random
import struct
import zipfile
import zlib

from .case import Case, file, generated, unique
from .cases_plaintext import LIMITS

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
XML_HEAD = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
TEXT = "The council confirmed on Tuesday that the Skarholm ferry will sail twice a day from March."
#: Bounds for the bombs: refused within a minute and a few hundred MB.
BOMB_PEAK_MB = 500


def paragraph(text: str, style: str | None = None) -> str:
    properties = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f'<w:p>{properties}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def document(body: str, prefix: bytes = XML_HEAD) -> bytes:
    return prefix + f"<w:document {W}><w:body>{body}</w:body></w:document>".encode()


@functools.cache
def _template_parts() -> dict[str, bytes]:
    """Every part of a document python-docx writes (styles, relationships, properties)."""
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


def _zip(entries: list[tuple[str, bytes, int, int, int, int]]) -> bytes:
    """A zip of (name, stored bytes, crc, size, method, flags) entries, written by hand."""
    out = io.BytesIO()
    central = []
    for name, stored, crc, size, method, flags in entries:
        offset = out.tell()
        encoded = name.encode()
        out.write(
            struct.pack(
                "<4s5H3L2H",
                b"PK\x03\x04",
                20,
                flags,
                method,
                0,
                33,
                crc,
                len(stored),
                size,
                len(encoded),
                0,
            )
        )
        out.write(encoded + stored)
        central.append(
            struct.pack(
                "<4s6H3L5H2L",
                b"PK\x01\x02",
                20,
                20,
                flags,
                method,
                0,
                33,
                crc,
                len(stored),
                size,
                len(encoded),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + encoded
        )
    start = out.tell()
    for record in central:
        out.write(record)
    size = out.tell() - start
    out.write(
        struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(central), len(central), size, start, 0)
    )
    return out.getvalue()


def word(
    document_xml: bytes | None,
    *,
    method: int = 8,
    flags: int = 0,
    stored: tuple[bytes, int, int] | None = None,
    parts: dict[str, bytes] | None = None,
) -> bytes:
    """A .docx: python-docx's parts with this document.xml (None: left out). `stored` gives
    document.xml already compressed, as (deflate stream, crc, size); `parts` replaces others."""
    entries = []
    for name, data in (_template_parts() | (parts or {})).items():
        if name == "word/document.xml":
            if document_xml is None and stored is None:
                continue
            if stored is not None:
                entries.append((name, stored[0], stored[1], stored[2], 8, flags))
                continue
            assert document_xml is not None
            data = document_xml
            packed = _deflate(data) if method == 8 else data
            entries.append((name, packed, zlib.crc32(data), len(data), method, flags))
            continue
        entries.append((name, _deflate(data), zlib.crc32(data), len(data), 8, 0))
    return _zip(entries)


def _bomb(head: bytes, chunk: bytes, repeats: int, tail: bytes) -> tuple[bytes, int, int]:
    """head + chunk * repeats + tail as one deflate stream, without compressing it all."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = compressor.compress(head) + compressor.flush(zlib.Z_FULL_FLUSH)
    middle = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    again = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    assert again == middle  # a full flush forgets the window: every chunk packs the same
    last = compressor.compress(tail) + compressor.flush()
    crc = zlib.crc32(head)
    for _ in range(repeats):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(tail, crc)
    return first + middle * repeats + last, crc, len(head) + len(chunk) * repeats + len(tail)


def _size_bomb() -> bytes:
    """A document.xml of one paragraph of 1 GiB, packed into about 1 MB (ratio ~1000:1)."""
    head = XML_HEAD + f"<w:document {W}><w:body><w:p><w:r><w:t>".encode()
    tail = b"</w:t></w:r></w:p></w:body></w:document>"
    return word(None, stored=_bomb(head, b"a" * (1 << 20), 1024, tail))


def _element_bomb() -> bytes:
    """About 600,000 paragraphs (21 MB of XML) packed into some 25 KB."""
    head = XML_HEAD + f"<w:document {W}><w:body>".encode()
    chunk = ("<w:p><w:r><w:t>a</w:t></w:r></w:p>" * 30_000).encode()
    return word(None, stored=_bomb(head, chunk, 20, b"</w:body></w:document>"))


def _many_paragraphs() -> bytes:
    return word(document("".join(paragraph(f"Vote {n} passed.") for n in range(3_000))))


def _long_paragraph() -> bytes:
    words = "ferry harbour council crossing winter timetable crew storm".split()
    rng = random.Random(3)
    text = " ".join(rng.choice(words) for _ in range(150_000))  # about 1.1 million characters
    return word(document(paragraph(text)))


def _deep() -> bytes:
    depth = 100_000
    nested = "<w:sdt><w:sdtContent>" * depth + paragraph(TEXT) + "</w:sdtContent></w:sdt>" * depth
    return word(document(nested))


def _random_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes/ferry.txt", TEXT)
    return buffer.getvalue()


def _spreadsheet() -> bytes:
    buffer = io.BytesIO()
    sheet = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats'
            '-package.relationships+xml"/><Override PartName="/xl/workbook.xml" ContentType="'
            f'{sheet}"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
        )
        archive.writestr(
            "xl/workbook.xml",
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>',
        )
    return buffer.getvalue()


def _ole2() -> bytes:
    """What an old .doc (or a password-protected .docx) starts with: an OLE2 compound file."""
    return bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504) + b"Word.Document.8" + bytes(1000)


def _core(
    title: str = "", created: str = "2024-05-02T09:00:00Z", raw: bytes | None = None
) -> bytes:
    """A document whose core properties (docProps/core.xml) hold this title and date."""
    core = raw
    if core is None:
        core = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
            'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>{title}</dc:title><dc:creator>Maren Olsen</dc:creator>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{created}</dcterms:created>'
            "</cp:coreProperties>"
        ).encode()
    return word(document(paragraph(TEXT)), parts={"docProps/core.xml": core})


LAUGHS = (
    '<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">'
    + "".join(f'<!ENTITY {chr(98 + n)} "{("&" + chr(97 + n) + ";") * 10}">' for n in range(8))
    + "]>"
)

CASES = unique(
    [
        Case(
            "docx-document",
            generated("story.docx", lambda: word(document(paragraph(TEXT)))),
            "accepted",
        ),
        Case(
            "docx-title-style-and-body",
            generated(
                "titled.docx",
                lambda: word(
                    document(paragraph("Ferry service resumes", "Title") + paragraph(TEXT))
                ),
            ),
            "accepted",
            stdout_has=("'Ferry service resumes'",),
        ),
        Case("docx-empty-file", file("empty.docx", b""), "refused"),
        Case("docx-text-renamed", file("notes.docx", TEXT), "refused"),
        Case("docx-doc-renamed", generated("old.docx", _ole2), "refused"),
        Case("docx-zip-without-document", generated("archive.docx", _random_zip), "refused"),
        Case(
            "docx-parts-without-document-xml",
            generated("nodoc.docx", lambda: word(None)),
            "refused",
        ),
        Case("docx-spreadsheet-renamed", generated("sheet.docx", _spreadsheet), "refused"),
        Case(
            "docx-truncated-zip",
            generated("cut.docx", lambda: word(document(paragraph(TEXT)))[:-100]),
            "refused",
        ),
        Case(
            "docx-damaged-xml",
            generated("damaged.docx", lambda: word(document(paragraph(TEXT))[:-20])),
            "refused",
        ),
        Case(
            "docx-encrypted-entry",
            generated("locked.docx", lambda: word(document(paragraph(TEXT)), flags=1)),
            "refused",
        ),
        Case(
            "docx-unknown-compression",
            generated("method.docx", lambda: word(document(paragraph(TEXT)), method=99)),
            "refused",
        ),
        Case(
            "docx-bad-crc",
            generated(
                "crc.docx",
                lambda: word(
                    None,
                    stored=(
                        _deflate(document(paragraph(TEXT))),
                        12345,
                        len(document(paragraph(TEXT))),
                    ),
                ),
            ),
            "refused",
        ),
        Case("docx-no-paragraphs", generated("blank.docx", lambda: word(document(""))), "refused"),
        Case(
            "docx-whitespace-paragraphs",
            generated("spaces.docx", lambda: word(document(paragraph("   ") * 5))),
            "refused",
        ),
        Case(
            "docx-table-only",
            generated(
                "table.docx",
                lambda: word(
                    document(f"<w:tbl><w:tr><w:tc>{paragraph(TEXT)}</w:tc></w:tr></w:tbl>")
                ),
            ),
            "refused",
        ),
        Case(
            "docx-tracked-changes",
            generated(
                "tracked.docx",
                lambda: word(
                    document(
                        '<w:p><w:r><w:t xml:space="preserve">The ferry will sail </w:t></w:r>'
                        '<w:ins w:id="1" w:author="Desk"><w:r><w:t>twice</w:t></w:r></w:ins>'
                        '<w:del w:id="2" w:author="Desk"><w:r><w:delText>once</w:delText></w:r>'
                        '</w:del><w:r><w:t xml:space="preserve"> a day.</w:t></w:r></w:p>'
                    )
                ),
            ),
            "refused",
        ),
        Case(
            "docx-nul-character-reference",
            generated("nul.docx", lambda: word(document(paragraph("Ferry &#0; news")))),
            "refused",
        ),
        Case(
            "docx-lone-surrogate-reference",
            generated("surrogate.docx", lambda: word(document(paragraph("Ferry &#xD800; news")))),
            "refused",
        ),
        Case(
            "docx-control-characters",
            generated(
                "ctrl.docx", lambda: word(document(paragraph("Ferry\t news \u000b\u0085 here")))
            ),
            "either",
        ),
        Case(
            "docx-external-entity",
            generated(
                "xxe.docx",
                lambda: word(
                    document(
                        paragraph("&x;") + paragraph(TEXT),
                        XML_HEAD
                        + b'<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
                    )
                ),
            ),
            "either",
            forbidden=("root:",),
        ),
        Case(
            "docx-billion-laughs",
            generated(
                "laughs.docx",
                lambda: word(
                    document(paragraph("&i;") + paragraph(TEXT), XML_HEAD + LAUGHS.encode())
                ),
            ),
            "either",
            process=True,
            peak_mb=BOMB_PEAK_MB,
        ),
        Case(
            "docx-core-properties",
            generated("core.docx", lambda: _core("Ferry service resumes")),
            "accepted",
            stdout_has=("'Ferry service resumes'",),
        ),
        Case(
            "docx-core-created-not-a-date",
            generated("date.docx", lambda: _core("Ferry", created="not-a-date")),
            "accepted",
        ),
        Case(
            "docx-core-created-year-0",
            generated("zero.docx", lambda: _core("Ferry", created="0000-00-00T00:00:00Z")),
            "accepted",
        ),
        Case(
            "docx-core-title-one-million-characters",
            generated("title.docx", lambda: _core("t" * 1_000_000)),
            "either",
        ),
        Case(
            "docx-core-properties-damaged",
            generated("core-damaged.docx", lambda: _core(raw=b"<cp:coreProperties")),
            "either",
        ),
        Case(
            "docx-styles-damaged",
            generated(
                "styles.docx",
                lambda: word(document(paragraph(TEXT)), parts={"word/styles.xml": b"<w:styles"}),
            ),
            "either",
        ),
        Case(
            "docx-unknown-paragraph-style",
            generated(
                "style.docx",
                lambda: word(document(paragraph("Ferry", "NoSuchStyle") + paragraph(TEXT))),
            ),
            "accepted",
        ),
        Case("docx-3000-paragraphs", generated("minutes.docx", _many_paragraphs), "accepted"),
        Case(
            "docx-paragraph-over-the-limit",
            generated("long.docx", _long_paragraph),
            "either",
            mentions=LIMITS,
        ),
        Case(
            "docx-100000-nested-elements",
            generated("deep.docx", _deep),
            "either",
            process=True,
            peak_mb=BOMB_PEAK_MB,
        ),
        Case(
            "docx-bomb-1gb-of-text",
            generated("bomb.docx", _size_bomb),
            "refused",
            process=True,
            peak_mb=BOMB_PEAK_MB,
        ),
        Case(
            "docx-bomb-600000-paragraphs",
            generated("paragraphs-bomb.docx", _element_bomb),
            "refused",
            process=True,
            peak_mb=BOMB_PEAK_MB,
        ),
    ]
)
