"""doccano's JSONL exports: both span forms, code-point offsets over emoji and CRLF, bad lines."""

import json
import re
from pathlib import Path

import pytest

from annotator.domain import AnnotationKind, AnnotationStatus
from annotator.interop.doccano import read_doccano

DATA = Path(__file__).resolve().parents[1] / "data" / "interop"


def write_lines(path: Path, *records: object) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="")
    return path


def test_sequence_labelling_export() -> None:
    first, second = read_doccano(DATA / "doccano_ner.jsonl").articles
    assert [(first.text[s.start : s.end], s.label) for s in first.spans] == [
        ("Harwick Town Council", "ORG"),
        ("Tuesday", "DATE"),
        ("Elm Street library", "FAC"),
        ("Dana Okafor", "PERSON"),
        ("€40,000", "MONEY"),
        ("the branch cost €40,000 a year to run", "CLAIM"),
    ]
    assert [(second.text[s.start : s.end], s.label) for s in second.spans] == [
        ("Port Linnet", "GPE"),
        ("Skerra Isle", "GPE"),
        ("two-day", "DATE"),
        ("Aled Brenn", "PERSON"),
        ("Union spokesperson Aled Brenn", "SOURCE"),
        ('"a fair start"', "QUOTE"),
    ]
    assert [s.kind for s in second.spans][-2:] == [AnnotationKind.SOURCE, AnnotationKind.QUOTE]
    assert first.spans[-1].kind is AnnotationKind.CLAIM
    assert {s.status for s in (*first.spans, *second.spans)} == {AnnotationStatus.ACCEPTED}
    assert first.relations == second.relations == ()


def test_article_fields_and_meta() -> None:
    """Known fields fill the article, everything else (id, Comments, a "meta" object) is meta."""
    first, second = read_doccano(DATA / "doccano_ner.jsonl").articles
    assert (first.outlet, first.published, first.source) == (
        "Harwick Gazette",
        "2025-03-04",
        "doccano_ner.jsonl",
    )
    assert first.title.startswith("The Harwick Town Council voted on Tuesday")
    assert first.meta == {"id": 101, "Comments": []}
    assert (second.title, second.author) == ("Ferries run again", "K. Imrie")
    assert second.meta == {"id": 102, "Comments": ["check the union's name"], "desk": "regional"}


def test_relation_extraction_export() -> None:
    reading = read_doccano(DATA / "doccano_relations.jsonl")
    assert reading.skipped == []
    first, second = reading.articles
    assert [(first.text[s.start : s.end], s.label) for s in first.spans] == [
        ("Dr. Ines Varga", "SOURCE"),
        ("Northfield water board", "ORG"),
        ("the reservoir is at 31% of capacity", "CLAIM"),
        ('"We are asking everyone to cut back,"', "QUOTE"),
        ("Ines Varga", "PERSON"),
    ]
    assert [(r.head, r.child, r.label) for r in first.relations] == [
        (3, 0, "SPEAKER"),
        (2, 0, "SOURCE_OF"),
        (4, 1, "works_for"),  # a label is kept as given
    ]
    assert (first.outlet, first.language) == ("Northfield Echo", "en")
    assert first.meta == {"id": 7, "Comments": []}
    assert [(r.head, r.child, r.label) for r in second.relations] == [(1, 0, "SPEAKER")]


def test_offsets_count_code_points_and_survive_crlf() -> None:
    """An emoji before a span counts once; the dropped "\\r" moves later spans back by one."""
    second = read_doccano(DATA / "doccano_relations.jsonl").articles[1]
    assert "\r" not in second.text
    assert [second.text[s.start : s.end] for s in second.spans] == [
        "Zoë Laurent",
        '"Rents doubled since spring."',
        "Brimley traders' association",
    ]


def test_bad_json_names_file_and_line(refused, tmp_path: Path) -> None:
    path = write_lines(tmp_path / "bad.jsonl", {"text": "Fine line."}, '{"text": "broken')
    assert re.search(r"bad\.jsonl:2: not valid JSON", refused(path))


def test_line_that_is_not_an_object(refused, tmp_path: Path) -> None:
    path = write_lines(tmp_path / "list.jsonl", ["Some text", []])
    assert re.search(r"list\.jsonl:1: each line must be a JSON object", refused(path))


