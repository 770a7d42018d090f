"""Edits that ProjectStore reported as done survive the program being killed (SIGKILL)."""

import os
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from annotator.domain import ArticleDraft
from annotator.store import ProjectStore

CHILD = Path(__file__).with_name("durability_child.py")
REPORTS_BEFORE_KILL = 200


@pytest.mark.skipif(sys.platform == "win32", reason="Windows has no SIGKILL")
def test_reported_edits_survive_sigkill(tmp_path: Path) -> None:
    """Kill a process mid-edit: every edit it reported is in the file, which is intact."""
    path = tmp_path / "durable.annotator"
    with ProjectStore.create(path) as store:
        (article_id,) = store.add_articles(
            [ArticleDraft(text="Bicycles and buses. " * 50, title="Durable")]
        )

    stderr_path = tmp_path / "child.stderr"
    with stderr_path.open("wb") as stderr:
        child = subprocess.Popen(
            [sys.executable, str(CHILD), str(path), str(article_id)],
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
        )
    watchdog = threading.Timer(30, child.kill)  # never let a stuck child hang the test run
    watchdog.start()
    lines: list[str] = []
    try:
        assert child.stdout is not None
        while sum(line.startswith("done ") for line in lines) < REPORTS_BEFORE_KILL:
            line = child.stdout.readline()
            if not line:
                pytest.fail(f"the child stopped early:\n{stderr_path.read_text()}")
            lines.append(line)
        assert child.poll() is None, "the child must still be writing when it is killed"
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        lines.extend(child.stdout.readlines())  # reported before the kill, read after it
        child.stdout.close()
    finally:
        watchdog.cancel()
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL

    added: dict[int, tuple[int, int, str]] = {}
    updated: dict[int, str] = {}
    for line in lines:
        if not line.endswith("\n"):
            continue  # a report cut short by the kill proves nothing
        match line.split():
            case ["done", annotation_id, start, end, label]:
                added[int(annotation_id)] = (int(start), int(end), label)
            case ["updated", annotation_id, label]:
                updated[int(annotation_id)] = label
    assert len(added) >= REPORTS_BEFORE_KILL
    assert updated

    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        rows = {
            row[0]: row[1:]
            for row in connection.execute(
                'SELECT id, article_id, start, "end", label, note FROM annotations'
            )
        }
    finally:
        connection.close()

    for annotation_id, (start, end, label) in added.items():
        assert annotation_id in rows, f"reported annotation {annotation_id} was lost"
        row_article, row_start, row_end, row_label, row_note = rows[annotation_id]
        assert (row_article, row_start, row_end) == (article_id, start, end)
        if annotation_id in updated:
            assert (row_label, row_note) == (updated[annotation_id], "edited")
        else:  # an update may have committed just before the kill, unreported
            assert row_label in (label, f"U{annotation_id}")

    with ProjectStore.open(path) as store:  # and the project still opens normally
        assert len(store.annotations(article_id)) >= len(added)
