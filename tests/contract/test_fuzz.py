"""Every JSON reader against arbitrary JSON (hypothesis): this tool's JSONL and Prodigy's,
doccano's and Label Studio's. Whatever the value, the file is either imported (and then every
exporter runs on the project) or refused with a one-line UserError naming the file; no other
exception may come out of import_files.

Values mix anything JSON can hold (huge integers, NaN, deep nesting, lone surrogates, NUL)
with records shaped like each format whose fields hold arbitrary values, so that both the
type checks and the paths past them are reached.
"""

from __future__ import annotations

import json
import math
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.app.exporting import export
from annotator.app.importing import import_files
from annotator.interop.selection import Selection
from annotator.store import ProjectStore

from .harness import EXPORTS, stored_problems

#: About 150 examples a reader (two tests share the JSONL reader), within the time budget.
FUZZ = settings(
    max_examples=120,
    deadline=None,
    # private_tmp is meant to be shared by the examples: each makes its own folder inside it.
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)


class Raw(str):
    """JSON text written as it is: numbers json.dumps refuses to write, nesting too deep to
    build as Python values."""


def to_json(value: Any, ascii_only: bool) -> str:
    """JSON text for `value` as a hostile file would hold it (NaN, Infinity, lone surrogates
    escaped as \\ud800 since UTF-8 cannot carry them)."""
    if isinstance(value, Raw):
        return str(value)
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        return json.dumps(value)
    if isinstance(value, str):
        text = json.dumps(value, ensure_ascii=ascii_only)
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            text = json.dumps(value)
        return text
    if isinstance(value, list):
        return "[" + ", ".join(to_json(item, ascii_only) for item in value) + "]"
    items = (f"{to_json(str(k), ascii_only)}: {to_json(v, ascii_only)}" for k, v in value.items())
    return "{" + ", ".join(items) + "}"


HOSTILE_TEXT = st.sampled_from(
    ["\ud800", "\udfff", "\x00", "\u2028", "\ufeff", "\r\n", "🚢", "e\u0301"]
)
TEXT = st.one_of(
    st.text(alphabet="ab \n\r", max_size=12),
    st.text(st.characters(exclude_categories=()), max_size=12),
    st.lists(HOSTILE_TEXT | st.text(max_size=3), max_size=5).map("".join),
)
LEAF = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(-3, 30),
    st.floats(allow_nan=True, allow_infinity=True),
    TEXT,
    st.integers(4000, 6000).map(lambda digits: Raw("9" * digits)),
    st.integers(1, 150_000).map(lambda depth: Raw("[" * depth + "]" * depth)),
)
ANY = st.recursive(
    LEAF,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.text(max_size=6) | st.sampled_from(["text", "id", "label"]), children, max_size=4
        )
    ),
    max_leaves=12,
)
OFFSET = st.integers(-1, 14) | ANY
LABEL = st.sampled_from(["PERSON", "QUOTE", "CLAIM", "SOURCE", ""]) | ANY


def shaped(
    fields: dict[str, st.SearchStrategy[Any]], optional: dict[str, st.SearchStrategy[Any]]
) -> st.SearchStrategy[Any]:
    return st.fixed_dictionaries(fields, optional=optional)


