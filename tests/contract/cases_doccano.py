"""Corpus cases for doccano's JSONL exports: the sequence form ("label"), the relation form
("entities" and "relations"), the 1.x "annotations" form (read with its spans), wrong types,
text classification exports and files that mix forms."""

from __future__ import annotations

from typing import Any

from .case import Case, dumps, lines, unique

TEXT = "Maren Olsen said the harbour in Marrowick reopened on Monday after the storm."
OTHER = "Harbour officials in Skarholm expect 4,000 passengers a week once the ferry returns."
PERSON = [0, 11, "PERSON"]
PLACE = [32, 41, "GPE"]
FIRST = {"id": 1, "text": OTHER, "label": [[21, 29, "GPE"]]}


def sequence(**fields: Any) -> dict[str, Any]:
    return {"id": 2, "text": TEXT, "label": [PERSON, PLACE], **fields}


def entities(**fields: Any) -> dict[str, Any]:
    record = {
        "id": 2,
        "text": TEXT,
        "entities": [
            {"id": 10, "label": "PERSON", "start_offset": 0, "end_offset": 11},
            {"id": 11, "label": "GPE", "start_offset": 32, "end_offset": 41},
        ],
        "relations": [{"id": 5, "from_id": 10, "to_id": 11, "type": "LIVES_IN"}],
    }
    record.update(fields)
    return record


def annotations_1x(*items: dict[str, Any], **fields: Any) -> dict[str, Any]:
    """doccano 1.x: "annotations" with integer label ids and the user who made each."""
    return {"id": 2, "text": TEXT, "annotations": list(items), "meta": {}, **fields}


def item_1x(start: Any, end: Any, label: Any = 12, user: Any = 1) -> dict[str, Any]:
    return {"label": label, "start_offset": start, "end_offset": end, "user": user}


def refused(case_id: str, bad: Any, line: int = 2, **extra: Any) -> Case:
    return Case(case_id, lines("doccano.jsonl", FIRST, bad), "refused", line=line, **extra)


def raw_offset(fragment: str) -> str:
    return dumps(sequence(label=[[1234567, 11, "PERSON"]])).replace("1234567", fragment)


