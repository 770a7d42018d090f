"""The real program on a real X display: `annotator gui` under Xvfb, typed at with xdotool as a
journalist types (issue 13). Keys typed in the search box, the Sources filter and the Details
fields stay there; keys typed in the article text act on it: N and P reach spans stacked on the
same words, Q over a suggested quote accepts it, and a source tagged by hand stores what its
Details show.

Skipped where Xvfb, xdotool or a library of Qt's xcb plugin is missing (the check the program
itself makes, annotator.ui.system_libraries), unless CI is "true": there it fails, so CI never
passes without having run it (.ci/run installs them where it can).
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

from annotator.app.suggestions import PIPELINE_KEY
from annotator.domain.attributes import CHOICES, ROLE
from annotator.domain.model import AnnotationKind, AnnotationStatus, ArticleDraft, SpanDraft
from annotator.store import ProjectStore
from annotator.ui.system_libraries import missing_library, missing_message, xcb_library

TEXT = (
    "Harbour master Ana Ribeiro said on Tuesday that the port will close for two weeks. "
    "The ferry company disputed the figures in a letter to the council."
)
SOURCE = "Harbour master Ana Ribeiro"
ROLE_TYPED = "port spokesman"
#: Suggestions stored with TEXT: (words, label, kind).
SUGGESTED = (
    (SOURCE, "SOURCE", AnnotationKind.SOURCE),
    ("Tuesday", "DATE", AnnotationKind.ENTITY),
    ("the port will close for two weeks", "CLAIM", AnnotationKind.CLAIM),
    ("The ferry company", "ORG", AnnotationKind.ENTITY),
)
#: An article with a SOURCE on its PERSON (the same words) and a suggested quote.
BONUS = (
    "Daniel Okafor, who chairs the audit committee, called the bonus \u201ca reward for "
    "failure\u201d on Friday. The board would not comment, its secretary, Lopez, said."
)
OKAFOR, REWARD = "Daniel Okafor", "a reward for failure"
BONUS_SUGGESTED = (
    (OKAFOR, "PERSON", AnnotationKind.ENTITY),
    (OKAFOR, "SOURCE", AnnotationKind.SOURCE),
    (REWARD, "QUOTE", AnnotationKind.QUOTE),
    ("Friday", "DATE", AnnotationKind.ENTITY),
)
#: Longest wait for the X server, the window, or the program to quit, in seconds.
WAIT_S = 20


def require_x11() -> None:
    """Skip without Xvfb, xdotool or the libraries of Qt's xcb plugin; fail instead on CI."""
    missing = [f"{tool} is not installed" for tool in ("Xvfb", "xdotool") if not shutil.which(tool)]
    library = missing_library(xcb_library())
    if library is not None:
        missing.append(missing_message(library))
    if not missing:
        return
    message = "; ".join(missing) + " (on Debian or Ubuntu, .ci/run installs what is missing)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI must run the real-window test: {message}")
    pytest.skip(message)


def make_project(
    folder: Path, title: str, text: str, suggested: tuple[tuple[str, str, AnnotationKind], ...]
) -> Path:
    """An article with stored suggestions, and a pipeline that is not installed, so nothing
    loads a model: the window only shows and stores what the keys do."""
    path = folder / "desk.annotator"
    status, attrs = AnnotationStatus.SUGGESTED, {"confidence": 0.9}
    spans = tuple(
        SpanDraft(start, start + len(part), label, kind, status, "en_core_web_sm", attrs)
        for part, label, kind in suggested
        for start in [text.index(part)]
    )
    with ProjectStore.create(path) as store:
        store.add_articles([ArticleDraft(text, title, language="en", spans=spans)])
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


def running(window: RealWindow) -> Iterator[RealWindow]:
    """The window for a test, killed afterwards if a failed step left it running."""
    yield window
    if window.process.poll() is None:  # a failed step left it running
        window.process.kill()
        window.process.wait()


@pytest.fixture
def app(display, tmp_path) -> Iterator[RealWindow]:
    project = make_project(tmp_path, "Harbour closes", TEXT, SUGGESTED)
    yield from running(RealWindow(display, project, tmp_path / "home"))


@pytest.fixture
def bonus(display, tmp_path) -> Iterator[RealWindow]:
    project = make_project(tmp_path, "Bonus row", BONUS, BONUS_SUGGESTED)
    yield from running(RealWindow(display, project, tmp_path / "home"))


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


def test_keys_in_the_text_reach_stacked_spans_tag_over_suggestions_and_store_what_is_shown(
    bonus,
):
    # N over the stacked spans: the PERSON, then the SOURCE on the same words; A accepts the
    # SOURCE and goes on to the quote, P goes back to the PERSON, A accepts it.
    bonus.keys("ctrl+2", "ctrl+Home", "n", "n", "a", "p", "a")
    # Q over the suggested quote, reached with N from the start: it is accepted, not doubled.
    bonus.keys("ctrl+Home", "n", "q")
    # A source tagged by hand (found with the search, S in the text), its Details passed
    # through (each choice left with Tab, the role too) and back to the text.
    bonus.keys("ctrl+f")
    bonus.type("lopez")
    bonus.keys("Return", "Down", "Return", "s", "ctrl+3")
    bonus.keys(*["Tab"] * (len(CHOICES[AnnotationKind.SOURCE]) + 1), "ctrl+2")
    bonus.quit()

    with ProjectStore.open(bonus.project, read_only=True) as store:
        annotations = store.annotations(1)
    shown = {(BONUS[a.start : a.end], a.label): a for a in annotations}
    assert len(shown) == len(annotations), "two annotations of one label on the same words"
    assert {key: a.status for key, a in shown.items()} == {
        (OKAFOR, "PERSON"): AnnotationStatus.ACCEPTED,
        (OKAFOR, "SOURCE"): AnnotationStatus.ACCEPTED,
        (REWARD, "QUOTE"): AnnotationStatus.ACCEPTED,  # the suggestion, by Q
        ("Friday", "DATE"): AnnotationStatus.SUGGESTED,
        ("Lopez", "SOURCE"): AnnotationStatus.MANUAL,
    }
    assert {a.annotator for a in annotations if a.label != "DATE"} == {"Reporter"}
    # Details show "Not set" for a hand-tagged source's type and record, and no role: so
    # nothing is stored, also after the focus passed through each field.
    assert shown["Lopez", "SOURCE"].attrs == {}
