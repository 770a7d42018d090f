"""The real program on a real X display: `annotator gui` under Xvfb, typed at with xdotool as a
journalist types (issue 13). Keys typed in the search box, the Sources filter and the Details
fields stay there; keys typed in the article text act on it.

Skipped where Xvfb, xdotool or a library of Qt's xcb plugin is missing, unless CI is "true":
there it fails, so CI never passes without having run it (.ci/run installs them where it can).
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import PySide6

from annotator.app.suggestions import PIPELINE_KEY
from annotator.domain.attributes import CHOICES, ROLE
from annotator.domain.model import AnnotationKind, AnnotationStatus, ArticleDraft, SpanDraft
from annotator.store import ProjectStore

TEXT = (
    "Harbour master Ana Ribeiro said on Tuesday that the port will close for two weeks. "
    "The ferry company disputed the figures in a letter to the council."
)
SOURCE = "Harbour master Ana Ribeiro"
ROLE_TYPED = "port spokesman"
#: Longest wait for the X server, the window, or the program to quit, in seconds.
WAIT_S = 20


def missing_libraries() -> list[str]:
    """System libraries Qt's xcb plugin needs that this machine lacks (ldd: "not found")."""
    plugin = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    ldd = shutil.which("ldd")
    if ldd is None or not plugin.exists():
        return []
    listing = subprocess.run([ldd, str(plugin)], capture_output=True, text=True).stdout
    return [line.split()[0] for line in listing.splitlines() if "not found" in line]


def require_x11() -> None:
    """Skip without Xvfb, xdotool or the libraries of Qt's xcb plugin; fail instead on CI."""
    missing = [tool for tool in ("Xvfb", "xdotool") if shutil.which(tool) is None]
    missing += missing_libraries()
    if not missing:
        return
    message = (
        f"{', '.join(missing)} not installed (on Debian or Ubuntu, .ci/run installs them: "
        "xvfb, xdotool and the libxcb packages)"
    )
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI must run the real-window test: {message}")
    pytest.skip(message)


def make_project(folder: Path) -> Path:
    """An article with stored suggestions, and a pipeline that is not installed, so nothing
    loads a model: the window only shows and stores what the keys do."""
    path = folder / "desk.annotator"

    def suggestion(part: str, label: str, kind: AnnotationKind) -> SpanDraft:
        start = TEXT.index(part)
        status, attrs = AnnotationStatus.SUGGESTED, {"confidence": 0.9}
        return SpanDraft(start, start + len(part), label, kind, status, "en_core_web_sm", attrs)

    spans = (
        suggestion(SOURCE, "SOURCE", AnnotationKind.SOURCE),
        suggestion("Tuesday", "DATE", AnnotationKind.ENTITY),
        suggestion("the port will close for two weeks", "CLAIM", AnnotationKind.CLAIM),
        suggestion("The ferry company", "ORG", AnnotationKind.ENTITY),
    )
    with ProjectStore.create(path) as store:
        store.add_articles([ArticleDraft(TEXT, "Harbour closes", language="en", spans=spans)])
        store.set_meta({PIPELINE_KEY: "xx_not_installed"})
    return path


def read_line(fd: int, deadline: float) -> str:
    """A line from a pipe, or what came before the deadline."""
    data = b""
    while not data.endswith(b"\n") and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            chunk = os.read(fd, 64)
            if not chunk:
                break
            data += chunk
    return data.decode().strip()


@pytest.fixture
def display(tmp_path) -> Iterator[str]:
    """A fresh X server on a display nobody uses (Xvfb picks it and tells us)."""
    require_x11()
    read, write = os.pipe()
    with open(tmp_path / "xvfb.log", "wb") as log:
        server = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", "1400x900x24", "-nolisten", "tcp"],
            pass_fds=(write,),
            stdout=log,
            stderr=log,
        )
    os.close(write)
    try:
        deadline = time.monotonic() + WAIT_S
        number = read_line(read, deadline)
        os.close(read)
        env = {**os.environ, "DISPLAY": f":{number}"}
        while number.isdigit() and time.monotonic() < deadline:
            probe = subprocess.run(["xdotool", "getdisplaygeometry"], env=env, capture_output=True)
            if probe.returncode == 0:
                break
            time.sleep(0.1)
        else:
            pytest.fail(f"Xvfb did not start: {(tmp_path / 'xvfb.log').read_text()}")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(WAIT_S)


