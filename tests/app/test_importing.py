"""import_files: each file all or nothing, bad files reported, the others imported."""

import json
import sqlite3
from pathlib import Path

import pytest

from annotator.app import importing
from annotator.app.importing import IMPORT_PATTERNS, import_files, read_articles
from annotator.errors import UserError
from annotator.store import ProjectStore


@pytest.fixture
def store(tmp_path: Path):
    with ProjectStore.create(tmp_path / "import.annotator") as store:
        yield store


def jsonl(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def record(text: str, **extra: object) -> str:
    return json.dumps({"text": text, **extra}, ensure_ascii=False)


def snapshot(store: ProjectStore) -> tuple:
    """Everything an import could change, to compare before and after a failure."""
    return (
        [(a.id, a.title, a.text) for a in store.articles()],
        store.db.execute("SELECT * FROM annotations ORDER BY id").fetchall(),
    )


def test_good_and_bad_files(store: ProjectStore, tmp_path: Path) -> None:
    """Good files are imported, bad ones land in report.failed with their message."""
    good_txt = tmp_path / "good.txt"
    good_txt.write_text("Harbour cranes idle\n\nNo ships came in.\n", encoding="utf-8")
    good_md = tmp_path / "good.md"
    good_md.write_text("---\ntitle: Front matter\n---\nBody of the md.\n", encoding="utf-8")
    good_jsonl = jsonl(
        tmp_path / "good.jsonl",
        record("Müller 🚲 rides.", spans=[{"start": 0, "end": 6, "label": "PERSON"}]),
        record("Second line article."),
    )
    bad_md = tmp_path / "bad.md"
    bad_md.write_text("# Broken\n\n" + "Para.\n" * 1500 + "A NUL\x00 here.\n", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    unknown = tmp_path / "table.csv"
    unknown.write_text("a,b\n1,2\n", encoding="utf-8")

    report = import_files(store, [good_txt, bad_md, good_jsonl, missing, unknown, good_md])

    assert [r.path for r in report.failed] == [bad_md, missing, unknown]
    assert all(str(r.path) in (r.error or "") for r in report.failed)
    assert f"{bad_md}:1503: the article text holds a NUL" in (report.failed[0].error or "")
    assert ".csv" in (report.failed[2].error or "")
    assert report.added_count == 4
    assert [title for r in report.files for _, title in r.added] == [
        "Harbour cranes idle",
        "Müller 🚲 rides.",
        "Second line article.",
        "Front matter",
    ]
    assert store.article_count() == 4
    (jsonl_article_id, _) = report.files[2].added[0]
    (annotation,) = store.annotations(jsonl_article_id)
    assert annotation.text_in(store.article(jsonl_article_id).text) == "Müller"
    assert store.db["articles"].get(jsonl_article_id)["source"] == "good.jsonl"


def test_broken_third_line_imports_nothing_from_that_file(
    store: ProjectStore, tmp_path: Path
) -> None:
    """All or nothing per file: two good lines before a broken one are not imported either."""
    store.add_articles(
        read_articles(jsonl(tmp_path / "seed.jsonl", record("Already there."))).articles
    )
    before = snapshot(store)
    path = jsonl(
        tmp_path / "third.jsonl",
        record("First article.", spans=[{"start": 0, "end": 5, "label": "X"}]),
        record("Second article."),
        '{"text": "Third article.',
        record("Fourth article."),
    )
    report = import_files(store, [path])
    (failed,) = report.failed
    assert failed.error is not None
    assert failed.error.startswith(f"{path}:3: ")
    assert failed.added == []
    assert report.added_count == 0
    assert store.article_count() == 1
    assert snapshot(store) == before


def test_failed_file_changes_nothing(store: ProjectStore, tmp_path: Path) -> None:
    for name, content in [
        ("empty.jsonl", b""),
        ("binary.txt", b"\x00\x01\x02"),
        ("undecodable.md", bytes(range(128, 256)) * 4),
        ("span.jsonl", b'{"text": "abc", "spans": [{"start": 0, "end": 9, "label": "X"}]}\n'),
    ]:
        (tmp_path / name).write_bytes(content)
        before = snapshot(store)
        report = import_files(store, [tmp_path / name])
        assert len(report.failed) == 1, name
        assert snapshot(store) == before, name


def test_duplicate_text_is_skipped(store: ProjectStore, tmp_path: Path) -> None:
    """A text already in the project, or repeated in one file, is not added twice."""
    first = tmp_path / "first.txt"
    first.write_text("Harbour cranes idle\n\nNo ships came in.\n", encoding="utf-8")
    (first_id, _) = import_files(store, [first]).files[0].added[0]

    same_crlf = tmp_path / "same.txt"  # the same text once line endings are normalised
    same_crlf.write_bytes(b"Harbour cranes idle\r\n\r\nNo ships came in.\r\n")
    repeated = jsonl(tmp_path / "rep.jsonl", record("New one."), record("New one."))

    report = import_files(store, [first, same_crlf, repeated])
    assert report.failed == []
    assert report.files[0].added == []
    assert report.files[0].duplicates == [(first_id, "Harbour cranes idle")]
    assert report.files[1].duplicates == [(first_id, "Harbour cranes idle")]
    assert report.files[2].duplicates == [(0, "New one.")]
    assert len(report.files[2].added) == 1
    assert store.article_count() == 2


def test_progress_is_called_per_file(store: ProjectStore, tmp_path: Path) -> None:
    paths = [tmp_path / "a.txt", tmp_path / "b.txt"]
    for path in paths:
        path.write_text(f"Text of {path.name}\n", encoding="utf-8")
    calls: list[tuple[int, Path]] = []
    import_files(store, paths, progress=lambda index, path: calls.append((index, path)))
    assert calls == [(0, paths[0]), (1, paths[1])]


def test_suffix_is_case_insensitive_and_unknown_refused(tmp_path: Path) -> None:
    upper = tmp_path / "STORY.TXT"
    upper.write_text("Some story text.\n", encoding="utf-8")
    assert read_articles(upper).articles[0].text == "Some story text.\n"
    with pytest.raises(UserError, match="no extension"):
        read_articles(tmp_path / "README")
    assert set(IMPORT_PATTERNS) >= {"*.txt", "*.md", "*.jsonl"}


def spans_of(store: ProjectStore, article_id: int) -> list[tuple]:
    return sorted((a.start, a.end, a.label, a.annotator) for a in store.annotations(article_id))


def test_annotations_for_an_article_already_there_are_merged(
    store: ProjectStore, tmp_path: Path
) -> None:
    """A colleague's file for the same text adds its annotations, not a second article, and
    annotations identical to ones already there are not added again."""
    text = "Nadia Okafor said the ward would reopen."
    person = {"start": 0, "end": 12, "label": "PERSON", "annotator": "ana"}
    quote = {"start": 18, "end": 39, "label": "QUOTE", "annotator": "ana"}
    mine = jsonl(tmp_path / "mine.jsonl", record(text, spans=[person]))
    (article_id, _) = import_files(store, [mine]).files[0].added[0]

    theirs = jsonl(
        tmp_path / "theirs.jsonl",
        record(
            text,
            spans=[{**person, "id": 1}, {**quote, "id": 2}],
            relations=[{"head_id": 2, "child_id": 1, "label": "SPEAKER"}],
        ),
    )
    report = import_files(store, [theirs])
    (result,) = report.files
    assert result.added == [] and result.duplicates == [(article_id, result.duplicates[0][1])]
    assert result.merged == 2  # the quote and the relation; the person was there already
    assert store.article_count() == 1
    assert spans_of(store, article_id) == [(0, 12, "PERSON", "ana"), (18, 39, "QUOTE", "ana")]
    assert [r.label for r in store.relations(article_id)] == ["SPEAKER"]

    again = import_files(store, [theirs]).files[0]  # nothing new the second time
    assert again.merged == 0
    assert len(store.annotations(article_id)) == 2


def test_allow_duplicates_imports_the_same_text_again(store: ProjectStore, tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("Harbour cranes idle\n\nNo ships came in.\n", encoding="utf-8")
    import_files(store, [path])
    report = import_files(store, [path], allow_duplicates=True)
    assert len(report.files[0].added) == 1
    assert store.article_count() == 2


def test_skipped_records_are_reported(store: ProjectStore, tmp_path: Path) -> None:
    path = jsonl(
        tmp_path / "prodigy.jsonl",
        record("Kept task.", answer="accept"),
        record("Rejected task.", answer="reject"),
    )
    (result,) = import_files(store, [path]).files
    assert len(result.added) == 1
    assert result.skipped == ["line 2: answered reject"]


def test_one_file_fails_as_a_whole_even_when_merging(store: ProjectStore, tmp_path: Path) -> None:
    """A file with annotations for an existing article and a broken line changes nothing."""
    jsonl(tmp_path / "seed.jsonl", record("Already there."))
    import_files(store, [tmp_path / "seed.jsonl"])
    before = snapshot(store)
    path = jsonl(
        tmp_path / "mixed.jsonl",
        record("Already there.", spans=[{"start": 0, "end": 7, "label": "X"}]),
        record("Brand new.", spans=[{"start": 0, "end": 99, "label": "X"}]),
    )
    (result,) = import_files(store, [path]).files
    assert result.error is not None and f"{path}:2:" in result.error
    assert snapshot(store) == before


def test_a_readers_unexpected_error_fails_only_its_file(
    store: ProjectStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever a reader raises becomes that file's one-line error; the files after it are
    imported and the report is complete."""
    first, broken, last = (tmp_path / f"{name}.txt" for name in ("first", "broken", "last"))
    for path in (first, broken, last):
        path.write_text(f"The {path.stem} article.\n", encoding="utf-8")
    read = importing.read_articles

    def flaky(path: Path, **options: bool):
        if path == broken:
            raise KeyError("title")
        return read(path, **options)

    monkeypatch.setattr(importing, "read_articles", flaky)
    report = import_files(store, [first, broken, last])
    assert [r.path for r in report.failed] == [broken]
    assert report.failed[0].error == (
        f"{broken}: could not be imported: KeyError: 'title' (this is a bug in annotator; "
        "please report it with the file if you can)"
    )
    assert report.added_count == 2


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (MemoryError(), "too large to import (the computer ran out of memory)"),
        (RecursionError(), "nested too deeply to read"),
        (PermissionError(13, "Permission denied"), "cannot be read (Permission denied)"),
    ],
)
def test_known_failures_have_their_own_message(
    store: ProjectStore,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    error: BaseException,
    expected: str,
) -> None:
    path = tmp_path / "any.txt"

    def failing(_: Path, **options: bool) -> None:
        raise error

    monkeypatch.setattr(importing, "read_articles", failing)
    (result,) = import_files(store, [path]).files
    assert result.error == f"{path}: {expected}"


def test_skip_invalid_imports_the_valid_records(store: ProjectStore, tmp_path: Path) -> None:
    path = jsonl(
        tmp_path / "tasks.jsonl",
        record("First task."),
        record(""),
        record("Third task.", spans=[{"start": 0, "end": 5, "label": "X", "attrs": []}]),
        record("Fourth task."),
    )
    before = snapshot(store)
    (refused,) = import_files(store, [path]).files
    assert refused.error == (
        f'{path}:2: needs a non-empty "text" string; use --skip-invalid to import the other records'
    )
    assert snapshot(store) == before
    (result,) = import_files(store, [path], skip_invalid=True).files
    assert result.error is None
    assert [title for _, title in result.added] == ["First task.", "Fourth task."]
    assert result.skipped == [
        'line 2: needs a non-empty "text" string',
        'line 3: span 1: "attrs" must be an object, not a list',
    ]


def test_what_is_imported_every_exporter_can_write(store: ProjectStore, tmp_path: Path) -> None:
    """attrs of the types the exporters read: CSV and ClaimReview of the import work."""
    from annotator.interop.claimreview import write_claimreview
    from annotator.interop.csvfile import write_csv
    from annotator.interop.selection import Selection

    claim = {
        "start": 0,
        "end": 21,
        "label": "CLAIM",
        "attrs": {"verdict": "false", "evidence": ["https://a.example"], "extra": [1, {"a": None}]},
    }
    path = jsonl(tmp_path / "claims.jsonl", record("Rents doubled in 2025.", spans=[claim]))
    assert import_files(store, [path]).failed == []
    assert write_csv(store, tmp_path / "out.csv", Selection()) == 1
    write_claimreview(store, tmp_path / "out.json", Selection(), publisher="Desk")
    reviews = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert reviews[0]["reviewRating"]["alternateName"] == "False"


def test_a_stored_error_is_the_files_error(
    store: ProjectStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Should the store refuse what the readers let through, the file fails, not the run."""
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("First article.\n", encoding="utf-8")
    second.write_text("Second article.\n", encoding="utf-8")
    add = store.add_articles

    def refusing(drafts):
        drafts = list(drafts)
        if drafts and drafts[0].text.startswith("First"):
            raise sqlite3.IntegrityError("CHECK constraint failed")
        return add(drafts)

    monkeypatch.setattr(store, "add_articles", refusing)
    report = import_files(store, [first, second])
    assert report.failed[0].error == (
        f"{first}: could not be stored in {store.path} (CHECK constraint failed)"
    )
    assert report.added_count == 1
