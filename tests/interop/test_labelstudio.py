"""Label Studio's JSON export: every annotator's regions and relations, skips, bad tasks."""

import json
import re
from pathlib import Path

import pytest

from annotator.domain import AnnotationKind, AnnotationStatus
from annotator.interop.labelstudio import read_labelstudio

DATA = Path(__file__).resolve().parents[1] / "data" / "interop"
TEXT = "Ada Quill 🚲 said the bridge reopens in May."


def write_tasks(path: Path, tasks: object) -> Path:
    path.write_text(json.dumps(tasks, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def region(ident: str, start: int, end: int, label: str, **value: object) -> dict:
    return {
        "id": ident,
        "from_name": "label",
        "to_name": "text",
        "type": "labels",
        "value": {"start": start, "end": end, "labels": [label], **value},
    }


def task(*result: dict, text: str = TEXT, **extra: object) -> dict:
    return {"data": {"text": text}, "annotations": [{"result": list(result)}], **extra}


def texts(draft) -> list[tuple[str, str, str | None]]:
    return [(draft.text[s.start : s.end], s.label, s.annotator) for s in draft.spans]


def test_every_annotators_regions_come_in() -> None:
    first, second, third = read_labelstudio(DATA / "labelstudio.json").articles
    assert texts(first) == [
        ("Councillor Maeve Doyle", "SOURCE", "labelstudio:3"),
        ("the new bus lanes cut commute times by 12 minutes", "CLAIM", "labelstudio:3"),
        ("Maeve Doyle", "PERSON", "labelstudio:ravi@newsroom.example"),
        ("12 minutes", "TIME", "labelstudio:ravi@newsroom.example"),
        ("Transport officials", "SOURCE", "labelstudio:ravi@newsroom.example"),
    ]
    assert [(r.head, r.child, r.label, r.annotator) for r in first.relations] == [
        (1, 0, "SOURCE_OF", "labelstudio:3")
    ]
    assert [s.kind for s in first.spans][:2] == [AnnotationKind.SOURCE, AnnotationKind.CLAIM]
    assert {s.status for s in first.spans} == {AnnotationStatus.ACCEPTED}
    assert texts(third) == [
        ("Lomond Biotech", "ORG", "labelstudio:3"),
        ("8%", "PERCENT", "labelstudio:3"),
        ("Friday", "DATE", "labelstudio:3"),
    ]
    assert third.relations == ()
    assert len(second.spans) == 5


def test_crlf_text_is_normalised_and_spans_follow() -> None:
    second = read_labelstudio(DATA / "labelstudio.json").articles[1]
    assert second.text.startswith("Storm Petra closes coastal road\n\nThe A917")
    assert [(second.text[s.start : s.end], s.label) for s in second.spans] == [
        ("Storm Petra", "EVENT"),
        ("Kelby", "GPE"),
        ("Dunmore", "GPE"),
        ('"Nobody should drive there today,"', "QUOTE"),
        ("a police spokesperson", "SOURCE"),
    ]
    assert [(r.head, r.child, r.label) for r in second.relations] == [(3, 4, "SPEAKER")]
    assert second.title == "Storm Petra closes coastal road"


def test_skipped_predictions_cancelled_annotations_and_other_results() -> None:
    reading = read_labelstudio(DATA / "labelstudio.json")
    assert reading.skipped == [
        "task 1: prediction not imported",
        "task 3: annotation cancelled",
        "task 3: choices result not imported",
    ]


def test_article_fields_and_meta() -> None:
    first, second, third = read_labelstudio(DATA / "labelstudio.json").articles
    assert (first.outlet, first.source, first.meta) == (
        "Riverside Post",
        "labelstudio.json",
        {"id": 41},
    )
    assert (second.outlet, second.published) == ("Coast Courier", "2025-01-19")
    # No "text" key: the text is the first string in data that is not an article field.
    assert third.text.startswith("Shares in Lomond Biotech")
    assert (third.outlet, third.meta) == ("Market Wire", {"id": 43})


def test_offsets_count_code_points(tmp_path: Path) -> None:
    """The emoji before "the bridge" counts as one character, as Python counts."""
    start = TEXT.index("the bridge")
    path = write_tasks(
        tmp_path / "ls.json", [task(region("a", start, start + 10, "FAC", text="the bridge"))]
    )
    (draft,) = read_labelstudio(path).articles
    assert texts(draft) == [("the bridge", "FAC", None)]


def test_relation_without_label_or_drawn_leftwards(tmp_path: Path) -> None:
    result = [
        region("q", 10, 42, "QUOTE"),
        region("s", 0, 9, "SOURCE"),
        {"from_id": "q", "to_id": "s", "type": "relation", "direction": "right", "labels": []},
        {"from_id": "s", "to_id": "q", "type": "relation", "direction": "left", "labels": ["X"]},
    ]
    path = write_tasks(tmp_path / "ls.json", [task(*result)])
    (draft,) = read_labelstudio(path).articles
    assert [(r.head, r.child, r.label) for r in draft.relations] == [(0, 1, "RELATED"), (0, 1, "X")]


def test_region_with_several_labels(tmp_path: Path) -> None:
    item = region("a", 0, 9, "PERSON")
    item["value"]["labels"] = ["PERSON", "SOURCE"]
    link = {"from_id": "b", "to_id": "a", "type": "relation", "labels": ["SPEAKER"]}
    path = write_tasks(tmp_path / "ls.json", [task(item, region("b", 10, 42, "QUOTE"), link)])
    (draft,) = read_labelstudio(path).articles
    assert [(s.label, s.kind) for s in draft.spans] == [
        ("PERSON", AnnotationKind.ENTITY),
        ("SOURCE", AnnotationKind.SOURCE),
        ("QUOTE", AnnotationKind.QUOTE),
    ]
    assert [(r.head, r.child) for r in draft.relations] == [(2, 0)]


def test_task_without_annotations_is_an_article(tmp_path: Path) -> None:
    path = write_tasks(tmp_path / "ls.json", [{"data": {"text": TEXT}}])
    (draft,) = read_labelstudio(path).articles
    assert (draft.text, draft.spans, draft.title) == (TEXT, (), TEXT)


def test_bad_json_names_file_and_line(refused, tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('[\n  {"data": {"text": "x"}},\n  {"data": \n]\n', encoding="utf-8")
    assert re.search(r"broken\.json:4: not valid JSON", refused(path))


def test_a_single_task_object_is_read(tmp_path: Path) -> None:
    """Label Studio exports one task as an object, not an array of one."""
    path = write_tasks(tmp_path / "one.json", task(region("a", 0, 9, "PERSON"), id=7))
    (draft,) = read_labelstudio(path).articles
    assert texts(draft) == [("Ada Quill", "PERSON", None)]
    assert draft.meta == {"id": 7}


@pytest.mark.parametrize("content", ['"just text"', "5", "null"])
def test_not_an_array_or_a_task(refused, tmp_path: Path, content: str) -> None:
    path = tmp_path / "one.json"
    path.write_text(content, encoding="utf-8")
    assert re.search(r"one\.json: is not a Label Studio JSON export", refused(path))


def test_task_that_is_not_an_object(refused, tmp_path: Path) -> None:
    path = write_tasks(tmp_path / "ls.json", [task(), "just text"])
    assert re.search(r"ls\.json: task 2: each task must be a JSON object", refused(path))


@pytest.mark.parametrize(
    "data",
    [{}, {"text": ""}, {"text": " \n"}, {"text": 7}, {"outlet": "Post"}],
    ids=["none", "empty", "blank", "number", "only-fields"],
)
def test_missing_or_empty_text(refused, tmp_path: Path, data: dict) -> None:
    path = write_tasks(tmp_path / "ls.json", [task(), task(), {"data": data}])
    assert re.search(r"ls\.json: task 3: needs a non-empty text", refused(path))


def test_json_min_export_is_explained(refused, tmp_path: Path) -> None:
    path = write_tasks(tmp_path / "min.json", [{"text": TEXT, "label": []}])
    assert re.search(r'min\.json: task 1: needs a "data" object.*JSON-MIN', refused(path))


def test_region_outside_the_text(refused, tmp_path: Path) -> None:
    path = write_tasks(tmp_path / "ls.json", [task(region("far", 30, 99, "DATE"))])
    assert re.search(
        r"ls\.json: task 1: annotation 1: region 'far': span \[30, 99\) does not", refused(path)
    )


def test_region_text_that_does_not_match(refused, tmp_path: Path) -> None:
    path = write_tasks(tmp_path / "ls.json", [task(region("a", 0, 9, "PERSON", text="Ada Quil"))])
    assert re.search(r"ls\.json: task 1: .*'Ada Quil' but the article has", refused(path))


def test_utf16_offsets_are_explained(refused, tmp_path: Path) -> None:
    """Offsets counted as JavaScript counts (an emoji is two units) are named as the cause."""
    start = TEXT.index("the bridge") + 1
    bad = region("a", start, start + 10, "FAC", text="the bridge")
    path = write_tasks(tmp_path / "ls.json", [task(bad)])
    assert re.search(r"task 1: .*the offsets count UTF-16 units", refused(path))


def test_relation_to_unknown_region(refused, tmp_path: Path) -> None:
    link = {"from_id": "a", "to_id": "zz", "type": "relation", "labels": ["SPEAKER"]}
    path = write_tasks(tmp_path / "ls.json", [task(region("a", 0, 9, "SOURCE"), link)])
    assert re.search(r"ls\.json: task 1: .*points at region 'zz'", refused(path))


def test_relation_to_a_region_of_another_annotation(refused, tmp_path: Path) -> None:
    """Region ids belong to one annotation; a relation cannot reach into another one."""
    link = {"from_id": "b", "to_id": "a", "type": "relation", "labels": ["SPEAKER"]}
    item = {
        "data": {"text": TEXT},
        "annotations": [
            {"result": [region("a", 0, 9, "SOURCE")]},
            {"result": [region("b", 10, 42, "QUOTE"), link]},
        ],
    }
    path = write_tasks(tmp_path / "ls.json", [item])
    assert re.search(r"task 1: annotation 2: .*points at region 'a'", refused(path))


@pytest.mark.parametrize("content", ["[]", "", " \n"])
def test_empty_file(refused, tmp_path: Path, content: str) -> None:
    path = tmp_path / "none.json"
    path.write_text(content, encoding="utf-8")
    assert re.search(r"none\.json: holds no articles", refused(path))


def test_all_or_nothing(refused, tmp_path: Path) -> None:
    """A bad last task fails the whole file: nothing is half imported."""
    tasks = [task(region("a", 0, 9, "PERSON"))] * 3 + [task(region("b", 0, 99, "X"))]
    path = write_tasks(tmp_path / "ls.json", tasks)
    assert re.search(r"task 4: ", refused(path))


def test_annotations_that_are_not_a_list(refused, tmp_path: Path) -> None:
    path = write_tasks(
        tmp_path / "ls.json", [{"data": {"text": TEXT}, "annotations": {"result": []}}]
    )
    assert re.search(r'ls\.json: task 1: "annotations" must be a list', refused(path))


def labelled(start: object, end: object, label: object = "X") -> dict:
    """A labels result "r" over [start, end), for the bad-task table."""
    return {"id": "r", "type": "labels", "value": {"start": start, "end": end, "labels": [label]}}


BAD_TASKS = [
    ('{"data": {"text": "Fine.", "n": NaN}}', "NaN is not a JSON value (at data.n)"),
    ('{"data": {"text": "Fine.", "text": "Two."}}', "the key 'text' is given twice"),
    ('{"data": {"text": "Bad \\udfff"}}', "lone surrogate (U+DFFF)"),
    ('{"data": {"text": "Line one\\nBad\\u0000"}}', "NUL character (U+0000)"),
    ('{"data": {"text": "Fine.", "title": ["a"]}}', '"title" must be a string, not a list'),
    ('{"data": {"text": "Fine."}, "meta": ["a"]}', '"meta" must be an object, not a list'),
    ('{"data": {"text": "Fine."}, "annotations": [{"result": {}}]}', '"result" must be a list'),
    ('{"data": {"text": "Fine."}, "completions": "none"}', '"completions" must be a list'),
    ('{"data": {"text": "Fine."}, "annotations": [7]}', "annotation 1 is not an object"),
    (json.dumps(task(labelled(0, 4, 5), text="Fine.")), "region 'r': needs a label"),
    (json.dumps(task(labelled(False, 4), text="Fine.")), "needs integer start and end"),
    (
        json.dumps(task(labelled(0, 4), {**labelled(1, 3), "id": "r"}, text="Fine.")),
        "two regions have the id 'r'",
    ),
    (
        json.dumps(task({"type": "relation", "from_id": ["r"], "to_id": "r"}, text="Fine.")),
        "a RELATED relation needs the ids of the two regions it links",
    ),
    (json.dumps({"data": {"text": "a" * 1_000_001}}), "1,000,001 characters long"),
]


@pytest.mark.parametrize(("bad", "expected"), BAD_TASKS)
def test_bad_task_names_file_and_task(refused, tmp_path: Path, bad: str, expected: str) -> None:
    path = tmp_path / "ls.json"
    fine = json.dumps(task(region("a", 0, 9, "PERSON")))
    path.write_text(f"[\n{fine},\n{bad},\n{fine}\n]\n", encoding="utf-8")
    message = refused(path)
    assert message.startswith(f"{path}: task 2: ")
    assert expected in message
    assert message.endswith("; use --skip-invalid to import the other records")


def test_a_number_too_long_names_the_line(refused, tmp_path: Path) -> None:
    path = tmp_path / "long.json"
    path.write_text('[\n{"data": {"text": "Fine."}},\n{"n": -' + "4" * 5000 + "}\n]")
    message = refused(path, skip_invalid=True)
    assert message == f"{path}:3: holds a number of more than 4300 digits, too long to keep"


def test_nesting_too_deep_names_the_line(refused, tmp_path: Path) -> None:
    """Python's own parser gives up on deep nesting without saying where: the line is found."""
    path = tmp_path / "deep.json"
    deep = "[" * 60_000 + "]" * 60_000
    path.write_text(f'[\n{{"data": {{"text": "Fine."}}}},\n{{"x": {deep}}}\n]', encoding="utf-8")
    assert refused(path).startswith(f"{path}:3: nested more than 100 levels deep")


def test_skip_invalid_skips_a_task_with_a_stale_region(tmp_path: Path) -> None:
    """A region left over from an edited text skips its task, not the whole export."""
    stale = task(region("old", 30, 99, "DATE"))
    tasks = [task(region("a", 0, 9, "PERSON")), stale, {"data": {"text": 5}}, task()]
    path = write_tasks(tmp_path / "ls.json", tasks)
    reading = read_labelstudio(path, skip_invalid=True)
    assert len(reading.articles) == 2
    assert reading.skipped == [
        "task 2: annotation 1: region 'old': span [30, 99) does not fit a text of 43 characters",
        'task 3: needs a non-empty text in "data" (under "text")',
    ]
