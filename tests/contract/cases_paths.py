"""Corpus cases about the files themselves, whatever their format: unknown extensions, folders,
missing files, links, names that are not UTF-8 or hold a line break, the project itself, and
imports of several files where some fail (the others still import, with a summary)."""

from __future__ import annotations

from pathlib import Path

from .case import Case, Writer, dumps, file, lines, several, unique
from .cases_jsonl import FIRST, GOOD, with_span
from .cases_plaintext import ARTICLE
from .harness import PROJECT_NAME


def folder_named(name: str) -> Writer:
    def write(folder: Path) -> list[Path]:
        path = folder / name
        path.mkdir()
        (path / "story.txt").write_text(ARTICLE, encoding="utf-8")
        return [path]

    return write


def missing(name: str) -> Writer:
    def write(folder: Path) -> list[Path]:
        return [folder / name]

    return write


def link(name: str, target: str, content: str | None) -> Writer:
    """A symbolic link to `target` (written with `content`, or left dangling)."""

    def write(folder: Path) -> list[Path]:
        if content is not None:
            (folder / target).write_text(content, encoding="utf-8")
        path = folder / name
        path.symlink_to(folder / target)
        return [path]

    return write


def the_project(folder: Path) -> list[Path]:
    return [folder / PROJECT_NAME]


def _undecodable(suffix: str, content: str) -> Writer:
    """A file whose name holds the byte 0xE9 (Latin-1 "é"), which is not UTF-8: Python hands
    such a name over with a lone surrogate in it."""
    return file("caf\udce9" + suffix, content)


def _before_the_bad_byte(path: Path) -> str:
    return str(path.parent / "caf")


CASES = unique(
    [
        Case("path-unknown-extension-pdf", file("paper.pdf", b"%PDF-1.4\n%%EOF\n"), "refused"),
        Case(
            "path-unknown-extension-csv",
            file("table.csv", "title,text\nFerry,The ferry\n"),
            "refused",
        ),
        Case(
            "path-unknown-extension-xml",
            file("feed.xml", "<rss><item>Ferry</item></rss>"),
            "refused",
        ),
        Case("path-no-extension", file("README", ARTICLE), "refused"),
        Case("path-dot-file", file(".txt", ARTICLE), "either"),
        Case(
            "path-compressed-jsonl",
            file("export.jsonl.gz", b"\x1f\x8b\x08\x00" + bytes(20)),
            "refused",
        ),
        Case("path-folder-named-txt", folder_named("folder.txt"), "refused"),
        Case("path-folder-named-jsonl", folder_named("folder.jsonl"), "refused"),
        Case("path-folder-named-docx", folder_named("folder.docx"), "refused"),
        Case("path-folder-named-json", folder_named("folder.json"), "refused"),
        Case("path-missing-txt", missing("gone.txt"), "refused"),
        Case("path-missing-docx", missing("gone.docx"), "refused"),
        Case("path-missing-jsonl", missing("gone.jsonl"), "refused"),
        Case("path-dangling-link", link("dangling.txt", "nowhere.txt", None), "refused"),
        Case("path-link-to-a-story", link("linked.txt", "story.txt", ARTICLE), "accepted"),
        Case("path-the-project-itself", the_project, "refused"),
        Case(
            "path-another-project",
            file("other.annotator", b"SQLite format 3\x00" + bytes(84)),
            "refused",
        ),
        Case(
            "path-undecodable-name-txt",
            _undecodable(".txt", ARTICLE),
            "either",
            named=_before_the_bad_byte,
        ),
        Case(
            "path-undecodable-name-jsonl",
            _undecodable(".jsonl", dumps(GOOD) + "\n"),
            "either",
            named=_before_the_bad_byte,
        ),
        Case(
            "path-undecodable-name-bad-content",
            _undecodable(".jsonl", dumps(GOOD)[:-1] + "\n"),
            "refused",
            named=_before_the_bad_byte,
        ),
        Case(
            "path-line-break-in-name",
            file("bad\nname.jsonl", dumps(GOOD)[:-1] + "\n"),
            "refused",
            named=lambda path: "name.jsonl",
        ),
        Case(
            "path-same-file-twice",
            several(file("story.txt", ARTICLE), missing("story.txt")),
            "accepted",
        ),
        Case(
            "path-one-bad-file-among-good",
            several(
                file("story.txt", ARTICLE),
                lines("bad-attrs.jsonl", with_span(attrs=["verdict"])),
                lines("good.jsonl", FIRST),
            ),
            "partial",
            added=2,
        ),
        Case(
            "path-crashing-file-then-good",
            several(
                file(
                    "bad-digits.jsonl",
                    dumps(GOOD).replace('"start": 0', '"start": ' + "9" * 5000) + "\n",
                ),
                file("story.txt", ARTICLE),
            ),
            "partial",
            added=1,
        ),
        Case(
            "path-two-bad-files-among-good",
            several(
                file("bad-empty.txt", b""),
                file("story.md", ARTICLE),
                file("bad-broken.json", "[{"),
                missing("bad-missing.docx"),
            ),
            "partial",
            bad=3,
            added=1,
        ),
    ]
)
