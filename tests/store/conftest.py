"""Fixtures for the store tests: a temp folder of the test's own, to show nothing is left in it."""

import tempfile
from pathlib import Path

import pytest


@pytest.fixture
def temp_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The folder Python's tempfile uses during the test (empty at the start)."""
    folder = tmp_path / "temp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder
