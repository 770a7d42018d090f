"""Create and open projects, and make the demo project from the bundled articles."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from annotator.app.importing import import_files
from annotator.errors import UserError
from annotator.resources import demo_articles
from annotator.store import PROJECT_SUFFIX, ProjectStore

APP_NAME = "annotator"
DEMO_NAME = "Demo project"


def data_dir() -> Path:
    """The user's data folder for annotator (created on demand).

    The environment variable ANNOTATOR_DATA_DIR, when set and not empty, overrides the
    platform's usual folder (tests, portable installs and scripts use it).
    """
    override = os.environ.get("ANNOTATOR_DATA_DIR")
    path = Path(override or platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def demo_project_path() -> Path:
    return data_dir() / f"demo{PROJECT_SUFFIX}"


def ensure_demo_project() -> Path:
    """The user's copy of the demo project, made from the bundled articles if it is missing.

    The bundled files are only read, so every user starts from the same demo and can change
    their copy freely.
    """
    path = demo_project_path()
    if not path.exists():
        build_demo_project(path)
    return path


def build_demo_project(path: Path) -> None:
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    with ProjectStore.create(partial, name=DEMO_NAME) as store:
        report = import_files(store, demo_articles())
    if report.failed or not report.added_count:
        partial.unlink(missing_ok=True)
        problems = "; ".join(result.error or "" for result in report.failed) or "no articles"
        raise UserError(f"the bundled demo articles could not be imported: {problems}")
    partial.replace(path)
