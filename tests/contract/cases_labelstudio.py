"""Corpus cases for Label Studio's JSON export: an array of tasks or a single task object,
JSON-MIN, predictions, cancelled work, stale regions (with and without --skip-invalid),
region and relation ids of the wrong type, and JSON that is no export at all."""

from __future__ import annotations

import copy
import json
from typing import Any

from .case import Case, dumps, file, unique

TEXT = "Maren Olsen said the harbour in Marrowick reopened on Monday after the storm."
OTHER = "Harbour officials in Skarholm expect 4,000 passengers a week once the ferry returns."


def region(ident: Any, start: Any, end: Any, labels: Any, text: str = TEXT) -> dict[str, Any]:
    value: dict[str, Any] = {"start": start, "end": end, "labels": labels}
    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
        value["text"] = text[start:end]
    return {"id": ident, "from_name": "label", "to_name": "text", "type": "labels", "value": value}


def relation(head: Any, child: Any, label: str = "LIVES_IN") -> dict[str, Any]:
    return {
        "from_id": head,
        "to_id": child,
        "type": "relation",
        "direction": "right",
        "labels": [label],
    }


def task(ident: int = 2, text: str = TEXT, result: Any = None, **fields: Any) -> dict[str, Any]:
    if result is None:
        result = [
            region("r1", 0, 11, ["PERSON"]),
            region("r2", 32, 41, ["GPE"]),
            relation("r1", "r2"),
        ]
    annotation = {"id": 100 + ident, "completed_by": 3, "was_cancelled": False, "result": result}
    return {
        "id": ident,
        "data": {"text": text, "outlet": "The Harbour Post"},
        "annotations": [annotation],
        **fields,
    }


FIRST = task(1, OTHER, [region("a", 21, 29, ["GPE"], OTHER)])


def export(*tasks: Any, name: str = "export.json") -> Any:
    return file(name, json.dumps(list(tasks), ensure_ascii=False, indent=2))


def refused(case_id: str, bad: Any, number: int = 2, **extra: Any) -> Case:
    """An export whose task 1 is good and task `number` is `bad`."""
    return Case(case_id, export(FIRST, bad), "refused", where=f"task {number}", **extra)


