"""spaCy DocBin export: loads back with spaCy, resolves entity overlaps by a fixed rule, keeps
every kind in span groups with relations and metadata, and trains with `spacy train`."""

from pathlib import Path

import pytest

from annotator.domain import AnnotationKind, AnnotationStatus, ArticleDraft, SpanDraft
from annotator.domain.labels import SOURCE_OF, SPEAKER
from annotator.domain.model import RelationDraft
from annotator.errors import UserError
from annotator.interop.docbin import write_docbin
from annotator.interop.selection import Selection
from annotator.store import ProjectStore

HARBOUR = (
    "Mara Lindqvist told the Harbour Council that ferry fares rose by 40 percent last spring. "
    '"We cannot keep paying this," said Jonas Eberhardt.'
)
QUIET = "Nothing much happened on the island of Vellmar this week."
CLAIM_ONLY = "The new pier will cost less than the old one, the mayor said."


def at(text: str, part: str, label: str, kind=AnnotationKind.ENTITY, **extra) -> SpanDraft:
    start = text.index(part)
    return SpanDraft(start, start + len(part), label, kind, **extra)


def harbour_draft() -> ArticleDraft:
    text = HARBOUR
    spans = (
        at(text, "Mara Lindqvist", "PERSON", annotator="ana"),  # 0
        at(text, "Harbour Council", "ORG"),  # 1: inside the longer span 2
        at(text, "the Harbour Council", "ORG"),  # 2: the longest wins
        at(text, "40 percent", "PERCENT"),  # 3: two tokens, starts first: wins the tie
        at(text, "percent last", "DATE"),  # 4: two tokens, starts later: dropped
        at(text, "ferry fares rose by 40 percent last spring", "CLAIM", AnnotationKind.CLAIM),
        at(text, "Mara Lindqvist", "SOURCE", AnnotationKind.SOURCE),  # 6
        at(text, "cannot keep pay", "QUOTE", AnnotationKind.QUOTE),  # 7: ends inside "paying"
        at(text, "Jonas Eberhardt", "SOURCE", AnnotationKind.SOURCE),  # 8
        at(text, "Eberhardt", "PERSON", status=AnnotationStatus.SUGGESTED),  # not decided
        at(text, "spring", "DATE", status=AnnotationStatus.REJECTED),
    )
    relations = (
        RelationDraft(5, 6, SOURCE_OF, annotator="ana"),
        RelationDraft(7, 8, SPEAKER),
    )
    return ArticleDraft(
        text=text,
        title="Fares at the harbour",
        outlet="The Vellmar Tide",
        url="https://tide.example/fares",
        published="2026-03-02",
        spans=spans,
        relations=relations,
    )


@pytest.fixture
def store(tmp_path: Path):
    store = ProjectStore.create(tmp_path / "harbour.annotator")
    store.add_articles(
        [
            harbour_draft(),
            ArticleDraft(text=QUIET, title="Quiet week"),
            ArticleDraft(
                text=CLAIM_ONLY,
                title="Pier",
                spans=(at(CLAIM_ONLY, "The new pier", "CLAIM", AnnotationKind.CLAIM),),
            ),
        ]
    )
    yield store
    store.close()


def load(path: Path) -> list:
    import spacy
    from spacy.tokens import DocBin

    return list(DocBin().from_disk(path).get_docs(spacy.blank("en").vocab))


def texts(spans) -> list[tuple[str, str]]:
    return [(span.text, span.label_) for span in spans]


