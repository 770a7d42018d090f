"""Importing .txt and .md files: titles, front matter, line endings, and never dropping text."""

from pathlib import Path

import pytest

from annotator.domain.text import normalize_text
from annotator.errors import UserError
from annotator.interop.plaintext import derive_title, read_plaintext


def write(path: Path, content: str) -> Path:
    path.write_bytes(content.encode("utf-8"))
    return path


def test_headline_first_line_becomes_title(tmp_path: Path) -> None:
    """A short first line without a full stop is a headline; the text keeps it."""
    content = "Council backs bike lanes\n\nThe council voted 31 to 24 on Saturday.\n"
    (draft,) = read_plaintext(write(tmp_path / "story.txt", content)).articles
    assert draft.title == "Council backs bike lanes"
    assert draft.text == content
    assert draft.source == "story.txt"
    assert draft.spans == ()


def test_markdown_heading_marks_are_left_out_of_the_title(tmp_path: Path) -> None:
    content = "# Port strike enters second week\n\nDockers in Marrowick stayed out.\n"
    (draft,) = read_plaintext(write(tmp_path / "story.md", content)).articles
    assert draft.title == "Port strike enters second week"
    assert draft.text == content


def test_long_sentence_first_line_gives_opening_words(tmp_path: Path) -> None:
    """A first line that is a sentence is not a headline: the title is its opening words + "…"."""
    first = (
        "The council of Aldermouth approved a plan for protected bike lanes late on Saturday "
        "after a six-hour session."
    )
    content = f"{first}\nSecond paragraph here.\n"
    (draft,) = read_plaintext(write(tmp_path / "story.txt", content)).articles
    assert draft.title == "The council of Aldermouth approved a plan for protected bike lanes late…"
    assert draft.text == content


def test_short_text_title_has_no_ellipsis() -> None:
    assert derive_title("Just five words here.") == "Just five words here."
    assert derive_title("Oneword\nthen body") == "Oneword then body"


def test_no_text_is_dropped(tmp_path: Path) -> None:
    """Without front matter the stored text is the whole file, normalised, spaces and all."""
    content = "\n\n  Headline with  spaces  \r\n\r\nBody 🚲 e\u0301 Привет.\r\n\n\n"
    path = write(tmp_path / "story.txt", content)
    (draft,) = read_plaintext(path).articles
    assert draft.text == normalize_text(content)
    assert draft.title == "Headline with  spaces"


def test_crlf_file_has_no_carriage_returns(tmp_path: Path) -> None:
    content = "Headline here\r\n\r\nFirst line.\r\nSecond line.\rThird line.\r\n"
    (draft,) = read_plaintext(write(tmp_path / "windows.txt", content)).articles
    assert "\r" not in draft.text
    assert draft.text == "Headline here\n\nFirst line.\nSecond line.\nThird line.\n"


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    (draft,) = read_plaintext(
        write(tmp_path / "bom.txt", "\ufeffHeadline here\n\nBody.\n")
    ).articles
    assert draft.text == "Headline here\n\nBody.\n"


def test_front_matter_fields(tmp_path: Path) -> None:
    """Known keys become article fields; other keys (lowercased) go to meta; body is the rest."""
    content = (
        "---\n"
        "title: Coffee exports from São Paulo climb\n"
        "outlet: The Ledger\n"
        "author: 'Ana Souza'\n"
        'published: "2026-03-01"\n'
        "url: https://example.org/coffee?id=1\n"
        "language: pt\n"
        "Desk: business\n"
        "tags: coffee, trade\n"
        "\n"
        "---\n"
        "\n"
        "Exports rose 12% in February, traders said.\n"
    )
    (draft,) = read_plaintext(write(tmp_path / "coffee.md", content)).articles
    assert draft.title == "Coffee exports from São Paulo climb"
    assert draft.outlet == "The Ledger"
    assert draft.author == "Ana Souza"
    assert draft.published == "2026-03-01"
    assert draft.url == "https://example.org/coffee?id=1"
    assert draft.language == "pt"
    assert draft.meta == {"desk": "business", "tags": "coffee, trade"}
    assert draft.text == "Exports rose 12% in February, traders said.\n"


def test_front_matter_without_title_derives_one(tmp_path: Path) -> None:
    content = "---\noutlet: The Ledger\n---\nHarbour cranes idle\n\nNo ships came in.\n"
    (draft,) = read_plaintext(write(tmp_path / "cranes.md", content)).articles
    assert draft.title == "Harbour cranes idle"
    assert draft.outlet == "The Ledger"
    assert draft.text == "Harbour cranes idle\n\nNo ships came in.\n"


def test_crlf_front_matter(tmp_path: Path) -> None:
    content = "---\r\ntitle: Windows story\r\n---\r\nBody line one.\r\nBody line two.\r\n"
    (draft,) = read_plaintext(write(tmp_path / "win.md", content)).articles
    assert draft.title == "Windows story"
    assert draft.text == "Body line one.\nBody line two.\n"


def test_unclosed_front_matter(tmp_path: Path) -> None:
    path = write(tmp_path / "open.md", "---\ntitle: Never closed\nauthor: Someone\n\n")
    with pytest.raises(UserError, match="never closed") as error:
        read_plaintext(path)
    assert f"{path}:1:" in str(error.value)


def test_unclosed_front_matter_with_body_names_first_body_line(tmp_path: Path) -> None:
    """Without the closing ---, the first body line is reported as a bad front matter line."""
    path = write(tmp_path / "open.md", "---\ntitle: Never closed\n\nBody text.\n")
    with pytest.raises(UserError, match="key: value") as error:
        read_plaintext(path)
    assert f"{path}:4:" in str(error.value)


def test_malformed_front_matter_line(tmp_path: Path) -> None:
    path = write(tmp_path / "bad.md", "---\ntitle: Fine\nthis line has no colon\n---\nBody.\n")
    with pytest.raises(UserError, match="key: value") as error:
        read_plaintext(path)
    assert f"{path}:3:" in str(error.value)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "no article text"),
        (b"  \n\n\t\n", "no article text"),
        (b"---\ntitle: Only front matter\n---\n\n", "no article text"),
        (b"Headline\n\x00\x01\x02binary", "binary"),
        (bytes(range(128, 256)) * 4, "encoding could not be recognised"),
    ],
    ids=["empty", "blank", "front-matter-only", "binary", "undecodable"],
)
def test_unusable_files(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(UserError, match=expected) as error:
        read_plaintext(path)
    assert str(path) in str(error.value)


def test_non_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"  # UTF-8 with one stray Latin-1 byte: refused, not garbled
    path.write_bytes(b"Headline\n\nM\xc3\xbcller line\nCaf\xe9\n")
    with pytest.raises(UserError) as error:
        read_plaintext(path)
    assert f"{path}:4:" in str(error.value)


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "gone.txt"
    with pytest.raises(UserError, match="no such file") as error:
        read_plaintext(path)
    assert str(path) in str(error.value)