def changed(path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    """task() with the value at `path` (keys and indexes) replaced."""
    result = copy.deepcopy(task())
    target: Any = result
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return result


def raw_start(fragment: str) -> str:
    return dumps(
        [FIRST, changed(("annotations", 0, "result", 0, "value", "start"), 7654321)]
    ).replace("7654321", fragment)


UTF16_REGION = {
    "id": "e",
    "type": "labels",
    "value": {"start": 9, "end": 13, "text": "said", "labels": ["CLAIM"]},
}
STALE = changed(("annotations", 0, "result"), [region("r1", 70, 120, ["PERSON"])])
RESULT = ("annotations", 0, "result")
DEEP = "[" * 100_000 + "]" * 100_000

CASES = unique(
    [
        Case("labelstudio-array", export(FIRST, task()), "accepted", added=2, spans=3),
        Case(
            "labelstudio-single-task-object", file("task.json", dumps(task())), "accepted", spans=2
        ),
        Case(
            "labelstudio-json-min",
            file(
                "min.json",
                dumps(
                    [
                        {
                            "id": 1,
                            "text": TEXT,
                            "label": [
                                {"start": 0, "end": 11, "text": "Maren Olsen", "labels": ["PERSON"]}
                            ],
                        }
                    ]
                ),
            ),
            "refused",
            where="task 1",
            mentions=("JSON-MIN",),
        ),
        Case(
            "labelstudio-predictions-only",
            export(
                {
                    "id": 3,
                    "data": {"text": TEXT},
                    "annotations": [],
                    "predictions": [
                        {"model_version": "v1", "result": [region("p1", 0, 11, ["PERSON"])]}
                    ],
                }
            ),
            "accepted",
            spans=0,
            stdout_has=("prediction",),
        ),
        Case(
            "labelstudio-cancelled",
            export(
                task()
                | {
                    "annotations": [
                        {
                            "id": 1,
                            "was_cancelled": True,
                            "result": [region("r1", 0, 11, ["PERSON"])],
                        }
                    ]
                }
            ),
            "accepted",
            spans=0,
            stdout_has=("cancelled",),
        ),
        refused("labelstudio-stale-region", STALE, mentions=("--skip-invalid",)),
        Case(
            "labelstudio-stale-region-skip-invalid",
            export(FIRST, STALE, task(3, "The timetable will be published next week.", [])),
            "accepted",
            options=("--skip-invalid",),
            added=2,
            stdout_has=("task 2",),
        ),
        refused("labelstudio-region-id-list", changed((*RESULT, 0, "id"), ["r1"])),
        refused("labelstudio-region-id-object", changed((*RESULT, 0, "id"), {"id": "r1"})),
        refused("labelstudio-relation-id-list", changed((*RESULT, 2, "from_id"), ["r1"])),
        refused("labelstudio-relation-to-missing-region", changed((*RESULT, 2, "to_id"), "r9")),
        refused("labelstudio-relation-to-itself", changed((*RESULT, 2, "to_id"), "r1")),
        refused("labelstudio-duplicate-region-ids", changed((*RESULT, 1, "id"), "r1")),
        refused("labelstudio-data-text-number", changed(("data", "text"), 5)),
        refused("labelstudio-data-missing", changed(("data",), None)),
        refused("labelstudio-data-list", changed(("data",), [TEXT])),
        refused("labelstudio-annotations-object", changed(("annotations",), {"result": []})),
        refused("labelstudio-annotation-not-object", changed(("annotations",), ["done"])),
        refused("labelstudio-result-object", changed(RESULT, {"type": "labels"})),
        refused("labelstudio-result-item-not-object", changed(RESULT, ["PERSON"])),
        refused("labelstudio-value-missing", changed((*RESULT, 0, "value"), None)),
        refused("labelstudio-value-start-string", changed((*RESULT, 0, "value", "start"), "0")),
        refused("labelstudio-value-start-bool", changed((*RESULT, 0, "value", "start"), False)),
        refused(
            "labelstudio-value-text-mismatch", changed((*RESULT, 0, "value", "text"), "Marit Olsen")
        ),
        refused("labelstudio-labels-empty", changed((*RESULT, 0, "value", "labels"), [])),
        refused(
            "labelstudio-labels-not-strings", changed((*RESULT, 0, "value", "labels"), [1, None])
        ),
        refused("labelstudio-labels-string", changed((*RESULT, 0, "value", "labels"), "PERSON")),
        Case(
            "labelstudio-start-5000-digits",
            file("digits.json", raw_start("9" * 5000)),
            "refused",
        ),
        Case("labelstudio-start-nan", file("nan.json", raw_start("NaN")), "refused"),
        Case("labelstudio-start-deep-nesting", file("deep.json", raw_start(DEEP)), "refused"),
        Case("labelstudio-deep-nesting", file("deep.json", DEEP), "refused"),
        Case("labelstudio-empty-array", file("empty.json", "[]"), "refused"),
        Case("labelstudio-empty-object", file("empty.json", "{}"), "refused"),
        Case("labelstudio-empty-file", file("empty.json", b""), "refused"),
        Case("labelstudio-number", file("number.json", "42"), "refused"),
        Case("labelstudio-string", file("string.json", dumps(TEXT)), "refused"),
        Case("labelstudio-null", file("null.json", "null"), "refused"),
        Case(
            "labelstudio-array-of-strings",
            file("strings.json", dumps([TEXT])),
            "refused",
            where="task 1",
        ),
        Case(
            "labelstudio-trailing-garbage",
            file("garbage.json", json.dumps([FIRST], indent=2) + "\n]\n"),
            "refused",
            line=2 + json.dumps([FIRST], indent=2).count("\n"),
        ),
        Case(
            "labelstudio-jsonl-content",
            file("lines.json", dumps(FIRST) + "\n" + dumps(task()) + "\n"),
            "refused",
            line=2,
        ),
        Case("labelstudio-bom", file("bom.json", "\ufeff" + dumps([FIRST])), "accepted"),
        Case(
            "labelstudio-utf16-offsets",
            # "said" is [8, 12) in code points, [9, 13) in UTF-16 units (the emoji counts twice)
            export(task(3, "Doyle 📣 said the bus lanes work.", [UTF16_REGION])),
            "refused",
            where="task 1",
        ),
        Case(
            "labelstudio-completed-by-list",
            export(task() | {"annotations": [{"completed_by": [3], "result": []}]}),
            "either",
            spans=0,
        ),
        Case("labelstudio-meta-list", export(task() | {"meta": ["x"]}), "refused", where="task 1"),
        Case(
            "labelstudio-text-lone-surrogate",
            file("surrogate.json", json.dumps([task(text=TEXT + "\ud800")])),
            "either",
        ),
    ]
)
