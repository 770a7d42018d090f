"""Starting the GUI: which project opens first, --article, and the --screenshot mode."""

import subprocess
import sys

import pytest

from annotator.app.projects import demo_project_path
from annotator.resources import demo_articles
from annotator.store import ProjectStore
from annotator.ui.app import _default_store
from annotator.ui.settings import Settings


def test_first_start_opens_a_copy_of_the_demo_and_leaves_the_bundle_alone(qtbot):
    bundled = {path: path.read_bytes() for path in demo_articles()}
    store = _default_store(Settings())
    try:
        assert store.path == demo_project_path()
        assert store.article_count() == len(bundled)
    finally:
        store.close()
    assert {path: path.read_bytes() for path in demo_articles()} == bundled


def test_later_starts_open_the_last_project(qtbot, tmp_path):
    last = tmp_path / "mine.annotator"
    ProjectStore.create(last).close()
    settings = Settings()
    settings.add_recent_project(last)
    store = _default_store(settings)
    try:
        assert store.path == last.resolve()
    finally:
        store.close()


def test_a_vanished_last_project_falls_back_to_the_demo(qtbot, tmp_path):
    settings = Settings()
    gone = tmp_path / "gone.annotator"
    ProjectStore.create(gone).close()
    settings.add_recent_project(gone)
    gone.write_text("overwritten by something else", encoding="utf-8")
    store = _default_store(settings)
    try:
        assert store.path == demo_project_path()
        assert gone.resolve() not in settings.recent_projects()
    finally:
        store.close()


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "annotator", *args], capture_output=True, text=True, timeout=120
    )


def run_launcher(*args: str) -> subprocess.CompletedProcess[str]:
    """The `annotator-gui` launcher: ui.app.main, which does not go through the CLI."""
    code = "import sys; from annotator.ui.app import main; sys.exit(main())"
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120
    )


def test_screenshot_renders_the_window_to_a_png(tmp_path):
    out = tmp_path / "window.png"
    result = run_cli("gui", "--screenshot", str(out), "--article", "2")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    from PySide6.QtGui import QImage

    image = QImage(str(out))
    assert image.width() >= 800 and image.height() >= 500


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["gui", "missing.annotator"], "no such project file"),
        (["gui", "--article", "999", "--screenshot", "x.png"], "no article with id 999"),
        (["gui", "--screenshot", "no/such/folder/x.png"], "does not exist"),
    ],
)
@pytest.mark.parametrize("launcher", [False, True], ids=["annotator gui", "annotator-gui"])
def test_gui_user_errors_exit_cleanly(tmp_path, args, message, launcher, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run_launcher(*args[1:]) if launcher else run_cli(*args)
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_the_launcher_has_the_options_of_the_gui_command():
    """Both are made by ui.options; the error cases above run the launcher through run_gui."""
    usage = run_launcher("--help")
    assert usage.returncode == 0
    assert all(option in usage.stdout for option in ("PROJECT", "--article", "--screenshot"))
