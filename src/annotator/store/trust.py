"""Is this project file what annotator wrote? Checked before a file is used in any way.

Project files are documents people send each other, and the SQL stored in one runs when it is
used: a trigger fires on insert, a view runs when it is read. So a file is used only if its
tables, indexes, triggers and views are exactly those this version's migrations create for its
schema version (compared by type, name and SQL), SQLite finds no damage in it (quick_check),
and its rows keep the rules the schema states (CHECK constraints, foreign keys), which another
program can break by writing with those checks switched off.
"""

from __future__ import annotations

import functools
import re
import sqlite3
import string
from pathlib import Path
from typing import NamedTuple

from sqlite_utils import Database

from annotator.errors import UserError, shown
from annotator.store.connections import CHANGED_BY_OTHERS, write_transaction
from annotator.store.schema import APPLICATION_ID, MIGRATIONS, ROW_CHECKS, SCHEMA_VERSION


class SchemaObject(NamedTuple):
    type: str  # table, index, trigger or view
    name: str
    table: str
    sql: tuple[str, ...] | None  # canonical tokens; None for SQLite's automatic indexes


def verify(path: Path, connection: sqlite3.Connection, *, content: bool = True) -> int:
    """Refuse a file this version cannot trust, naming the file; return its schema version.

    Without `content`, only what the file is and its schema are checked, not its rows (for a
    second look through another connection to a file checked a moment ago)."""
    application_id = connection.execute("PRAGMA application_id").fetchone()[0]
    version = int(connection.execute("PRAGMA user_version").fetchone()[0])
    if application_id != APPLICATION_ID:
        raise UserError(
            f"{shown(path)}: not an annotator project (an SQLite database of another program)"
        )
    if version > SCHEMA_VERSION:
        raise UserError(
            f"{shown(path)}: written by a newer version of annotator (file format {version}, this "
            f"version reads up to {SCHEMA_VERSION}); please upgrade annotator to open it"
        )
    _check_objects(path, connection, version)
    if content:
        _check_content(path, connection, version)
    return version


def _check_objects(path: Path, connection: sqlite3.Connection, version: int) -> None:
    expected = expected_objects(version)
    found = schema_objects(connection)
    for item in found:
        if item in expected:
            continue
        if any((e.type, e.name) == (item.type, item.name) for e in expected):
            problem = f"its {item.type} {item.name!r} is not the one annotator creates"
        else:
            problem = f"it holds a {item.type} {item.name!r} that annotator does not create"
        raise UserError(f"{shown(path)}: refused: {problem} ({CHANGED_BY_OTHERS})")
    missing = sorted((item.type, item.name) for item in expected.difference(found))
    if missing:
        kind, name = missing[0]
        raise UserError(
            f"{shown(path)}: refused: its {kind} {name!r} is missing ({CHANGED_BY_OTHERS})"
        )


def _check_content(path: Path, connection: sqlite3.Connection, version: int) -> None:
    (problem,) = connection.execute("PRAGMA quick_check(1)").fetchone()
    if problem.startswith(("CHECK constraint failed", "NULL value in")):
        raise UserError(f"{shown(path)}: refused: {problem} ({CHANGED_BY_OTHERS})")
    if problem != "ok":  # e.g. "*** in database main ***\nOn tree page 8 cell 19: ..."
        lines = [line for line in problem.splitlines() if not line.startswith("***")]
        raise UserError(f"{shown(path)}: the project file is damaged: {' '.join(lines)}")
    orphan = connection.execute("PRAGMA foreign_key_check").fetchone()
    if orphan is not None:
        table, rowid, parent, _ = orphan
        raise UserError(
            f"{shown(path)}: refused: {table} row {rowid} refers to a missing {parent} row "
            f"({CHANGED_BY_OTHERS})"
        )
    tables = {item.name for item in expected_objects(version) if item.type == "table"}
    for table, query in ROW_CHECKS.items():
        if table not in tables:
            continue
        broken = connection.execute(f"{query} LIMIT 1").fetchone()
        if broken is not None:
            raise UserError(
                f"{shown(path)}: refused: {table} row {broken[0]} breaks the rules of the project "
                f"format ({CHANGED_BY_OTHERS})"
            )


@functools.cache
def expected_objects(version: int) -> frozenset[SchemaObject]:
    """What the migrations up to `version` create, found by running them on an empty database
    (so it stays true as migrations are added)."""
    connection = sqlite3.connect(":memory:", isolation_level=None)
    try:
        db = Database(connection, execute_plugins=False)
        for migration in MIGRATIONS[:version]:
            with write_transaction(connection):
                migration(db)
        return frozenset(schema_objects(connection))
    finally:
        connection.close()


def schema_objects(connection: sqlite3.Connection) -> list[SchemaObject]:
    """Every object in sqlite_master, in its order there, with names and SQL made canonical."""
    rows = connection.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    return [
        SchemaObject(
            str(kind), _fold(str(name)), _fold(str(table)), None if sql is None else canonical(sql)
        )
        for kind, name, table, sql in rows
    ]


_TOKEN = re.compile(
    r"""(?P<space>\s+|--[^\n]*|/\*.*?(?:\*/|\Z))
    |(?P<string>'(?:[^']|'')*')
    |(?P<quoted>"(?:[^"]|"")*"|\[[^\]]*\]|`(?:[^`]|``)*`)
    |(?P<word>\w+)
    |(?P<other>.)""",
    re.VERBOSE | re.DOTALL,
)
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def _fold(name: str) -> str:
    """SQLite names ignore the case of ASCII letters only."""
    return name.translate(_ASCII_LOWER)


def canonical(sql: str) -> tuple[str, ...]:
    """The SQL's tokens without spacing or comments, words in lower case and identifiers
    unquoted, so the same schema written by another sqlite-utils version ([x] or "x") still
    matches; string literals are kept exactly."""
    tokens = []
    for match in _TOKEN.finditer(sql):
        kind, text = match.lastgroup, match.group()
        if kind == "space":
            continue
        if kind == "quoted":
            name = text[1:-1] if text[0] == "[" else text[1:-1].replace(text[0] * 2, text[0])
            # A plain name reads the same quoted or not; any other keeps (double) quotes, so it
            # can never be taken for a string literal or for several tokens.
            text = name if re.fullmatch(r"\w+", name) else '"' + name.replace('"', '""') + '"'
        tokens.append(text if kind == "string" else _fold(text))
    return tuple(tokens)
