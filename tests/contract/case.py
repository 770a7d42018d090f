"""One corpus case: the files it writes, the options it passes, and the verdict it expects.

Verdicts:

- "refused": exit 1, one stderr line `annotator: error: <path>[:<line>]: ...`, no traceback,
  and the case folder (project, inputs, anything else) exactly as it was.
- "accepted": exit 0, `added` more articles (and `spans` more annotations when given), then
  `list` and every exporter work on the project.
- "either": the input is legitimately open to both readings (a text that may be refused or
  cleaned, a size that may be within the limit or not); whichever happens must satisfy the
  rules of that verdict.
- "partial": a multi-file import where `bad` files fail and the others import: exit 1, one
  stderr line per failed file, `added` articles, and the project still works.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

Verdict = Literal["refused", "accepted", "either", "partial"]
Writer = Callable[[Path], list[Path]]


@dataclass(frozen=True)
class Case:
    id: str
    write: Writer  # writes the input files into a folder; returns the paths to pass
    verdict: Verdict
    line: int | None = None  # the line a refusal must name, as "<path>:<line>"
    where: str | None = None  # another place a refusal must name ("task 2")
    mentions: tuple[str, ...] = ()  # a refusal must mention one of these (e.g. the limit)
    added: int | None = 1  # articles an accepted import adds (None: not checked)
    spans: int | None = None  # annotations an accepted import adds (None: not checked)
    options: tuple[str, ...] = ()  # extra command-line options
    stdout_has: tuple[str, ...] = ()  # an accepted import's report must say these
    forbidden: tuple[str, ...] = ()  # must never reach the stored articles (e.g. /etc/passwd)
    bad: int = 1  # "partial": how many of the files fail
    process: bool = False  # run in a child process with a time and memory bound
    timeout: float = 60.0  # seconds, for `process` cases
    peak_mb: float | None = None  # the child's peak memory bound, for `process` cases
    named: Callable[[Path], str] | None = None  # how the message names the file, if not str()

    def __str__(self) -> str:
        return self.id


def file(name: str, content: str | bytes, encoding: str = "utf-8") -> Writer:
    """One file with this content (text is encoded as given, without a BOM unless in it)."""

    def write(folder: Path) -> list[Path]:
        path = folder / name
        data = content.encode(encoding) if isinstance(content, str) else content
        path.write_bytes(data)
        return [path]

    return write


def generated(name: str, make: Callable[[], bytes]) -> Writer:
    """A file whose bytes are made when the case runs (large or binary inputs)."""

    def write(folder: Path) -> list[Path]:
        path = folder / name
        path.write_bytes(make())
        return [path]

    return write


def dumps(value: Any) -> str:
    """JSON as the tools write it (non-ASCII kept), escaping only what UTF-8 cannot hold:
    lone surrogates stay the `\\ud800` escapes a hostile file would carry."""
    try:
        text = json.dumps(value, ensure_ascii=False)
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = json.dumps(value)
    return text


def lines(name: str, *records: Any, ending: str = "\n") -> Writer:
    """A JSONL file: dicts and lists are dumped, strings are written as the raw line."""
    body = "".join((r if isinstance(r, str) else dumps(r)) + ending for r in records)
    return file(name, body)


def several(*writers: Writer) -> Writer:
    """Several input files for one command, in order."""

    def write(folder: Path) -> list[Path]:
        return [path for writer in writers for path in writer(folder)]

    return write


def unique(cases: Sequence[Case]) -> list[Case]:
    """The cases, checked for unique ids (a duplicate would hide a case from the report)."""
    seen: set[str] = set()
    for case in cases:
        assert case.id not in seen, f"two corpus cases are called {case.id}"
        seen.add(case.id)
    return list(cases)