OUR_SPAN = shaped(
    {"start": OFFSET, "end": OFFSET, "label": LABEL},
    {
        "id": st.integers(0, 3) | ANY,
        "kind": st.sampled_from(["entity", "claim", "quote", "source"]) | ANY,
        "status": st.sampled_from(["accepted", "suggested", "manual", "rejected"]) | ANY,
        "annotator": st.just("maren") | ANY,
        "attrs": st.just({}) | ANY,
        "note": st.just("check") | ANY,
        "text": ANY,
    },
)
OUR_RELATION = shaped(
    {"label": LABEL},
    {
        "head_id": st.integers(0, 3) | ANY,
        "child_id": st.integers(0, 3) | ANY,
        "head_span": OUR_SPAN | ANY,
        "child_span": OUR_SPAN | ANY,
    },
)
OURS = shaped(
    {"text": TEXT | ANY},
    {
        "spans": st.lists(OUR_SPAN, max_size=3) | ANY,
        "relations": st.lists(OUR_RELATION, max_size=2) | ANY,
        "meta": st.dictionaries(st.sampled_from(["title", "outlet", "url", "x"]), ANY, max_size=3)
        | ANY,
        "answer": st.sampled_from(["accept", "reject", "ignore"]) | ANY,
        "_annotator_id": ANY,
        "tokens": ANY,
    },
)
SEQUENCE_ITEM = st.tuples(OFFSET, OFFSET, LABEL).map(list) | ANY
DOCCANO = st.one_of(
    shaped(
        {"text": TEXT | ANY, "label": st.lists(SEQUENCE_ITEM, max_size=3) | ANY},
        {"id": ANY, "meta": ANY},
    ),
    shaped(
        {"text": TEXT | ANY},
        {
            "entities": st.lists(
                shaped(
                    {
                        "id": st.integers(0, 3) | ANY,
                        "label": LABEL,
                        "start_offset": OFFSET,
                        "end_offset": OFFSET,
                    },
                    {},
                ),
                max_size=3,
            )
            | ANY,
            "relations": st.lists(
                shaped(
                    {
                        "from_id": st.integers(0, 3) | ANY,
                        "to_id": st.integers(0, 3) | ANY,
                        "type": LABEL,
                    },
                    {},
                ),
                max_size=2,
            )
            | ANY,
        },
    ),
    shaped(
        {
            "text": TEXT | ANY,
            "annotations": st.lists(
                shaped(
                    {
                        "label": st.integers(0, 20) | LABEL,
                        "start_offset": OFFSET,
                        "end_offset": OFFSET,
                    },
                    {"user": ANY},
                ),
                max_size=3,
            )
            | ANY,
        },
        {"meta": ANY},
    ),
)
REGION = shaped(
    {
        "type": st.just("labels") | ANY,
        "value": shaped(
            {"start": OFFSET, "end": OFFSET, "labels": st.lists(LABEL, max_size=2) | ANY},
            {"text": ANY},
        )
        | ANY,
    },
    {"id": st.sampled_from(["a", "b"]) | ANY},
)
LINK = shaped(
    {
        "type": st.just("relation"),
        "from_id": st.sampled_from(["a", "b"]) | ANY,
        "to_id": st.sampled_from(["a", "b"]) | ANY,
    },
    {"direction": st.sampled_from(["left", "right"]) | ANY, "labels": ANY},
)
TASK = shaped(
    {"data": shaped({"text": TEXT | ANY}, {"title": ANY}) | ANY},
    {
        "annotations": st.lists(
            shaped(
                {"result": st.lists(REGION | LINK, max_size=3) | ANY},
                {"was_cancelled": ANY, "completed_by": ANY},
            ),
            max_size=2,
        )
        | ANY,
        "predictions": ANY,
        "meta": ANY,
        "id": ANY,
    },
)
LABEL_STUDIO = st.lists(TASK, max_size=3) | TASK


@contextmanager
def fresh_project(seeded: bytes) -> Iterator[tuple[Path, ProjectStore]]:
    folder = Path(tempfile.mkdtemp(prefix="fuzz-"))
    try:
        project = folder / "fuzz.annotator"
        project.write_bytes(seeded)
        store = ProjectStore.open(project)
        try:
            yield folder, store
        finally:
            store.close()
    finally:
        shutil.rmtree(folder)


def check_import(seeded: bytes, suffix: str, content: str, skip_invalid: bool) -> None:
    """Import the content; a refusal must be one line naming the file, an import must leave a
    project that stores only what it can hold and that every exporter writes."""
    with fresh_project(seeded) as (folder, store):
        path = folder / f"input{suffix}"
        path.write_text(content, encoding="utf-8")
        report = import_files(store, [path], skip_invalid=skip_invalid)
        (result,) = report.files
        if result.error is not None:
            assert str(path) in result.error, result.error
            assert "\n" not in result.error and "\r" not in result.error, result.error
            return
        for fmt, extension in EXPORTS.items():
            export(store, folder / f"out.{extension}", fmt, Selection())
        store.close()
        assert stored_problems(store.path) == []


@pytest.fixture(autouse=True)
def _private_tmp(private_tmp: Path) -> Path:
    return private_tmp


@FUZZ
@given(value=OURS | ANY, ascii_only=st.booleans(), skip_invalid=st.booleans())
def test_jsonl_reader(
    seeded_project: bytes, value: Any, ascii_only: bool, skip_invalid: bool
) -> None:
    check_import(seeded_project, ".jsonl", to_json(value, ascii_only) + "\n", skip_invalid)


@settings(FUZZ, max_examples=60)
@given(
    records=st.lists(OURS | DOCCANO | ANY, min_size=1, max_size=3),
    ascii_only=st.booleans(),
    skip_invalid=st.booleans(),
)
def test_jsonl_reader_several_lines(
    seeded_project: bytes, records: list[Any], ascii_only: bool, skip_invalid: bool
) -> None:
    """Several lines, whose forms may differ (a mixed file is refused at its first odd line)."""
    content = "".join(to_json(record, ascii_only) + "\n" for record in records)
    check_import(seeded_project, ".jsonl", content, skip_invalid)


@FUZZ
@given(value=DOCCANO, ascii_only=st.booleans(), skip_invalid=st.booleans())
def test_doccano_reader(
    seeded_project: bytes, value: Any, ascii_only: bool, skip_invalid: bool
) -> None:
    check_import(seeded_project, ".jsonl", to_json(value, ascii_only) + "\n", skip_invalid)


@FUZZ
@given(value=LABEL_STUDIO | ANY, ascii_only=st.booleans(), skip_invalid=st.booleans())
def test_labelstudio_reader(
    seeded_project: bytes, value: Any, ascii_only: bool, skip_invalid: bool
) -> None:
    check_import(seeded_project, ".json", to_json(value, ascii_only), skip_invalid)
