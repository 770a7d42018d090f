"""Reading and writing user files: clear errors that name the file, and no half-written output."""

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from annotator.errors import UserError


def read_text(path: Path) -> str:
    """The decoded content of `path`, or a UserError that names the file and what is wrong."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UserError(f"{path}: is a folder, not a file") from None
    except OSError as error:
        raise UserError(f"{path}: cannot be read ({error.strerror})") from None
    if b"\x00" in data[:8192]:
        raise UserError(f"{path}: looks like a binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise UserError(
            f"{path}:{line}: not valid UTF-8 text (byte {error.start}); save it as UTF-8"
        ) from None


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