def test_docbin_loads_back_with_entities_spans_and_user_data(store, tmp_path: Path) -> None:
    out = tmp_path / "train.spacy"
    assert write_docbin(store, out, Selection()) == 2  # the article with nothing is left out
    harbour, pier = load(out)
    assert harbour.text == HARBOUR
    assert texts(harbour.ents) == [
        ("Mara Lindqvist", "PERSON"),
        ("the Harbour Council", "ORG"),  # longest wins over "Harbour Council"
        ("40 percent", "PERCENT"),  # equally long: the earlier beats "percent last"
    ]
    assert set(harbour.spans) == {"entity", "claim", "quote", "source", "sc"}
    assert texts(harbour.spans["entity"]) == [  # span groups keep the overlaps
        ("Mara Lindqvist", "PERSON"),
        ("the Harbour Council", "ORG"),
        ("Harbour Council", "ORG"),
        ("40 percent", "PERCENT"),
        ("percent last", "DATE"),
    ]
    assert texts(harbour.spans["claim"]) == [
        ("ferry fares rose by 40 percent last spring", "CLAIM")
    ]
    assert texts(harbour.spans["quote"]) == [("cannot keep paying", "QUOTE")]  # expanded
    assert texts(harbour.spans["source"]) == [
        ("Mara Lindqvist", "SOURCE"),
        ("Jonas Eberhardt", "SOURCE"),
    ]
    assert len(harbour.spans["sc"]) == 9  # suggested and rejected spans stay out
    assert harbour.user_data["article"] == {
        "id": 1,
        "title": "Fares at the harbour",
        "outlet": "The Vellmar Tide",
        "url": "https://tide.example/fares",
        "published": "2026-03-02",
    }
    claim, mara = harbour.spans["claim"][0], harbour.spans["source"][0]
    quote, jonas = harbour.spans["quote"][0], harbour.spans["source"][1]
    assert harbour.user_data["relations"] == (  # msgpack reads lists back as tuples
        {
            "head": (claim.start, claim.end),
            "child": (mara.start, mara.end),
            "label": SOURCE_OF,
            "annotator": "ana",
        },
        {
            "head": (quote.start, quote.end),
            "child": (jonas.start, jonas.end),
            "label": SPEAKER,
            "annotator": None,
        },
    )
    # Tokens outside an entity are "outside" where entities were marked ...
    assert harbour[2].ent_iob_ == "O"
    # ... and missing where the article has no entity annotation at all.
    assert pier.ents == ()
    assert {token.ent_iob_ for token in pier} == {""}
    assert texts(pier.spans["claim"]) == [("The new pier", "CLAIM")]
    assert list(pier.spans["entity"]) == []


def test_suggestions_are_exported_when_asked(store, tmp_path: Path) -> None:
    out = tmp_path / "all.spacy"
    write_docbin(store, out, Selection(include_suggestions=True))
    harbour, _ = load(out)
    assert ("Eberhardt", "PERSON") in texts(harbour.spans["entity"])


def test_a_failed_export_leaves_the_old_file(
    store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from spacy.tokens import DocBin

    out = tmp_path / "train.spacy"
    out.write_bytes(b"previous export")

    def broken(self: DocBin) -> bytes:
        raise RuntimeError("disk trouble")

    monkeypatch.setattr(DocBin, "to_bytes", broken)
    with pytest.raises(RuntimeError):
        write_docbin(store, out, Selection())
    assert out.read_bytes() == b"previous export"
    assert [p.name for p in tmp_path.iterdir() if "spacy" in p.name] == ["train.spacy"]


def test_missing_folder_is_a_user_error(store, tmp_path: Path) -> None:
    with pytest.raises(UserError, match="does not exist"):
        write_docbin(store, tmp_path / "nowhere" / "train.spacy", Selection())


SENTENCES = [
    ("Mara Lindqvist visited Vellmar on Monday.", [("Mara Lindqvist", "PERSON")]),
    ("The Harbour Council met Jonas Eberhardt.", [("Harbour Council", "ORG")]),
    ("Officials in Vellmar praised Mara Lindqvist.", [("Mara Lindqvist", "PERSON")]),
    ("Jonas Eberhardt wrote to the Harbour Council.", [("Jonas Eberhardt", "PERSON")]),
]


def test_spacy_train_reads_the_export(tmp_path: Path) -> None:
    """One short `spacy train` run on an export: the file is real training data."""
    import spacy
    from spacy.cli.init_config import init_config
    from spacy.cli.train import train

    with ProjectStore.create(tmp_path / "small.annotator") as store:
        store.add_articles(
            ArticleDraft(
                text=text,
                title=text[:20],
                spans=tuple(at(text, part, label) for part, label in marked),
            )
            for text, marked in SENTENCES
        )
        corpus = tmp_path / "corpus.spacy"
        assert write_docbin(store, corpus, Selection()) == len(SENTENCES)
    config = init_config(lang="en", pipeline=["ner"])
    config_path = tmp_path / "config.cfg"
    config.to_disk(config_path)
    train(
        config_path,
        tmp_path / "model",
        overrides={
            "paths.train": str(corpus),
            "paths.dev": str(corpus),
            "training.max_epochs": 1,
            "training.max_steps": 8,
            "training.eval_frequency": 4,
        },
    )
    nlp = spacy.load(tmp_path / "model" / "model-last")
    assert set(nlp.get_pipe("ner").labels) == {"PERSON", "ORG"}
