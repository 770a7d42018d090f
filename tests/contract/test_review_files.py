"""`annotator review-import PROJECT COLLEAGUE`: a colleague's bad JSONL or export is refused
with one line naming it (and the line), their project file is read without being changed
(its -wal included), and nothing is ever left in the temporary folder, not even when the
command is killed. Hostile colleague project files are in test_project_files.py."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from .case import Case, dumps, file, lines, unique
from .cases_jsonl import DEEP, FIRST, GOOD, record, with_span
from .cases_labelstudio import FIRST as TASK
from .cases_labelstudio import STALE
from .harness import (
    Workspace,
    changes,
    counts,
    left_in,
    refusal_problems,
    run_child,
    run_cli,
    snapshot,
    traceback_problems,
    verdict,
    works_afterwards,
)
from .hostile_projects import HOSTILE, edited, in_wal
from .seed import SEED_RECORD

#: A colleague's work on the seed article: their own spans, under their name.
THEIRS = copy.deepcopy(SEED_RECORD)
for _span in THEIRS["spans"]:
    _span["annotator"] = "jonas"
THEIRS["spans"][1]["label"] = "CLAIM"

BAD_FILES = unique(
    [
        Case(
            "review-jsonl-broken-line-3",
            lines("theirs.jsonl", THEIRS, FIRST, dumps(GOOD)[:-2]),
            "refused",
            line=3,
        ),
        Case(
            "review-jsonl-span-out-of-range",
            lines("theirs.jsonl", THEIRS, with_span(end=900)),
            "refused",
            line=2,
        ),
        Case(
            "review-jsonl-attrs-list",
            lines("theirs.jsonl", THEIRS, with_span(attrs=["x"])),
            "refused",
            line=2,
        ),
        Case(
            "review-jsonl-span-id-list", lines("theirs.jsonl", with_span(id=[1])), "refused", line=1
        ),
        Case("review-jsonl-deep-nesting", lines("theirs.jsonl", THEIRS, DEEP), "refused", line=2),
        Case(
            "review-jsonl-5000-digits",
            lines(
                "theirs.jsonl", THEIRS, dumps(GOOD).replace('"start": 0', '"start": ' + "9" * 5000)
            ),
            "refused",
            line=2,
        ),
        Case(
            "review-jsonl-blank-text",
            lines("theirs.jsonl", THEIRS, record(text="")),
            "refused",
            line=2,
        ),
        Case(
            "review-jsonl-duplicate-span-ids",
            lines("theirs.jsonl", record(spans=[GOOD["spans"][0], GOOD["spans"][1] | {"id": 1}])),
            "refused",
            line=1,
        ),
        Case(
            "review-jsonl-mixed-forms",
            lines(
                "theirs.jsonl", THEIRS, {"text": "The ferry returns.", "label": [[4, 9, "VEHICLE"]]}
            ),
            "refused",
            line=2,
        ),
        Case(
            "review-jsonl-label-lone-surrogate",
            lines("theirs.jsonl", with_span(label="PER\udc00")),
            "either",
            line=1,
        ),
        Case("review-jsonl-empty", file("theirs.jsonl", b""), "refused"),
        Case("review-jsonl-binary", file("theirs.jsonl", b"\x00\x01\x02" * 100), "refused"),
        Case(
            "review-labelstudio-stale-region",
            file("theirs.json", json.dumps([TASK, STALE])),
            "refused",
            where="task 2",
        ),
        Case("review-missing-file", lambda folder: [folder / "gone.annotator"], "refused"),
        Case("review-a-folder", lambda folder: [folder], "refused"),
    ]
)


def _review(ws: Workspace, capsys, colleague: Path):
    return run_cli(capsys, "review-import", ws.project, colleague)


@pytest.mark.parametrize("case", BAD_FILES, ids=str)
def test_bad_colleague_file(case: Case, workspace: Workspace, capsys) -> None:
    ws = workspace
    (colleague,) = case.write(ws.folder)
    before = snapshot(ws.folder)
    result = _review(ws, capsys, colleague)
    problems = left_in(ws.tmp)
    if case.verdict == "refused" or result.code != 0:
        problems += refusal_problems(result, str(colleague), line=case.line, where=case.where)
        problems += changes(before, snapshot(ws.folder))
    else:
        problems += traceback_problems(result)
        problems += works_afterwards(capsys, ws.project, ws.out)
    verdict(problems, result)


def _colleague_project(folder: Path, seeded: bytes, *, in_their_wal: bool) -> Path:
    """The seed project as a colleague left it: their name on its spans, a label changed; with
    `in_their_wal` those changes are only in its uncheckpointed -wal."""
    statements = (
        "INSERT INTO annotators (name, created_at) VALUES ('jonas', '2024-05-02')",
        "UPDATE annotations SET annotator = 'jonas'",
        "UPDATE annotations SET label = 'CLAIM', kind = 'claim' WHERE label = 'QUOTE'",
    )
    build = in_wal(*statements) if in_their_wal else edited(*statements)
    return build(folder, seeded)


@pytest.mark.parametrize("their_wal", [False, True], ids=["project", "project-with-its-wal"])
def test_colleague_project_is_read_untouched(
    their_wal: bool, workspace: Workspace, seeded_project: bytes, capsys
) -> None:
    """Their work comes in (the -wal's too) and their file and -wal keep every byte."""
    ws = workspace
    theirs = ws.out / "colleague"
    theirs.mkdir()
    colleague = _colleague_project(theirs, seeded_project, in_their_wal=their_wal)
    before = snapshot(theirs)
    _, annotations = counts(ws.project)
    result = _review(ws, capsys, colleague)
    problems = left_in(ws.tmp) + traceback_problems(result) + changes(before, snapshot(theirs))
    if result.code != 0:
        problems.append(f"exit code {result.code}, expected 0")
    elif "jonas" not in result.out or "on 1 article(s)" not in result.out:
        problems.append("jonas's work on the seed article was not brought in")
    else:
        _, now = counts(ws.project)
        if now - annotations != 4:
            problems.append(f"{now - annotations} of jonas's 4 decided annotations came in")
        problems += works_afterwards(capsys, ws.project, ws.out / "exports", 1)
    verdict(problems, result)


def test_colleague_jsonl_is_read(workspace: Workspace, capsys) -> None:
    """A colleague's exported JSONL brings their spans in under their name."""
    ws = workspace
    (colleague,) = lines("theirs.jsonl", THEIRS)(ws.folder)
    result = _review(ws, capsys, colleague)
    problems = left_in(ws.tmp) + traceback_problems(result)
    if result.code != 0 or "jonas" not in result.out:
        problems.append("jonas's work was not brought in")
    else:
        problems += works_afterwards(capsys, ws.project, ws.out, 1)
    verdict(problems, result)


def test_the_project_as_its_own_colleague(workspace: Workspace, capsys) -> None:
    """Reviewing a project against itself is refused or changes nothing visible: no crash."""
    ws = workspace
    before = snapshot(ws.folder)
    result = _review(ws, capsys, ws.project)
    problems = left_in(ws.tmp)
    if result.code == 0:
        problems += traceback_problems(result) + works_afterwards(capsys, ws.project, ws.out, 1)
    else:
        problems += refusal_problems(result, str(ws.project))
        problems += changes(before, snapshot(ws.folder))
    verdict(problems, result)


ENDLESS = next(h for h in HOSTILE if h.id == "view-articles-endless-recursion")


def test_killed_review_leaves_nothing_behind(workspace: Workspace, seeded_project: bytes) -> None:
    """A review of a file that takes long, killed after 3 s (or refused before), leaves no
    private copy in the temporary folder and the colleague's file as it was."""
    ws = workspace
    theirs = ws.out / "colleague"
    theirs.mkdir()
    colleague = ENDLESS.build(theirs, seeded_project)
    before = snapshot(theirs)
    project = ws.project.read_bytes()
    result = run_child(
        "review-import", ws.project, colleague, cwd=ws.out, tmpdir=ws.tmp, kill_after=3
    )
    problems = left_in(ws.tmp) + changes(before, snapshot(theirs))
    if ws.project.read_bytes() != project:
        problems.append("the project file changed")
    verdict(problems, result)
