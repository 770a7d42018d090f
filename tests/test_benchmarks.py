"""The scale benchmarks' generator: the figures they print are only comparable across runs and
machines if the generated projects are the same and hold what the issue measured."""

import importlib.util
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from annotator.domain.model import AnnotationKind, AnnotationStatus
from annotator.store import ProjectStore

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
ARTICLES = 20


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCHMARKS / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generate() -> ModuleType:
    return _load("generate")


def _contents(path: Path) -> list[tuple]:
    """Everything a generated project holds but its timestamps."""
    rows: list[tuple] = []
    with ProjectStore.open(path, read_only=True) as store:
        for article in store.articles():
            rows.append((article.title, article.text, article.outlet, article.published))
            for a in store.annotations(article.id):
                rows.append((a.start, a.end, a.label, a.kind, a.status, a.annotator, a.attrs))
            for r in store.relations(article.id):
                rows.append((r.head_id, r.child_id, r.label, r.annotator))
    return rows


def test_generated_project_holds_annotated_news_articles(generate, tmp_path):
    out = tmp_path / "gen.annotator"
    generate.generate(out, ARTICLES, seed=3)
    with ProjectStore.open(out, read_only=True) as store:
        articles = list(store.articles())
        assert len(articles) == ARTICLES
        annotations = [a for article in articles for a in store.annotations(article.id)]
        relations = [r for article in articles for r in store.relations(article.id)]
        for article in articles:
            assert 450 <= len(article.text.split()) <= 650
            for annotation in store.annotations(article.id):
                assert 0 <= annotation.start < annotation.end <= len(article.text)
                assert annotation.text_in(article.text).strip() == annotation.text_in(article.text)
    assert 30 * ARTICLES <= len(annotations) <= 50 * ARTICLES
    assert {a.annotator for a in annotations} == set(generate.ANNOTATORS)
    assert set(Counter(a.kind for a in annotations)) == set(AnnotationKind)
    statuses = Counter(a.status for a in annotations)
    assert set(statuses) == set(AnnotationStatus)
    assert len({a.label for a in annotations if a.kind is AnnotationKind.ENTITY}) >= 8
    assert any("verdict" in a.attrs for a in annotations if a.kind is AnnotationKind.CLAIM)
    assert {r.label for r in relations} == {"SPEAKER", "SOURCE_OF"}


def test_same_seed_same_project_other_seed_other_project(generate, tmp_path):
    paths = [tmp_path / f"{name}.annotator" for name in ("a", "b", "c")]
    for path, seed in zip(paths, (5, 5, 6), strict=True):
        generate.generate(path, ARTICLES, seed=seed)
    first, again, other = (_contents(path) for path in paths)
    assert first == again
    assert first != other