CASES = unique(
    [
        Case(
            "doccano-sequence",
            lines("doccano.jsonl", FIRST, sequence()),
            "accepted",
            added=2,
            spans=3,
        ),
        Case(
            "doccano-labels-key",
            lines("doccano.jsonl", {"text": TEXT, "labels": [PERSON, PLACE]}),
            "accepted",
            spans=2,
        ),
        Case("doccano-relation-form", lines("doccano.jsonl", entities()), "accepted", spans=2),
        Case(
            "doccano-both-forms-on-one-line",
            lines(
                "doccano.jsonl",
                entities(label=[[TEXT.index("Monday"), TEXT.index("Monday") + 6, "DATE"]]),
            ),
            "accepted",
            spans=3,
        ),
        Case(
            "doccano-1x-annotations-integer-labels",
            lines("doccano.jsonl", annotations_1x(item_1x(0, 11), item_1x(32, 41, 13, 2))),
            "accepted",
            spans=2,
        ),
        Case(
            "doccano-1x-annotations-string-labels",
            lines(
                "doccano.jsonl", annotations_1x(item_1x(0, 11, "PERSON"), item_1x(32, 41, "GPE"))
            ),
            "accepted",
            spans=2,
        ),
        Case(
            "doccano-1x-after-sequence-line",
            lines("doccano.jsonl", FIRST, annotations_1x(item_1x(0, 11))),
            "either",
            line=2,
            added=2,
            spans=2,
        ),
        refused("doccano-1x-annotations-object", annotations_1x() | {"annotations": {"label": 12}}),
        refused("doccano-1x-start-offset-string", annotations_1x(item_1x("0", 11))),
        refused("doccano-1x-label-null", annotations_1x(item_1x(0, 11, None))),
        refused("doccano-1x-label-list", annotations_1x(item_1x(0, 11, [12]))),
        refused("doccano-1x-offsets-past-text", annotations_1x(item_1x(0, 500))),
        refused("doccano-1x-item-not-object", annotations_1x() | {"annotations": [[0, 11, 12]]}),
        Case(
            "doccano-overlapping-spans",
            lines(
                "doccano.jsonl",
                sequence(label=[[0, 11, "PERSON"], [6, 11, "SURNAME"], [0, 41, "CLAIM"]]),
            ),
            "accepted",
            spans=3,
        ),
        refused("doccano-label-item-two-long", sequence(label=[[0, 11]])),
        refused("doccano-label-item-four-long", sequence(label=[[0, 11, "PERSON", "x"]])),
        refused("doccano-label-start-string", sequence(label=[["0", 11, "PERSON"]])),
        refused("doccano-label-offsets-bool", sequence(label=[[False, True, "PERSON"]])),
        refused("doccano-label-offsets-float", sequence(label=[[0.0, 11.0, "PERSON"]])),
        Case(
            "doccano-label-name-number",
            lines("doccano.jsonl", FIRST, sequence(label=[[0, 11, 3]])),
            "either",
            line=2,
            added=2,
        ),
        refused("doccano-label-name-empty", sequence(label=[[0, 11, ""]])),
        refused("doccano-label-is-a-string", sequence(label="PERSON")),
        refused("doccano-label-is-an-object", sequence(label={"PERSON": [0, 11]})),
        refused("doccano-classification-export", sequence(label=["positive"])),
        refused("doccano-offsets-past-text", sequence(label=[[70, 200, "PERSON"]])),
        refused("doccano-offsets-negative", sequence(label=[[-3, 11, "PERSON"]])),
        refused("doccano-offset-5000-digits", raw_offset("9" * 5000)),
        refused("doccano-offset-nan", raw_offset("NaN")),
        refused("doccano-deep-nesting", raw_offset("[" * 100_000 + "]" * 100_000)),
        refused("doccano-text-missing", sequence(text=None)),
        refused("doccano-text-number", sequence(text=7)),
        refused("doccano-entities-object", entities(entities={"id": 10})),
        refused(
            "doccano-entities-duplicate-ids",
            entities(
                entities=[
                    {"id": 10, "label": "PERSON", "start_offset": 0, "end_offset": 11},
                    {"id": 10, "label": "GPE", "start_offset": 32, "end_offset": 41},
                ]
            ),
        ),
        refused(
            "doccano-entity-id-list",
            entities(
                entities=[{"id": [10], "label": "PERSON", "start_offset": 0, "end_offset": 11}],
                relations=[],
            ),
        ),
        refused(
            "doccano-relation-from-missing",
            entities(relations=[{"id": 5, "to_id": 11, "type": "LIVES_IN"}]),
        ),
        refused(
            "doccano-relation-to-unknown-entity",
            entities(relations=[{"id": 5, "from_id": 10, "to_id": 99, "type": "LIVES_IN"}]),
        ),
        refused(
            "doccano-relation-to-itself",
            entities(relations=[{"id": 5, "from_id": 10, "to_id": 10, "type": "SAME"}]),
        ),
        refused(
            "doccano-relation-type-missing",
            entities(relations=[{"id": 5, "from_id": 10, "to_id": 11}]),
        ),
        refused(
            "doccano-relation-ids-as-lists",
            entities(relations=[{"id": 5, "from_id": [10], "to_id": [11], "type": "X"}]),
        ),
        refused("doccano-meta-list", sequence(meta=["desk", "ports"])),
        Case(
            "doccano-article-id-field",
            lines("doccano.jsonl", sequence(article_id=1, meta={"article_id": 1, "desk": "ports"})),
            "accepted",
            spans=2,
        ),
        refused(
            "doccano-then-ours",
            {"text": TEXT, "spans": [{"start": 0, "end": 11, "label": "PERSON"}]},
        ),
        Case(
            "doccano-blank-lines",
            lines("doccano.jsonl", FIRST, "", "   ", sequence(), ""),
            "accepted",
            added=2,
        ),
        Case(
            "doccano-text-lone-surrogate",
            lines("doccano.jsonl", FIRST, sequence(text=TEXT + "\udc80")),
            "either",
            line=2,
            added=2,
        ),
    ]
)
