"""The user's data folder and the demo project built from the bundled articles."""

import hashlib
from pathlib import Path

import pytest

from annotator.app import projects
from annotator.app.projects import (
    DEMO_NAME,
    build_demo_project,
    data_dir,
    demo_project_path,
    ensure_demo_project,
)
from annotator.errors import UserError
from annotator.resources import demo_articles
from annotator.store import ProjectStore


def bundled_hashes() -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in demo_articles()}


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data" / "annotator"
    monkeypatch.setenv("ANNOTATOR_DATA_DIR", str(folder))
    return folder


def test_data_dir_honours_environment(data: Path) -> None:
    """ANNOTATOR_DATA_DIR overrides the platform folder, which is created on demand."""
    assert not data.exists()
    assert data_dir() == data
    assert data.is_dir()
    assert demo_project_path().parent == data


def test_data_dir_falls_back_to_platformdirs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ANNOTATOR_DATA_DIR", "")
    fallback = tmp_path / "platform"
    monkeypatch.setattr(projects.platformdirs, "user_data_dir", lambda *a, **k: str(fallback))
    assert data_dir() == fallback
    assert fallback.is_dir()


def test_build_demo_project(tmp_path: Path) -> None:
    """The demo has every bundled article, an emoji among them, and no carriage return."""
    before = bundled_hashes()
    path = tmp_path / "demo.annotator"
    build_demo_project(path)

    assert bundled_hashes() == before
    assert not path.with_name(path.name + ".partial").exists()
    with ProjectStore.open(path) as store:
        articles = list(store.articles())
        assert store.name == DEMO_NAME
    assert len(articles) >= 4
    assert len(articles) == len(before)
    assert any(any(ord(char) > 0xFFFF for char in a.text) for a in articles)
    assert all("\r" not in a.text and "\r" not in a.title for a in articles)
    assert all(a.title and a.outlet and a.published and a.url for a in articles)
    assert not any(a.text.startswith("---") for a in articles)


def test_ensure_demo_project_builds_once(data: Path) -> None:
    """The first call builds the user's copy; later calls keep it, with the user's edits."""
    before = bundled_hashes()
    path = ensure_demo_project()
    assert path == data / "demo.annotator"
    assert path.is_file()
    with ProjectStore.open(path) as store:
        count = store.article_count()
        assert count >= 4
        store.db.execute("DELETE FROM articles WHERE id = 1")
        store.db.conn.commit()

    assert ensure_demo_project() == path
    with ProjectStore.open(path) as store:
        assert store.article_count() == count - 1
    assert bundled_hashes() == before


def test_build_demo_project_replaces_stale_partial(tmp_path: Path) -> None:
    """A .partial file left by an interrupted build does not block the next one."""
    path = tmp_path / "demo.annotator"
    path.with_name(path.name + ".partial").write_bytes(b"half a project")
    build_demo_project(path)
    with ProjectStore.open(path) as store:
        assert store.article_count() >= 4


def test_build_demo_project_without_articles_fails_cleanly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "bad.md"
    bad.write_text("A title\n\nA body with a NUL \x00 in it.\n", encoding="utf-8")
    monkeypatch.setattr(projects, "demo_articles", lambda: [bad])
    path = tmp_path / "demo.annotator"
    with pytest.raises(UserError, match="demo articles"):
        build_demo_project(path)
    assert not path.exists()
    assert not path.with_name(path.name + ".partial").exists()
