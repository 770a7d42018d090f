"""Corpus cases for this tool's JSONL and Prodigy's: every field of the wrong type, offsets out
of range, huge numbers, deep nesting, lone surrogates, NUL, NaN, broken lines, encodings,
skipped answers, --skip-invalid, and files that mix formats.

Most bad records stand on line 2 after a good line 1, so a refusal must name line 2 and must
not have imported line 1 (the project stays byte-identical).
"""

from __future__ import annotations

import copy
import json
from typing import Any

from .case import Case, Writer, dumps, file, lines, unique
from .cases_plaintext import LIMITS

TEXT = "Maren Olsen said the harbour in Marrowick reopened on Monday after the storm."
OTHER = "Harbour officials in Skarholm expect 4,000 passengers a week once the ferry returns."
THIRD = "The timetable for the Skarholm crossing will be published next week by the council."
MISSING = object()  # a field left out


def span(part: str, label: str, number: int, text: str = TEXT, **extra: Any) -> dict[str, Any]:
    start = text.index(part)
    return {"id": number, "start": start, "end": start + len(part), "label": label, **extra}


GOOD: dict[str, Any] = {
    "text": TEXT,
    "meta": {"title": "Harbour reopens", "outlet": "The Harbour Post"},
    "spans": [span("Maren Olsen", "PERSON", 1), span("Marrowick", "GPE", 2)],
    "relations": [{"head_id": 1, "child_id": 2, "label": "LIVES_IN"}],
}
FIRST: dict[str, Any] = {"text": OTHER, "spans": [span("Skarholm", "GPE", 1, OTHER)]}
THIRD_RECORD: dict[str, Any] = {"text": THIRD, "meta": {"title": "Timetable soon"}}


def _set(target: dict[str, Any], key: str, value: Any) -> None:
    if value is MISSING:
        target.pop(key, None)
    else:
        target[key] = value


def record(**fields: Any) -> dict[str, Any]:
    """GOOD with these top-level fields changed (MISSING removes one)."""
    result = copy.deepcopy(GOOD)
    for key, value in fields.items():
        _set(result, key, value)
    return result


def with_span(**fields: Any) -> dict[str, Any]:
    """GOOD with these fields of its first span changed."""
    result = copy.deepcopy(GOOD)
    for key, value in fields.items():
        _set(result["spans"][0], key, value)
    return result


def with_relation(**fields: Any) -> dict[str, Any]:
    result = copy.deepcopy(GOOD)
    for key, value in fields.items():
        _set(result["relations"][0], key, value)
    return result


def raw(fragment: str) -> str:
    """GOOD as a raw line with its first span's start replaced by a JSON fragment (NaN, ...)."""
    return dumps(with_span(start=1234567)).replace("1234567", fragment)


def second(bad: Any, name: str = "bad.jsonl") -> Writer:
    """A file whose line 1 is good and line 2 is `bad` (a record or a raw line)."""
    return lines(name, FIRST, bad)


def refused(case_id: str, bad: Any, line: int = 2, **extra: Any) -> Case:
    return Case(case_id, second(bad), "refused", line=line, **extra)


def either(case_id: str, bad: Any, **extra: Any) -> Case:
    return Case(case_id, second(bad), "either", line=2, added=2, **extra)


def _nested(depth: int) -> Any:
    value: Any = "bottom"
    for _ in range(depth):
        value = {"level": value}
    return value


def _utf16_offsets() -> dict[str, Any]:
    """A span counted in UTF-16 units, as older tools wrote them: the emoji counts twice."""
    text = "Councillor Maeve Doyle 📣 said the new bus lanes cut commute times by 12 minutes."
    claim = "the new bus lanes cut commute times by 12 minutes"
    start = text.index(claim) + 1
    return {
        "text": text,
        "spans": [{"start": start, "end": start + len(claim), "label": "CLAIM", "text": claim}],
    }


DEEP = "[" * 100_000 + "]" * 100_000