class RealWindow:
    """`annotator gui PROJECT` on `display`, with its own settings (a name is set, so no
    dialog asks for one) and its own data folder."""

    def __init__(self, display: str, project: Path, home: Path) -> None:
        self.project = project
        config = home / "config"
        (config / "annotator").mkdir(parents=True)
        (config / "annotator" / "annotator.ini").write_text("[user]\nname=Reporter\n")
        runtime = home / "runtime"
        runtime.mkdir(mode=0o700)
        self.log_path = home / "gui.log"
        self.env = {
            **os.environ,
            "DISPLAY": display,
            "QT_QPA_PLATFORM": "xcb",
            "XDG_CONFIG_HOME": str(config),
            "XDG_RUNTIME_DIR": str(runtime),
            "ANNOTATOR_DATA_DIR": str(home / "data"),
        }
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "annotator", "gui", str(project)],
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self._focus_window()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def xdotool(self, *args: str) -> str:
        done = subprocess.run(
            ["xdotool", *args], env=self.env, capture_output=True, text=True, timeout=WAIT_S
        )
        return done.stdout.strip()

    def _focus_window(self) -> None:
        deadline = time.monotonic() + WAIT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"annotator gui exited with {self.process.returncode}:\n{self.log()}")
            found = self.xdotool("search", "--onlyvisible", "--pid", str(self.process.pid))
            if found:
                self.xdotool("windowfocus", "--sync", found.splitlines()[-1])
                return
            time.sleep(0.2)
        self.process.kill()
        self.process.wait()
        pytest.fail(f"no window appeared in {WAIT_S} s:\n{self.log()}")

    def wait_for_windows(self, count: int) -> None:
        """Until the program shows `count` windows (a menu is a window of its own)."""
        deadline = time.monotonic() + WAIT_S
        pid = str(self.process.pid)
        while time.monotonic() < deadline:
            if len(self.xdotool("search", "--onlyvisible", "--pid", pid).splitlines()) == count:
                return
            time.sleep(0.05)
        pytest.fail(f"the program did not show {count} window(s) in {WAIT_S} s")

    def keys(self, *keys: str) -> None:
        """Press keys in order, in whatever widget has the focus (xdotool key names)."""
        self.xdotool("key", "--clearmodifiers", *keys)

    def type(self, text: str) -> None:
        self.xdotool("type", "--delay", "20", text)

    def quit(self) -> None:
        self.keys("ctrl+q")
        try:
            self.process.wait(WAIT_S)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            pytest.fail(f"Ctrl+Q did not quit within {WAIT_S} s:\n{self.log()}")
        assert self.process.returncode == 0, self.log()
        assert "Traceback" not in self.log(), self.log()


@pytest.fixture
def app(display, tmp_path) -> Iterator[RealWindow]:
    window = RealWindow(display, make_project(tmp_path), tmp_path / "home")
    yield window
    if window.process.poll() is None:  # a failed step left it running
        window.process.kill()
        window.process.wait()


def test_typing_in_fields_stays_there_and_keys_in_the_text_act(app):
    # Details: the cursor on the suggested source; Ctrl+3 goes to its first field, Tab past
    # its choices to the role, typed, and Return.
    app.keys("ctrl+2", "n", "ctrl+3", *["Tab"] * len(CHOICES[AnnotationKind.SOURCE]))
    app.type(ROLE_TYPED)
    app.keys("Return")
    # Search: words with review letters in them, Return to search, Down into the results
    # (shows the first hit), Return to open it.
    app.keys("ctrl+f")
    app.type("harbour close")
    app.keys("Return", "Down", "Return")
    # Sources: the filter, Return to the first source listed.
    app.keys("ctrl+shift+s")
    app.type("ana rib")
    app.keys("Return")
    # The context menu (the Menu key) over the article: its keys are its own. (Keys typed
    # ahead of a menu opening or closing would race Qt's keyboard grab: wait for it.)
    app.keys("ctrl+2", "ctrl+Home", "Menu")
    app.wait_for_windows(2)
    app.keys("x", "Delete", "Escape")
    app.wait_for_windows(1)
    # The article text, from its start: N selects the first suggestion, A accepts it.
    app.keys("ctrl+Home", "n", "a")
    app.quit()

    with ProjectStore.open(app.project, read_only=True) as store:
        annotations = store.annotations(1)
    source = next(a for a in annotations if a.kind is AnnotationKind.SOURCE)
    with_role = {TEXT[a.start : a.end]: a.attrs[ROLE] for a in annotations if ROLE in a.attrs}
    assert with_role == {SOURCE: ROLE_TYPED}, "the role went to the wrong annotation"
    statuses = {TEXT[a.start : a.end]: a.status for a in annotations}
    assert statuses == {
        SOURCE: AnnotationStatus.ACCEPTED,  # by A in the text, and by nothing else
        "Tuesday": AnnotationStatus.SUGGESTED,
        "the port will close for two weeks": AnnotationStatus.SUGGESTED,
        "The ferry company": AnnotationStatus.SUGGESTED,
    }
    assert source.annotator == "Reporter"
