"""The main window's command-line options, shared by `annotator gui` and the `annotator-gui`
launcher so the two cannot drift apart. No Qt here: the CLI builds its parser from this
without loading Qt."""

from __future__ import annotations

import argparse
from pathlib import Path

#: The window's size on first start, and in a screenshot unless --size says otherwise.
DEFAULT_SIZE = (1320, 800)
#: The largest window side --size takes, in pixels (Qt's own limit is 16,777,215).
MAX_SIDE = 16384


def window_size(text: str) -> tuple[int, int]:
    """WIDTHxHEIGHT in pixels, e.g. 1024x700, for --size."""
    width, x, height = text.lower().partition("x")
    if not x or not width.isdigit() or not height.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not WIDTHxHEIGHT, e.g. 1024x700")
    if not 0 < int(width) <= MAX_SIDE or not 0 < int(height) <= MAX_SIDE:
        raise argparse.ArgumentTypeError(f"{text!r}: each side is 1 to {MAX_SIDE} pixels")
    return int(width), int(height)


def add_window_arguments(parser: argparse.ArgumentParser) -> None:
    """The project to open, the article to show first, the window's size, the --screenshot
    mode, and the check of the system libraries the window needs."""
    parser.add_argument(
        "project",
        nargs="?",
        type=Path,
        metavar="PROJECT",
        help="project file (default: the last one used, else the demo)",
    )
    parser.add_argument("--article", type=int, metavar="ID", help="show this article first")
    parser.add_argument(
        "--screenshot",
        type=Path,
        metavar="OUT.png",
        help="render the window offscreen once it has settled, save it and exit",
    )
    parser.add_argument(
        "--size",
        type=window_size,
        metavar="WxH",
        help="open the window at this size in pixels, e.g. 1024x700 (default: the last size; "
        f"{DEFAULT_SIZE[0]}x{DEFAULT_SIZE[1]} for a screenshot)",
    )
    parser.add_argument(
        "--check-libraries",
        action="store_true",
        help="on Linux, check that the system libraries the window needs on X11 are installed "
        "(and say which package to install if not), then exit",
    )
