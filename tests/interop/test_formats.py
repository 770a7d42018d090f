"""Choosing a reader (every JSONL line looked at) and the last check every reader's drafts pass."""

import json
import sys
import types
from pathlib import Path

import pytest

from annotator.domain import ArticleDraft
from annotator.interop import formats
from annotator.interop.formats import read_articles
from annotator.interop.reading import Reading

OURS = {"text": "Ada spoke.", "spans": [{"start": 0, "end": 3, "label": "PERSON"}]}
DOCCANO = {"text": "Bo spoke.", "label": [[0, 2, "PERSON"]]}
DOCCANO_1X = {
    "text": "Cy spoke.",
    "annotations": [{"label": 1, "start_offset": 0, "end_offset": 2}],
}
RELATIONS = {"text": "Di spoke.", "entities": [], "relations": []}
PLAIN = {"text": "Just text."}


def write_lines(path: Path, *records: object) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("records", "labels"),
    [
        ([PLAIN, OURS, PLAIN], [None, "PERSON", None]),
        ([PLAIN, "", DOCCANO, PLAIN], [None, "PERSON", None]),
        ([DOCCANO_1X, RELATIONS, DOCCANO], ["1", None, "PERSON"]),
        ([PLAIN], [None]),
    ],
    ids=["ours", "doccano-after-plain-lines", "doccano-forms", "text-only"],
)
def test_the_form_is_read_from_every_line(
    tmp_path: Path, records: list, labels: list[str | None]
) -> None:
    """Lines with text alone fit either form and go with the file's other lines."""
    reading = read_articles(write_lines(tmp_path / "in.jsonl", *records))
    found = [d.spans[0].label if d.spans else None for d in reading.articles]
    assert found == labels


@pytest.mark.parametrize(
    ("records", "line", "expected"),
    [
        (
            [OURS, PLAIN, "", DOCCANO],
            4,
            "this line is in doccano's form but line 1 is in this tool's or Prodigy's",
        ),
        ([PLAIN, DOCCANO_1X, OURS], 3, "this tool's or Prodigy's (\"spans\") form but line 2"),
        ([RELATIONS, {**DOCCANO, "spans": []}], 2, "but line 1 is in doccano's form"),
    ],
    ids=["doccano-after-ours", "ours-after-doccano", "both-in-one-line"],
)
def test_a_file_mixing_forms_is_refused_at_its_first_odd_line(
    refused, tmp_path: Path, records: list, line: int, expected: str
) -> None:
    path = write_lines(tmp_path / "mixed.jsonl", *records)
    message = refused(path, skip_invalid=True)
    assert message.startswith(f"{path}:{line}: ")
    assert expected in message


def test_a_line_with_both_forms_is_refused_by_the_spans_reader(refused, tmp_path: Path) -> None:
    path = write_lines(tmp_path / "both.jsonl", {**OURS, "entities": []})
    assert 'both.jsonl:1: has doccano\'s "entities" spans' in refused(path)


# -- the last check, for every reader ------------------------------------------------------------


def test_a_nul_after_the_first_8_kb_names_its_line(refused, tmp_path: Path) -> None:
    """The binary-file test reads 8 KB; a NUL further on is refused at its line."""
    path = tmp_path / "late.txt"
    body = "A long first paragraph.\n" * 400
    path.write_text(f"Headline\n\n{body}Here\x00 it is.\nMore.\n", encoding="utf-8")
    assert refused(path).startswith(f"{path}:403: the article text holds a NUL character")


def test_the_line_counts_front_matter_and_windows_line_endings(refused, tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    body = "Para.\r\n" * 2000
    path.write_bytes(f"---\r\ntitle: T\r\n---\r\n\r\n{body}Bad\x00\r\n".encode())
    assert refused(path).startswith(f"{path}:2005: ")


def test_a_text_over_the_limit_is_refused_with_the_limit(refused, tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("word " * 200_001, encoding="utf-8")
    message = refused(path)
    assert message == (
        f"{path}: the article text is 1,000,005 characters long; an article may have at most "
        "1,000,000 characters (spaCy's limit): split it into several articles"
    )


def test_drafts_without_a_line_in_the_file(
    refused, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reader whose text is not the file's (a web page, a document) gets the text's line."""
    path = tmp_path / "page.html"
    path.write_text("<p>Some page</p>", encoding="utf-8")
    bad = ArticleDraft(text="Title\n\nBad\x00 text", title="Title")
    reader = types.SimpleNamespace(read=lambda _: Reading([bad]))
    monkeypatch.setitem(sys.modules, "a_page_reader", reader)
    monkeypatch.setitem(formats._BY_SUFFIX, ".html", ("a_page_reader", "read"))
    assert refused(path) == (
        f"{path}: the article text holds a NUL character (U+0000), which a project cannot "
        "store (line 3 of the text)"
    )


def test_another_tools_article_id_is_kept_under_its_own_name(tmp_path: Path) -> None:
    """Exports give this project's article_id; the one a file came with stays in the meta."""
    md = tmp_path / "story.md"
    md.write_text("---\narticle_id: 77\n---\nBody of the story.\n", encoding="utf-8")
    (from_md,) = read_articles(md).articles
    assert from_md.meta == {"source_article_id": "77"}
    line = {**DOCCANO, "article_id": 5, "source_article_id": 4}
    (from_doccano,) = read_articles(write_lines(tmp_path / "d.jsonl", line)).articles
    assert from_doccano.meta == {"source_source_article_id": 5, "source_article_id": 4}


def test_an_undecodable_file_name_is_stored_readable(tmp_path: Path) -> None:
    name = "story-\udcff.txt"  # the byte 0xFF in a file name, as Python reads it
    path = tmp_path / name
    try:
        path.write_text("Some story.\n", encoding="utf-8")
    except (UnicodeEncodeError, OSError):
        pytest.skip("this file system does not take undecodable file names")
    (draft,) = read_articles(path).articles
    assert draft.source == "story-\ufffd.txt"
