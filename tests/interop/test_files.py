"""Reading text files: UTF-8 and BOM-marked Unicode as such, legacy encodings recognised, and
clear errors for what cannot be read."""

import codecs
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.errors import UserError
from annotator.interop.files import read_bytes, read_text

ENGLISH = (
    "The mayor said it\u2019s “a good day” for the café on Quay Road, and the council agreed.\n"
)
FRENCH = (
    "Le conseil municipal a voté à l\u2019unanimité. « C\u2019est une première », "
    "a déclaré la maire, qui était déjà allée à Lyon en août. "
    "Les travaux commenceront après l\u2019été.\n"
)
GERMAN = (
    "Die Straßenbahn fährt künftig über die Brücke. Müller sagte, die Änderung sei längst "
    "überfällig. Größere Umbauten folgen im Frühjahr.\n"
)
POLISH = (
    "Rada miasta zatwierdziła plan budowy ścieżek rowerowych. Prezydent powiedział, że prace "
    "rozpoczną się we wrześniu.\n"
)
RUSSIAN = (
    "Городской совет одобрил план строительства велосипедных дорожек. Мэр заявил, что работы "
    "начнутся в сентябре.\n"
)
JAPANESE = (
    "東京都は月曜日、新しい自転車専用レーンの計画を発表した。知事は記者会見で、"
    "交通事故を減らすために必要な措置だと述べた。工事は九月に始まる予定である。\n"
)


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (ENGLISH, "cp1252"),
        (FRENCH, "cp1252"),
        ("Café au lait\n", "latin-1"),
        (GERMAN, "latin-1"),
        (POLISH, "cp1250"),
        (RUSSIAN, "cp1251"),
        (JAPANESE, "shift_jis"),
    ],
    ids=[
        "windows-1252",
        "windows-1252-french",
        "latin-1-short",
        "latin-1",
        "windows-1250",
        "windows-1251",
        "sjis",
    ],
)
def test_legacy_encodings_are_recognised(tmp_path: Path, text: str, encoding: str) -> None:
    """Text saved by older tools reads as written, not as UTF-8 errors or mojibake.

    The French and the short case guard the Windows-1252 preference: charset-normalizer alone
    takes them for cp1257 ("à" becomes "ą") and cp1006 ("Cafﻠ"); the Polish one checks that
    the preference stays out of the way of Central European text.
    """
    path = write(tmp_path / "story.txt", text.encode(encoding))
    assert read_text(path) == text


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le"])
def test_unicode_with_a_byte_order_mark(tmp_path: Path, encoding: str) -> None:
    """UTF-16/32 is full of NUL bytes: its BOM is checked before the binary-file test."""
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}
    data = bom.get(encoding, codecs.BOM_UTF32_LE) + (GERMAN + JAPANESE).encode(encoding)
    assert read_text(write(tmp_path / "story.txt", data)) == GERMAN + JAPANESE


def test_broken_utf16_names_the_line(tmp_path: Path) -> None:
    data = codecs.BOM_UTF16_LE + "one\ntwo\n".encode("utf-16-le") + b"\x00\xd8"  # lone surrogate
    path = write(tmp_path / "broken.txt", data)
    with pytest.raises(UserError, match="not valid UTF-16") as error:
        read_text(path)
    assert f"{path}:3:" in str(error.value)


def test_utf8_with_and_without_bom(tmp_path: Path) -> None:
    text = FRENCH + JAPANESE
    assert read_text(write(tmp_path / "plain.txt", text.encode("utf-8"))) == text
    assert read_text(write(tmp_path / "bom.txt", text.encode("utf-8-sig"))) == text


def test_empty_file_is_empty_text(tmp_path: Path) -> None:
    """Whether an empty file is an error is the importer's call ("has no article text")."""
    assert read_text(write(tmp_path / "empty.txt", b"")) == ""


def test_unrecognisable_bytes_name_the_line(tmp_path: Path) -> None:
    path = write(tmp_path / "garbage.txt", b"Headline\nfine line\n" + bytes(range(128, 256)) * 4)
    with pytest.raises(UserError, match="encoding could not be recognised") as error:
        read_text(path)
    assert f"{path}:3:" in str(error.value)


def test_mostly_utf8_with_a_stray_byte_is_refused(tmp_path: Path) -> None:
    """A UTF-8 file with one bad byte is not decoded in a legacy encoding (mojibake): refused."""
    data = (FRENCH * 3).encode("utf-8") + b"A stray \x92 byte.\n"
    path = write(tmp_path / "mixed.txt", data)
    with pytest.raises(UserError, match="encoding could not be recognised") as error:
        read_text(path)
    assert f"{path}:4:" in str(error.value)


def test_binary_file(tmp_path: Path) -> None:
    path = write(tmp_path / "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    with pytest.raises(UserError, match="binary file") as error:
        read_text(path)
    assert str(path) in str(error.value)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="no such file") as error:
        read_text(tmp_path / "gone.txt")
    assert str(tmp_path / "gone.txt") in str(error.value)
    with pytest.raises(UserError, match="is a folder"):
        read_text(tmp_path)
    with pytest.raises(UserError, match="no such file"):
        read_bytes(tmp_path / "gone.docx")


def test_importers_load_their_libraries_lazily() -> None:
    """Importing the readers loads none of charset-normalizer, trafilatura or python-docx."""
    code = (
        "import sys\n"
        "import annotator.interop.files, annotator.interop.html, annotator.interop.word\n"
        "heavy = {'charset_normalizer', 'trafilatura', 'docx', 'lxml'}\n"
        "print(','.join(sorted(heavy & {name.partition('.')[0] for name in sys.modules})))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == ""


def test_utf8_with_a_stray_byte_is_refused_not_garbled(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_bytes("Café au lait\n".encode("latin-1") + "Müller said so.\n".encode())
    with pytest.raises(UserError, match=r"mixed\.txt:1: not UTF-8 text"):
        read_text(path)
