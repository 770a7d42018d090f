"""How a file name (or a message holding one) is shown: on one line, printable anywhere."""

from pathlib import Path

from annotator.errors import shown


def test_an_undecodable_byte_becomes_a_replacement_character() -> None:
    name = "bad\udcffname.txt"  # how Python reads the byte 0xFF in a file name
    assert shown(name) == "bad\ufffdname.txt"
    assert shown(name).encode("utf-8")


def test_control_characters_are_escaped_so_a_message_stays_one_line() -> None:
    assert shown(Path("/tmp/two\nlines.txt")) == "/tmp/two\\nlines.txt"
    assert shown("tab\there\x7f") == "tab\\there\\x7f"
    assert "\n" not in shown("a\rb\nc")


def test_ordinary_names_are_left_alone() -> None:
    assert shown("Zoë 🚲 — notes (2).txt") == "Zoë 🚲 — notes (2).txt"
