"""Locate bundled resources (icons, demo articles) in a wheel, a frozen build or a source tree."""

from pathlib import Path


def resources_dir() -> Path:
    """The folder holding icons/ and demo/.

    Wheels and frozen builds carry it inside the package; an editable install from a clone
    reads the repository's top-level resources/ folder, so edits show up without reinstalling.
    """
    packaged = Path(__file__).parent / "resources"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "resources"


def demo_articles() -> list[Path]:
    """The bundled demo article files, in a stable order."""
    return sorted((resources_dir() / "demo").glob("*.md"))


def icon_path() -> Path:
    return resources_dir() / "icons" / "annotator.svg"
