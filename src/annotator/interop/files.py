"""Reading and writing user files: clear errors that name the file, bounded reads, and
writes that can neither leave half a file nor destroy a project.

Reading: only regular files are read (a pipe or a device such as /dev/zero could block or never
end), at most MAX_FILE_BYTES of them, and a file that changes while it is read is refused
rather than imported half-saved.

Writing: every exporter writes through atomic_writer (atomic_binary_writer for bytes), which
refuses a target that is an SQLite database (an annotator project or another program's) or the
-wal, -shm or -journal file of one, writes a new file that takes the place of the old one only
once complete, creates it with the user's umask (or the mode of the file it replaces), and
leaves nothing behind when it fails, is interrupted or, on Linux, is killed.
"""

import codecs
import contextlib
import errno
import io
import os
import secrets
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, TextIO

from annotator.errors import UserError

#: The largest file an importer reads: far above any article or annotation export (a long
#: article is 100 KB; a 10,000-article JSONL export about 60 MB), far below what would
#: exhaust memory. A Word document's expanded contents have bounds of their own (word.py).
MAX_FILE_BYTES = 64 * 1024 * 1024
#: The first 16 bytes of every SQLite database file.
SQLITE_HEADER = b"SQLite format 3\x00"
#: Files SQLite keeps beside a database while it is in use; writing over one corrupts it.
SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")
#: Byte order marks that mean Unicode whatever else the bytes hold; UTF-32 comes first because
#: its little-endian mark starts with the UTF-16 one. They are checked before the binary-file
#: test, as UTF-16 and UTF-32 text is full of NUL bytes.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: Languages (as charset-normalizer names them) whose legacy Windows code page is Windows-1252.
_WINDOWS_1252_LANGUAGES = frozenset(
    "Danish Dutch English Finnish French German Indonesian Italian Norwegian Portuguese Spanish"
    " Swedish".split()
)
#: Errors of a write that are the disk's or the user's to fix, not a bug.
_WRITE_ERRNOS = frozenset(
    {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EROFS, errno.EACCES, errno.EPERM}
)
_READ_CHUNK = 16 * 1024 * 1024
#: O_NONBLOCK lets a pipe with no writer be opened (and then refused) instead of waiting.
_OPEN_FOR_READING = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
_OPEN_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


def size_text(size: int) -> str:
    """A byte count as people read it: "820 KB", "64 MB", "3.2 GB"."""
    if size >= 1024**3:
        return f"{size / 1024**3:.1f} GB"
    if size >= 1024**2:
        return f"{size / 1024**2:.0f} MB"
    return f"{max(1, round(size / 1024))} KB"


def read_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of `path`, or a UserError saying why they cannot be read (shared by importers):
    not a regular file, more than `limit` bytes, unreadable, or changed while being read."""
    try:
        descriptor = os.open(path, _OPEN_FOR_READING)
    except FileNotFoundError:
        if os.path.islink(path):
            raise UserError(
                f"{path}: is a link to {os.readlink(path)}, which does not exist"
            ) from None
        raise UserError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UserError(f"{path}: is a folder, not a file") from None
    except OSError as error:
        raise UserError(f"{path}: cannot be read ({error.strerror})") from None
    try:
        before = os.fstat(descriptor)
        _check_readable(path, before, limit)
        try:
            data = _read_at_most(descriptor, limit + 1)
        except OSError as error:
            raise UserError(f"{path}: cannot be read ({error.strerror})") from None
        after = os.fstat(descriptor)
    finally:
        os.close(descriptor)
    if len(data) > limit:
        raise UserError(f"{path}: is too large to import (over {size_text(limit)}, the limit)")
    if (before.st_size, before.st_mtime_ns) != (after.st_size, after.st_mtime_ns):
        raise UserError(
            f"{path}: changed while it was being read; import it again once the program"
            " writing it has finished"
        )
    return data


def _check_readable(path: Path, status: os.stat_result, limit: int) -> None:
    """Refuse what is not a regular file, or is larger than `limit`, before reading a byte."""
    mode = status.st_mode
    if stat.S_ISDIR(mode):
        raise UserError(f"{path}: is a folder, not a file")
    if not stat.S_ISREG(mode):
        kind = (
            "a pipe" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"
        )
        raise UserError(f"{path}: is {kind}, not a file; annotator reads regular files only")
    if status.st_size > limit:
        raise UserError(
            f"{path}: is too large to import ({size_text(status.st_size)}; the limit is"
            f" {size_text(limit)})"
        )


def _read_at_most(descriptor: int, count: int) -> bytes:
    """Up to `count` bytes, however the system splits the reads."""
    chunks: list[bytes] = []
    left = count
    while left > 0:
        chunk = os.read(descriptor, min(left, _READ_CHUNK))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def read_text(path: Path, limit: int = MAX_FILE_BYTES) -> str:
    """The decoded content of `path`, or a UserError that names the file and what is wrong.

    UTF-8 (with or without a BOM) and BOM-marked UTF-16/32 are read as such; anything else is
    a legacy encoding (Windows-1252, Shift-JIS, ...) that charset-normalizer has to recognise,
    as articles saved by older Windows tools or websites come in them.
    """
    data = read_bytes(path, limit)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_unicode(path, data, encoding)
    if b"\x00" in data[:8192]:
        raise UserError(f"{path}: looks like a binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        first_bad = error.start
    # Valid UTF-8 sequences elsewhere mean a UTF-8 file with a stray byte: decoding it all as
    # a legacy encoding would garble every accented letter ("Müller" as "MÃ¼ller").
    text = None if _has_utf8_sequences(data) else _decode_legacy(data)
    if text is None:
        line = data[:first_bad].count(b"\n") + 1
        raise UserError(
            f"{path}:{line}: not UTF-8 text (byte {first_bad}), and its encoding could not be"
            " recognised; save it as UTF-8"
        )
    return text


def _has_utf8_sequences(data: bytes) -> bool:
    """Whether `data` reads mostly as UTF-8: as many valid characters beyond ASCII as bytes
    that are not UTF-8 (a legacy double-byte encoding only matches UTF-8 by chance)."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    valid = sum(1 for c in text if ord(c) > 0x7F) - bad
    return valid > 0 and valid >= bad


