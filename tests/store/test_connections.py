"""How project files are connected to: readers that leave nothing behind and do not trust
the schema, and SQLite errors turned into one line naming the file."""

import shutil
import sqlite3
from pathlib import Path

import pytest

from annotator.errors import UserError
from annotator.store.connections import known_errors, memory_copy, open_snapshot


def database_with_a_view(path: Path) -> Path:
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("CREATE TABLE notes (body TEXT)")
    connection.execute("INSERT INTO notes VALUES ('Hello')")
    connection.execute("CREATE VIEW shouted AS SELECT upper(body) AS body FROM notes")
    connection.close()
    return path


def with_a_wal(path: Path, folder: Path) -> Path:
    """A copy of `path` in `folder` whose last change is only in its -wal (no -shm)."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA wal_autocheckpoint = 0")
    connection.execute("INSERT INTO notes VALUES ('only in the wal')")
    folder.mkdir()
    copy = folder / path.name
    shutil.copyfile(path, copy)
    shutil.copyfile(f"{path}-wal", f"{copy}-wal")
    connection.close()
    return copy


def test_a_read_only_connection_does_not_trust_the_schema(tmp_path: Path) -> None:
    """trusted_schema is off: a view may not call a function SQLite does not mark harmless."""
    path = database_with_a_view(tmp_path / "view.db")
    run_sql = sqlite3.connect(path, isolation_level=None)
    run_sql.execute("CREATE VIEW checked AS SELECT json_valid(body) AS ok FROM notes")
    run_sql.close()
    connection = open_snapshot(path)
    try:
        assert connection.execute("SELECT json_valid(body) FROM notes").fetchone() == (0,)
        assert connection.execute("SELECT body FROM shouted").fetchone() == ("HELLO",)
        with pytest.raises(sqlite3.OperationalError, match="unsafe use of json_valid"):
            connection.execute("SELECT ok FROM checked").fetchone()
    finally:
        connection.close()


def test_no_extension_can_be_loaded(tmp_path: Path) -> None:
    connection = memory_copy(database_with_a_view(tmp_path / "plain.db"))
    try:
        with pytest.raises(sqlite3.OperationalError, match="not authorized"):
            connection.execute("SELECT load_extension('/nowhere/evil.so')").fetchone()
    finally:
        connection.close()


def test_a_wal_without_its_shm_is_read_from_a_copy(tmp_path: Path, temp_folder: Path) -> None:
    """Reading it in place would create a -shm beside it; the copy sees what the -wal holds."""
    path = with_a_wal(database_with_a_view(tmp_path / "notes.db"), tmp_path / "sent")
    before = {p.name: p.read_bytes() for p in path.parent.iterdir()}
    connection = open_snapshot(path)
    try:
        assert connection.execute("SELECT count(*) FROM notes").fetchone() == (2,)
    finally:
        connection.close()
    assert {p.name: p.read_bytes() for p in path.parent.iterdir()} == before
    assert list(temp_folder.iterdir()) == []


def test_the_temporary_copy_goes_even_when_reading_fails(tmp_path: Path, temp_folder: Path) -> None:
    path = with_a_wal(database_with_a_view(tmp_path / "notes.db"), tmp_path / "sent")
    path.write_bytes(b"SQLite format 3\x00" + b"\xee" * 4000)
    with pytest.raises(UserError, match="damaged"), known_errors(path):
        memory_copy(path)
    assert list(temp_folder.iterdir()) == []


def test_known_errors_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "p.annotator"
    with pytest.raises(UserError) as refusal, known_errors(path):
        raise sqlite3.DatabaseError("database disk image is malformed")
    assert str(refusal.value) == (
        f"{path}: the project file is damaged (database disk image is malformed)"
    )
    with pytest.raises(sqlite3.OperationalError, match="no such column"), known_errors(path):
        raise sqlite3.OperationalError("no such column: x")  # our bug: not the user's to fix
