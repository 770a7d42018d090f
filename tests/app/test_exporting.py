"""Exports: the format chosen by name or extension, memory that does not grow with the
project (articles are read and written one at a time), a project never written over, and an
export interrupted or killed half-way leaving the previous file as it was and nothing else."""

import os
import signal
import subprocess
import sys
import textwrap
import tracemalloc
from pathlib import Path

import pytest

from annotator.app.exporting import FORMATS, export, format_for
from annotator.domain import AnnotationKind, ArticleDraft, SpanDraft
from annotator.errors import UserError
from annotator.interop.files import anonymous_files_supported
from annotator.interop.selection import Selection
from annotator.store import ProjectStore


@pytest.mark.parametrize(
    ("name", "requested", "expected"),
    [
        ("out.jsonl", None, "jsonl"),
        ("out.spacy", None, "spacy"),
        ("OUT.CSV", None, "csv"),
        ("out.json", None, "jsonl"),  # ClaimReview only when asked for by name
        ("out.txt", "claimreview", "claimreview"),
    ],
)
def test_format_by_name_or_extension(name: str, requested: str | None, expected: str) -> None:
    assert format_for(Path(name), requested) == expected


def test_unknown_format_is_refused() -> None:
    with pytest.raises(UserError, match="unknown export format 'xml'"):
        format_for(Path("out.xml"), "xml")
    assert set(FORMATS) == {"jsonl", "spacy", "csv", "claimreview"}


PARAGRAPH = (
    "Councillor Ruth Ames said the ferry would run twice a day from May, and the harbour "
    "board confirmed that 14,000 passengers used it last year. "
)


def project_with(path: Path, articles: int) -> ProjectStore:
    store = ProjectStore.create(path)
    text = PARAGRAPH * 20
    spans = (
        *(SpanDraft(i * len(PARAGRAPH) + 11, i * len(PARAGRAPH) + 20, "PERSON") for i in range(20)),
        SpanDraft(0, len(PARAGRAPH) - 1, "CLAIM", kind=AnnotationKind.CLAIM),
    )
    store.add_articles(
        ArticleDraft(text=f"{n}. {text}"[: len(text)], title=f"Ferry {n}", spans=spans)
        for n in range(articles)
    )
    return store


def peak_export_memory(store: ProjectStore, out: Path, fmt: str) -> int:
    tracemalloc.start()
    try:
        export(store, out, fmt, Selection())
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_export_memory_does_not_grow_with_the_project(tmp_path: Path, fmt: str) -> None:
    with project_with(tmp_path / "small.annotator", 20) as small:
        export(small, tmp_path / "warm", fmt, Selection())  # load the tokenizer once
        small_peak = peak_export_memory(small, tmp_path / "small.out", fmt)
    with project_with(tmp_path / "large.annotator", 160) as large:
        large_peak = peak_export_memory(large, tmp_path / "large.out", fmt)
    assert large_peak < 2 * small_peak, (small_peak, large_peak)


# -- never over the project ------------------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "ferry.annotator"
    project_with(path, 2).close()
    return path


def refused_export(project: Path, out: Path, fmt: str = "jsonl") -> str:
    """The message an export to `out` is refused with; the project is byte-identical after."""
    before = project.read_bytes()
    with ProjectStore.open(project) as store, pytest.raises(UserError) as error:
        export(store, out, fmt, Selection())
    assert project.read_bytes() == before
    message = str(error.value)
    assert message.startswith(f"{out}: ") and "\n" not in message
    return message


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_export_onto_its_own_project_is_refused(project: Path, fmt: str) -> None:
    """`annotator export P.annotator -o P.annotator` used to replace the project with JSONL."""
    message = refused_export(project, project, fmt)
    assert "is the project itself" in message
    with ProjectStore.open(project) as store:
        assert store.article_count() == 2


