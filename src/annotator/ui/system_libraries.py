"""The X11 libraries Qt's xcb platform plugin needs from a Linux system, checked before Qt.

PySide6 carries Qt but not the X11 libraries, and a desktop install often lacks a few
(libxcb-cursor0 above all, which Qt needs since 6.5). Qt then aborts with "could not load the
Qt platform plugin xcb" and a list of plugins, which tells a journalist nothing. Loading the
plugin's library ourselves first (ctypes, as the dynamic loader would) names the first missing
library, so the user gets one sentence with the package to install.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Mapping
from pathlib import Path

from annotator.errors import UserError

#: The library the xcb plugin is built on; its dependencies are the system's X11 libraries.
XCB_LIBRARY = "libQt6XcbQpa.so.6"

#: Each library the xcb plugin (or Qt GUI under it) loads from the system, with the package
#: that holds it on Debian/Ubuntu and on Fedora.
PACKAGES: dict[str, tuple[str, str]] = {
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil"),
    "libxcb-util.so.1": ("libxcb-util1", "xcb-util"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11"),
    "libxcb-randr.so.0": ("libxcb-randr0", "libxcb"),
    "libxcb-render.so.0": ("libxcb-render0", "libxcb"),
    "libxcb-shape.so.0": ("libxcb-shape0", "libxcb"),
    "libxcb-shm.so.0": ("libxcb-shm0", "libxcb"),
    "libxcb-sync.so.1": ("libxcb-sync1", "libxcb"),
    "libxcb-xfixes.so.0": ("libxcb-xfixes0", "libxcb"),
    "libxcb-xkb.so.1": ("libxcb-xkb1", "libxcb"),
    "libxcb.so.1": ("libxcb1", "libxcb"),
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb"),
    "libX11.so.6": ("libx11-6", "libX11"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon"),
    "libglib-2.0.so.0": ("libglib2.0-0", "glib2"),
    "libgthread-2.0.so.0": ("libglib2.0-0", "glib2"),
    "libGL.so.1": ("libgl1", "libglvnd-glx"),
    "libEGL.so.1": ("libegl1", "libglvnd-egl"),
    "libfontconfig.so.1": ("libfontconfig1", "fontconfig"),
    "libfreetype.so.6": ("libfreetype6", "freetype"),
    "libdbus-1.so.3": ("libdbus-1-3", "dbus-libs"),
}

#: What to install on a desktop that lacks them: the xcb helper libraries a desktop
#: often leaves out (the rest come with any X11 desktop). The README lists the same.
DEBIAN = (
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-image0",
    "libxcb-keysyms1",
    "libxcb-randr0",
    "libxcb-render-util0",
    "libxcb-shape0",
    "libxcb-xfixes0",
    "libxcb-xkb1",
    "libxkbcommon-x11-0",
)
FEDORA = (
    "xcb-util-cursor",
    "xcb-util-wm",
    "xcb-util-image",
    "xcb-util-keysyms",
    "xcb-util-renderutil",
    "libxkbcommon-x11",
)


def uses_xcb(environ: Mapping[str, str]) -> bool:
    """Whether Qt will start on X11 here: Linux with a DISPLAY, and the xcb plugin asked for
    (QT_QPA_PLATFORM=xcb, first in a list) or left to Qt's default outside a Wayland session."""
    if not sys.platform.startswith("linux") or not environ.get("DISPLAY"):
        return False
    platform = environ.get("QT_QPA_PLATFORM", "").strip()
    if platform:
        return platform.split(";")[0].split(":")[0].strip() == "xcb"
    return not environ.get("WAYLAND_DISPLAY")


def xcb_library() -> Path:
    """Where this Qt keeps the xcb plugin's library: PySide6's own Qt/lib (a wheel, and the
    PyInstaller bundle, which keeps that layout), else where Qt says (a distribution's Qt)."""
    import PySide6
    from PySide6.QtCore import QLibraryInfo

    own = Path(PySide6.__file__).parent / "Qt" / "lib" / XCB_LIBRARY
    if own.is_file():
        return own
    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.LibrariesPath)) / XCB_LIBRARY


def missing_library(library: Path) -> str | None:
    """The first library `library` needs that the dynamic loader cannot find, or None when it
    loads (or is not there to check: a Qt without xcb leaves Qt to speak for itself)."""
    if not library.is_file():
        return None
    try:
        ctypes.CDLL(str(library))
    except OSError as error:
        # glibc: "libxcb-cursor.so.0: cannot open shared object file: No such file or directory"
        name, _, reason = str(error).partition(": ")
        if "cannot open shared object file" in reason and name != str(library):
            return name
    return None


def missing_message(name: str) -> str:
    """One sentence: which library is missing and the packages to install."""
    debian, fedora = PACKAGES.get(name, (None, None))
    apt = " ".join(dict.fromkeys([*([debian] if debian else []), *DEBIAN]))
    dnf = " ".join(dict.fromkeys([*([fedora] if fedora else []), *FEDORA]))
    return (
        f"the window cannot open: Qt's X11 platform plugin (xcb) needs the system library "
        f"{name}, which is not installed; install it with `sudo apt install {apt}` on Debian "
        f"or Ubuntu, or `sudo dnf install {dnf}` on Fedora"
    )


def check_xcb(library: Path | None = None) -> None:
    """Raise UserError naming the first missing library and its package, if any."""
    name = missing_library(library if library is not None else xcb_library())
    if name is not None:
        raise UserError(missing_message(name))


def check_report() -> str:
    """For `annotator gui --check-libraries` (install.sh runs it): what was found; raises
    UserError naming a missing library."""
    if not sys.platform.startswith("linux"):
        return "nothing to check on this system: Qt brings what the window needs"
    check_xcb()
    return "the system libraries the window needs on X11 are installed"


def check_before_qt(environ: Mapping[str, str] = os.environ) -> None:
    """Before the QApplication is made: where Qt will use X11, check its libraries."""
    if uses_xcb(environ):
        check_xcb()
