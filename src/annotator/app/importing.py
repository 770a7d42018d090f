"""Import article files into a project: each file all or nothing, the others carry on."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from annotator.domain.model import ArticleDraft
from annotator.domain.text import text_sha256
from annotator.errors import UserError
from annotator.interop.jsonl import read_jsonl
from annotator.interop.plaintext import read_plaintext
from annotator.store import ProjectStore

READERS: dict[str, Callable[[Path], list[ArticleDraft]]] = {
    ".txt": read_plaintext,
    ".md": read_plaintext,
    ".markdown": read_plaintext,
    ".jsonl": read_jsonl,
}

#: For file dialogs: the patterns of every format we import.
IMPORT_PATTERNS = tuple(f"*{suffix}" for suffix in READERS)


@dataclass
class FileResult:
    path: Path
    added: list[tuple[int, str]] = field(default_factory=list)  # (article id, title)
    duplicates: list[tuple[int, str]] = field(default_factory=list)  # (existing id, title)
    error: str | None = None


@dataclass
class ImportReport:
    files: list[FileResult] = field(default_factory=list)

    @property
    def failed(self) -> list[FileResult]:
        return [result for result in self.files if result.error]

    @property
    def added_count(self) -> int:
        return sum(len(result.added) for result in self.files)


def read_articles(path: Path) -> list[ArticleDraft]:
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        known = ", ".join(READERS)
        raise UserError(
            f"{path}: unknown format {path.suffix or '(no extension)'!r}; annotator imports {known}"
        )
    return reader(path)


def import_files(
    store: ProjectStore,
    paths: list[Path],
    *,
    progress: Callable[[int, Path], None] | None = None,
) -> ImportReport:
    """Import each file in its own transaction; a text already in the project is skipped."""
    report = ImportReport()
    for index, path in enumerate(paths):
        if progress:
            progress(index, path)
        result = FileResult(path)
        report.files.append(result)
        try:
            drafts = read_articles(path)
            fresh: list[ArticleDraft] = []
            seen: set[str] = set()
            for draft in drafts:
                digest = text_sha256(draft.text)
                existing = store.article_ids_with_hash(digest)
                if existing or digest in seen:
                    result.duplicates.append((existing[0] if existing else 0, draft.title))
                else:
                    seen.add(digest)
                    fresh.append(draft)
            ids = store.add_articles(fresh)
        except UserError as error:
            result.error = str(error)
            continue
        result.added = [
            (article_id, draft.title) for article_id, draft in zip(ids, fresh, strict=True)
        ]
    return report
