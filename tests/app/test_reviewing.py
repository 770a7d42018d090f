"""Bringing a colleague's work in for review: from their project file (never modified) or
their JSONL, matched by text, or by url or title when only whitespace differs."""

import hashlib
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from annotator.app.reviewing import project_agreement, read_colleague, review_import
from annotator.domain import AnnotationKind, AnnotationStatus, ArticleDraft, SpanDraft
from annotator.domain.model import REVIEWED, RelationDraft
from annotator.errors import UserError
from annotator.interop.jsonl import write_jsonl
from annotator.review import adjudicate
from annotator.review.compare import DisagreementKind
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


# -- a colleague's copy of my project ----------------------------------------------------------

STORY = (
    "Councillor Ruth Ames said the ferry would run twice a day from May. "
    "The port board claimed fares fell by 5% last year, said Tom Reyes."
)


def story_spans(who: str) -> tuple[tuple[SpanDraft, ...], tuple[RelationDraft, ...]]:
    """My work on STORY: entities, a quote and a claim, each linked to its source."""
    claim = at(STORY, "fares fell by 5% last year", "CLAIM", who, attrs={"verdict": "mostly_true"})
    spans = (
        at(STORY, "Ruth Ames", "PERSON", who),
        at(STORY, "the ferry would run twice a day from May", "QUOTE", who),
        at(STORY, "Ruth Ames", "SOURCE", who),
        at(STORY, "May", "DATE", who),
        at(STORY, "The port board", "ORG", who),
        replace(claim, kind=AnnotationKind.CLAIM),
        at(STORY, "Tom Reyes", "SOURCE", who),
        at(STORY, "Tom Reyes", "PERSON", who),
        at(STORY, "last year", "DATE", who),
    )
    return spans, (RelationDraft(1, 2, "SPEAKER", who), RelationDraft(5, 6, "SOURCE_OF", who))


@pytest.fixture
def story(tmp_path: Path) -> Path:
    path = tmp_path / "story.annotator"
    spans, relations = story_spans("ana")
    with ProjectStore.create(path) as store:
        store.add_articles([ArticleDraft(STORY, "Ferry", spans=spans, relations=relations)])
    return path


def copy_for_dana(story: Path, tmp_path: Path) -> tuple[Path, ProjectStore]:
    """Dana's copy of my project file, open for her to change."""
    folder = tmp_path / "dana"
    folder.mkdir()
    copy = folder / story.name
    shutil.copy(story, copy)
    return copy, ProjectStore.open(copy)


def find(store: ProjectStore, label: str, part: str, who: str = "ana"):
    start = STORY.index(part)
    return next(
        a for a in store.annotations(1) if (a.label, a.start, a.annotator) == (label, start, who)
    )


def test_a_copy_with_one_verdict_change_is_one_disagreement(story: Path, tmp_path: Path) -> None:
    copy, theirs = copy_for_dana(story, tmp_path)
    with theirs:
        claim = find(theirs, "CLAIM", "fares")
        theirs.update_annotation(claim.id, attrs={"verdict": "false"})  # her name is not on it
    with ProjectStore.open(story) as mine:
        result = review_import(mine, copy, "Dana", me="ana")
        assert result.annotators == ["Dana"]
        current = adjudicate.state(mine, 1, me="ana")
        assert current.annotators == ("ana", "Dana")
        [verdict] = current.disagreements
        assert verdict.kind is DisagreementKind.VERDICT
        assert verdict.lines(me="ana")[1] == "Verdict — mine: Mostly true; Dana: False"
        details = project_agreement(mine).pairs[0].details["verdict"]
        assert (details.units, details.agreed) == (1, 0)

        adjudicate.decide(mine, 1, verdict, "take:Dana", "ana")
        (kept,) = [a for a in mine.annotations(1) if a.annotator == REVIEWED and a.label == "CLAIM"]
        assert kept.attrs["verdict"] == "false"
        assert adjudicate.finish(mine, 1, "ana")  # the rest everyone agreed on
        assert len([a for a in mine.annotations(1) if a.annotator == REVIEWED]) == 9
        adjudicate.undo(mine, 1, verdict.key)
        assert not [a for a in mine.annotations(1) if a.annotator == REVIEWED]
        assert find(mine, "CLAIM", "fares").attrs["verdict"] == "mostly_true"