@pytest.mark.parametrize("record", [{"label": []}, {"text": "  "}, {"text": 3}])
def test_missing_or_empty_text(refused, tmp_path: Path, record: dict) -> None:
    path = write_lines(tmp_path / "empty.jsonl", {"text": "Fine."}, "", record)
    assert re.search(r'empty\.jsonl:3: needs a non-empty "text"', refused(path))


def test_sequence_span_outside_the_text(refused, tmp_path: Path) -> None:
    path = write_lines(tmp_path / "far.jsonl", {"text": "Short text.", "label": [[6, 40, "ORG"]]})
    assert re.search(r'far\.jsonl:1: "label" item 1: span \[6, 40\) does not', refused(path))


def test_entity_outside_the_text(refused, tmp_path: Path) -> None:
    entity = {"id": 5, "label": "ORG", "start_offset": -1, "end_offset": 4}
    path = write_lines(tmp_path / "far.jsonl", {"text": "Short text.", "entities": [entity]})
    assert re.search(r"far\.jsonl:1: entity 5: span \[-1, 4\) does not fit", refused(path))


def test_malformed_span(refused, tmp_path: Path) -> None:
    path = write_lines(tmp_path / "odd.jsonl", {"text": "Short text.", "labels": [[0, "5", "X"]]})
    assert re.search(r"odd\.jsonl:1: .*needs integer start and end", refused(path))


def test_text_classification_export_is_explained(refused, tmp_path: Path) -> None:
    path = write_lines(tmp_path / "cats.jsonl", {"text": "Short text.", "label": ["positive"]})
    assert re.search(r"cats\.jsonl:1: .*'positive', not a span", refused(path))


def test_relation_to_unknown_entity(refused, tmp_path: Path) -> None:
    record = {
        "text": "Ada Quill said so.",
        "entities": [{"id": 1, "label": "PERSON", "start_offset": 0, "end_offset": 9}],
        "relations": [{"id": 1, "from_id": 1, "to_id": 99, "type": "SPEAKER"}],
    }
    path = write_lines(tmp_path / "rel.jsonl", {"text": "Fine."}, record)
    assert re.search(r"rel\.jsonl:2: a SPEAKER relation points at entity 99", refused(path))


def test_relation_to_an_entity_of_another_line(refused, tmp_path: Path) -> None:
    """Entity ids are unique across a doccano project, but a relation stays in its article."""
    entity = {"id": 1, "label": "PERSON", "start_offset": 0, "end_offset": 3}
    path = write_lines(
        tmp_path / "rel.jsonl",
        {"text": "Ada said so.", "entities": [entity]},
        {"text": "Bo said no.", "relations": [{"id": 1, "from_id": 1, "to_id": 1, "type": "X"}]},
    )
    assert re.search(r"rel\.jsonl:2: a X relation points at entity 1", refused(path))


def test_duplicate_entity_id(refused, tmp_path: Path) -> None:
    entity = {"id": 1, "label": "PERSON", "start_offset": 0, "end_offset": 3}
    path = write_lines(tmp_path / "dup.jsonl", {"text": "Ada said so.", "entities": [entity] * 2})
    assert re.search(r"dup\.jsonl:1: two entities have the id 1", refused(path))


@pytest.mark.parametrize("content", ["", "\n  \n"])
def test_empty_file(refused, tmp_path: Path, content: str) -> None:
    path = tmp_path / "none.jsonl"
    path.write_text(content, encoding="utf-8")
    assert re.search(r"none\.jsonl: holds no articles", refused(path))


def test_binary_file_is_named(refused, tmp_path: Path) -> None:
    path = tmp_path / "blob.jsonl"
    path.write_bytes(b"\x00\x01\x02")
    assert re.search(r"blob\.jsonl: looks like a binary file", refused(path))