WRONG_TYPES = [
    refused("jsonl-text-null", record(text=None)),
    refused("jsonl-text-number", record(text=42)),
    refused("jsonl-text-list", record(text=[TEXT])),
    refused("jsonl-text-object", record(text={"body": TEXT})),
    refused("jsonl-text-bool", record(text=True)),
    refused("jsonl-text-empty", record(text="", spans=[], relations=[])),
    refused("jsonl-text-whitespace", record(text=" \n\t ", spans=[], relations=[])),
    refused("jsonl-text-missing", record(text=MISSING)),
    refused("jsonl-text-nan", raw("0").replace(dumps(TEXT), "NaN")),
    refused("jsonl-spans-object", record(spans={"1": GOOD["spans"][0]}, relations=[])),
    refused("jsonl-spans-string", record(spans="Maren Olsen", relations=[])),
    refused("jsonl-spans-number", record(spans=3, relations=[])),
    refused("jsonl-spans-list-of-strings", record(spans=["PERSON"], relations=[])),
    refused("jsonl-spans-list-with-null", record(spans=[None], relations=[])),
    refused("jsonl-span-start-string", with_span(start="0")),
    refused("jsonl-span-start-float", with_span(start=0.0)),
    refused("jsonl-span-start-bool", with_span(start=True)),
    refused("jsonl-span-start-null", with_span(start=None)),
    refused("jsonl-span-start-negative", with_span(start=-1)),
    refused("jsonl-span-start-missing", with_span(start=MISSING)),
    refused("jsonl-span-start-5000-digits", raw("9" * 5000)),
    refused("jsonl-span-start-minus-5000-digits", raw("-" + "9" * 5000)),
    refused("jsonl-span-start-nan", raw("NaN")),
    refused("jsonl-span-start-infinity", raw("Infinity")),
    refused("jsonl-span-start-1e400", raw("1e400")),
    refused("jsonl-span-start-huge", with_span(start=2**70)),
    refused("jsonl-span-end-before-start", with_span(start=5, end=2)),
    refused("jsonl-span-end-equals-start", with_span(start=5, end=5)),
    refused("jsonl-span-end-past-text", with_span(end=len(TEXT) + 1)),
    refused("jsonl-span-end-float", with_span(end=11.0)),
    refused("jsonl-span-end-string", with_span(end="11")),
    refused("jsonl-span-label-number", with_span(label=7)),
    refused("jsonl-span-label-null", with_span(label=None)),
    refused("jsonl-span-label-list", with_span(label=["PERSON"])),
    refused("jsonl-span-label-object", with_span(label={"name": "PERSON"})),
    refused("jsonl-span-label-empty", with_span(label="")),
    refused("jsonl-span-kind-unknown", with_span(kind="banana")),
    refused("jsonl-span-kind-number", with_span(kind=3)),
    refused("jsonl-span-kind-list", with_span(kind=["entity"])),
    refused("jsonl-span-status-unknown", with_span(status="maybe")),
    refused("jsonl-span-status-number", with_span(status=1)),
    refused("jsonl-span-annotator-list", with_span(annotator=["maren"])),
    refused("jsonl-span-annotator-object", with_span(annotator={"name": "maren"})),
    either("jsonl-span-annotator-number", with_span(annotator=17)),
    refused("jsonl-span-attrs-list", with_span(attrs=["verdict", "false"])),
    refused("jsonl-span-attrs-string", with_span(attrs="verdict=false")),
    refused("jsonl-span-attrs-number", with_span(attrs=5)),
    refused("jsonl-span-note-list", with_span(note=["check this"])),
    refused("jsonl-span-note-object", with_span(note={"text": "check this"})),
    refused("jsonl-span-note-number", with_span(note=5)),
    refused("jsonl-span-id-list", with_span(id=[1])),
    refused("jsonl-span-id-object", with_span(id={"n": 1})),
    refused("jsonl-span-id-float", with_span(id=1.5)),
    refused(
        "jsonl-span-id-bool",
        record(spans=[span("Maren Olsen", "PERSON", 1) | {"id": True}], relations=[]),
    ),
    refused(
        "jsonl-duplicate-span-ids",
        record(spans=[span("Maren Olsen", "PERSON", 1), span("Marrowick", "GPE", 1)]),
    ),
    refused("jsonl-span-text-mismatch", with_span(text="Marit Olsen")),
    refused("jsonl-span-text-number", with_span(text=11)),
    refused("jsonl-span-not-object", record(spans=[5], relations=[])),
    refused("jsonl-span-offsets-in-utf16-units", _utf16_offsets()),
    refused("jsonl-relations-object", record(relations={"head_id": 1, "child_id": 2})),
    refused("jsonl-relations-string", record(relations="SPEAKER")),
    refused("jsonl-relation-not-object", record(relations=[[1, 2, "LIVES_IN"]])),
    refused("jsonl-relation-head-id-list", with_relation(head_id=[1])),
    refused("jsonl-relation-head-id-object", with_relation(head_id={"id": 1})),
    refused("jsonl-relation-child-id-list", with_relation(child_id=[2])),
    refused("jsonl-relation-child-id-object", with_relation(child_id={"id": 2})),
    refused("jsonl-relation-head-missing", with_relation(head_id=MISSING)),
    refused("jsonl-relation-to-missing-span", with_relation(child_id=9)),
    refused("jsonl-relation-to-itself", with_relation(child_id=1)),
    refused("jsonl-relation-label-missing", with_relation(label=MISSING)),
    refused("jsonl-relation-label-number", with_relation(label=4)),
    refused(
        "jsonl-relation-head-span-out-of-range",
        with_relation(head_id=MISSING, head_span={"start": 500, "end": 510, "label": "PERSON"}),
    ),
    refused("jsonl-relation-head-span-string", with_relation(head_id=MISSING, head_span="Maren")),
    refused("jsonl-meta-list", record(meta=["Harbour reopens"])),
    refused("jsonl-meta-string", record(meta="Harbour reopens")),
    refused("jsonl-meta-number", record(meta=3)),
    refused("jsonl-meta-title-list", record(meta={"title": ["Harbour", "reopens"]})),
    refused("jsonl-annotator-id-list", record(_annotator_id=["maren"])),
]

