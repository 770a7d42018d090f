"""Reading text files: UTF-8 and BOM-marked Unicode as such, legacy encodings recognised, and
clear errors for what cannot be read (not a file, too large, changing). Writing them: never
over an SQLite database or its companions, with the user's umask or the old file's mode, and
nothing left behind when a write fails."""

import codecs
import contextlib
import errno
import os
import sqlite3
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.errors import UserError
from annotator.interop import files
from annotator.interop.files import (
    MAX_FILE_BYTES,
    atomic_binary_writer,
    atomic_writer,
    read_bytes,
    read_text,
)

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


# -- reading: what is not a regular file, too large, or changing ----------------------------


def test_a_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    pipe = tmp_path / "story.txt"
    os.mkfifo(pipe)
    with pytest.raises(UserError, match="is a pipe, not a file") as error:
        read_text(pipe)
    assert str(error.value).startswith(f"{pipe}: ")


def test_a_device_is_refused_not_read_forever() -> None:
    with pytest.raises(UserError, match="is a device, not a file"):
        read_bytes(Path("/dev/zero"))


def test_a_dangling_link_names_its_target(tmp_path: Path) -> None:
    link = tmp_path / "story.txt"
    link.symlink_to(tmp_path / "moved-away.txt")
    with pytest.raises(UserError, match="which does not exist") as error:
        read_text(link)
    assert (
        str(error.value)
        == f"{link}: is a link to {tmp_path / 'moved-away.txt'}, which does not exist"
    )


def test_a_link_to_a_file_is_read(tmp_path: Path) -> None:
    (tmp_path / "real.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(tmp_path / "real.txt")
    assert read_text(tmp_path / "link.txt") == ENGLISH


def test_an_unreadable_file(tmp_path: Path) -> None:
    path = write(tmp_path / "secret.txt", ENGLISH.encode())
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):  # root reads it anyway: then it must be read as it is
            assert read_text(path) == ENGLISH
        else:
            with pytest.raises(UserError, match=r"cannot be read \(Permission denied\)"):
                read_text(path)
    finally:
        path.chmod(0o644)


def test_a_file_over_the_limit_is_refused_before_reading(tmp_path: Path) -> None:
    """A sparse file of 3 GB: its size alone refuses it, so nothing is read or allocated."""
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(3 * 1024**3)
    with pytest.raises(UserError, match=r"too large to import \(3\.0 GB; the limit is 64 MB\)"):
        read_text(path)
    assert MAX_FILE_BYTES == 64 * 1024 * 1024


def test_the_limit_is_the_callers(tmp_path: Path) -> None:
    path = write(tmp_path / "page.html", b"x" * 2048)
    assert read_bytes(path, limit=2048) == b"x" * 2048
    with pytest.raises(UserError, match=r"\(2 KB; the limit is 1 KB\)"):
        read_bytes(path, limit=1024)


def test_a_file_that_grows_while_read_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As if an editor or a download were still writing it: not imported half-saved."""
    path = write(tmp_path / "story.txt", ENGLISH.encode())
    real_read = os.read
    appended: list[bool] = []

    def read_while_appending(descriptor: int, count: int) -> bytes:
        if not appended:
            with path.open("ab") as handle:
                handle.write(b"More text arriving.\n")
            appended.append(True)
        return real_read(descriptor, count)

    monkeypatch.setattr(files.os, "read", read_while_appending)
    with pytest.raises(UserError, match="changed while it was being read"):
        read_text(path)


# -- writing --------------------------------------------------------------------------------


@pytest.fixture(params=["anonymous", "named"])
def temporary_kind(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a writer test with an anonymous (O_TMPFILE) temporary file and with a named one."""
    if request.param == "named":
        monkeypatch.setattr(files, "anonymous_files_supported", lambda: False)
    elif not files.anonymous_files_supported():
        pytest.skip("no anonymous files on this system")
    return str(request.param)


def sqlite_database(path: Path) -> Path:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE notes (body TEXT)")
    connection.commit()
    connection.close()
    return path


@contextlib.contextmanager
def umask(mask: int) -> Iterator[None]:
    previous = os.umask(mask)
    try:
        yield
    finally:
        os.umask(previous)


def test_write_replaces_the_file_once_complete(tmp_path: Path, temporary_kind: str) -> None:
    out = write(tmp_path / "export.jsonl", b"old\n")
    with atomic_writer(out) as handle:
        handle.write("new line one\n")
        assert out.read_bytes() == b"old\n"  # untouched until the block completes
        handle.write("new line two\n")
    assert out.read_bytes() == b"new line one\nnew line two\n"
    assert sorted(os.listdir(tmp_path)) == ["export.jsonl"]


@pytest.mark.parametrize("error", [ValueError("exporter bug"), KeyboardInterrupt()])
def test_a_failed_write_leaves_the_old_file_and_nothing_else(
    tmp_path: Path, temporary_kind: str, error: BaseException
) -> None:
    out = write(tmp_path / "export.csv", b"old\n")
    with pytest.raises(type(error)), atomic_writer(out) as handle:
        handle.write("half of the new file" * 10_000)
        handle.flush()
        raise error
    assert out.read_bytes() == b"old\n"
    assert sorted(os.listdir(tmp_path)) == ["export.csv"]


def test_a_full_disk_is_a_user_error(tmp_path: Path, temporary_kind: str) -> None:
    out = tmp_path / "export.csv"
    with (
        pytest.raises(UserError, match=r"export\.csv: cannot be written \(No space left"),
        atomic_binary_writer(out) as handle,
    ):
        handle.write(b"part")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    assert os.listdir(tmp_path) == []


