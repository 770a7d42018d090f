"""What an importer hands back for one file (the articles, and the records it left out), and
how the record readers (JSONL, doccano, Label Studio) take a record or say why not."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.domain.model import ArticleDraft
from annotator.errors import UserError
from annotator.interop.files import read_text
from annotator.interop.limits import LimitError, parse_json

#: The refusal names the flag that imports the rest, so a user learns there is a way on.
SKIP_HINT = "; use --skip-invalid to import the other records"


class RecordError(Exception):
    """A problem with one record (a line or a task); the reader adds the file and the place."""


class SkippableError(UserError):
    """A file refused for one bad record among others: importing with skip_invalid takes the
    rest, so the window can offer that instead of naming the command-line flag."""


@dataclass
class Reading:
    articles: list[ArticleDraft]
    #: Records read but deliberately not imported, each with its place and reason
    #: ("line 4: answered reject"); the import report counts and lists them.
    skipped: list[str] = field(default_factory=list)

    def refuse(
        self, error: RecordError, *, place: str, where: str, skip: bool, others: bool
    ) -> None:
        """Skip the bad record (`skip`, listing `where` and why) or refuse the file at `place`
        ("notes.jsonl:4"), naming --skip-invalid when the file has other records."""
        if skip:
            self.skipped.append(f"{where}: {error}")
            return
        if others:
            raise SkippableError(f"{place}: {error}{SKIP_HINT}")
        raise UserError(f"{place}: {error}")


#: A JSONL line: its number in the file (blank lines counted) and its value, or why it has none.
Line = tuple[int, Any]


def json_lines(path: Path) -> list[Line]:
    """Every non-blank line of a JSONL file, parsed; a line that is no JSON holds its
    RecordError, so a reader can skip it or refuse the file at it."""
    lines: list[Line] = []
    # Split on "\n" alone: str.splitlines() also breaks at U+2028, U+2029 and U+0085, which
    # json.dumps(ensure_ascii=False) leaves unescaped inside strings.
    for number, line in enumerate(read_text(path).split("\n"), start=1):
        if not line.strip():
            continue
        try:
            lines.append((number, parse_json(line)))
        except LimitError as error:
            lines.append((number, RecordError(str(error))))
    return lines


def json_object(value: Any) -> dict[str, Any]:
    """A parsed line as an object, or the RecordError saying what is wrong with it."""
    if isinstance(value, RecordError):
        raise value
    if not isinstance(value, dict):
        raise RecordError("each line must be a JSON object")
    return value
