"""Checks on the bundled demo articles in resources/demo/ (raw bytes, no project code)."""

import datetime
import itertools
import re
from pathlib import Path

import pytest

DEMO_DIR: Path = Path(__file__).resolve().parents[2] / "resources" / "demo"
REQUIRED_KEYS: set[str] = {"title", "outlet", "author", "published", "url", "language"}
OPENING_MARKS: tuple[str, ...] = ('"', "“")


def demo_files() -> list[Path]:
    return sorted(DEMO_DIR.glob("*.md"))


def split_article(path: Path) -> tuple[dict[str, str], str]:
    """Return (front matter, body) from the text between/after the first two '---' lines."""
    lines = path.read_bytes().decode("utf-8").splitlines()
    delimiters = [i for i, line in enumerate(lines) if line == "---"]
    assert len(delimiters) >= 2 and delimiters[0] == 0, f"{path.name}: no front matter"
    start, end = delimiters[0], delimiters[1]
    front: dict[str, str] = {}
    for line in lines[start + 1 : end]:
        key, sep, value = line.partition(":")
        assert sep, f"{path.name}: bad front matter line {line!r}"
        front[key.strip()] = value.strip()
    return front, "\n".join(lines[end + 1 :])


def all_bodies() -> str:
    return "\n\n".join(split_article(path)[1] for path in demo_files())


def paragraphs(body: str) -> list[str]:
    return [p.strip() for p in body.split("\n\n") if p.strip()]


def opens_without_closing(paragraph: str) -> bool:
    if paragraph.startswith('"'):
        return paragraph.count('"') == 1
    return paragraph.startswith("“") and "”" not in paragraph


def test_at_least_four_articles() -> None:
    assert len(demo_files()) >= 4


@pytest.mark.parametrize("path", demo_files(), ids=lambda p: p.name)
def test_front_matter_and_length(path: Path) -> None:
    front, body = split_article(path)
    assert front.keys() >= REQUIRED_KEYS
    datetime.date.fromisoformat(front["published"])
    assert 300 <= len(body.split()) <= 1500


@pytest.mark.parametrize("path", demo_files(), ids=lambda p: p.name)
def test_line_endings(path: Path) -> None:
    raw = path.read_bytes()
    if path.name.startswith("03"):
        assert b"\r\n" in raw
        assert re.search(rb"(?<!\r)\n", raw) is None, "bare \\n in CRLF file"
    else:
        assert b"\r" not in raw


@pytest.mark.parametrize(
    "needle",
    ["said", "told", "officials familiar with the matter", "Müller", "São Paulo", "“"],
)
def test_bodies_contain(needle: str) -> None:
    assert needle in all_bodies()


def test_bodies_contain_cyrillic_and_astral_characters() -> None:
    text = all_bodies()
    assert re.search("[\u0400-\u04ff]", text)
    assert any(ord(char) > 0xFFFF for char in text)


def test_two_paragraph_quote() -> None:
    found = False
    for path in demo_files():
        paras = paragraphs(split_article(path)[1])
        for first, second in itertools.pairwise(paras):
            if opens_without_closing(first) and second.startswith(OPENING_MARKS):
                found = True
    assert found