def _decode_unicode(path: Path, data: bytes, encoding: str) -> str:
    """Decode BOM-marked UTF-16/32; the codec reads the byte order from the BOM and drops it."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].decode(encoding, errors="replace").count("\n") + 1
        name = encoding.upper()
        raise UserError(
            f"{path}:{line}: starts with a {name} byte order mark but is not valid {name} text"
            f" (byte {error.start})"
        ) from None


def _decode_legacy(data: bytes) -> str | None:
    """`data` decoded in the encoding charset-normalizer recognises, or None if none fits.

    On Western European text charset-normalizer rates Windows-1252 as good as cp1250, cp1257
    or cp852 and may pick one of those, turning "à" into "ŕ" or "ą"; on a few words it cannot
    hear any language and picks almost at random ("Café" in cp1006 is "Cafﻠ"). So when
    Windows-1252 is among the encodings it accepts, that encoding wins if the language it hears
    is written in Windows-1252 or it hears none; otherwise (Polish, Czech, Russian, Japanese,
    ...) its best guess stands. Imported lazily: the GUI should not pay for it at start-up.
    """
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    encodings = [best.encoding]
    heard_western = best.language in _WINDOWS_1252_LANGUAGES or not best.percent_coherence
    if heard_western and any("cp1252" in match.could_be_from_charset for match in matches):
        encodings.insert(0, "cp1252")
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def check_output(out: Path, *, project: Path | None = None) -> Path:
    """The file to write for `out` (symbolic links followed), or a UserError when writing it
    would destroy work: `project` itself (however it is reached: another name, a link), any
    SQLite database (an annotator project is one), the -wal, -shm or -journal file of one,
    a folder or a device. Every writer checks this; the export and the --screenshot of the
    window check it first, with the project they read."""
    target = Path(os.path.realpath(out))
    if not target.parent.is_dir():
        raise UserError(f"{out}: the folder {target.parent} does not exist")
    if project is not None and _same_file(target, project):
        raise UserError(f"{out}: is the project itself; give the output another name")
    existing = _status(target)
    if existing is not None:
        if stat.S_ISDIR(existing.st_mode):
            raise UserError(f"{out}: is a folder; give the name of the file to write")
        if not stat.S_ISREG(existing.st_mode):
            raise UserError(f"{out}: is not a regular file (a device or a pipe); give a file name")
        if _is_sqlite(target):
            raise UserError(
                f"{out}: is an SQLite database (an annotator project or another program's file);"
                " annotator never writes over one; give the output another name"
            )
    for suffix in SQLITE_COMPANIONS:
        if target.name.endswith(suffix):
            database = target.with_name(target.name[: -len(suffix)])
            if _is_sqlite(database) or (project is not None and _same_file(database, project)):
                raise UserError(
                    f"{out}: is the {suffix[1:]} file of the database {database}, which writing"
                    " over would damage; give the output another name"
                )
    return target


def _status(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except OSError:
        return None


def _same_file(path: Path, other: Path) -> bool:
    """Whether the two names reach the same file (through links, hard links, other spellings)."""
    try:
        return os.path.samefile(path, other)
    except OSError:  # either one does not exist (yet)
        return False


def _is_sqlite(path: Path) -> bool:
    """Whether `path` is a regular file that starts with SQLite's header."""
    status = _status(path)
    if status is None or not stat.S_ISREG(status.st_mode):
        return False
    try:
        with open(path, "rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


@contextlib.contextmanager
def atomic_writer(out: Path) -> Iterator[TextIO]:
    """A UTF-8 text handle ("\\n" written as it is) over atomic_binary_writer(out)."""
    with atomic_binary_writer(out) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
        try:
            yield text
            text.flush()
        finally:
            # The binary writer owns the file: the wrapper must not close it when collected.
            with contextlib.suppress(OSError, ValueError):
                text.detach()


@contextlib.contextmanager
def atomic_binary_writer(out: Path) -> Iterator[BinaryIO]:
    """A byte handle whose content replaces `out` only once the block completes without error.

    The content goes to a new file in the target's folder: on Linux an anonymous one
    (O_TMPFILE), which has no name until it is complete, so even a killed export leaves
    nothing behind; elsewhere a hidden ".<name>.<random>.tmp" that every failure or interrupt
    removes. The new file gets the mode of the file it replaces, else 0o666 less the umask
    (the system applies it when the file is created), so colleagues on a shared folder can
    read an export as they can read anything else the user saves there.
    """
    target = check_output(out)
    replaced = _status(target)
    with _cannot_write(out):
        descriptor, temporary = _new_file(target)
    # Closed in the `finally` below, once its errors have become messages.
    handle = open(descriptor, "wb", closefd=False)  # noqa: SIM115
    try:
        try:
            yield handle
            handle.close()  # flushes: a full disk shows here at the latest
        except OSError as error:
            if error.errno not in _WRITE_ERRNOS:
                raise
            raise UserError(f"{out}: cannot be written ({error.strerror})") from None
        with _cannot_write(out):
            if replaced is not None:
                _set_mode(descriptor, temporary, replaced.st_mode & 0o777)
            os.fsync(descriptor)
            _put_in_place(descriptor, temporary, target)
            temporary = None
    finally:
        with contextlib.suppress(OSError):  # a failed flush of what will not be kept
            handle.close()
        os.close(descriptor)
        if temporary is not None:
            with contextlib.suppress(OSError):
                temporary.unlink()


@contextlib.contextmanager
def _cannot_write(out: Path) -> Iterator[None]:
    try:
        yield
    except OSError as error:
        raise UserError(f"{out}: cannot be written ({error.strerror})") from None


def _set_mode(descriptor: int, temporary: Path | None, mode: int) -> None:
    """Give the new file `mode` (that of the file it replaces). Windows has no fchmod, but
    there the file always has a name."""
    if hasattr(os, "fchmod"):
        os.fchmod(descriptor, mode)
    elif temporary is not None:
        os.chmod(temporary, mode)


def anonymous_files_supported() -> bool:
    """Whether files can be created without a name and linked in later (Linux, with /proc)."""
    return sys.platform.startswith("linux") and os.path.isdir("/proc/self/fd")


def _new_file(target: Path) -> tuple[int, Path | None]:
    """An empty file in the target's folder: anonymous (no path) where the system can make
    one there, else a hidden temporary file and its path."""
    if anonymous_files_supported():
        try:
            return os.open(target.parent, os.O_TMPFILE | os.O_WRONLY | os.O_CLOEXEC, 0o666), None
        except OSError as error:
            # The file system or an old kernel does not know O_TMPFILE: use a named file.
            if error.errno not in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL):
                raise
    while True:
        temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(temporary, _OPEN_NEW, 0o666), temporary
        except FileExistsError:
            continue


def _put_in_place(descriptor: int, temporary: Path | None, target: Path) -> None:
    """Give the complete file the target's name, replacing whatever file had it."""
    if temporary is None:  # anonymous: link it in by its /proc name
        folder = os.open(target.parent, os.O_RDONLY | os.O_DIRECTORY)
        try:
            temporary = _link_anonymous(descriptor, folder, target)
        finally:
            os.close(folder)
        if temporary is None:
            return
    try:
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _link_anonymous(descriptor: int, folder: int, target: Path) -> Path | None:
    """Link the anonymous file in as `target` when no file has that name (None), else under a
    hidden name (returned) for os.replace to move over the target. Passing dst_dir_fd makes
    os.link call linkat(), which follows the /proc link to the file itself."""
    source = f"/proc/self/fd/{descriptor}"
    try:
        os.link(source, target.name, dst_dir_fd=folder, follow_symlinks=True)
        return None
    except FileExistsError:
        pass
    while True:
        temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
        try:
            os.link(source, temporary.name, dst_dir_fd=folder, follow_symlinks=True)
            return temporary
        except FileExistsError:
            continue