def test_doccano_1x_annotations(tmp_path: Path) -> None:
    """doccano 1.x: labels by their number, the user as annotator, ids kept."""
    text = "Mayor Ines Kovač opened the Harbour Bridge."
    record = {
        "id": 31,
        "text": text,
        "annotations": [
            {"id": 5, "label": 12, "start_offset": 6, "end_offset": 16, "user": 1},
            {"id": 6, "label": "FAC", "start_offset": 24, "end_offset": 42, "user": 2, "prob": 0.5},
        ],
        "meta": {"desk": "city"},
        "annotation_approver": None,
    }
    path = write_lines(tmp_path / "v1.jsonl", record)
    (draft,) = read_doccano(path).articles
    assert [(text[s.start : s.end], s.label, s.annotator, s.attrs) for s in draft.spans] == [
        ("Ines Kovač", "12", "doccano:1", {"doccano": {"id": 5}}),
        ("the Harbour Bridge", "FAC", "doccano:2", {"doccano": {"id": 6, "prob": 0.5}}),
    ]
    assert draft.meta == {"desk": "city", "id": 31, "annotation_approver": None}


BAD_LINES = [
    ({"text": "Ada spoke.", "annotations": [{"label": 3, "user": 1}]}, "text classification"),
    ({"text": "Ada spoke.", "annotations": {"label": 3}}, '"annotations" must be a list'),
    (
        {
            "text": "Ada spoke.",
            "annotations": [{"label": 3, "start_offset": 0, "end_offset": 3, "user": [1]}],
        },
        'its "user" must be a name (a string), not a list',
    ),
    (
        {
            "text": "Ada spoke.",
            "annotations": [{"id": [2], "label": 3, "start_offset": 0, "end_offset": 3}],
        },
        'each annotation\'s "id" must be a number or a string',
    ),
    (
        {
            "text": "Ada spoke.",
            "annotations": [{"id": 2, "label": 3, "start_offset": 0, "end_offset": 3}] * 2,
        },
        "two annotations have the id 2",
    ),
    (
        {
            "text": "Ada spoke.",
            "annotations": [{"label": True, "start_offset": 0, "end_offset": 3}],
        },
        "annotation: needs a label",
    ),
    ({"text": "Ada spoke.", "entities": {"id": 1}}, '"entities" must be a list, not an object'),
    (
        {"text": "Ada spoke.", "label": [[0, 3]]},
        '"label" item 1 must be a list [start, end, label]',
    ),
    ({"text": "Ada spoke.", "label": [[0, 3, ["X"]]]}, '"label" item 1: needs a label'),
    ({"text": "Ada spoke.", "label": [], "meta": ["desk"]}, '"meta" must be an object'),
    ({"text": "Ada spoke.", "label": [], "title": {"en": "x"}}, '"title" must be a string'),
    ({"text": "Ada\u0000 spoke.", "label": []}, "NUL character (U+0000)"),
    ({"text": "Ada spoke.", "label": [[0, 3, "X\u0000"]]}, "span 1's label holds a NUL"),
    ({"text": "Ada spoke.", "label": [], "_foreign": 1}, '"_foreign" is a name annotator keeps'),
    ('{"text": "Ada \\ud800 spoke.", "label": []}', "lone surrogate (U+D800)"),
    ('{"text": "Ada spoke.", "label": [], "n": Infinity}', "Infinity is not a JSON value"),
]


@pytest.mark.parametrize(("line", "expected"), BAD_LINES)
def test_bad_line_names_file_and_line(refused, tmp_path: Path, line: object, expected: str) -> None:
    path = write_lines(tmp_path / "bad.jsonl", {"text": "Fine.", "label": []}, "", line)
    message = refused(path)
    assert message.startswith(f"{path}:3: ")
    assert expected in message
    assert message.endswith("; use --skip-invalid to import the other records")


def test_skip_invalid_imports_the_other_lines(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "some.jsonl",
        {"text": "Ada spoke.", "label": [[0, 3, "PERSON"]]},
        {"text": "Bo spoke.", "label": [[0, 30, "PERSON"]]},
        {"text": "Cy spoke.", "label": [[0, 2, "PERSON"]]},
    )
    reading = read_doccano(path, skip_invalid=True)
    assert [d.text for d in reading.articles] == ["Ada spoke.", "Cy spoke."]
    assert reading.skipped == [
        'line 2: "label" item 1: span [0, 30) does not fit a text of 9 characters'
    ]