def test_an_unchanged_copy_is_all_agreement(story: Path, tmp_path: Path) -> None:
    """What they kept as it was is agreement, not "mine: X; theirs: nothing"."""
    copy, theirs = copy_for_dana(story, tmp_path)
    theirs.close()
    with ProjectStore.open(story) as mine:
        review_import(mine, copy, "Dana", me="ana")
        current = adjudicate.state(mine, 1, me="ana")
        assert current.annotators == ("ana", "Dana")
        assert current.disagreements == []


def test_a_relation_and_a_label_changed_in_a_copy(story: Path, tmp_path: Path) -> None:
    """Re-linking and relabelling put her name on the link and the span: the file says whose
    it is, and my own name is never taken for hers."""
    copy, theirs = copy_for_dana(story, tmp_path)
    with theirs:
        claim, ames = find(theirs, "CLAIM", "fares"), find(theirs, "SOURCE", "Ruth Ames")
        (link,) = [r for r in theirs.relations(1) if r.head_id == claim.id]
        theirs.delete_relation(link.id)
        theirs.add_relation(claim.id, ames.id, "SOURCE_OF", "dana")
        board = find(theirs, "ORG", "The port board")
        theirs.update_annotation(board.id, label="NORP", annotator="dana", status="accepted")
    with ProjectStore.open(story) as mine:
        result = review_import(mine, copy, me="ana")
        assert result.annotators == ["dana"]
        found = adjudicate.state(mine, 1, me="ana").disagreements
        assert [d.kind for d in found] == [DisagreementKind.LABEL, DisagreementKind.SPEAKER]
        assert (
            found[0].describe(me="ana") == 'mine: ORG "The port board"; dana: NORP "The port board"'
        )
        assert found[1].lines(me="ana")[1] == 'mine: made by "Tom Reyes"; dana: made by "Ruth Ames"'


def test_my_own_name_is_never_a_colleague(story: Path, tmp_path: Path) -> None:
    copy, theirs = copy_for_dana(story, tmp_path)
    theirs.close()
    with ProjectStore.open(story) as mine:
        with pytest.raises(UserError, match="your own name"):
            review_import(mine, copy, "ana", me="ana")
        work = read_colleague(copy)
        assert work.names == ["ana"] and work.needs_name("ana")
        assert not work.needs_name("someone else")  # then "ana" is the colleague
        result = review_import(mine, work, me="ana")  # nobody else named: the file's name
        assert result.annotators == ["story"]
        assert adjudicate.state(mine, 1, me="ana").annotators == ("ana", "story")


def test_the_colleagues_reviewed_layer_stays_out(story: Path, tmp_path: Path) -> None:
    copy, theirs = copy_for_dana(story, tmp_path)
    with theirs:
        theirs.add_annotation(1, at(STORY, "Tom Reyes", "PERSON", REVIEWED))
    with ProjectStore.open(story) as mine:
        review_import(mine, copy, "Dana", me="ana")
        assert not [a for a in mine.annotations(1) if a.annotator == REVIEWED]


def test_the_name_given_for_a_copy_leaves_a_third_colleagues_work_under_theirs(
    story: Path, tmp_path: Path
) -> None:
    """Dana's copy also holds what Eli and Finn drew (she merged their work): the name asked
    for ("Whose work is this?") goes on my annotations and unnamed ones, not on theirs."""
    copy, theirs = copy_for_dana(story, tmp_path)
    with theirs:
        claim = find(theirs, "CLAIM", "fares")
        theirs.update_annotation(claim.id, attrs={"verdict": "false"})
        theirs.add_annotation(1, at(STORY, "Ruth Ames", "PERSON", "eli"))
        theirs.add_annotation(1, at(STORY, "Ruth Ames", "SOURCE", "finn"))
    with ProjectStore.open(story) as mine:
        work = read_colleague(copy)
        assert work.needs_name("ana")
        result = review_import(mine, work, "Dana", me="ana")
        assert result.annotators == ["Dana", "eli", "finn"]
        drawn = {(a.label, a.annotator) for a in mine.annotations(1) if a.start == claim.start}
        assert drawn == {("CLAIM", "ana"), ("CLAIM", "Dana")}
        ames = STORY.index("Ruth Ames")
        assert {a.annotator for a in mine.annotations(1) if a.start == ames} == {
            "ana",
            "Dana",
            "eli",
            "finn",
        }
