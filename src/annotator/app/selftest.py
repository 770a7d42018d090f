"""`annotator self-test`: prove an installation works end to end, without a display.

It loads the spaCy pipeline, suggests entities and quotes in a demo article, writes a project,
reopens it, exports JSONL and checks what comes back. Installers run it on the frozen bundle,
so a missing model file, registry entry point or data file shows up before a user meets it.
"""

from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from annotator.app.importing import import_files
from annotator.app.suggestions import suggest_project
from annotator.domain.model import AnnotationKind, AnnotationStatus
from annotator.errors import UserError
from annotator.interop.jsonl import read_jsonl, write_jsonl
from annotator.interop.selection import Selection
from annotator.nlp.pipelines import default_pipeline
from annotator.resources import demo_articles
from annotator.store import PROJECT_SUFFIX, ProjectStore


class SelfTestFailed(UserError):
    """A step of the self-test found the installation broken."""


def check(condition: bool, message: str) -> None:
    if not condition:
        raise SelfTestFailed(f"self-test failed: {message}")


def self_test(
    report: Callable[[str], None] = print,
    extra: Callable[[Path], str] | None = None,
) -> None:
    """Run every step, reporting each with its time; raise SelfTestFailed at the first
    problem. `extra` runs last on the project (the window check) and says what it saw. The
    temporary project is removed afterwards."""

    @contextmanager
    def step(name: str) -> Iterator[None]:
        started = time.perf_counter()
        yield
        report(f"ok  {name} ({time.perf_counter() - started:.1f} s)")

    with tempfile.TemporaryDirectory(prefix="annotator-self-test-") as folder:
        path = Path(folder) / f"self-test{PROJECT_SUFFIX}"
        with step("spaCy pipeline installed"):
            pipeline = default_pipeline("en")
            check(pipeline is not None, "no English spaCy pipeline is installed")
        with (
            step("project created and the demo article imported"),
            ProjectStore.create(path) as store,
        ):
            imported = import_files(store, [demo_articles()[0]])
            check(not imported.failed, f"the demo article did not import: {imported.failed}")
        with (
            step(f"entities and quotes suggested with {pipeline}"),
            ProjectStore.open(path) as store,
        ):
            result = suggest_project(store)
            check(result.suggestions >= 3, f"only {result.suggestions} entity suggestions")
            kinds = {a.kind for a in store.annotations(1)}
            check(AnnotationKind.QUOTE in kinds, "no quote suggested in the demo article")
            check(AnnotationKind.SOURCE in kinds, "no source suggested for its quotes")
            check(bool(store.relations(1)), "no quote linked to its speaker")
            expected = len(store.annotations(1)), len(store.relations(1))
        with step("project reopened and exported to JSONL, and the export read back"):
            out = Path(folder) / "export.jsonl"
            with ProjectStore.open(path) as store:
                found = len(store.annotations(1)), len(store.relations(1))
                check(found == expected, f"reopened with {found} annotations, not {expected}")
                write_jsonl(store, out, Selection(include_suggestions=True), with_tokens=True)
            record = json.loads(out.read_text(encoding="utf-8").split("\n")[0])
            check(
                all(record["text"][s["start"] : s["end"]] == s["text"] for s in record["spans"]),
                "an exported span's text does not match the article",
            )
            (draft,) = read_jsonl(out).articles
            suggested = [s for s in draft.spans if s.status is AnnotationStatus.SUGGESTED]
            check(len(suggested) == expected[0], "the export lost annotations")
            check(len(draft.relations) == expected[1], "the export lost speaker links")
        if extra is not None:
            with step("main window drawn offscreen"):
                report(f"    {extra(path)}")
