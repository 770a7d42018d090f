"""The refusal contract for importers: one line naming the file, the project unchanged."""

from collections.abc import Callable
from pathlib import Path

import pytest

from annotator.app.importing import import_files
from annotator.store import ProjectStore


@pytest.fixture
def refused(tmp_path: Path) -> Callable[..., str]:
    """Import a file into a project that already holds an article and return the message it
    was refused with, after checking that it is one line starting with the file's name and
    that the project file did not change by a single byte."""
    project = tmp_path / "refusals.annotator"
    seed = tmp_path / "seed.txt"
    seed.write_text("An article that was here before.\n", encoding="utf-8")
    with ProjectStore.create(project) as store:
        import_files(store, [seed])

    def refuse(path: Path, **options: bool) -> str:
        before = project.read_bytes()
        with ProjectStore.open(project) as store:
            (result,) = import_files(store, [path], **options).files
        assert result.error is not None, f"{path.name} was imported"
        assert (result.added, result.merged) == ([], 0)
        assert result.error.startswith(str(path))
        assert "\n" not in result.error
        assert project.read_bytes() == before
        return result.error

    return refuse