VALUES = [
    Case("jsonl-good", lines("good.jsonl", FIRST, GOOD), "accepted", added=2, spans=3),
    Case("jsonl-meta-null", lines("meta.jsonl", record(meta=None)), "accepted"),
    Case(
        "jsonl-meta-nested-50-deep",
        lines("nested.jsonl", record(meta={"title": "Nested", "deep": _nested(50)})),
        "accepted",
    ),
    Case(
        "jsonl-span-attrs-nested-object",
        lines(
            "attrs.jsonl",
            with_span(attrs={"evidence": ["https://example.org"], "x": {"y": [1, {"z": None}]}}),
        ),
        "accepted",
    ),
    refused("jsonl-meta-nan", raw("0").replace('"outlet"', '"score": NaN, "outlet"')),
    refused("jsonl-meta-infinity", raw("0").replace('"outlet"', '"score": -Infinity, "outlet"')),
    refused(
        "jsonl-meta-5000-digits", raw("0").replace('"outlet"', f'"count": {"7" * 5000}, "outlet"')
    ),
    either("jsonl-text-lone-surrogate", record(text=TEXT + " \ud800")),
    either("jsonl-text-low-surrogate-first", record(text="\udc00" + TEXT, spans=[], relations=[])),
    either("jsonl-label-lone-surrogate", with_span(label="PERS\udfffON")),
    either("jsonl-meta-key-lone-surrogate", record(meta={"ti\ud800tle": "x"})),
    either("jsonl-meta-value-lone-surrogate", record(meta={"title": "Harbour \udbff"})),
    either("jsonl-annotator-lone-surrogate", with_span(annotator="mar\ud834en")),
    either("jsonl-text-nul", record(text=TEXT + "\x00 More."), forbidden=("\x00",)),
    either("jsonl-label-nul", with_span(label="PER\x00SON")),
    either("jsonl-meta-nul", record(meta={"title": "Harbour\x00reopens"})),
    either(
        "jsonl-text-over-the-limit",
        record(text="ferry " * 170_000, spans=[], relations=[]),
        mentions=LIMITS,
    ),
    either("jsonl-meta-2mb-string", record(meta={"title": "x", "blob": "y" * 2_000_000})),
]

