"""Import article files into a project: each file all or nothing (or, asked to skip invalid
records, its valid records), the others carry on whatever went wrong with one.

An article whose text is already in the project is not added again (unless asked): the
annotations the file has for it are added to the one already there, leaving out identical ones.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from annotator.domain.model import ArticleDraft
from annotator.domain.text import text_sha256
from annotator.errors import UserError, shown
from annotator.interop.formats import IMPORT_PATTERNS, read_articles
from annotator.interop.reading import SKIP_HINT, Reading, SkippableError
from annotator.store import ProjectStore

__all__ = [
    "IMPORT_PATTERNS",
    "SKIP_HINT",
    "FileResult",
    "ImportReport",
    "import_files",
    "read_articles",
]


@dataclass
class FileResult:
    path: Path
    added: list[tuple[int, str]] = field(default_factory=list)  # (article id, title)
    duplicates: list[tuple[int, str]] = field(default_factory=list)  # (existing id, title)
    merged: int = 0  # annotations (spans and relations) added to articles already there
    skipped: list[str] = field(default_factory=list)  # records the reader left out, and why
    error: str | None = None
    #: The file failed for some bad records among good ones: skip_invalid would import the rest.
    skippable: bool = False


@dataclass
class ImportReport:
    files: list[FileResult] = field(default_factory=list)

    @property
    def failed(self) -> list[FileResult]:
        return [result for result in self.files if result.error]

    @property
    def added_count(self) -> int:
        return sum(len(result.added) for result in self.files)


def import_files(
    store: ProjectStore,
    paths: list[Path],
    *,
    progress: Callable[[int, Path], None] | None = None,
    allow_duplicates: bool = False,
    skip_invalid: bool = False,
) -> ImportReport:
    """Import each file in its own transaction and report what happened to each; with
    `skip_invalid`, a file's bad records are skipped (and listed) instead of failing it."""
    report = ImportReport()
    for index, path in enumerate(paths):
        if progress:
            progress(index, path)
        result = FileResult(path)
        report.files.append(result)
        try:
            reading = _read(path, skip_invalid)
            result.skipped = [shown(reason) for reason in reading.skipped]
            _import_articles(store, reading.articles, result, allow_duplicates)
        except UserError as error:
            result.error = shown(str(error))
            result.skippable = isinstance(error, SkippableError)
        except sqlite3.Error as error:  # the transaction rolled back: nothing of it is stored
            result.error = shown(f"{path}: could not be stored in {store.path} ({error})")
    return report


def _read(path: Path, skip_invalid: bool) -> Reading:
    """What a reader makes of `path`; whatever goes wrong in it is a UserError naming the
    file, so one file's failure never stops the others or the report."""
    try:
        return read_articles(path, skip_invalid=skip_invalid)
    except UserError:
        raise
    except MemoryError:
        raise UserError(f"{path}: too large to import (the computer ran out of memory)") from None
    except RecursionError:
        raise UserError(f"{path}: nested too deeply to read") from None
    except OSError as error:
        raise UserError(f"{path}: cannot be read ({error.strerror or error})") from None
    except Exception as error:  # a reader's bug must not cost the user the other files
        raise UserError(
            f"{path}: could not be imported: {type(error).__name__}: {error} (this is a bug in "
            "annotator; please report it with the file if you can)"
        ) from None


def _import_articles(
    store: ProjectStore, drafts: list[ArticleDraft], result: FileResult, allow_duplicates: bool
) -> None:
    fresh: list[ArticleDraft] = []
    merges: list[tuple[int | str, ArticleDraft]] = []  # (article id, or digest of a new one)
    new_digests: dict[str, int] = {}  # digest -> index in `fresh`
    for draft in drafts:
        digest = text_sha256(draft.text)
        existing = [] if allow_duplicates else store.article_ids_with_hash(digest)
        if existing:
            merges.append((existing[0], draft))
            result.duplicates.append((existing[0], draft.title))
        elif digest in new_digests and not allow_duplicates:
            merges.append((digest, draft))  # the same text twice in one file
            result.duplicates.append((0, draft.title))
        else:
            new_digests[digest] = len(fresh)
            fresh.append(draft)
    with store.transaction():
        ids = store.add_articles(fresh)
        for target, draft in merges:
            article_id = target if isinstance(target, int) else ids[new_digests[target]]
            spans, relations = store.merge_annotations(article_id, draft)
            result.merged += spans + relations
    result.added = [(article_id, draft.title) for article_id, draft in zip(ids, fresh, strict=True)]
