"""How each use of a project file connects to SQLite, and the SQLite errors a user can fix.

No connection can load an extension, and none has a function of ours registered, so SQL
stored in a file (views, triggers) can reach only SQLite's own functions; a file is used only
once its schema was found to be exactly ours (store/trust.py). Connections that open a file
read-only also run with trusted_schema off. The others cannot: SQLite 3.40 marks neither
json_valid (in our CHECK constraints) nor FTS5 (in our triggers) harmless, and refuses to load
our schema read-write or into memory with trusted_schema off. Writers wait for each other: a
busy timeout, and write transactions that begin IMMEDIATE (`write_transaction`). A file we
may not write is read where it lies without creating -wal/-shm files beside it, or from a
private copy in memory, which leaves nothing on disk even if the process is killed.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

from annotator.errors import UserError, shown

#: Seconds a write waits for another program's transaction to end before giving up.
BUSY_TIMEOUT = 30.0

#: Seconds one statement may run on a colleague's file (see `limit_time`).
READ_TIME_LIMIT = 30.0

_SQLITE_MAGIC = b"SQLite format 3\x00"

#: Files SQLite keeps beside a database that hold part of its content.
_JOURNALS = ("-wal", "-journal")

#: SQLite errors a user can act on, by a fragment of their message.
_KNOWN_ERRORS = {
    "database is locked": "is in use by another program (waited {busy:g} s); close it there "
    "and try again",
    "disk is full": "cannot be written: the disk is full",
    "readonly database": "cannot be written: the file or its folder is read-only",
    "disk I/O error": "cannot be read or written (disk I/O error)",
    "unable to open database": "cannot be opened (check that the folder exists and is writable)",
    "interrupted": "a query on it ran longer than {limit:g} s and was stopped (the file may hold "
    "a query that never ends)",
    "Could not decode to UTF-8": "holds text that is not valid UTF-8 (another program has "
    "changed it)",
}

_DAMAGED = ("malformed", "not a database", "file is encrypted", "corrupt")

#: Why a file that SQLite reads fine breaks our rules.
CHANGED_BY_OTHERS = "another program has changed it"


@contextlib.contextmanager
def known_errors(path: Path) -> Iterator[None]:
    """Turn SQLite errors whose cause is the file or its surroundings into a UserError naming
    the file; let the others (our bugs) through."""
    try:
        yield
    except sqlite3.DatabaseError as error:
        message = str(error)
        for fragment, explanation in _KNOWN_ERRORS.items():
            if fragment in message:
                text = explanation.format(busy=BUSY_TIMEOUT, limit=READ_TIME_LIMIT)
                raise UserError(f"{shown(path)}: {text}") from error
        if any(fragment in message for fragment in _DAMAGED):
            raise UserError(f"{shown(path)}: the project file is damaged ({message})") from error
        raise


def sidecar(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def check_header(path: Path) -> None:
    """Refuse what is not an SQLite file at all, before SQLite is asked to open it."""
    if not path.exists():
        raise UserError(
            f"{shown(path)}: no such project file (create one with `annotator new {shown(path)}`)"
        )
    if path.is_dir():
        raise UserError(f"{shown(path)}: is a folder, not a project file")
    if not path.is_file():  # opening a pipe would wait for a writer
        raise UserError(f"{shown(path)}: is a pipe or a device, not a project file")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(_SQLITE_MAGIC))
    except OSError as error:
        raise UserError(f"{shown(path)}: cannot be read ({error.strerror})") from None
    if header != _SQLITE_MAGIC:
        what = "an empty file" if not header else "not an SQLite database"
        raise UserError(f"{shown(path)}: not an annotator project ({what})")


def writable(path: Path) -> bool:
    """Whether we may write the file and create its -wal and -shm files beside it."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def open_for_writing(path: Path) -> sqlite3.Connection:
    """The connection that writes: WAL, durable commits, foreign keys, and a busy timeout.

    isolation_level=None leaves every BEGIN to us (Python's implicit BEGIN is DEFERRED). It
    runs the schema's triggers and CHECK constraints, so open it only on a checked file.
    """
    # synchronous FULL makes each committed edit survive a power cut, not just a crash.
    return _connect(path, "foreign_keys = ON", "journal_mode = WAL", "synchronous = FULL")


