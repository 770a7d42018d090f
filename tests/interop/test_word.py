"""Importing Word documents: paragraphs, title, author and date, clear errors for files that
are not .docx, and zip bombs refused before python-docx unpacks them."""

import datetime as dt
import io
import time
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from annotator.errors import UserError
from annotator.interop import word
from annotator.interop.files import MAX_FILE_BYTES
from annotator.interop.word import (
    MAX_PARTS,
    MAX_TEXT_PIECES,
    MAX_UNPACKED_BYTES,
    MAX_XML_BYTES,
    read_word,
)

HEADLINE = "Port strike enters second week"
BODY = [
    "Dockers in Marrowick stayed out for an eighth day on Monday.",
    "The union said talks with the port authority had broken down over night shifts.",
    "Shipping lines have begun diverting cargo to Aldermouth.",
]


def save(document, path: Path) -> Path:
    document.save(str(path))
    return path


def story(headline_style: str | None = None) -> "docx.document.Document":
    """A document with an optional styled headline, the body, and an empty paragraph."""
    document = docx.Document()
    if headline_style is not None:
        document.add_paragraph(HEADLINE, style=headline_style)
    document.add_paragraph(BODY[0])
    document.add_paragraph("")
    document.add_paragraph("   ")
    for paragraph in BODY[1:]:
        document.add_paragraph(paragraph)
    return document


def test_title_author_and_date_from_properties(tmp_path: Path) -> None:
    document = story()
    properties = document.core_properties
    properties.title = "Strike: week two"
    properties.author = "Mara Okonkwo"
    properties.created = dt.datetime(2024, 3, 18, 9, 30, tzinfo=dt.UTC)
    (draft,) = read_word(save(document, tmp_path / "strike.docx")).articles
    assert draft.title == "Strike: week two"
    assert draft.author == "Mara Okonkwo"
    assert draft.published == "2024-03-18"
    assert draft.text == "\n\n".join(BODY)  # empty and blank paragraphs are left out
    assert draft.source == "strike.docx"
    assert draft.meta == {}


@pytest.mark.parametrize("style", ["Title", "Heading 1"])
def test_title_from_a_headline_paragraph(tmp_path: Path, style: str) -> None:
    """Without a Title property, a Title/Heading 1 first paragraph is the title, not text."""
    (draft,) = read_word(save(story(style), tmp_path / "strike.docx")).articles
    assert draft.title == HEADLINE
    assert draft.text == "\n\n".join(BODY)


def test_headline_paragraph_stays_in_text_when_the_title_property_is_set(tmp_path: Path) -> None:
    document = story("Title")
    document.core_properties.title = "Strike: week two"
    (draft,) = read_word(save(document, tmp_path / "strike.docx")).articles
    assert draft.title == "Strike: week two"
    assert draft.text == "\n\n".join([HEADLINE, *BODY])


def test_without_title_property_or_headline(tmp_path: Path) -> None:
    """The title comes from the opening words; the creation date alone is not a publication
    date; python-docx's own name in the Author property is not an author."""
    document = story()
    document.core_properties.created = dt.datetime(2024, 3, 18, tzinfo=dt.UTC)
    assert document.core_properties.author == "python-docx"
    (draft,) = read_word(save(document, tmp_path / "strike.docx")).articles
    assert draft.title == "Dockers in Marrowick stayed out for an eighth day on Monday. The…"
    assert draft.text == "\n\n".join(BODY)
    assert draft.published is None
    assert draft.author is None


def test_line_breaks_inside_a_paragraph_stay_single(tmp_path: Path) -> None:
    """A manual line break (Shift+Enter) is a newline; only paragraphs get a blank line."""
    document = docx.Document()
    document.add_paragraph("Harbour Road 4\nMarrowick")  # python-docx writes <w:br/>
    document.add_paragraph("Next paragraph.")
    (draft,) = read_word(save(document, tmp_path / "lines.docx")).articles
    assert draft.text == "Harbour Road 4\nMarrowick\n\nNext paragraph."


