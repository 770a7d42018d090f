"""Importing Word documents: paragraphs, title, author and date, and clear errors for files
that are not .docx."""

import datetime as dt
import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from annotator.errors import UserError
from annotator.interop.word import read_word

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


def rezip(skip: str = "", replace: dict[str, bytes] | None = None) -> bytes:
    """A copy of a valid .docx without the part `skip` and with parts replaced."""
    source = zipfile.ZipFile(io.BytesIO(docx_bytes()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for name in source.namelist():
            if name != skip:
                target.writestr(name, (replace or {}).get(name, source.read(name)))
    return buffer.getvalue()


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
