"""Bringing a colleague's work in for review: from their project file (never modified) or
their JSONL, matched by text, or by url or title when only whitespace differs."""

import hashlib
from pathlib import Path

import pytest

from annotator.app.reviewing import project_agreement, review_import
from annotator.domain import AnnotationKind, AnnotationStatus, ArticleDraft, SpanDraft
from annotator.domain.model import RelationDraft
from annotator.errors import UserError
from annotator.interop.jsonl import write_jsonl
from annotator.store import ProjectStore

TEXT = "Mayor Ines Kovač said the tram line would open in 2028. Critics doubt it."
LOOSE = "Harbour   fees rise\n\nThe port board   raised fees by 4%, said Tom Reyes."
TIGHT = "Harbour fees rise\n\nThe port board raised fees by 4%, said Tom Reyes."


def at(text: str, part: str, label: str, who: str, **extra: object) -> SpanDraft:
    start = text.index(part)
    kind = {"QUOTE": AnnotationKind.QUOTE, "SOURCE": AnnotationKind.SOURCE}.get(
        label, AnnotationKind.ENTITY
    )
    return SpanDraft(start, start + len(part), label, kind, AnnotationStatus.MANUAL, who, **extra)


@pytest.fixture
def mine(tmp_path: Path) -> ProjectStore:
    store = ProjectStore.create(tmp_path / "mine.annotator")
    store.add_articles(
        [
            ArticleDraft(text=TEXT, title="Tram", spans=(at(TEXT, "Ines Kovač", "PERSON", "ana"),)),
            ArticleDraft(text=TIGHT, title="Harbour fees rise"),
        ]
    )
    yield store
    store.close()


@pytest.fixture
def colleague(tmp_path: Path) -> Path:
    path = tmp_path / "ben.annotator"
    quote = at(TEXT, "the tram line would open in 2028", "QUOTE", "ben")
    source = at(TEXT, "Ines Kovač", "SOURCE", "ben")
    with ProjectStore.create(path) as store:
        store.add_articles(
            [
                ArticleDraft(
                    text=TEXT,
                    title="Tram",
                    spans=(
                        at(TEXT, "Ines Kovač", "PERSON", "ben"),
                        quote,
                        source,
                        SpanDraft(0, 5, "ORG", status=AnnotationStatus.SUGGESTED),
                    ),
                    relations=(RelationDraft(1, 2, "SPEAKER", "ben"),),
                ),
                ArticleDraft(
                    text=LOOSE,
                    title="Harbour fees rise",
                    spans=(at(LOOSE, "Tom Reyes", "PERSON", "ben"),),
                ),
                ArticleDraft(text="A story only Ben has.", title="Only Ben"),
            ]
        )
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_from_a_project_file_which_stays_byte_identical(
    mine: ProjectStore, colleague: Path
) -> None:
    before = digest(colleague)
    siblings = sorted(p.name for p in colleague.parent.iterdir())
    result = review_import(mine, colleague)
    assert digest(colleague) == before
    assert sorted(p.name for p in colleague.parent.iterdir()) == siblings
    assert result.annotators == ["ben"]
    assert [(article_id, added) for article_id, _, added in result.matched] == [(1, 4), (2, 1)]
    assert [d.title for d in result.unmatched] == ["Only Ben"]
    bens = {(TEXT[a.start : a.end], a.label) for a in mine.annotations(1) if a.annotator == "ben"}
    assert bens == {
        ("Ines Kovač", "PERSON"),
        ("the tram line would open in 2028", "QUOTE"),
        ("Ines Kovač", "SOURCE"),
    }  # the suggestion Ben never decided on does not come in
    assert [r.label for r in mine.relations(1)] == ["SPEAKER"]
    (reyes,) = mine.annotations(2)  # whitespace differs: moved onto our text
    assert TIGHT[reyes.start : reyes.end] == "Tom Reyes"
    assert mine.article_count() == 2


def test_unmatched_articles_can_be_imported(mine: ProjectStore, colleague: Path) -> None:
    review_import(mine, colleague, import_unmatched=True)
    assert [a.title for a in mine.articles()][-1] == "Only Ben"


def test_from_jsonl_under_a_given_name(mine: ProjectStore, colleague: Path, tmp_path) -> None:
    out = tmp_path / "ben.jsonl"
    with ProjectStore.open(colleague) as theirs:
        write_jsonl(theirs, out)
    result = review_import(mine, out, "benjamin")
    assert result.annotators == ["benjamin"]
    assert {a.annotator for a in mine.annotations(1)} == {"ana", "benjamin"}
    again = review_import(mine, out, "benjamin")  # nothing new the second time
    assert [added for _, _, added in again.matched] == [0, 0]


def test_agreement_over_the_project(mine: ProjectStore, colleague: Path) -> None:
    review_import(mine, colleague)
    report = project_agreement(mine)
    assert report.annotators == ["ana", "ben"]
    assert report.to_json()["annotators"] == ["ana", "ben"]


def test_a_colleague_project_holding_what_an_import_refuses_is_refused_whole(
    mine: ProjectStore, tmp_path: Path
) -> None:
    """A project file made by hand (or by an older version) may hold a NUL in a title: the
    same limits as an import apply, and nothing comes in."""
    path = tmp_path / "odd.annotator"
    with ProjectStore.create(path) as store:
        store.add_articles(
            [ArticleDraft(text=TEXT, title="Tram", spans=(at(TEXT, "Ines", "PERSON", "cy"),))]
        )
        store.db.conn.execute("UPDATE articles SET title = 'Tr' || char(0) || 'am'")
        store.db.conn.commit()
    before = digest(path)
    with pytest.raises(UserError, match=r"odd\.annotator: article 1: .*title"):
        review_import(mine, path)
    assert digest(path) == before
    assert [a.annotator for a in mine.annotations(1)] == ["ana"]
