"""Every importer against the bad-input corpus: `annotator import PROJECT FILE...` either takes
the input (and the project still lists and exports in every format) or refuses it with one
line naming the file (and line), leaving everything byte-identical. See case.py for verdicts."""

from __future__ import annotations

from pathlib import Path

import pytest

from .case import Case
from .cases_doccano import CASES as DOCCANO
from .cases_html import CASES as HTML
from .cases_jsonl import CASES as JSONL
from .cases_labelstudio import CASES as LABELSTUDIO
from .cases_paths import CASES as PATHS
from .cases_plaintext import CASES as PLAINTEXT
from .cases_word import CASES as WORD
from .harness import (
    Run,
    Workspace,
    changes,
    counts,
    left_in,
    refusal_problems,
    run_child,
    run_cli,
    snapshot,
    stored_problems,
    traceback_problems,
    verdict,
    works_afterwards,
)

CASES = [*PLAINTEXT, *HTML, *WORD, *JSONL, *DOCCANO, *LABELSTUDIO, *PATHS]
#: A child may use this much address space; cases bound their peak memory far below it.
CHILD_MEMORY_MB = 3072


def _import(case: Case, ws: Workspace, inputs: list[Path], capsys) -> Run:
    argv = ["import", ws.project, *inputs, *case.options]
    if case.process:
        return run_child(
            *argv, cwd=ws.out, tmpdir=ws.tmp, timeout=case.timeout, memory_mb=CHILD_MEMORY_MB
        )
    return run_cli(capsys, *argv)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_import(case: Case, workspace: Workspace, capsys) -> None:
    ws = workspace
    inputs = case.write(ws.folder)
    before = snapshot(ws.folder)
    articles, annotations = counts(ws.project)
    run = _import(case, ws, inputs, capsys)
    problems = left_in(ws.tmp)
    if case.peak_mb is not None and run.peak_mb is not None and run.peak_mb > case.peak_mb:
        problems.append(f"peak memory {run.peak_mb:.0f} MB, the bound is {case.peak_mb:.0f} MB")
    expected = case.verdict
    if expected == "either":
        expected = "accepted" if run.code == 0 else "refused"
    if expected == "refused":
        named = case.named(inputs[0]) if case.named else str(inputs[0])
        problems += refusal_problems(
            run, named, line=case.line, where=case.where, mentions=case.mentions
        )
        problems += changes(before, snapshot(ws.folder))
        verdict(problems, run)
        return
    problems += traceback_problems(run)
    if expected == "partial":
        problems += _partial_problems(case, run, inputs)
    elif run.code != 0:
        problems.append(f"exit code {run.code}, expected 0")
    if problems:
        verdict(problems, run)
    now_articles, now_annotations = counts(ws.project)
    if case.added is not None and now_articles - articles != case.added:
        problems.append(f"{now_articles - articles} article(s) added, expected {case.added}")
    if case.spans is not None and now_annotations - annotations != case.spans:
        problems.append(f"{now_annotations - annotations} annotation(s) added, not {case.spans}")
    problems += [f"the report does not say {s!r}" for s in case.stdout_has if s not in run.out]
    problems += stored_problems(ws.project, case.forbidden)
    problems += works_afterwards(capsys, ws.project, ws.out, now_articles)
    verdict(problems, run)


def _partial_problems(case: Case, run: Run, inputs: list[Path]) -> list[str]:
    """Exit 1, and one stderr line for each failed file (those named "bad…")."""
    problems = []
    if run.code != 1:
        problems.append(f"exit code {run.code}, expected 1")
    bad = [str(path) for path in inputs if path.name.startswith("bad")]
    lines = run.err.splitlines()
    if len(lines) != case.bad:
        problems.append(f"stderr is {len(lines)} line(s), expected {case.bad}")
    for line in lines:
        if not line.startswith("annotator: error: ") or not any(name in line for name in bad):
            problems.append(f"stderr line {line!r} does not name a failed file")
    return problems