@pytest.mark.parametrize("headline", [False, True], ids=["no-paragraphs", "headline-only"])
def test_empty_document(tmp_path: Path, headline: bool) -> None:
    document = docx.Document()
    document.add_paragraph("  ")
    if headline:
        document.add_paragraph(HEADLINE, style="Title")
    path = save(document, tmp_path / "empty.docx")
    with pytest.raises(UserError, match="has no article text") as error:
        read_word(path)
    assert str(path) in str(error.value)


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    story().save(buffer)
    return buffer.getvalue()


def rezip(
    skip: str = "", replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None
) -> bytes:
    """A copy of a valid .docx without the part `skip`, with parts replaced and added (all
    stored: an expanded size is then the file's size)."""
    source = zipfile.ZipFile(io.BytesIO(docx_bytes()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for name in source.namelist():
            if name != skip:
                target.writestr(name, (replace or {}).get(name, source.read(name)))
        for name, data in (add or {}).items():
            target.writestr(name, data)
    return buffer.getvalue()


def document_xml(body: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f"<w:document {nsdecls('w')}><w:body>{body}</w:body></w:document>"
    ).encode()


#: Where a zip's local header and central directory entry keep a part's fields.
_LOCAL = {"flags": 6, "method": 8, "size": 22, "name": 30}
_CENTRAL = {"flags": 8, "method": 10, "size": 24, "name": 46}


def patched(data: bytes, name: str, **fields: int) -> bytes:
    """`data` with the flags, method or (expanded) size of part `name` changed in both its
    local header and its central directory entry, as a hostile zip may have them."""
    out = bytearray(data)
    for signature, place in ((b"PK\x03\x04", _LOCAL), (b"PK\x01\x02", _CENTRAL)):
        start = 0
        while (start := out.find(signature, start)) >= 0:
            at = start + place["name"]
            if out[at : at + len(name)] == name.encode():
                for field, value in fields.items():
                    width = 4 if field == "size" else 2
                    offset = start + place[field]
                    out[offset : offset + width] = value.to_bytes(width, "little")
            start += 4
    return bytes(out)


def workbook_types() -> bytes:
    """[Content_Types].xml saying the main part is an Excel workbook, as in a renamed .xlsx."""
    types = zipfile.ZipFile(io.BytesIO(docx_bytes())).read("[Content_Types].xml")
    return types.replace(b"wordprocessingml.document.main", b"spreadsheetml.sheet.main")


def plain_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        target.writestr("notes.txt", "not a Word document")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"Port strike enters second week\n\nDockers stayed out.\n", id="text"),
        pytest.param(b"", id="empty-file"),
        pytest.param(docx_bytes()[:2000], id="truncated"),
        pytest.param(plain_zip(), id="zip-of-other-files"),
        pytest.param(rezip(skip="word/document.xml"), id="no-document-part"),
        pytest.param(rezip(replace={"word/document.xml": b"<w:document><w:bo"}), id="bad-xml"),
        pytest.param(rezip(replace={"[Content_Types].xml": workbook_types()}), id="other-office"),
        pytest.param(rezip(skip="[Content_Types].xml"), id="no-content-types"),
        pytest.param(
            rezip(replace={"word/document.xml": document_xml("<w:p>" * 300 + "</w:p>" * 300)}),
            id="nested-300-deep",
        ),
        pytest.param(
            rezip(replace={"[Content_Types].xml": b"<Types><Default" * 3}), id="bad-content-types"
        ),
        pytest.param(patched(rezip(), "word/document.xml", flags=1), id="encrypted-part"),
        pytest.param(patched(rezip(), "word/document.xml", method=99), id="unknown-compression"),
    ],
)
def test_not_a_word_document(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "story.docx"
    path.write_bytes(content)
    with pytest.raises(
        UserError, match=r"is not a Word document \(\.docx\) or is damaged"
    ) as error:
        read_word(path)
    assert str(path) in str(error.value)


def test_tracked_changes_are_refused(tmp_path: Path) -> None:
    """python-docx drops inserted text: refused, rather than imported with words missing."""
    document = story()
    inserted = parse_xml(
        f'<w:ins {nsdecls("w")} w:id="1" w:author="Desk editor">'
        '<w:r><w:t xml:space="preserve"> on Monday</w:t></w:r></w:ins>'
    )
    document.paragraphs[0]._p.append(inserted)
    path = save(document, tmp_path / "edited.docx")
    with pytest.raises(UserError, match="has tracked changes") as error:
        read_word(path)
    assert str(path) in str(error.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="no such file"):
        read_word(tmp_path / "gone.docx")


# -- bounds: zip bombs and documents too big to read in seconds ------------------------------


PARAGRAPH = b'<w:p><w:r><w:t xml:space="preserve">Dockers stayed out.</w:t></w:r></w:p>'


def bomb(expanded: int) -> bytes:
    """A .docx whose document.xml is `expanded` bytes of one paragraph repeated: deflate packs
    that about a thousand fold, as in the 2.9 MB file that unpacked to 1 GB."""
    source = zipfile.ZipFile(io.BytesIO(docx_bytes()))
    head, _, tail = document_xml("{}").partition(b"{}")
    chunk = PARAGRAPH * (1024 * 1024 // len(PARAGRAPH))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            if name != "word/document.xml":
                target.writestr(name, source.read(name))
        with target.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(head)
            for _ in range(expanded // len(chunk)):
                part.write(chunk)
            part.write(tail)
    return buffer.getvalue()


@pytest.fixture
def python_docx_calls(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every document python-docx is asked to open (not the new ones the tests build): a
    bomb must be refused before."""
    calls: list[object] = []
    real = docx.Document

    def recording(source: object = None) -> object:
        if source is not None:
            calls.append(source)
        return real(source)

    monkeypatch.setattr(docx, "Document", recording)
    return calls


def refusal(path: Path) -> str:
    with pytest.raises(UserError) as error:
        read_word(path)
    message = str(error.value)
    assert message.startswith(f"{path}: ")
    assert "\n" not in message
    return message


def test_a_zip_bomb_is_refused_before_unpacking(
    tmp_path: Path, python_docx_calls: list[object]
) -> None:
    """256 MB of XML in a 0.8 MB file: refused from the zip's directory, in well under a
    second (the 1 GB bomb of the issue: 0.06 s and 32 MB peak, see docs/formats.md)."""
    path = tmp_path / "bomb.docx"
    path.write_bytes(bomb(256 * 1024 * 1024))
    assert path.stat().st_size < 2 * 1024 * 1024
    started = time.perf_counter()
    message = refusal(path)
    assert time.perf_counter() - started < 5
    assert "'word/document.xml' expands more than 100-fold" in message
    assert python_docx_calls == []


def test_a_lying_directory_is_caught_by_the_bytes_unpacked(
    tmp_path: Path, python_docx_calls: list[object]
) -> None:
    """The directory says document.xml unpacks to 40 KB (no bound passed, no ratio); the part
    is read through a bounded reader, which meets 64 MB, and the zip is refused as damaged."""
    path = tmp_path / "liar.docx"
    path.write_bytes(patched(bomb(64 * 1024 * 1024), "word/document.xml", size=40_000))
    info = zipfile.ZipFile(path).getinfo("word/document.xml")
    assert info.file_size == 40_000
    assert info.compress_size > 40_000  # "packs" to more than it unpacks to: no ratio alarm
    started = time.perf_counter()
    assert refusal(path) == f"{path}: is not a Word document (.docx) or is damaged"
    assert time.perf_counter() - started < 5
    assert python_docx_calls == []


def test_xml_beyond_its_bound_is_refused(tmp_path: Path, python_docx_calls: list[object]) -> None:
    """Stored (not packed) XML: no ratio to notice, the size itself is over the bound."""
    body = PARAGRAPH * (MAX_XML_BYTES // len(PARAGRAPH) + 1)
    path = tmp_path / "long.docx"
    path.write_bytes(rezip(replace={"word/document.xml": document_xml(body.decode())}))
    assert "its text and formatting unpack to more than 16 MB" in refusal(path)
    assert python_docx_calls == []


@pytest.mark.parametrize("declared", ["image/png", "application/xml"])
def test_xml_is_known_by_its_content_type_not_its_name(tmp_path: Path, declared: str) -> None:
    """python-docx parses a part by the content type the package declares, so a part named
    .png but declared XML counts against the XML bound; a real picture does not."""
    types = zipfile.ZipFile(io.BytesIO(docx_bytes())).read("[Content_Types].xml")
    override = f'<Override PartName="/word/media/photo.png" ContentType="{declared}"/>'
    types = types.replace(b"</Types>", override.encode() + b"</Types>")
    picture = b"\x89PNG" + bytes(range(256)) * (MAX_XML_BYTES // 256 + 1)
    path = tmp_path / "photo.docx"
    path.write_bytes(
        rezip(replace={"[Content_Types].xml": types}, add={"word/media/photo.png": picture})
    )
    if declared == "image/png":
        (draft,) = read_word(path).articles
        assert draft.text == "\n\n".join(BODY)
    else:
        assert "its text and formatting unpack to more than 16 MB" in refusal(path)


def test_all_parts_together_are_bounded(tmp_path: Path, python_docx_calls: list[object]) -> None:
    """Parts of 1 MB each (too small for the ratio check) adding up past the total bound."""
    count = MAX_UNPACKED_BYTES // (1024 * 1024) + 1
    buffer = io.BytesIO(docx_bytes())
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as target:
        for number in range(count):
            target.writestr(f"word/media/padding{number}.bin", bytes(1024 * 1024))
    path = tmp_path / "padded.docx"
    path.write_bytes(buffer.getvalue())
    assert "unpacks to more than 128 MB, the limit for a Word document" in refusal(path)
    assert python_docx_calls == []


def test_too_many_parts(tmp_path: Path, python_docx_calls: list[object]) -> None:
    """Counted before zipfile reads the directory (a million entries take it seconds)."""
    buffer = io.BytesIO(docx_bytes())
    with zipfile.ZipFile(buffer, "a") as target:
        for number in range(MAX_PARTS):
            target.writestr(f"p{number}", b"")
    path = tmp_path / "parts.docx"
    path.write_bytes(buffer.getvalue())
    assert "holds more than 5,000 parts" in refusal(path)
    assert python_docx_calls == []


def test_too_many_paragraphs_and_runs(tmp_path: Path) -> None:
    """Small enough to unpack, too many pieces for python-docx to read in seconds."""
    body = "<w:p/>" * (MAX_TEXT_PIECES - 9) + "<w:p><w:r><w:t>a</w:t></w:r></w:p>" * 5
    path = tmp_path / "pieces.docx"
    path.write_bytes(rezip(replace={"word/document.xml": document_xml(body)}))
    assert "has 50,001 paragraphs and runs of text, more than the 50,000" in refusal(path)


def test_a_file_over_the_size_bound_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.docx"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1024**2)
    assert "is too large to import (65 MB; the limit is 64 MB)" in refusal(path)


def test_a_python_docx_failure_is_the_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever python-docx raises on a document it cannot make sense of is a UserError."""
    path = save(story(), tmp_path / "odd.docx")

    def broken(self: object) -> str:
        raise AttributeError("'NoneType' object has no attribute 'xpath'")

    monkeypatch.setattr(docx.text.paragraph.Paragraph, "text", property(broken))
    assert refusal(path) == f"{path}: is not a Word document (.docx) or is damaged"


def test_bounds_leave_room_for_long_articles(tmp_path: Path) -> None:
    """A 12,000-word feature of 400 paragraphs with the formatting Word adds is far inside."""
    document = docx.Document()
    for number in range(400):
        paragraph = document.add_paragraph()
        for run in range(3):
            paragraph.add_run(f"Paragraph {number}, run {run}: the harbour board met again. " * 3)
    path = save(document, tmp_path / "feature.docx")
    (draft,) = read_word(path).articles
    assert draft.text.count("\n\n") == 399
    assert word.MAX_RATIO == 100