SYNTAX = [
    refused(
        "jsonl-deep-nesting-in-meta", raw("0").replace('"outlet"', f'"deep": {DEEP}, "outlet"')
    ),
    refused(
        "jsonl-deep-nesting-in-spans",
        dumps(record(relations=[])).replace('"spans": [', f'"spans": [{DEEP}, ', 1),
    ),
    refused("jsonl-line-is-deep-nesting", DEEP),
    refused("jsonl-trailing-garbage", dumps(GOOD) + " xyz"),
    refused("jsonl-two-objects-on-a-line", dumps(GOOD) + dumps(GOOD)),
    refused("jsonl-broken-json", dumps(GOOD)[:-1]),
    refused("jsonl-single-quotes", repr(GOOD)),
    refused("jsonl-line-is-array", [GOOD]),
    refused("jsonl-line-is-number", "42"),
    refused("jsonl-line-is-string", dumps(TEXT)),
    refused("jsonl-line-is-null", "null"),
    refused("jsonl-duplicate-keys", dumps(GOOD)[:-1] + ', "text": 5}'),
    Case(
        "jsonl-pretty-printed", file("pretty.jsonl", json.dumps(GOOD, indent=2)), "refused", line=1
    ),
    Case("jsonl-array-of-tasks", lines("array.jsonl", [FIRST, GOOD]), "refused", line=1),
    Case("jsonl-empty", file("empty.jsonl", b""), "refused"),
    Case("jsonl-blank-lines-only", file("blank.jsonl", "\n\n   \n\t\n"), "refused"),
    Case(
        "jsonl-bom",
        file("bom.jsonl", "\ufeff" + dumps(FIRST) + "\n" + dumps(GOOD) + "\n"),
        "accepted",
        added=2,
    ),
    either("jsonl-bom-on-line-2", "\ufeff" + dumps(GOOD)),
    Case(
        "jsonl-utf16-bom",
        file("u16.jsonl", "\ufeff" + dumps(FIRST) + "\n" + dumps(GOOD) + "\n", "utf-16-le"),
        "accepted",
        added=2,
    ),
    Case("jsonl-utf16-no-bom", file("u16.jsonl", dumps(GOOD) + "\n", "utf-16-le"), "either"),
    Case(
        "jsonl-cp1252-bytes",
        file(
            "cp1252.jsonl",
            dumps(
                record(
                    text="Bürgermeisterin Jürgen Müller sagte, die Fähre fährt.",
                    spans=[],
                    relations=[],
                )
            )
            + "\n",
            "cp1252",
        ),
        "either",
    ),
    Case(
        "jsonl-blank-and-space-lines",
        file("spaced.jsonl", "\n  \n" + dumps(FIRST) + "\n\n\t\n" + dumps(GOOD) + "\n\n"),
        "accepted",
        added=2,
    ),
    Case("jsonl-crlf", lines("crlf.jsonl", FIRST, GOOD, ending="\r\n"), "accepted", added=2),
    Case(
        "jsonl-raw-line-separators-in-strings",
        lines("sep.jsonl", record(text=TEXT + "\u2028Second\u2029third\u0085.")),
        "accepted",
        spans=2,
    ),
    Case(
        "jsonl-line-number-counts-blank-lines",
        file("counted.jsonl", dumps(FIRST) + "\n\n\n" + dumps(with_span(end=999)) + "\n"),
        "refused",
        line=4,
    ),
]

