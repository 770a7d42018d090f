"""The main window's command-line options, shared by `annotator gui` and the `annotator-gui`
launcher so the two cannot drift apart. No Qt here: the CLI builds its parser from this
without loading Qt."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_window_arguments(parser: argparse.ArgumentParser) -> None:
    """The project to open, the article to show first, and the --screenshot mode."""
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