def test_the_temporary_file_has_no_name_where_the_system_allows(
    tmp_path: Path, temporary_kind: str
) -> None:
    """An anonymous file cannot be left behind by a kill; a named one is hidden meanwhile."""
    out = tmp_path / "export.spacy"
    with atomic_binary_writer(out) as handle:
        handle.write(b"\x00" * 100_000)
        handle.flush()
        during = os.listdir(tmp_path)
    if temporary_kind == "anonymous":
        assert during == []
    else:
        (hidden,) = during
        assert hidden.startswith(".export.spacy.") and hidden.endswith(".tmp")
    assert os.listdir(tmp_path) == ["export.spacy"]
    assert out.read_bytes() == b"\x00" * 100_000


@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_a_new_file_has_the_users_umask(
    tmp_path: Path, temporary_kind: str, mask: int, mode: int
) -> None:
    """Not mkstemp's 0600: colleagues on a shared folder read an export as any other file."""
    out = tmp_path / "export.jsonl"
    with umask(mask), atomic_writer(out) as handle:
        handle.write("{}\n")
    assert stat.S_IMODE(out.stat().st_mode) == mode


def test_a_replaced_file_keeps_its_mode(tmp_path: Path, temporary_kind: str) -> None:
    out = write(tmp_path / "export.jsonl", b"old\n")
    out.chmod(0o640)
    with umask(0o077), atomic_writer(out) as handle:
        handle.write("new\n")
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert out.read_bytes() == b"new\n"


def test_a_link_is_written_through(tmp_path: Path, temporary_kind: str) -> None:
    real = write(tmp_path / "real.csv", b"old\n")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    with atomic_writer(link) as handle:
        handle.write("new\n")
    assert link.is_symlink() and real.read_bytes() == b"new\n"


def test_concurrent_writes_to_one_folder(tmp_path: Path, temporary_kind: str) -> None:
    """Two exports at once into one folder: each file whole, no temporary names colliding."""

    def export(name: str) -> None:
        with atomic_writer(tmp_path / name) as handle:
            handle.write(name * 50_000)

    threads = [threading.Thread(target=export, args=(f"{n}.jsonl",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(os.listdir(tmp_path)) == [f"{n}.jsonl" for n in range(4)]
    assert all((tmp_path / f"{n}.jsonl").read_text() == f"{n}.jsonl" * 50_000 for n in range(4))


def test_an_sqlite_database_is_never_written_over(tmp_path: Path) -> None:
    """Any SQLite file (an annotator project or another program's), whatever its name."""
    database = sqlite_database(tmp_path / "export.jsonl")
    before = database.read_bytes()
    with (
        pytest.raises(UserError, match="is an SQLite database") as error,
        atomic_writer(database) as handle,
    ):
        handle.write("{}\n")
    assert str(error.value).startswith(f"{database}: ")
    assert "\n" not in str(error.value)
    assert database.read_bytes() == before
    assert os.listdir(tmp_path) == ["export.jsonl"]


def test_a_link_to_an_sqlite_database_is_refused(tmp_path: Path) -> None:
    database = sqlite_database(tmp_path / "project.annotator")
    before = database.read_bytes()
    link = tmp_path / "out.jsonl"
    link.symlink_to(database)
    with (
        pytest.raises(UserError, match="is an SQLite database"),
        atomic_binary_writer(link) as handle,
    ):
        handle.write(b"{}")
    assert database.read_bytes() == before


@pytest.mark.parametrize("companion", ["-wal", "-shm", "-journal"])
@pytest.mark.parametrize("exists", [True, False], ids=["present", "absent"])
def test_an_sqlite_companion_file_is_never_written(
    tmp_path: Path, companion: str, exists: bool
) -> None:
    """The -wal, -shm and -journal of a database, whether SQLite has one there right now."""
    database = sqlite_database(tmp_path / "project.annotator")
    out = tmp_path / f"project.annotator{companion}"
    if exists:
        out.write_bytes(b"SQLite's own bytes")
    with (
        pytest.raises(UserError, match=f"is the {companion[1:]} file of the database"),
        atomic_writer(out) as handle,
    ):
        handle.write("{}\n")
    assert out.exists() == exists
    assert not exists or out.read_bytes() == b"SQLite's own bytes"
    assert database.exists()


def test_a_name_ending_like_a_companion_is_fine_without_a_database(tmp_path: Path) -> None:
    out = tmp_path / "notes-wal"
    with atomic_writer(out) as handle:
        handle.write("fine\n")
    assert out.read_text() == "fine\n"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("", "is a folder; give the name of the file to write"),
        ("missing/out.jsonl", "does not exist"),
    ],
    ids=["folder", "missing-folder"],
)
def test_targets_that_are_no_file(tmp_path: Path, name: str, expected: str) -> None:
    with pytest.raises(UserError, match=expected), atomic_writer(tmp_path / name) as handle:
        handle.write("{}\n")


def test_a_device_is_not_replaced() -> None:
    """As root, replacing /dev/null with a file would break the system for everyone."""
    with (
        pytest.raises(UserError, match="is not a regular file"),
        atomic_writer(Path("/dev/null")) as handle,
    ):
        handle.write("{}\n")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_an_unwritable_folder_is_a_user_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As the system says it (the tests may run as root, who may write anywhere)."""

    def refuse(target: Path) -> tuple[int, Path | None]:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(files, "_new_file", refuse)
    with (
        pytest.raises(UserError, match=r"out\.jsonl: cannot be written \(Permission denied\)"),
        atomic_writer(tmp_path / "out.jsonl") as handle,
    ):
        handle.write("{}\n")