RECORDS = [
    Case(
        "jsonl-blank-text-among-good",
        lines("tasks.jsonl", FIRST, GOOD, record(text=""), THIRD_RECORD),
        "refused",
        line=3,
        mentions=("--skip-invalid",),
    ),
    Case(
        "jsonl-blank-text-among-good-skip-invalid",
        lines("tasks.jsonl", FIRST, GOOD, record(text=""), THIRD_RECORD),
        "accepted",
        options=("--skip-invalid",),
        added=3,
        stdout_has=("line 3",),
    ),
    Case(
        "jsonl-attrs-list-among-good-skip-invalid",
        lines("tasks.jsonl", FIRST, with_span(attrs=[1]), THIRD_RECORD),
        "accepted",
        options=("--skip-invalid",),
        added=2,
        stdout_has=("line 2",),
    ),
    Case(
        "jsonl-all-invalid-skip-invalid",
        lines("tasks.jsonl", record(text=""), record(text=None)),
        "either",
        options=("--skip-invalid",),
        added=0,
    ),
    Case(
        "jsonl-answers-reject-and-ignore",
        lines(
            "answers.jsonl",
            FIRST | {"answer": "accept"},
            GOOD | {"answer": "reject"},
            THIRD_RECORD | {"answer": "ignore"},
        ),
        "accepted",
        added=1,
        stdout_has=("line 2", "line 3"),
    ),
    Case(
        "jsonl-every-answer-rejected",
        lines("rejected.jsonl", FIRST | {"answer": "reject"}, GOOD | {"answer": "reject"}),
        "accepted",
        added=0,
    ),
    either("jsonl-answer-unknown", GOOD | {"answer": "maybe"}),
    refused("jsonl-answer-list", GOOD | {"answer": ["accept"]}),
    Case(
        "jsonl-prodigy-task",
        lines(
            "prodigy.jsonl",
            {
                "text": TEXT,
                "_input_hash": -1123581321,
                "_task_hash": 345589144,
                "_view_id": "spans_manual",
                "_annotator_id": "ports-maren",
                "_session_id": "ports-maren",
                "tokens": [{"text": "Maren", "start": 0, "end": 5, "id": 0, "ws": True}],
                "spans": [
                    {
                        "start": 0,
                        "end": 11,
                        "label": "PERSON",
                        "token_start": 0,
                        "token_end": 1,
                        "source": "en_core_web_sm",
                        "score": 0.93,
                        "rank": 0,
                    },
                    {"start": 32, "end": 41, "label": "GPE", "token_start": 5, "token_end": 5},
                ],
                "relations": [
                    {
                        "head": 1,
                        "child": 5,
                        "head_span": {
                            "start": 0,
                            "end": 11,
                            "label": "PERSON",
                            "token_start": 0,
                            "token_end": 1,
                        },
                        "child_span": {
                            "start": 32,
                            "end": 41,
                            "label": "GPE",
                            "token_start": 5,
                            "token_end": 5,
                        },
                        "label": "LIVES_IN",
                    }
                ],
                "answer": "accept",
            },
        ),
        "accepted",
        spans=2,
    ),
    Case(
        "jsonl-prodigy-relation-end-not-a-span",
        lines(
            "prodigy.jsonl",
            {
                "text": TEXT,
                "spans": [{"start": 0, "end": 11, "label": "PERSON"}],
                "relations": [
                    {
                        "head_span": {"start": 0, "end": 11, "label": "PERSON"},
                        "child_span": {"start": 32, "end": 41, "label": "GPE"},
                        "label": "LIVES_IN",
                    }
                ],
            },
        ),
        "accepted",
        spans=2,
    ),
    Case(
        "jsonl-crlf-text-offsets",
        lines(
            "crlf-text.jsonl",
            {
                "text": "Ferry news\r\nMaren Olsen said so.",
                "spans": [{"start": 12, "end": 23, "label": "PERSON", "text": "Maren Olsen"}],
            },
        ),
        "accepted",
        spans=1,
    ),
    Case("jsonl-same-text-twice", lines("twice.jsonl", GOOD, GOOD), "accepted", added=1),
    refused("jsonl-then-doccano-line", {"text": THIRD, "label": [[4, 13, "EVENT"]]}),
    Case(
        "jsonl-doccano-then-ours",
        lines("mixed.jsonl", {"text": THIRD, "label": [[4, 13, "EVENT"]]}, GOOD),
        "refused",
        line=2,
    ),
    refused("jsonl-then-label-studio-task", {"data": {"text": THIRD}, "annotations": []}),
]


