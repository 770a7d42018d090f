"""Importing .txt and .md files: titles, front matter, line endings, and never dropping text."""

import os
from pathlib import Path

import pytest

from annotator.domain.text import normalize_text
from annotator.errors import UserError
from annotator.interop.files import MAX_FILE_BYTES
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


@pytest.mark.parametrize(
    "content",
    [
        "---\ntitle: Never closed\nauthor: Someone\n\nThe body starts here.\n",
        "---\nTitle: Fine\nthis line has no colon\n---\nBody.\n",
        "---\nUpdated: 4 May\n- a list item, as YAML has them\n---\nBody.\n",
        "---\n\n---\nA rule, an empty block, another rule.\n",
        "---\n",
    ],
    ids=["never-closed", "not-key-value", "yaml-list", "empty-block", "only-a-rule"],
)
def test_what_is_not_front_matter_is_text(tmp_path: Path, content: str) -> None:
    """A block that does not close, or holds a line that is not `key: value`, is the article's
    text, imported whole: nothing is refused, nothing goes missing."""
    (draft,) = read_plaintext(write(tmp_path / "story.md", content)).articles
    assert draft.text == content
    assert draft.meta == {}
    assert (draft.outlet, draft.author) == (None, None)


def test_a_txt_file_has_no_front_matter(tmp_path: Path) -> None:
    """A newsroom export may open with a --- rule and "Key: value" lines: they are text."""
    content = "---\nNote: embargoed until 6 am\nDesk: Metro\n---\nThe council met.\n"
    (draft,) = read_plaintext(write(tmp_path / "story.txt", content)).articles
    assert draft.text == content
    assert draft.meta == {}
    assert draft.title == "--- Note: embargoed until 6 am Desk: Metro --- The council met."


def test_markdown_extension_and_case(tmp_path: Path) -> None:
    content = "---\ntitle: Ferry returns\n---\nThe ferry sails again.\n"
    for name in ("story.markdown", "STORY.MD"):
        (draft,) = read_plaintext(write(tmp_path / name, content)).articles
        assert (draft.title, draft.text) == ("Ferry returns", "The ferry sails again.\n")


def test_a_rule_later_in_the_text_is_text(tmp_path: Path) -> None:
    content = "Headline here\n\n---\nauthor: not front matter\n---\nBody.\n"
    (draft,) = read_plaintext(write(tmp_path / "story.md", content)).articles
    assert draft.text == content
    assert draft.author is None


def test_front_matter_only_has_no_article_text(tmp_path: Path) -> None:
    path = write(tmp_path / "bad.md", "---\ntitle: Only front matter\n---\n\n")
    with pytest.raises(UserError, match="has no article text") as error:
        read_plaintext(path)
    assert str(error.value) == f"{path}: has no article text"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "no article text"),
        (b"  \n\n\t\n", "no article text"),
        (b"Headline\n\x00\x01\x02binary", "binary"),
        (bytes(range(128, 256)) * 4, "encoding could not be recognised"),
    ],
    ids=["empty", "blank", "binary", "undecodable"],
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


@pytest.mark.parametrize("kind", ["folder", "pipe", "device", "too-large"])
def test_what_is_not_a_readable_text_file(tmp_path: Path, kind: str) -> None:
    """Refused with one line naming the file, before a byte is read (a pipe would wait for a
    writer, /dev/zero would never end, a huge file would fill the memory)."""
    path = tmp_path / "story.txt"
    if kind == "folder":
        path.mkdir()
    elif kind == "pipe":
        os.mkfifo(path)
    elif kind == "device":
        path = Path("/dev/zero")
    else:
        with path.open("wb") as handle:
            handle.truncate(MAX_FILE_BYTES + 1024**2)
    expected = {
        "folder": "is a folder, not a file",
        "pipe": "is a pipe, not a file",
        "device": "is a device, not a file",
        "too-large": "is too large to import (65 MB; the limit is 64 MB)",
    }[kind]
    with pytest.raises(UserError) as error:
        read_plaintext(path)
    assert str(error.value).startswith(f"{path}: {expected}")
    assert "\n" not in str(error.value)
