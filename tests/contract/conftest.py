"""A fresh project with work in it for every case, made once and copied (a closed WAL project
is one file, so a copy of it is the whole project), and a temporary folder that must stay
empty."""

from __future__ import annotations

import gc
import importlib
import tempfile
from pathlib import Path

import pytest

from annotator.cli import main

from .case import dumps
from .harness import PROJECT_NAME, Workspace
from .seed import SEED_RECORD


@pytest.fixture(scope="session")
def seeded_project(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The bytes of a project made by `annotator new` and `annotator import` of the seed."""
    folder = tmp_path_factory.mktemp("seed")
    project = folder / "seed.annotator"
    seed = folder / "seed.jsonl"
    seed.write_text(dumps(SEED_RECORD) + "\n", encoding="utf-8")
    assert main(["new", str(project)]) == 0
    assert main(["import", str(project), str(seed)]) == 0
    assert not project.with_name(project.name + "-wal").exists()
    return project.read_bytes()


#: Loaded once before the heap is frozen: every reader and writer the cases reach.
_HEAVY_MODULES = (
    "annotator.interop.html",
    "annotator.interop.word",
    "annotator.interop.doccano",
    "annotator.interop.labelstudio",
    "charset_normalizer",
    "docx",
    "trafilatura",
)


@pytest.fixture(scope="package", autouse=True)
def frozen_heap(seeded_project: bytes, tmp_path_factory: pytest.TempPathFactory) -> object:
    """Load the readers, exporters and spaCy's tokenizer once, then gc.freeze() them.

    The suite collects garbage after every test (tests/conftest.py), and a collection walks
    every live object: with spaCy, trafilatura and python-docx loaded that costs some 0.6 s a
    test, more than most cases. Frozen objects are skipped; the contract's own garbage is
    still collected after each test, and unfreeze() hands everything back at the end.
    """
    folder = tmp_path_factory.mktemp("warm")
    project = folder / PROJECT_NAME
    project.write_bytes(seeded_project)
    for fmt in ("jsonl", "spacy", "csv", "claimreview"):
        assert (
            main(["export", str(project), "-o", str(folder / f"out.{fmt}"), "--format", fmt]) == 0
        )
    for module in _HEAVY_MODULES:
        importlib.import_module(module)
    gc.collect()
    gc.freeze()
    yield None
    gc.unfreeze()


@pytest.fixture(autouse=True)
def frozen_survivors(frozen_heap: None) -> None:
    """Freeze what earlier tests left alive (pytest's reports and fixture requests, a few
    thousand objects whose collection still cost some 50 ms a test); this test's own garbage
    is collected after it as usual."""
    gc.freeze()


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The temporary folder of every command the test runs, in process and in children."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", None)  # gettempdir() reads TMPDIR again
    return folder


@pytest.fixture
def workspace(tmp_path: Path, seeded_project: bytes, private_tmp: Path) -> Workspace:
    folder = tmp_path / "case"
    folder.mkdir()
    project = folder / PROJECT_NAME
    project.write_bytes(seeded_project)
    out = tmp_path / "out"
    out.mkdir()
    return Workspace(folder, project, private_tmp, out)