def open_for_reading(path: Path) -> sqlite3.Connection:
    """A reader of a file others may be writing: it sees their commits and writes nothing."""
    return _connect(path, "query_only = ON")


def open_snapshot(path: Path) -> sqlite3.Connection:
    """A read-only connection that creates nothing beside the file, whatever its folder allows.

    With no journal beside it the main file holds everything, so it is read as immutable; with
    a live -wal and -shm (another program has it open) it is read through them; otherwise
    (a -wal without its -shm, a rollback journal) from a private copy in memory.
    """
    journals = [suffix for suffix in _JOURNALS if sidecar(path, suffix).exists()]
    # The bytes of the name: a name that is not UTF-8 has lone surrogates quote() cannot take.
    uri = f"file:{quote(os.fsencode(path.resolve()))}?mode=ro"
    if not journals:
        uri += "&immutable=1"
    elif journals != ["-wal"] or not sidecar(path, "-shm").exists():
        return memory_copy(path)
    # trusted_schema is possible on a read-only connection only: SQLite 3.40 then drops the
    # CHECK constraints that use json_valid instead of refusing the schema (trust.py checks
    # those rules itself).
    return _connect(uri, "trusted_schema = OFF")


def memory_copy(path: Path) -> sqlite3.Connection:
    """The file as a private database in memory, with what its -wal or journal holds.

    Only the bytes are read: the file is never opened by SQLite. A journal beside it is
    applied to a copy in a temporary folder that is removed before this returns.
    """
    journals = [suffix for suffix in _JOURNALS if sidecar(path, suffix).exists()]
    if journals:
        with tempfile.TemporaryDirectory(prefix="annotator-") as folder:
            copy = Path(folder) / "copy"
            shutil.copyfile(path, copy)
            for suffix in journals:
                shutil.copyfile(sidecar(path, suffix), sidecar(copy, suffix))
            disk = _connect(copy)
            try:  # reading rolls back a hot journal; the checkpoint moves the -wal's pages in
                disk.execute("PRAGMA user_version").fetchone()
                disk.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            finally:
                disk.close()
            image = copy.read_bytes()
    else:
        image = path.read_bytes()
    memory = _connect(":memory:")
    try:
        memory.deserialize(_without_wal(image))
    except BaseException:
        memory.close()
        raise
    return memory


def _connect(target: Path | str, *pragmas: str) -> sqlite3.Connection:
    """A connection (to a path, or to a "file:" URI) that can load no extension, with
    `pragmas` set (closed again if one fails); we register no function on it, so SQL stored
    in the file can reach only SQLite's own."""
    uri = isinstance(target, str) and target.startswith("file:")
    connection = sqlite3.connect(target, timeout=BUSY_TIMEOUT, isolation_level=None, uri=uri)
    try:
        if hasattr(connection, "enable_load_extension"):  # off by default; said again if built
            connection.enable_load_extension(False)
        for pragma in pragmas:
            connection.execute(f"PRAGMA {pragma}")
    except BaseException:
        connection.close()
        raise
    return connection


def _without_wal(image: bytes) -> bytes:
    """The image marked as a rollback-journal database (header bytes 18 and 19), as
    `PRAGMA journal_mode = DELETE` would: SQLite cannot open a WAL image in memory."""
    if image[18:20] == b"\x02\x02":
        return image[:18] + b"\x01\x01" + image[20:]
    return image


def limit_time(connection: sqlite3.Connection) -> None:
    """Interrupt any one statement on `connection` that runs longer than READ_TIME_LIMIT:
    SQL in a file we did not write cannot keep us waiting for ever, however large the file
    (reading all of it takes many statements)."""
    limit = READ_TIME_LIMIT
    started = [time.monotonic()]

    def statement_started(_sql: str) -> None:
        started[0] = time.monotonic()

    connection.set_trace_callback(statement_started)
    connection.set_progress_handler(lambda: time.monotonic() - started[0] > limit, 10_000)


@contextlib.contextmanager
def write_transaction(connection: sqlite3.Connection) -> Iterator[None]:
    """One transaction that writes, begun IMMEDIATE.

    IMMEDIATE takes the write lock first, waiting up to the busy timeout for another writer.
    A deferred BEGIN reads first and then, in WAL mode, fails at once (SQLITE_BUSY, the busy
    handler is not called) when another program has written in the meantime.
    """
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
