"""Run the real command line and check the contract: a verdict, never a traceback, and a
project left exactly as it was when its input is refused.

Commands run in-process through annotator.cli.main, as the console script calls it, with
capsys capturing output the way a UTF-8 terminal takes it (a string the terminal cannot
encode fails as it would there). Cases that may hang or eat memory when the code is wrong
run in a child process (child.py) with a timeout and a memory cap instead, so a regression
fails one case rather than the machine.

"Byte-identical" here means: after the command has returned (every connection closed, so
SQLite has checkpointed and removed its -wal and -shm), every file in the case folder has
the bytes and mode it had before, and no file appeared or went. That is stricter than a
logical dump (a refused command may not even leave an empty -wal or a temp file behind) and
not flaky: nothing else writes there, and a closed WAL database is a single file.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
import traceback
import warnings
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest

from annotator.cli import main

ERROR_PREFIX = "annotator: error: "
#: Export format -> file extension.
EXPORTS = {"jsonl": "jsonl", "spacy": "spacy", "csv": "csv", "claimreview": "json"}
CHILD = Path(__file__).with_name("child.py")
#: The name of each case's project, in the case folder beside its inputs.
PROJECT_NAME = "news.annotator"


@dataclass
class Workspace:
    folder: Path  # the project and the case's inputs: compared byte for byte on refusal
    project: Path  # a fresh project holding the seed article
    tmp: Path  # TMPDIR of every command: must stay empty
    out: Path  # exports that check an accepted input, and child-process bookkeeping


@dataclass
class Run:
    argv: list[str]
    code: int | None  # None: an exception left main(), or the child was killed
    out: str
    err: str
    escaped: str | None = None  # the traceback of what left main(), or why the child died
    seconds: float = 0.0
    peak_mb: float | None = None  # the child's peak resident memory

    def describe(self) -> str:
        shown = " ".join(self.argv)
        text = f"$ annotator {shown}\nexit {self.code} after {self.seconds:.1f} s"
        if self.peak_mb is not None:
            text += f", peak {self.peak_mb:.0f} MB"
        text += f"\n--- stdout ---\n{self.out[-2000:]}\n--- stderr ---\n{self.err[-3000:]}"
        if self.escaped:
            text += f"\n--- escaped main() ---\n{self.escaped[-3000:]}"
        return text


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> Run:
    """`annotator ARGV` in this process; warnings count as what Python would print."""
    args = [str(arg) for arg in argv]
    capsys.readouterr()
    escaped = None
    started = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            code: int | None = main(args)
        except SystemExit as exit_:  # argparse: bad usage (e.g. an option not there yet)
            code = exit_.code if isinstance(exit_.code, int) else 1
        except Exception:
            code = None
            escaped = traceback.format_exc()
    seconds = time.perf_counter() - started
    out, err = capsys.readouterr()
    err += "".join(
        warnings.formatwarning(w.message, w.category, w.filename, w.lineno) for w in caught
    )
    return Run(args, code, out, err, escaped, seconds)


def run_child(
    *argv: str | Path,
    cwd: Path,
    tmpdir: Path,
    timeout: float = 60.0,
    memory_mb: int | None = None,
    file_size: int | None = None,
    prefix: tuple[str, ...] = (),
    kill_after: float | None = None,
) -> Run:
    """`annotator ARGV` in a child process (child.py), bounded in time (and memory, and the
    size of the files it may write).

    `prefix` runs it through another program (setpriv, to drop root's capabilities). With
    `kill_after`, the child gets SIGKILL after that many seconds if still running, as when a
    user closes a hung terminal.
    """
    args = [str(arg) for arg in argv]
    stats = cwd / f".child-stats-{time.monotonic_ns()}.json"
    env = {
        **os.environ,
        "TMPDIR": str(tmpdir),
        "CONTRACT_STATS": str(stats),
        "CONTRACT_MEMORY_MB": str(memory_mb or 0),
        "CONTRACT_FILE_SIZE": str(file_size or 0),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    started = time.perf_counter()
    process = subprocess.Popen(
        [*prefix, sys.executable, str(CHILD), *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    limit = kill_after if kill_after is not None else timeout
    escaped = None
    try:
        out, err = process.communicate(timeout=limit)
        code: int | None = process.returncode
    except subprocess.TimeoutExpired:
        process.kill()
        out, err = process.communicate()
        code = None
        escaped = f"still running after {limit:.0f} s: killed"
    seconds = time.perf_counter() - started
    peak = None
    if stats.exists():
        peak = json.loads(stats.read_text())["peak_mb"]
        stats.unlink()
    if code is not None and code < 0:
        escaped = f"killed by signal {-code}"
        code = None
    return Run(
        args,
        code,
        out.decode("utf-8", "backslashreplace"),
        err.decode("utf-8", "backslashreplace"),
        escaped,
        seconds,
        peak,
    )


# -- what a run must look like ---------------------------------------------------------------


def traceback_problems(run: Run) -> list[str]:
    problems = []
    if run.escaped:
        problems.append("an exception left main() (or the process died)")
    if "Traceback" in run.out or "Traceback" in run.err:
        problems.append("a traceback was printed")
    return problems


def refusal_problems(
    run: Run,
    named: str | tuple[str, ...],
    *,
    line: int | None = None,
    where: str | None = None,
    mentions: tuple[str, ...] = (),
) -> list[str]:
    """Exit 1 and exactly one stderr line that names the file (any of `named`), and the line
    as `<file>:<line>` and the place when given."""
    names = (named,) if isinstance(named, str) else named
    problems = traceback_problems(run)
    if run.code != 1:
        problems.append(f"exit code {run.code}, expected 1")
    text = run.err
    if not text.endswith("\n") or "\n" in text[:-1] or "\r" in text:
        count = len(text.splitlines())
        problems.append(f"stderr is {count} line(s), expected exactly one")
        return problems
    message = text[:-1]
    if not message.startswith(ERROR_PREFIX):
        problems.append(f"stderr does not start with {ERROR_PREFIX!r}")
    if not any(name in message for name in names):
        problems.append(f"the message does not name the file {names[0]!r}")
    elif line is not None and not any(f"{name}:{line}" in message for name in names):
        problems.append(f"the message does not name line {line} as {names[0]}:{line}")
    if where is not None and where not in message:
        problems.append(f"the message does not name {where!r}")
    if mentions and not any(m in message for m in mentions):
        problems.append(f"the message mentions none of {mentions}")
    return problems


def snapshot(*folders: Path) -> dict[str, tuple[int, bytes | str]]:
    """Every entry under the folders: (mode, bytes of a file | target of a link | "" for a
    folder)."""
    entries: dict[str, tuple[int, bytes | str]] = {}
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            info = path.lstat()
            if path.is_symlink():
                entries[str(path)] = (info.st_mode, os.readlink(path))
            elif path.is_dir():
                entries[str(path)] = (info.st_mode, "")
            else:
                entries[str(path)] = (info.st_mode, path.read_bytes())
    return entries


def changes(
    before: dict[str, tuple[int, bytes | str]], after: dict[str, tuple[int, bytes | str]]
) -> list[str]:
    problems = [f"{name} appeared" for name in after.keys() - before.keys()]
    problems += [f"{name} went" for name in before.keys() - after.keys()]
    for name in before.keys() & after.keys():
        if before[name][0] != after[name][0]:
            problems.append(f"{name} changed mode")
        if before[name][1] != after[name][1]:
            problems.append(f"{name} changed content")
    return sorted(problems)


def left_in(tmpdir: Path) -> list[str]:
    """What a command left in the temporary folder (it must leave nothing)."""
    return [f"left {path} in the temporary folder" for path in sorted(tmpdir.rglob("*"))]


# -- the project afterwards ------------------------------------------------------------------


def read_only(project: Path) -> sqlite3.Connection:
    """A connection that cannot change the file or leave -wal/-shm beside it."""
    uri = f"file:{quote(str(project.resolve()))}?mode=ro&immutable=1"
    return sqlite3.connect(uri, uri=True)


def counts(project: Path) -> tuple[int, int]:
    """(articles, annotations) in a closed project."""
    connection = read_only(project)
    try:
        articles = connection.execute("SELECT count(*) FROM articles").fetchone()[0]
        annotations = connection.execute("SELECT count(*) FROM annotations").fetchone()[0]
    finally:
        connection.close()
    return int(articles), int(annotations)


def stored_problems(project: Path, forbidden: tuple[str, ...] = ()) -> list[str]:
    """What an import must never store: text SQLite or Qt cannot hold, offsets past the text
    as SQLite counts it, meta or attrs that are not JSON objects, forbidden content."""
    connection = read_only(project)
    connection.text_factory = bytes
    problems = []
    try:
        check = connection.execute("PRAGMA quick_check").fetchone()[0]
        if check != b"ok":
            problems.append(f"quick_check says {check!r}")
        rows = connection.execute(
            "SELECT id, text, length(text), meta, title, "
            '(SELECT max("end") FROM annotations WHERE article_id = articles.id) FROM articles'
        )
        for article_id, raw, sql_length, meta, title, last_end in rows:
            try:
                text = raw.decode("utf-8")
                title.decode("utf-8")
            except UnicodeDecodeError:
                problems.append(f"article {article_id}: stored text is not UTF-8")
                continue
            if "\x00" in text:
                problems.append(f"article {article_id}: text holds a NUL")
            if sql_length != len(text):
                problems.append(
                    f"article {article_id}: SQLite counts {sql_length} characters, "
                    f"Python {len(text)}"
                )
            if last_end is not None and last_end > len(text):
                problems.append(f"article {article_id}: an annotation ends past the text")
            if not isinstance(json.loads(meta), dict):
                problems.append(f"article {article_id}: meta is not a JSON object")
            problems += [
                f"article {article_id}: holds {bad!r}"
                for bad in forbidden
                if bad in text or bad in meta.decode("utf-8", "replace")
            ]
        for annotation_id, attrs in connection.execute("SELECT id, attrs FROM annotations"):
            if not isinstance(json.loads(attrs), dict):
                problems.append(f"annotation {annotation_id}: attrs is not a JSON object")
    finally:
        connection.close()
    return problems


def works_afterwards(
    capsys: pytest.CaptureFixture[str], project: Path, out: Path, articles: int | None = None
) -> list[str]:
    """`list` and every exporter run cleanly on the project (`articles` lines listed)."""
    out.mkdir(exist_ok=True)
    problems = []
    listing = run_cli(capsys, "list", project)
    if listing.code != 0 or traceback_problems(listing):
        problems.append(f"`list` failed afterwards:\n{listing.describe()}")
    elif articles is not None and len(listing.out.splitlines()) != articles:
        problems.append(f"`list` shows {len(listing.out.splitlines())} articles, not {articles}")
    for fmt, extension in EXPORTS.items():
        target = out / f"export-{fmt}.{extension}"
        run = run_cli(capsys, "export", project, "-o", target, "--format", fmt)
        if run.code != 0 or traceback_problems(run) or not target.is_file():
            problems.append(f"`export --format {fmt}` failed afterwards:\n{run.describe()}")
    return problems


def verdict(problems: list[str], *runs: Run) -> None:
    """Fail with every broken rule and what the commands printed."""
    if problems:
        shown = "\n".join(f"- {p}" for p in problems)
        details = "\n\n".join(run.describe() for run in runs)
        pytest.fail(f"contract broken:\n{shown}\n\n{details}", pytrace=False)
