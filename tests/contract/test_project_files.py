"""Project files are untrusted documents: every hostile file of hostile_projects.py is refused
by `list`, `export`, `import` into it, `review-import` of it and `agreement` with one line
naming it (or, for rows that are odd but readable, every command works), and
left byte-identical (its SQL never ran); export never writes onto a database or the project's
own files; a read-only project lists and exports, and refuses an import, without changing."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from .case import dumps
from .cases_plaintext import ARTICLE
from .harness import (
    EXPORTS,
    Run,
    Workspace,
    changes,
    left_in,
    refusal_problems,
    run_child,
    run_cli,
    snapshot,
    traceback_problems,
    verdict,
    works_afterwards,
)
from .hostile_projects import HOSTILE, Hostile
from .seed import SEED_RECORD

COMMANDS = ("list", "export", "import", "review-import", "agreement")


def _argv(command: str, ws: Workspace, hostile: Path) -> list[str | Path]:
    if command in ("list", "agreement"):
        return [command, hostile]
    if command == "export":
        return ["export", hostile, "-o", ws.folder / "export.jsonl"]
    if command == "import":
        story = ws.folder / "story.txt"
        story.write_text(ARTICLE, encoding="utf-8")
        return ["import", hostile, story]
    return ["review-import", ws.project, hostile]


def run(ws: Workspace, capsys, argv: list[str | Path], *, slow: bool = False) -> Run:
    """In process, or in a child bounded to a minute for files that may never finish."""
    if slow:
        return run_child(*argv, cwd=ws.out, tmpdir=ws.tmp, timeout=60)
    return run_cli(capsys, *argv)


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("hostile", HOSTILE, ids=str)
def test_hostile_project_file(
    hostile: Hostile, command: str, workspace: Workspace, seeded_project: bytes, capsys
) -> None:
    ws = workspace
    path = hostile.build(ws.folder, seeded_project)
    argv = _argv(command, ws, path)
    before = snapshot(ws.folder)
    result = run(ws, capsys, argv, slow=hostile.slow)
    problems = left_in(ws.tmp)
    expected = hostile.verdict
    if expected == "either":
        expected = "accepted" if result.code == 0 else "refused"
    if expected == "refused":
        problems += refusal_problems(result, hostile.named(path) if hostile.named else str(path))
        problems += changes(before, snapshot(ws.folder))
        verdict(problems, result)
        return
    problems += traceback_problems(result)
    if result.code != 0:
        problems.append(f"exit code {result.code}, expected 0")
    elif hostile.verdict == "accepted" and command in ("import", "review-import"):
        changed = path if command == "import" else ws.project
        problems += works_afterwards(capsys, changed, ws.out)
    verdict(problems, result)


# -- export never overwrites a database ------------------------------------------------------


def _target(name: str, ws: Workspace, seeded: bytes) -> tuple[Path, tuple[str, ...]]:
    """The output path a case gives to -o, and the names its refusal may use."""
    project = ws.project
    if name == "wal":
        target = project.with_name(project.name + "-wal")
    elif name == "shm":
        target = project.with_name(project.name + "-shm")
    elif name == "journal":
        target = project.with_name(project.name + "-journal")
    elif name == "other-programs-database":
        target = ws.folder / "other.sqlite"
        connection = sqlite3.connect(target)
        connection.execute("CREATE TABLE notes (body TEXT)")
        connection.execute("INSERT INTO notes VALUES ('keep me')")
        connection.commit()
        connection.close()
    elif name == "another-project":
        target = ws.folder / "colleague.annotator"
        target.write_bytes(seeded)
    elif name == "link-to-the-project":
        target = ws.folder / "link.jsonl"
        target.symlink_to(project)
    elif name == "project-spelled-with-dot":
        target = Path(f"{ws.folder}/./{project.name}")
    elif name == "project-spelled-with-dotdot":
        (ws.folder / "sub").mkdir()
        target = Path(f"{ws.folder}/sub/../{project.name}")
    elif name == "a-folder":
        target = ws.folder
    elif name == "missing-folder":
        target = ws.folder / "nowhere" / "out.jsonl"
    else:
        target = project
    return target, (str(target), str(project), str(target.resolve()))


TARGETS = [
    *(f"project-itself-as-{fmt}" for fmt in EXPORTS),
    "wal",
    "shm",
    "journal",
    "other-programs-database",
    "another-project",
    "link-to-the-project",
    "project-spelled-with-dot",
    "project-spelled-with-dotdot",
    "a-folder",
    "missing-folder",
]


@pytest.mark.parametrize("target", TARGETS)
def test_export_refuses_to_overwrite(
    target: str, workspace: Workspace, seeded_project: bytes, capsys
) -> None:
    ws = workspace
    output, names = _target(target, ws, seeded_project)
    fmt = target.rsplit("-as-", 1)[1] if "-as-" in target else "jsonl"
    before = snapshot(ws.folder)
    result = run_cli(capsys, "export", ws.project, "-o", output, "--format", fmt)
    problems = left_in(ws.tmp) + refusal_problems(result, names)
    problems += changes(before, snapshot(ws.folder))
    verdict(problems, result)


# -- a read-only project ---------------------------------------------------------------------

#: Runs a child as root without any capability, so file permissions bind it as they bind a
#: user: tests run as root in CI, where chmod alone stops nothing.
SETPRIV = ("setpriv", "--inh-caps=-all", "--ambient-caps=-all", "--bounding-set=-all", "--")
#: Reading is shared by every exporter, and each child costs seconds: two formats stand in.
READ_ONLY_COMMANDS = ("list", "export-jsonl", "export-csv", "import")


def _unprivileged() -> tuple[str, ...] | None:
    """How to run a command that file permissions bind: () in process when not root, setpriv
    as root; None when neither is possible here."""
    if os.geteuid() != 0:
        return ()
    if shutil.which("setpriv") is None:
        return None
    return SETPRIV


READ_ONLY_CASES = [
    *(("file", command) for command in READ_ONLY_COMMANDS),
    ("folder", "list"),
    ("folder", "import"),
]


@pytest.mark.parametrize(
    ("where", "command"), READ_ONLY_CASES, ids=[f"read-only-{w}-{c}" for w, c in READ_ONLY_CASES]
)
def test_read_only_project(where: str, command: str, workspace: Workspace, capsys) -> None:
    """chmod 444 on the project (and 555 on its folder): list and export work and leave it as
    it was; an import is refused with one line. The check runs unprivileged (see SETPRIV)."""
    prefix = _unprivileged()
    if prefix is None:
        pytest.skip("running as root without setpriv: nothing here can make a file read-only")
    ws = workspace
    story = ws.out / "story.jsonl"
    story.write_text(dumps(SEED_RECORD | {"text": ARTICLE, "spans": [], "relations": []}) + "\n")
    if command == "list":
        argv: list[str | Path] = ["list", ws.project]
    elif command == "import":
        argv = ["import", ws.project, story]
    else:
        fmt = command.removeprefix("export-")
        argv = ["export", ws.project, "-o", ws.out / f"out.{EXPORTS[fmt]}", "--format", fmt]
    original = ws.project.read_bytes()
    ws.project.chmod(0o444)
    if where == "folder":
        ws.folder.chmod(0o555)
    try:
        if prefix:
            result = run_child(*argv, cwd=ws.out, tmpdir=ws.tmp, prefix=prefix)
        else:
            result = run_cli(capsys, *argv)
    finally:
        ws.folder.chmod(0o755)
        ws.project.chmod(0o644)
    problems = left_in(ws.tmp)
    if ws.project.read_bytes() != original:
        problems.append("the read-only project changed")
    wal = ws.project.with_name(ws.project.name + "-wal")
    if wal.exists() and wal.stat().st_size:
        problems.append("a -wal with content was left beside the read-only project")
    if command == "import":
        problems += refusal_problems(result, str(ws.project))
    else:
        problems += traceback_problems(result)
        if result.code != 0:
            problems.append(f"exit code {result.code}, expected 0")
        if command.startswith("export") and not Path(argv[3]).is_file():
            problems.append("no export was written")
    verdict(problems, result)


# -- a full disk -----------------------------------------------------------------------------

#: What a child may write, per file, as a disk with that much space left. 40 KB lets SQLite
#: make its 32 KB -shm and read the project, but holds neither the imports below nor the
#: JSONL export of _busy_project (some 200 KB); 4 KB holds not even the -shm.
ROOM_FOR_THE_SHM = 40 * 1024
NEARLY_FULL = 4 * 1024


def _busy_project(ws: Workspace, capsys) -> None:
    """The seeded project with 40 more articles, each with a checked claim, a quote and its
    speaker, so every export is far larger than FULL_DISK_BYTES."""
    source = ws.out / "many.jsonl"
    records = []
    for n in range(40):
        text = f"Councillor Maren Olsen {n} said the ferry to Skarholm runs again. " * 60
        quote = text.index("the ferry")
        records.append(
            {
                "text": text,
                "spans": [
                    {"id": 1, "start": 11, "end": 22, "label": "PERSON"},
                    {"id": 2, "start": quote, "end": quote + 33, "label": "QUOTE"},
                    {
                        "id": 3,
                        "start": 0,
                        "end": 40,
                        "label": "CLAIM",
                        "attrs": {"verdict": "false"},
                    },
                ],
                "relations": [{"head_id": 2, "child_id": 1, "label": "SPEAKER"}],
            }
        )
    source.write_text("".join(dumps(record) + "\n" for record in records), encoding="utf-8")
    assert run_cli(capsys, "import", ws.project, source).code == 0


FULL_DISK = [
    "import-text",
    "import-jsonl",
    "export-jsonl",
    *(f"nearly-full-export-{fmt}" for fmt in EXPORTS),
]


@pytest.mark.parametrize("command", FULL_DISK)
def test_full_disk(command: str, workspace: Workspace, capsys) -> None:
    """A write that fails for want of space is refused with one line, and leaves the project
    and the output folder as they were: no half-written export, no temporary file, no -wal."""
    ws = workspace
    limit = ROOM_FOR_THE_SHM
    if command == "import-text":
        story = ws.folder / "long.txt"
        story.write_text("The ferry crossed the fjord again today. " * 5000, encoding="utf-8")
        argv: list[str | Path] = ["import", ws.project, story]
        names: tuple[str, ...] = (str(ws.project), str(story))
    elif command == "import-jsonl":
        story = ws.folder / "many.jsonl"
        lines = (dumps({"text": f"Ferry story number {n}. " * 40}) + "\n" for n in range(300))
        story.write_text("".join(lines), encoding="utf-8")
        argv = ["import", ws.project, story]
        names = (str(ws.project), str(story))
    else:
        _busy_project(ws, capsys)
        fmt = command.rsplit("-", 1)[1]
        output = ws.folder / f"out.{EXPORTS[fmt]}"
        argv = ["export", ws.project, "-o", output, "--format", fmt]
        names = (str(output),)  # the project can be read: it is the output that cannot grow
        if command.startswith("nearly-full"):
            limit = NEARLY_FULL
            names = (str(output), str(ws.project))
    before = snapshot(ws.folder)
    result = run_child(*argv, cwd=ws.out, tmpdir=ws.tmp, file_size=limit)
    problems = left_in(ws.tmp) + refusal_problems(result, names)
    after = snapshot(ws.folder)
    if limit == NEARLY_FULL:
        # With no room for its 32 KB shared-memory index SQLite cannot open a WAL file
        # for reading, nor remove the empty -wal and the stub -shm it began: the project keeps
        # its bytes, and SQLite takes the two up (or removes them) the next time it opens it.
        for suffix in ("-wal", "-shm"):
            name = str(ws.project) + suffix
            if name in after and name not in before:
                assert (
                    suffix == "-shm"
                    or not ws.project.with_name(ws.project.name + suffix).stat().st_size
                )
                del after[name]
    problems += changes(before, after)
    verdict(problems, result)


def test_export_into_a_read_only_folder(workspace: Workspace, capsys) -> None:
    """An export where nothing may be written is refused with one line (run unprivileged)."""
    prefix = _unprivileged()
    if prefix is None:
        pytest.skip("running as root without setpriv: nothing here can make a folder read-only")
    ws = workspace
    target = ws.out / "locked"
    target.mkdir()
    target.chmod(0o555)
    output = target / "out.jsonl"
    try:
        if prefix:
            result = run_child(
                "export", ws.project, "-o", output, cwd=ws.out, tmpdir=ws.tmp, prefix=prefix
            )
        else:
            result = run_cli(capsys, "export", ws.project, "-o", output)
    finally:
        target.chmod(0o755)
    problems = left_in(ws.tmp) + refusal_problems(result, (str(output), str(target)))
    if any(target.iterdir()):
        problems.append(f"{target} is not empty")
    verdict(problems, result)
