"""The contract's own checks catch what they are there to catch: a corpus that passes only
means something if each rule fails on the breach it describes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from .harness import (
    Run,
    changes,
    left_in,
    refusal_problems,
    run_cli,
    snapshot,
    stored_problems,
    traceback_problems,
)

FILE = "/data/story.jsonl"
GOOD = Run(["import"], 1, "", f"annotator: error: {FILE}:3: not valid JSON\n")


def test_a_clean_refusal_passes() -> None:
    assert refusal_problems(GOOD, FILE, line=3) == []


def test_each_breach_of_a_refusal_is_named() -> None:
    """Exit code, line count, prefix, the file, its line, the place, the limit, tracebacks."""
    cases = {
        "exit code 0, expected 1": Run([], 0, "", GOOD.err),
        "stderr is 2 line(s), expected exactly one": Run([], 1, "", GOOD.err + "more\n"),
        "stderr is 1 line(s), expected exactly one": Run([], 1, "", GOOD.err.rstrip("\n")),
        "stderr does not start with": Run([], 1, "", f"error: {FILE}:3: bad\n"),
        "does not name the file": Run([], 1, "", "annotator: error: story.jsonl:3: bad\n"),
        "does not name line 3": Run([], 1, "", f"annotator: error: {FILE}: bad\n"),
        "a traceback was printed": Run([], 1, "Traceback (most recent call last):", GOOD.err),
        "an exception left main()": Run([], 1, "", GOOD.err, escaped="ValueError"),
    }
    for expected, run in cases.items():
        problems = refusal_problems(run, FILE, line=3)
        assert any(expected in problem for problem in problems), (expected, problems)
    assert refusal_problems(GOOD, FILE, where="task 2") != []
    assert refusal_problems(GOOD, FILE, mentions=("1,000,000",)) != []
    assert traceback_problems(Run([], 0, "", "Traceback (most recent call last):\n")) != []


def test_a_line_break_inside_the_message_counts_as_two_lines() -> None:
    run = Run([], 1, "", f"annotator: error: {FILE}:3: bad\rworse\n")
    assert refusal_problems(run, FILE) != []


def test_changes_sees_a_new_wal_a_changed_byte_and_a_mode(tmp_path: Path) -> None:
    project = tmp_path / "p.annotator"
    project.write_bytes(b"SQLite format 3\x00" + bytes(84))
    before = snapshot(tmp_path)
    assert changes(before, snapshot(tmp_path)) == []
    project.with_name("p.annotator-wal").write_bytes(b"")
    project.write_bytes(b"SQLite format 3\x00" + bytes(83) + b"\x01")
    project.chmod(0o600)
    found = changes(before, snapshot(tmp_path))
    assert any("-wal appeared" in problem for problem in found)
    assert any("changed content" in problem for problem in found)
    assert any("changed mode" in problem for problem in found)


def test_left_in_names_what_stays_in_the_temporary_folder(tmp_path: Path) -> None:
    assert left_in(tmp_path) == []
    (tmp_path / "annotator-review-x").mkdir()
    assert left_in(tmp_path) != []


def test_stored_problems_sees_what_a_project_must_not_hold(tmp_path: Path, capsys) -> None:
    project = tmp_path / "p.annotator"
    assert run_cli(capsys, "new", project).code == 0
    story = tmp_path / "story.txt"
    story.write_text("The ferry sails again from Monday.\n", encoding="utf-8")
    assert run_cli(capsys, "import", project, story).code == 0
    assert stored_problems(project) == []
    assert stored_problems(project, forbidden=("ferry",)) != []
    connection = sqlite3.connect(project)
    with connection:
        connection.execute("UPDATE articles SET text = text || char(0) || 'x', meta = '[1]'")
    connection.close()
    problems = stored_problems(project)
    assert any("NUL" in problem for problem in problems)
    assert any("meta is not a JSON object" in problem for problem in problems)
