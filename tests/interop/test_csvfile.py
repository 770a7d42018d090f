"""CSV export: one row per annotation with speaker and verdict, a BOM for Excel, CRLF rows,
and cells a spreadsheet would run as formulas neutralised."""

import csv
from pathlib import Path

import pytest

from annotator.domain import AnnotationKind, AnnotationStatus, ArticleDraft, SpanDraft
from annotator.domain.labels import SOURCE_OF, SPEAKER
from annotator.domain.model import RelationDraft
from annotator.interop.csvfile import COLUMNS, neutralise, write_csv
from annotator.interop.selection import Selection
from annotator.store import ProjectStore

MARKET = (
    "Zoë Ålund said the market hall would reopen in May. "
    '"=SUM(A1:A9) is all the budget we have," the treasurer Piet Braam said.\n'
    "-12 stalls stayed shut, according to the town office."
)


def at(text: str, part: str, label: str, kind=AnnotationKind.ENTITY, **extra) -> SpanDraft:
    start = text.index(part)
    return SpanDraft(start, start + len(part), label, kind, **extra)


@pytest.fixture
def store(tmp_path: Path):
    text = MARKET
    spans = (
        at(text, "Zoë Ålund", "PERSON", annotator="lena"),  # 0
        at(text, "Zoë Ålund", "SOURCE", AnnotationKind.SOURCE),  # 1
        at(
            text,
            "the market hall would reopen in May",
            "CLAIM",
            AnnotationKind.CLAIM,
            attrs={"verdict": "mostly_true"},
            note="Checked with\nthe town office",
        ),  # 2
        at(text, "=SUM(A1:A9) is all the budget we have", "QUOTE", AnnotationKind.QUOTE),  # 3
        at(text, "the treasurer Piet Braam", "SOURCE", AnnotationKind.SOURCE),  # 4
        at(
            text,
            "-12 stalls stayed shut",
            "CLAIM",
            AnnotationKind.CLAIM,
            note="@desk: +check",
            status=AnnotationStatus.ACCEPTED,
        ),  # 5: no verdict yet
        at(text, "May", "DATE", status=AnnotationStatus.SUGGESTED),  # 6: not exported
    )
    with ProjectStore.create(tmp_path / "market.annotator") as store:
        store.add_articles(
            [
                ArticleDraft(
                    text=text,
                    title="Market hall",
                    spans=spans,
                    relations=(RelationDraft(2, 1, SOURCE_OF), RelationDraft(3, 4, SPEAKER)),
                ),
                ArticleDraft(text="An article nobody annotated.", title="Empty"),
            ]
        )
        yield store


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_one_row_per_annotation(store, tmp_path: Path) -> None:
    out = tmp_path / "annotations.csv"
    assert write_csv(store, out, Selection()) == 1  # the empty article gives no row
    rows = read_rows(out)
    assert list(rows[0]) == list(COLUMNS)
    by_text = {(row["kind"], row["text"]): row for row in rows}
    assert len(rows) == 6  # the suggestion stays out
    assert [row["kind"] for row in rows] == [
        "entity",
        "source",
        "claim",
        "quote",
        "source",
        "claim",
    ]
    person = by_text["entity", "Zoë Ålund"]
    assert person == {
        "article_id": "1",
        "article": "Market hall",
        "kind": "entity",
        "label": "PERSON",
        "start": "0",
        "end": "9",
        "text": "Zoë Ålund",
        "speaker": "",
        "verdict": "",
        "note": "",
        "annotator": "lena",
        "status": "manual",
    }
    claim = by_text["claim", "the market hall would reopen in May"]
    assert (claim["kind"], claim["speaker"], claim["verdict"]) == (
        "claim",
        "Zoë Ålund",
        "mostly_true",
    )
    assert claim["note"] == "Checked with\nthe town office"  # a line break stays in its cell
    quote = by_text["quote", "'=SUM(A1:A9) is all the budget we have"]
    assert (quote["kind"], quote["speaker"]) == ("quote", "the treasurer Piet Braam")
    unchecked = by_text["claim", "'-12 stalls stayed shut"]
    assert (unchecked["verdict"], unchecked["note"], unchecked["status"]) == (
        "unchecked",
        "'@desk: +check",
        "accepted",
    )


def test_bom_and_crlf_rows(store, tmp_path: Path) -> None:
    out = tmp_path / "annotations.csv"
    write_csv(store, out, Selection())
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfarticle_id,article,kind,")  # Excel reads it as UTF-8
    assert data.count(b"\r\n") == 7  # the header and six rows
    assert b"Checked with\nthe town office" in data  # inside a quoted cell, not a row end
    assert "Zoë Ålund".encode() in data


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+31 20 555 0100", "'+31 20 555 0100"),
        ("-5 percent", "'-5 percent"),
        ("@mention", "'@mention"),
        ("\tindented", "'\tindented"),
        ("plain words", "plain words"),
        ("a = b", "a = b"),
        ("", ""),
    ],
)
def test_formulas_are_neutralised(cell: str, safe: str) -> None:
    assert neutralise(cell) == safe


def test_only_one_annotators_rows(store, tmp_path: Path) -> None:
    out = tmp_path / "lena.csv"
    write_csv(store, out, Selection(annotator="lena"))
    assert [row["text"] for row in read_rows(out)] == ["Zoë Ålund"]