@pytest.mark.parametrize("spelling", ["relative", "symlink", "hard-link"])
def test_the_project_under_another_name(
    project: Path, spelling: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = project.parent
    if spelling == "relative":
        (folder / "sub").mkdir()
        monkeypatch.chdir(folder / "sub")
        out = Path("..") / "sub" / ".." / project.name
    elif spelling == "symlink":
        out = folder / "export.jsonl"
        out.symlink_to(project)
    else:
        out = folder / "export.jsonl"
        os.link(project, out)
    assert "is the project itself" in refused_export(project, out)


@pytest.mark.parametrize("companion", ["-wal", "-shm", "-journal"])
def test_the_projects_companion_files_are_refused(project: Path, companion: str) -> None:
    out = project.with_name(project.name + companion)
    message = refused_export(project, out)
    assert f"is the {companion[1:]} file of the database {project}" in message


def test_another_project_is_refused(project: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.annotator"
    project_with(other, 1).close()
    before = other.read_bytes()
    assert "is an SQLite database" in refused_export(project, other, "csv")
    assert other.read_bytes() == before


# -- interrupted and killed exports ----------------------------------------------------------

#: Runs `annotator export`, with the CSV writer stopping for good after 100 rows (so that 20 KB
#: are in the new file already) and saying so on stdout.
CHILD = textwrap.dedent(
    """
    import sys, time
    from annotator import cli
    from annotator.interop import csvfile, files

    if sys.argv[3] == "named":
        files.anonymous_files_supported = lambda: False
    real_row, rows = csvfile.row, []

    def slow_row(*args):
        rows.append(args)
        if len(rows) == 100:
            print("writing", flush=True)
            time.sleep(600)
        return real_row(*args)

    csvfile.row = slow_row
    sys.exit(cli.main(["export", sys.argv[1], "-o", sys.argv[2]]))
    """
)


def export_in_a_child(project: Path, out: Path, temporary: str) -> subprocess.Popen[str]:
    """An export stopped half-way through writing `out`, ready to be killed."""
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(project), str(out), temporary],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    if child.stdout.readline() != "writing\n":
        child.kill()
        pytest.fail(f"the export did not start writing: {child.communicate()}")
    return child


def open_files_in(child: subprocess.Popen[str], folder: Path) -> list[str]:
    """What the child has open in `folder`, as /proc shows it."""
    fds = Path(f"/proc/{child.pid}/fd")
    links = (os.readlink(fd) for fd in fds.iterdir())
    return [link for link in links if link.startswith(f"{folder}/")]


@pytest.fixture
def export_folder(tmp_path: Path) -> Path:
    """A folder with last week's export in it, and nothing else."""
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "ferry.csv").write_bytes(b"last week's export\n")
    return folder


@pytest.mark.skipif(not anonymous_files_supported(), reason="needs O_TMPFILE and /proc")
def test_a_killed_export_leaves_only_the_previous_file(tmp_path: Path, export_folder: Path) -> None:
    """SIGKILL runs no clean-up; the new file has no name until it is complete."""
    project = tmp_path / "ferry.annotator"
    project_with(project, 20).close()
    child = export_in_a_child(project, export_folder / "ferry.csv", "anonymous")
    try:
        (open_file,) = open_files_in(child, export_folder)
        assert open_file.endswith(" (deleted)")  # written to, but no name in the folder
        assert os.listdir(export_folder) == ["ferry.csv"]
    finally:
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL
    assert os.listdir(export_folder) == ["ferry.csv"]
    assert (export_folder / "ferry.csv").read_bytes() == b"last week's export\n"


@pytest.mark.parametrize("temporary", ["anonymous", "named"])
def test_a_terminated_export_cleans_up(tmp_path: Path, export_folder: Path, temporary: str) -> None:
    """SIGTERM (what `kill` and a logout send) is handled like Ctrl+C: the temporary file is
    removed, exit status 143."""
    if temporary == "anonymous" and not anonymous_files_supported():
        pytest.skip("needs O_TMPFILE and /proc")
    project = tmp_path / "ferry.annotator"
    project_with(project, 20).close()
    child = export_in_a_child(project, export_folder / "ferry.csv", temporary)
    if temporary == "named":
        assert len(os.listdir(export_folder)) == 2  # ferry.csv and the hidden temporary file
    child.send_signal(signal.SIGTERM)
    _, err = child.communicate(timeout=30)
    assert child.returncode == 143
    assert err == "annotator: terminated\n"
    assert os.listdir(export_folder) == ["ferry.csv"]
    assert (export_folder / "ferry.csv").read_bytes() == b"last week's export\n"
