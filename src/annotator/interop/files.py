"""Reading and writing user files: clear errors that name the file, and no half-written output."""

import codecs
import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from annotator.errors import UserError

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


def read_bytes(path: Path) -> bytes:
    """The bytes of `path`, or a UserError saying why it cannot be read (shared by importers)."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UserError(f"{path}: is a folder, not a file") from None
    except OSError as error:
        raise UserError(f"{path}: cannot be read ({error.strerror})") from None


def read_text(path: Path) -> str:
    """The decoded content of `path`, or a UserError that names the file and what is wrong.

    UTF-8 (with or without a BOM) and BOM-marked UTF-16/32 are read as such; anything else is
    a legacy encoding (Windows-1252, Shift-JIS, ...) that charset-normalizer has to recognise,
    as articles saved by older Windows tools or websites come in them.
    """
    data = read_bytes(path)
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


@contextlib.contextmanager
def atomic_writer(out: Path) -> Iterator[TextIO]:
    """A text handle whose content replaces `out` only once the block completes without error.

    Exports write through it, so a failed or interrupted export never leaves half a file.
    """
    out = out.resolve()
    if not out.parent.is_dir():
        raise UserError(f"{out}: the folder {out.parent} does not exist")
    if out.is_dir():
        raise UserError(f"{out}: is a folder; give the name of the file to write")
    try:
        descriptor, temporary = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.")
    except OSError as error:
        raise UserError(f"{out}: cannot be written ({error.strerror})") from None
    try:
        with open(descriptor, "w", encoding="utf-8", newline="\n") as handle:
            yield handle
        os.replace(temporary, out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
