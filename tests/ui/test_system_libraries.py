"""A Linux desktop without the X11 libraries Qt's xcb plugin needs gets one sentence naming the
missing library and the packages, not Qt's abort."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.errors import UserError
from annotator.ui import system_libraries
from annotator.ui.system_libraries import (
    DEBIAN,
    FEDORA,
    PACKAGES,
    check_xcb,
    missing_library,
    missing_message,
    uses_xcb,
    xcb_library,
)

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 on Linux")
needs_gcc = pytest.mark.skipif(shutil.which("gcc") is None, reason="builds a library with gcc")


def compile_library(folder: Path, name: str, source: str, *flags: str) -> Path:
    (folder / f"{name}.c").write_text(source, encoding="utf-8")
    out = folder / name
    subprocess.run(
        ["gcc", "-shared", "-fPIC", "-o", str(out), str(folder / f"{name}.c"), *flags],
        check=True,
        capture_output=True,
    )
    return out


@pytest.fixture
def plugin_missing_a_library(tmp_path) -> Path:
    """A stand-in for libQt6XcbQpa.so.6 linked against a library that is then deleted, as the
    real one is against libxcb-cursor.so.0 on a desktop without libxcb-cursor0."""
    stub = compile_library(tmp_path, "libannotatorgone.so", "int gone(void) { return 1; }\n")
    plugin = compile_library(
        tmp_path,
        "libFakeXcbQpa.so.6",
        "int gone(void);\nint plugin(void) { return gone(); }\n",
        f"-L{tmp_path}",
        "-lannotatorgone",
    )
    stub.unlink()
    return plugin


@linux_only
@needs_gcc
def test_the_first_missing_library_is_named(plugin_missing_a_library):
    assert missing_library(plugin_missing_a_library) == "libannotatorgone.so"
    with pytest.raises(UserError) as raised:
        check_xcb(plugin_missing_a_library)
    message = str(raised.value)
    assert "\n" not in message
    assert "needs the system library libannotatorgone.so, which is not installed" in message
    assert f"`sudo apt install {' '.join(DEBIAN)}` on Debian or Ubuntu" in message
    assert f"`sudo dnf install {' '.join(FEDORA)}` on Fedora" in message


@linux_only
@needs_gcc
def test_a_library_that_loads_passes(tmp_path):
    fine = compile_library(tmp_path, "libFine.so", "int fine(void) { return 0; }\n")
    assert missing_library(fine) is None
    check_xcb(fine)


@linux_only
def test_this_machines_qt_finds_its_x11_libraries():
    """The test machine has them (the Xvfb tests need them): the real library loads."""
    assert xcb_library().is_file()
    assert missing_library(xcb_library()) is None


def test_a_qt_without_the_xcb_library_is_left_to_speak_for_itself(tmp_path):
    assert missing_library(tmp_path / "libQt6XcbQpa.so.6") is None


def test_the_missing_librarys_own_package_comes_first():
    message = missing_message("libxcb-icccm.so.4")
    assert "sudo apt install libxcb-icccm4 libxcb-cursor0 " in message
    assert "sudo dnf install xcb-util-wm xcb-util-cursor " in message
    assert message.count("libxcb-icccm4") == 1
    assert "sudo apt install libgl1 libxcb-cursor0" in missing_message("libGL.so.1")


def test_every_library_the_xcb_plugin_needs_has_its_packages():
    """The plugin's own NEEDED list (readelf), less Qt's and the C runtime's, is covered."""
    readelf = shutil.which("readelf")
    if readelf is None or not xcb_library().is_file():
        pytest.skip("needs readelf and PySide6's xcb library")
    dynamic = subprocess.run(
        [readelf, "-d", str(xcb_library())], capture_output=True, text=True, check=True
    ).stdout
    needed = {
        line.split("[", 1)[1].rstrip("]") for line in dynamic.splitlines() if "(NEEDED)" in line
    }
    runtime = {"libstdc++.so.6", "libm.so.6", "libgcc_s.so.1", "libc.so.6"}
    system = {name for name in needed if not name.startswith("libQt6")} - runtime
    assert system and system <= set(PACKAGES), system - set(PACKAGES)
    assert set(DEBIAN) <= {debian for debian, _ in PACKAGES.values()}
    assert set(FEDORA) <= {fedora for _, fedora in PACKAGES.values()}


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"DISPLAY": ":0"}, True),
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb"}, True),
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb;wayland"}, True),
        ({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0", "QT_QPA_PLATFORM": "xcb"}, True),
        ({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}, False),  # Qt picks Wayland
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "wayland"}, False),
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, False),
        ({"QT_QPA_PLATFORM": "xcb"}, False),  # no display: Qt says so itself
        ({}, False),
    ],
)
def test_the_check_runs_only_where_qt_will_use_x11(environ, expected, monkeypatch):
    monkeypatch.setattr(sys, "platform", "linux")
    assert uses_xcb(environ) is expected
    monkeypatch.setattr(sys, "platform", "darwin")
    assert uses_xcb(environ) is False


@linux_only
@needs_gcc
@pytest.mark.parametrize(
    "command", [["gui"], []], ids=["annotator gui PROJECT", "annotator (the README's)"]
)
def test_the_window_command_says_what_to_install_and_exits(
    plugin_missing_a_library, tmp_path, command
):
    """The whole command in its own process, as a user runs it on a desktop without the
    library: one line, status 1, no traceback, and no window attempted."""
    code = (
        "import sys, pathlib\n"
        "from annotator.ui import system_libraries\n"
        f"system_libraries.xcb_library = lambda: pathlib.Path({str(plugin_missing_a_library)!r})\n"
        "from annotator.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env["DISPLAY"] = ":0"  # never reached: the check comes before Qt
    args = [*command, str(tmp_path / "p.annotator")] if command else []
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 1
    assert done.stderr.startswith("annotator: error: the window cannot open: ")
    assert "libannotatorgone.so" in done.stderr and "sudo apt install" in done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert not (tmp_path / "p.annotator").exists()


@linux_only
@needs_gcc
def test_check_libraries_option_reports_either_way(plugin_missing_a_library, capsys, monkeypatch):
    from annotator.cli import main

    assert main(["gui", "--check-libraries"]) == 0
    assert capsys.readouterr().out == (
        "annotator: the system libraries the window needs on X11 are installed\n"
    )
    monkeypatch.setattr(system_libraries, "xcb_library", lambda: plugin_missing_a_library)
    assert main(["gui", "--check-libraries"]) == 1
    assert "needs the system library libannotatorgone.so" in capsys.readouterr().err


def test_the_readme_lists_the_same_packages():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert f"sudo apt install {' '.join(DEBIAN)}   # Debian, Ubuntu" in readme
    assert f"sudo dnf install {' '.join(FEDORA)}   # Fedora" in readme
