"""Starting the GUI: which project opens first, --article, --size and the --screenshot mode."""

import argparse
import os
import subprocess
import sys

import pytest

from annotator.app.projects import demo_project_path
from annotator.resources import demo_articles
from annotator.store import ProjectStore
from annotator.ui.app import _default_store
from annotator.ui.options import DEFAULT_SIZE, window_size
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


def test_screenshot_at_a_given_size_leaves_the_remembered_layout_alone(tmp_path):
    """README's 1024x700 screenshot; the user's next start still opens their own layout."""
    from PySide6.QtGui import QImage

    out = tmp_path / "small.png"
    settings_file = tmp_path / "config" / "annotator" / "annotator.ini"
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config")}
    for args in (["--size", "1024x700", "--screenshot", str(out)], ["--screenshot", str(out)]):
        result = subprocess.run(
            [sys.executable, "-m", "annotator", "gui", *args],
            capture_output=True,
            text=True,
            timeout=120,
            env=env,
        )
        assert result.returncode == 0, result.stderr
        image = QImage(str(out))
        assert (image.width(), image.height()) == (
            (1024, 700) if "--size" in args else DEFAULT_SIZE
        )
        remembered = settings_file.read_text(encoding="utf-8")
        assert "demo.annotator" in remembered and "geometry" not in remembered


@pytest.mark.parametrize("text", ["1024x700", "1024X700", "800x600"])
def test_window_sizes(text):
    width, height = (int(n) for n in text.lower().split("x"))
    assert window_size(text) == (width, height)


@pytest.mark.parametrize(
    "text", ["1024", "x700", "1024x", "-5x700", "1024x0", "99999x700", "1e3x7"]
)
def test_bad_window_sizes_are_refused_with_an_example(text):
    with pytest.raises(argparse.ArgumentTypeError, match=r"1024x700|pixels"):
        window_size(text)


def test_a_bad_size_is_a_usage_error():
    result = run_cli("gui", "--size", "big")
    assert result.returncode == 2
    assert "--size: 'big' is not WIDTHxHEIGHT, e.g. 1024x700" in result.stderr