def claim(**attrs: Any) -> dict[str, Any]:
    """GOOD with a claim over its whole sentence carrying these attrs."""
    return record(spans=[*GOOD["spans"], span(TEXT[:-1], "CLAIM", 3, kind="claim", attrs=attrs)])


QUOTE = span("the harbour in Marrowick reopened", "QUOTE", 3, kind="quote")
#: Values that pass the readers' type checks and then reach every exporter (tokenising in an
#: odd language, ClaimReview's ratings and dates, CSV's speaker column, spaCy's alignment).
EXPORTED = [
    *(
        either(f"jsonl-language-{tag}", record(meta={"title": "Harbour", "language": value}))
        for tag, value in [
            ("unknown", "zz"),
            ("path", "../../etc"),
            ("japanese", "ja"),
            ("korean", "ko"),
            ("thai", "th"),
            ("underscore", "en_US"),
            ("empty", ""),
        ]
    ),
    either("jsonl-verdict-unknown-word", claim(verdict="banana")),
    either("jsonl-verdict-null", claim(verdict=None)),
    refused("jsonl-verdict-number", claim(verdict=5)),
    refused("jsonl-evidence-string", claim(verdict="false", evidence="https://example.org")),
    either("jsonl-check-worthiness-unknown", claim(check_worthiness="banana")),
    either(
        "jsonl-published-not-a-date",
        claim(verdict="false") | {"meta": {"title": "Harbour", "published": "not a date"}},
    ),
    either(
        "jsonl-published-year-99999",
        claim(verdict="false") | {"meta": {"title": "Harbour", "published": "99999-01-01"}},
    ),
    either(
        "jsonl-two-speakers-for-one-quote",
        record(
            spans=[*GOOD["spans"], QUOTE],
            relations=[
                {"head_id": 3, "child_id": 1, "label": "SPEAKER"},
                {"head_id": 3, "child_id": 2, "label": "SPEAKER"},
            ],
        ),
    ),
    either(
        "jsonl-speaker-cycle",
        record(
            spans=[*GOOD["spans"], QUOTE],
            relations=[
                {"head_id": 3, "child_id": 1, "label": "SPEAKER"},
                {"head_id": 1, "child_id": 3, "label": "SPEAKER"},
            ],
        ),
    ),
    either("jsonl-label-with-line-break", with_span(label="PER\nSON")),
    either("jsonl-label-10000-characters", with_span(label="P" * 10_000)),
    either("jsonl-annotator-named-reviewed", with_span(annotator="reviewed")),
    Case(
        "jsonl-span-over-whitespace",
        lines("space.jsonl", record(spans=[span(" ", "GAP", 1)], relations=[])),
        "accepted",
        spans=1,
    ),
    Case(
        "jsonl-span-over-a-combining-mark",
        lines(
            "mark.jsonl",
            {"text": "Cafe\u0301 reopens.", "spans": [{"start": 4, "end": 5, "label": "X"}]},
        ),
        "accepted",
        spans=1,
    ),
    Case(
        "jsonl-2000-spans",
        lines(
            "many.jsonl",
            record(
                spans=[
                    {"start": n % 70, "end": n % 70 + 1 + n % 5, "label": "X"} for n in range(2_000)
                ],
                relations=[],
            ),
        ),
        "accepted",
        spans=None,
    ),
    refused(
        "jsonl-meta-900-deep",
        raw("0").replace('"outlet"', f'"deep": {"[" * 900}{"]" * 900}, "outlet"'),
    ),
]

CASES = unique([*WRONG_TYPES, *VALUES, *SYNTAX, *RECORDS, *EXPORTED])
