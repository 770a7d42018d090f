"""A stored article longer than spaCy's max_length (1,000,000 characters) crashes no command.

Import refuses such texts, but a project from an older version (or a hostile file) can hold
one: export in every format, suggest and agreement must all work on it. The filler words are
long so the model runs over few tokens and the test stays quick.
"""

import json
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.domain import AnnotationKind, AnnotationStatus, ArticleDraft, SpanDraft
from annotator.nlp.entities import SUGGESTER
from annotator.store import ProjectStore

OPENING = "Katrin Müller, the mayor of Aldermouth, spoke to the council on Monday.\n\n"
FILLER = " ".join(["harbour" * 140] * 10) + "\n\n"
CLOSING = '"We will reopen the harbour," Claire Ashdown said in Marrowick on Friday.'
TEXT = OPENING + FILLER * (1_200_000 // len(FILLER) + 1) + CLOSING
ASHDOWN = (TEXT.index("Claire"), TEXT.index(" said in"))


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One long article that two people annotated (the same person, different labels), and
    a fact-checked claim at its start."""
    assert len(TEXT) > 1_200_000
    path = tmp_path_factory.mktemp("long") / "long.annotator"
    with ProjectStore.create(path) as store:
        entity, accepted = AnnotationKind.ENTITY, AnnotationStatus.ACCEPTED
        claim = (0, len(OPENING.strip()), "CLAIM", AnnotationKind.CLAIM, accepted, "alice")
        spans = (
            SpanDraft(*ASHDOWN, "PERSON", entity, accepted, "alice"),
            SpanDraft(*ASHDOWN, "ORG", entity, accepted, "bob"),
            SpanDraft(*claim, {"verdict": "false"}),
        )
        store.add_articles([ArticleDraft(text=TEXT, title="Long", language="en", spans=spans)])
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> str:
    code = main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "Traceback" not in err
    return out


@pytest.mark.parametrize(
    "args",
    [
        ["-o", "out.jsonl"],
        ["-o", "out.jsonl", "--with-tokens"],
        ["-o", "out.spacy"],
        ["-o", "out.csv"],
        ["--format", "claimreview", "-o", "out.json"],
    ],
    ids=["jsonl", "jsonl-tokens", "spacy", "csv", "claimreview"],
)
def test_export_in_every_format(project, tmp_path, capsys, args):
    args = [str(tmp_path / arg) if arg.startswith("out.") else arg for arg in args]
    assert "Exported 1 article(s)" in run(capsys, "export", project, *args)
    out = Path(args[args.index("-o") + 1])
    if out.suffix == ".spacy":
        from spacy.tokens import DocBin

        from annotator.nlp.tokens import tokenizer

        (doc,) = DocBin().from_bytes(out.read_bytes()).get_docs(tokenizer("en").vocab)
        assert doc.text == TEXT
        assert ASHDOWN in [(e.start_char, e.end_char) for e in doc.ents]
    elif out.suffix == ".jsonl":
        (record,) = map(json.loads, out.read_text(encoding="utf-8").splitlines())
        assert record["text"] == TEXT
        spans = {(s["start"], s["end"]): s for s in record["spans"]}
        assert ASHDOWN in spans
        if "--with-tokens" in args:
            tokens = record["tokens"]
            assert tokens[spans[ASHDOWN]["token_start"]]["start"] == ASHDOWN[0]
            assert tokens[spans[ASHDOWN]["token_end"]]["end"] == ASHDOWN[1]
    elif out.suffix == ".json":
        (review,) = json.loads(out.read_text(encoding="utf-8"))
        assert review["claimReviewed"] == OPENING.strip()
    else:
        assert "Claire Ashdown" in out.read_text(encoding="utf-8")


def test_agreement(project, capsys):
    figures = json.loads(run(capsys, "agreement", project, "--json"))
    assert figures["annotators"] == ["alice", "bob"]
    assert figures["articles"] == 1


def test_suggest_runs_the_model_in_pieces_with_the_articles_offsets(project, capsys):
    assert "in 1 article(s)" in run(capsys, "suggest", project)
    with ProjectStore.open(project) as store:
        assert store.suggestion_run(1, SUGGESTER).model is not None
        suggested = {
            (TEXT[a.start : a.end], a.label, a.kind)
            for a in store.annotations(1)
            if a.status is AnnotationStatus.SUGGESTED
        }
    assert ("Katrin Müller", "PERSON", AnnotationKind.ENTITY) in suggested
    assert ("Marrowick", "GPE", AnnotationKind.ENTITY) in suggested
    assert ('"We will reopen the harbour,"', "QUOTE", AnnotationKind.QUOTE) in suggested
    assert ("Claire Ashdown", "SOURCE", AnnotationKind.SOURCE) in suggested
