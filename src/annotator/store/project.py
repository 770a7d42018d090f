"""ProjectStore: open, create and change a project file, one committed transaction per change.

A file is checked before it is used (store/trust.py). Every change runs in a transaction that
begins IMMEDIATE and waits for other writers (store/connections.py), and no read leaves a
statement open while the caller writes, so two programs can work on one project at once. A
file we may not write opens read-only: it can be listed, exported and browsed.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from annotator.domain.model import (
    Annotation,
    AnnotationKind,
    AnnotationStatus,
    Article,
    ArticleDraft,
    ArticleSummary,
    Decision,
    Relation,
    SpanDraft,
    SuggestionRun,
    check_offsets,
)
from annotator.domain.text import text_sha256
from annotator.errors import UserError, shown
from annotator.store.connections import (
    CHANGED_BY_OTHERS,
    check_header,
    known_errors,
    limit_time,
    memory_copy,
    open_for_reading,
    open_for_writing,
    open_snapshot,
    sidecar,
    writable,
    write_transaction,
)
from annotator.store.schema import APPLICATION_ID, SCHEMA_VERSION, migrate
from annotator.store.trust import verify

#: The extension we give project files (any name is accepted when opening).
PROJECT_SUFFIX = ".annotator"

#: How many article ids `articles()` reads at a time.
_PAGE = 500

_EDITABLE = frozenset({"start", "end", "label", "kind", "status", "annotator", "attrs", "note"})


def now() -> str:
    """A UTC timestamp in ISO 8601, as stored in every *_at column."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _verified_file(path: Path) -> int:
    """Check the file through a connection that changes nothing; return its schema version."""
    connection = open_snapshot(path)
    try:
        return verify(path, connection)
    finally:
        connection.close()


def _verified_copy(path: Path, *, time_limit: bool = False) -> sqlite3.Connection:
    """The file checked and brought up to this version in memory, where its SQL cannot touch
    the file; `time_limit` bounds the work SQLite may do on it (a colleague's file)."""
    connection = memory_copy(path)
    try:
        if time_limit:
            limit_time(connection)
        verify(path, connection)
        migrate(_database(connection))
        connection.execute("PRAGMA query_only = ON")
    except BaseException:
        connection.close()
        raise
    return connection


def _read_only_connection(path: Path) -> sqlite3.Connection:
    """A checked connection that never writes to the file or beside it.

    A file others may write is read like any project (it sees their commits); one we cannot
    write is read where it lies; an older format is brought up to date in memory instead.
    """
    if writable(path):
        if _verified_file(path) == SCHEMA_VERSION:
            return open_for_reading(path)
        return _verified_copy(path)
    connection = open_snapshot(path)
    try:
        version = verify(path, connection)
    except BaseException:
        connection.close()
        raise
    if version == SCHEMA_VERSION:
        return connection
    connection.close()
    return _verified_copy(path)


def _decoder(path: Path) -> Callable[[bytes], str]:
    """How the store reads text: SQLite does not check that what another program wrote is
    UTF-8, and a value that is not is a UserError naming the file, not a traceback."""
    name = shown(path)

    def decode(raw: bytes) -> str:
        try:
            return raw.decode()
        except UnicodeDecodeError:
            raise UserError(
                f"{name}: holds text that is not valid UTF-8 ({CHANGED_BY_OTHERS})"
            ) from None

    return decode


def _database(connection: sqlite3.Connection) -> Database:
    """sqlite-utils over our connection; its plugins may not add SQL functions to it."""
    return Database(connection, execute_plugins=False)


class ProjectStore:
    """One open project file. Each public method that changes data commits before it returns.

    `read_only` says the file is only read (opened so, or not writable): every change is then
    refused with a UserError.
    """

    def __init__(self, path: Path, db: Database, *, read_only: bool = False) -> None:
        self.path = path
        self.db = db
        self.read_only = read_only
        db.conn.text_factory = _decoder(path)

    # -- opening -----------------------------------------------------------------------------

    @classmethod
    def create(cls, path: Path | str, *, name: str | None = None) -> ProjectStore:
        path = Path(path)
        if path.exists():
            raise UserError(f"{shown(path)}: already exists; choose another name or open it")
        if not path.parent.is_dir():
            raise UserError(f"{shown(path)}: the folder {shown(path.parent)} does not exist")
        with known_errors(path):
            connection = open_for_writing(path)
            try:
                with write_transaction(connection):
                    connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                store = cls(path, _database(connection))
                migrate(store.db)
                # shown(): a file name that is not UTF-8 holds lone surrogates SQLite cannot store.
                store.set_meta({"name": name or shown(path.stem), "created_at": now()})
            except BaseException:
                connection.close()
                for leftover in (path, sidecar(path, "-wal"), sidecar(path, "-shm")):
                    leftover.unlink(missing_ok=True)  # no half-made project is left behind
                raise
        return store

    @classmethod
    @contextlib.contextmanager
    def read_copy(cls, path: Path | str) -> Iterator[ProjectStore]:
        """A colleague's project, read from a private copy in memory under a time limit.

        Their file (and its -wal) is only read as bytes: never opened by SQLite, migrated or
        changed, and no copy of it is left on disk. An SQLite error while reading it (the
        time limit included) becomes a UserError naming it.
        """
        path = Path(path)
        check_header(path)
        with known_errors(path):
            connection = _verified_copy(path, time_limit=True)
            try:
                yield cls(path, _database(connection), read_only=True)
            finally:
                connection.close()

    @classmethod
    def open(cls, path: Path | str, *, read_only: bool = False) -> ProjectStore:
        """Open a project to change it, or with `read_only` only to read it (a file we cannot
        write opens read-only anyway). A read-only open never changes the file: an older
        format is brought up to date in a copy in memory."""
        path = Path(path)
        check_header(path)
        read_only = read_only or not writable(path)
        with known_errors(path):
            if read_only:
                connection = _read_only_connection(path)
            else:
                _verified_file(path)
                connection = open_for_writing(path)
                try:
                    verify(path, connection, content=False)  # the file this connection trusts
                    migrate(_database(connection))
                except BaseException:
                    connection.close()
                    raise
        return cls(path, _database(connection), read_only=read_only)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> ProjectStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[Database]:
        if self.read_only:
            raise UserError(
                f"{shown(self.path)}: is read-only; it can be listed, exported and read, but "
                "changes cannot be saved (make it writable, or work on a copy)"
            )
        with known_errors(self.path):
            if self.db.conn.in_transaction:  # inside the caller's transaction: a savepoint
                with self.db.atomic() as db:
                    yield db
            else:
                with write_transaction(self.db.conn):
                    yield self.db

    def transaction(self) -> contextlib.AbstractContextManager[Database]:
        """One all-or-nothing unit for several store calls (they nest as savepoints): an
        import file's new articles and its annotations for articles already there."""
        return self._transaction()

    # -- project metadata --------------------------------------------------------------------

    @property
    def name(self) -> str:
        return self.meta().get("name") or self.path.stem

    def meta(self) -> dict[str, str]:
        return {row["key"]: row["value"] for row in self.db.table("project_meta").rows}

    def set_meta(self, values: dict[str, str]) -> None:
        with self._transaction() as db:
            db.conn.executemany(
                "INSERT OR REPLACE INTO project_meta (key, value) VALUES (?, ?)",
                list(values.items()),
            )

    # -- articles ----------------------------------------------------------------------------

    def add_articles(self, drafts: Iterable[ArticleDraft]) -> list[int]:
        """Add articles with their spans, all or nothing; return the new article ids."""
        ids: list[int] = []
        with self._transaction():
            for draft in drafts:
                ids.append(self._insert_article(draft))
        return ids

    def _insert_article(self, draft: ArticleDraft) -> int:
        try:
            draft.check_spans()
        except ValueError as error:
            raise UserError(
                f"{shown(draft.source or self.path)}: {draft.title!r}: {error}"
            ) from None
        row = {
            "title": draft.title,
            "outlet": draft.outlet,
            "author": draft.author,
            "url": draft.url,
            "published": draft.published,
            "language": draft.language,
            "text": draft.text,
            "text_sha256": text_sha256(draft.text),
            "imported_at": now(),
            "source": draft.source,
            "meta": json.dumps(draft.meta, ensure_ascii=False),
        }
        article_id = _rowid(self.db.table("articles").insert(row).last_rowid)
        ids = [self._insert_annotation(article_id, span) for span in draft.spans]
        self._insert_relations(article_id, draft, ids, set())
        return article_id

    def _insert_relations(
        self,
        article_id: int,
        draft: ArticleDraft,
        ids: list[int],
        present: set[tuple[int, int, str]],
    ) -> int:
        added = 0
        for relation in draft.relations:
            key = (ids[relation.head], ids[relation.child], relation.label)
            if key in present:
                continue
            present.add(key)
            self._ensure_annotator(relation.annotator)
            self.db.table("relations").insert(_relation_row(article_id, *key, relation.annotator))
            added += 1
        return added

    def _annotation_keys(self, article_id: int) -> dict[tuple[Any, ...], int]:
        """What makes two annotations the same (offsets, label, kind, annotator) -> the id of
        the one the article has: imports and reviews add nothing already there."""
        return {
            (a.start, a.end, a.label, a.kind, a.annotator): a.id
            for a in self.annotations(article_id)
        }

    def merge_annotations(self, article_id: int, draft: ArticleDraft) -> tuple[int, int]:
        """Add a draft's spans and relations to an article with the same text, leaving out
        those it already has (same offsets, label, kind and annotator); all or nothing.
        Return how many spans and relations were added."""
        article = self.article(article_id)
        if article is None or article.text != draft.text:
            raise UserError(f"{shown(self.path)}: article {article_id} does not have this text")
        try:
            draft.check_spans()
        except ValueError as error:
            raise UserError(
                f"{shown(draft.source or self.path)}: {draft.title!r}: {error}"
            ) from None
        existing = self._annotation_keys(article_id)
        present = {(r.head_id, r.child_id, r.label) for r in self.relations(article_id)}
        spans_added = 0
        with self._transaction():
            ids = []
            for span in draft.spans:
                key = (span.start, span.end, span.label, span.kind, span.annotator)
                if key not in existing:
                    existing[key] = self._insert_annotation(article_id, span)
                    spans_added += 1
                ids.append(existing[key])
            relations_added = self._insert_relations(article_id, draft, ids, present)
        return spans_added, relations_added

    def article_ids_with_hash(self, sha256: str) -> list[int]:
        rows = self.db.execute("SELECT id FROM articles WHERE text_sha256 = ?", [sha256])
        return [row[0] for row in rows]

    def article_ids_with_url_or_title(self, url: str | None, title: str) -> list[int]:
        rows = self.db.execute(
            "SELECT id FROM articles WHERE (url IS NOT NULL AND url = ?) OR title = ? ORDER BY id",
            [url, title],
        )
        return [row[0] for row in rows]

    def article(self, article_id: int) -> Article | None:
        rows = list(self.db.table("articles").rows_where("id = ?", [article_id]))
        return _article(rows[0], self.path) if rows else None

    def articles(self) -> Iterator[Article]:
        """Every article in id order, one at a time (exports stream through this).

        The ids are read a page at a time and each article whole, so no statement is open
        while the caller writes between two articles: an open read would make that write
        fail at once instead of waiting for another program's transaction. An article
        deleted meanwhile is left out; one added meanwhile with a higher id is included.
        """
        query = "SELECT id FROM articles ORDER BY id LIMIT ?"
        after: list[int] = []
        while ids := [row[0] for row in self.db.execute(query, [*after, _PAGE]).fetchall()]:
            for article_id in ids:
                article = self.article(article_id)
                if article is not None:
                    yield article
            query, after = "SELECT id FROM articles WHERE id > ? ORDER BY id LIMIT ?", [ids[-1]]

    def article_count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM articles").fetchone()[0])

    def article_ids(self) -> list[int]:
        """Every article id in order, read at once (no cursor stays open for the caller)."""
        return [row[0] for row in self.db.execute("SELECT id FROM articles ORDER BY id")]

    def article_summaries(self) -> list[ArticleSummary]:
        """Title, outlet, date and per-kind counts of annotations that are not rejected."""
        return self._summaries(None)

    def article_summary(self, article_id: int) -> ArticleSummary | None:
        """One article's row of article_summaries (None if it is gone): an edit refreshes its
        own row by index look-ups instead of grouping the whole project again."""
        summaries = self._summaries(article_id)
        return summaries[0] if summaries else None

    def _summaries(self, article_id: int | None) -> list[ArticleSummary]:
        """The list and one row come from the same queries, so they cannot drift apart; with
        an id, each query reads only that article's entries in its table's index."""
        # Every row matches "IS NOT NULL": the ids are NOT NULL columns.
        only, params = ("= ?", [article_id]) if article_id is not None else ("IS NOT NULL", [])
        counts: dict[int, dict[AnnotationKind, int]] = {}
        for row_id, kind, count in self.db.execute(
            "SELECT article_id, kind, count(*) FROM annotations "
            f"WHERE status != 'rejected' AND article_id {only} GROUP BY article_id, kind",
            params,
        ):
            counts.setdefault(row_id, {})[AnnotationKind(kind)] = count
        reviewed = {
            row[0]
            for row in self.db.execute(
                f"SELECT article_id FROM reviews WHERE article_id {only}", params
            )
        }
        decided = dict(
            self.db.execute(
                "SELECT article_id, count(*) FROM decisions "
                f"WHERE choice != 'agreed' AND article_id {only} GROUP BY article_id",
                params,
            ).fetchall()
        )
        return [
            ArticleSummary(
                id=row_id,
                title=title,
                outlet=outlet,
                published=published,
                counts={kind: counts.get(row_id, {}).get(kind, 0) for kind in AnnotationKind},
                review="reviewed"
                if row_id in reviewed
                else (f"{decided[row_id]} decided" if row_id in decided else ""),
            )
            for row_id, title, outlet, published in self.db.execute(
                f"SELECT id, title, outlet, published FROM articles WHERE id {only} ORDER BY id",
                params,
            )
        ]

    # -- annotations -------------------------------------------------------------------------

    def _ensure_annotator(self, name: str | None) -> None:
        if name:
            self.db.table("annotators").insert(
                {"name": name, "created_at": now()}, pk="name", ignore=True
            )

    def _insert_annotation(self, article_id: int, span: SpanDraft) -> int:
        self._ensure_annotator(span.annotator)
        row = _annotation_row(article_id, span, now())
        return _rowid(self.db.table("annotations").insert(row).last_rowid)

    def add_annotation(self, article_id: int, span: SpanDraft) -> Annotation:
        article = self.article(article_id)
        if article is None:
            raise UserError(f"{shown(self.path)}: no article with id {article_id}")
        try:
            check_offsets(article.text, span.start, span.end)
        except ValueError as error:
            raise UserError(f"{shown(self.path)}: article {article_id}: {error}") from error
        with self._transaction():
            annotation_id = self._insert_annotation(article_id, span)
        return self.annotation(annotation_id)

    def annotation(self, annotation_id: int) -> Annotation:
        rows = list(self.db.table("annotations").rows_where("id = ?", [annotation_id]))
        if not rows:
            raise UserError(f"{shown(self.path)}: annotation {annotation_id} no longer exists")
        return _annotation(rows[0], self.path)

    def annotations(self, article_id: int) -> list[Annotation]:
        rows = self.db.table("annotations").rows_where(
            "article_id = ?", [article_id], order_by='start, "end", id'
        )
        return [_annotation(row, self.path) for row in rows]

    def update_annotation(self, annotation_id: int, **changes: Any) -> Annotation:
        """Change the given fields (label, status, attrs, note, offsets...) of one annotation."""
        current = self.annotation(annotation_id)
        unknown = set(changes) - _EDITABLE
        if unknown:
            raise ValueError(f"annotations have no editable field {', '.join(sorted(unknown))}")
        values = dict(changes)
        try:
            if "kind" in values:
                values["kind"] = str(AnnotationKind(values["kind"]))
            if "status" in values:
                values["status"] = str(AnnotationStatus(values["status"]))
            if "start" in values or "end" in values:
                article = self.article(current.article_id)
                assert article is not None  # foreign keys guarantee it
                start, end = values.get("start", current.start), values.get("end", current.end)
                check_offsets(article.text, start, end)
        except ValueError as error:
            raise UserError(f"{shown(self.path)}: annotation {annotation_id}: {error}") from None
        if "attrs" in values:
            values["attrs"] = json.dumps(values["attrs"], ensure_ascii=False)
        values["updated_at"] = now()
        with self._transaction():
            self._ensure_annotator(values.get("annotator"))
            self.db.table("annotations").update(annotation_id, values)
        return self.annotation(annotation_id)

    def delete_annotation(self, annotation_id: int) -> None:
        with self._transaction():
            self.db.table("annotations").delete(annotation_id)

    def restore_annotation(self, annotation: Annotation) -> Annotation:
        """Put back a deleted annotation with its id and timestamps (undo of a delete)."""
        with self._transaction():
            self._ensure_annotator(annotation.annotator)
            row = _annotation_row(annotation.article_id, annotation.draft(), now())
            row.update(id=annotation.id, created_at=annotation.created_at)
            self.db.table("annotations").insert(row)
        return self.annotation(annotation.id)

    def set_statuses(self, changes: dict[int, tuple[AnnotationStatus, str | None]]) -> None:
        """Set (status, annotator) of many annotations in one transaction (accept all...)."""
        stamp = now()
        with self._transaction() as db:
            for _, annotator in changes.values():
                self._ensure_annotator(annotator)
            db.conn.executemany(
                "UPDATE annotations SET status = ?, annotator = ?, updated_at = ? WHERE id = ?",
                [
                    (str(status), annotator, stamp, annotation_id)
                    for annotation_id, (status, annotator) in changes.items()
                ],
            )

    # -- suggestions -------------------------------------------------------------------------

    def entity_decisions(self) -> list[tuple[str, str, AnnotationStatus]]:
        """(text, label, status) of every entity a person decided on, oldest first."""
        rows = self.db.execute(
            'SELECT substr(t.text, a.start + 1, a."end" - a.start), a.label, a.status '
            "FROM annotations a JOIN articles t ON t.id = a.article_id "
            "WHERE a.kind = 'entity' AND a.status != 'suggested' ORDER BY a.updated_at, a.id"
        )
        return [(text, label, AnnotationStatus(status)) for text, label, status in rows]

    def entity_memory_signature(self) -> str:
        """Changes whenever a person's entity decisions change, so memory can be re-merged.

        The counter is bumped by triggers on every insert, update or delete of a decided
        entity (schema version 5): one row to read, however large the project."""
        row = self.db.execute("SELECT changes FROM entity_memory WHERE id = 1").fetchone()
        return f"e{row[0] if row is not None else 0}"

    def suggestion_run(self, article_id: int, suggester: str) -> SuggestionRun | None:
        rows = list(
            self.db.table("suggestion_runs").rows_where(
                "article_id = ? AND suggester = ?", [article_id, suggester]
            )
        )
        if not rows:
            return None
        row = rows[0]
        return SuggestionRun(
            article_id=row["article_id"],
            suggester=row["suggester"],
            model=row["model"],
            memory=row["memory"],
            model_spans=tuple(
                tuple(span)
                for span in _json(
                    self.path, row["model_spans"], "suggestion_runs.model_spans", list
                )
            ),
        )

    def save_suggestions(
        self,
        results: Iterable[tuple[SuggestionRun, list[SpanDraft]]],
        kind: AnnotationKind | tuple[AnnotationKind, ...],
        *,
        links: Mapping[int, list[tuple[int, int, str]]] | None = None,
    ) -> int:
        """Replace the suggestions of `kind` (or kinds) for each run's article, in one
        transaction; `links` maps an article id to (head draft index, child draft index,
        label) relations between its drafts (a suggested quote and its speaker).

        Only the run's own suggester's earlier suggestions (and links) are replaced. A
        suggestion is dropped where a person already decided on the same span of the same
        kind (accepted, relabelled, rejected or drawn it), so a decision is never offered
        again, and where a suggestion from elsewhere (an import) already sits. Unchanged
        suggestions keep their rows. Returns the number of suggestions now stored.
        """
        kinds = [str(k) for k in (kind if isinstance(kind, tuple) else (kind,))]
        stored = 0
        stamp = now()
        with self._transaction() as db:
            for run, drafts in results:
                existing = list(
                    db.execute(
                        'SELECT id, kind, start, "end", label, status, annotator FROM annotations '
                        f"WHERE article_id = ? AND kind IN ({', '.join('?' * len(kinds))})",
                        [run.article_id, *kinds],
                    )
                )
                # This suggester's own earlier suggestions are replaced; everything else
                # (decisions, and suggestions imported from elsewhere) stays and blocks its span.
                ours = [
                    row for row in existing if row[5] == "suggested" and row[6] == run.suggester
                ]
                taken = {(row[1], row[2], row[3]) for row in existing if row not in ours}
                keys = [(str(d.kind), d.start, d.end, d.label) for d in drafts]
                wanted = {
                    key: d for key, d in zip(keys, drafts, strict=True) if key[:3] not in taken
                }
                ids: dict[tuple[str, int, int, str], int] = {}
                stale = []
                for annotation_id, row_kind, start, end, label, _, _ in ours:
                    key = (row_kind, start, end, label)
                    if key in wanted and key not in ids:
                        ids[key] = annotation_id
                    else:
                        stale.append((annotation_id,))
                db.conn.executemany("DELETE FROM annotations WHERE id = ?", stale)
                fresh = [(key, d) for key, d in wanted.items() if key not in ids]
                for annotator in {d.annotator for _, d in fresh}:
                    self._ensure_annotator(annotator)
                article_links = (links or {}).get(run.article_id, [])
                if article_links:  # row by row, to learn the ids the links need
                    for key, d in fresh:
                        ids[key] = _rowid(
                            db.conn.execute(
                                _INSERT_ANNOTATION, _annotation_row(run.article_id, d, stamp)
                            ).lastrowid
                        )
                    self._replace_suggested_links(
                        run,
                        [
                            (ids.get(keys[head]), ids.get(keys[child]), label)
                            for head, child, label in article_links
                        ],
                    )
                else:
                    db.conn.executemany(
                        _INSERT_ANNOTATION,
                        [_annotation_row(run.article_id, d, stamp) for _, d in fresh],
                    )
                stored += len(wanted)
                db.conn.execute(
                    "INSERT OR REPLACE INTO suggestion_runs "
                    "(article_id, suggester, model, memory, model_spans, created_at) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    [
                        run.article_id,
                        run.suggester,
                        run.model,
                        run.memory,
                        json.dumps(run.model_spans, ensure_ascii=False),
                        stamp,
                    ],
                )
        return stored

    def _replace_suggested_links(
        self, run: SuggestionRun, links: list[tuple[int | None, int | None, str]]
    ) -> None:
        """Swap the suggester's links between still-suggested annotations for new ones."""
        self._ensure_annotator(run.suggester)
        self.db.execute(
            "DELETE FROM relations WHERE article_id = ? AND annotator = ? AND head_id IN "
            "(SELECT id FROM annotations WHERE article_id = ? AND status = 'suggested')",
            [run.article_id, run.suggester, run.article_id],
        )
        present = {
            (head, child, label)
            for head, child, label in self.db.execute(
                "SELECT head_id, child_id, label FROM relations WHERE article_id = ?",
                [run.article_id],
            )
        }
        self.db.conn.executemany(
            "INSERT INTO relations (article_id, head_id, child_id, label, annotator) "
            "VALUES (?, ?, ?, ?, ?)",
            [
                (run.article_id, head, child, label, run.suggester)
                for head, child, label in links
                if head is not None and child is not None and (head, child, label) not in present
            ],
        )

    # -- review of colleagues' work --------------------------------------------------------

    def decisions(self, article_id: int) -> dict[str, Decision]:
        rows = self.db.table("decisions").rows_where("article_id = ?", [article_id], order_by="id")
        return {
            row["key"]: Decision(
                row["key"],
                row["choice"],
                row["decided_by"],
                row["decided_at"],
                tuple(_json(self.path, row["annotation_ids"], "decisions.annotation_ids", list)),
            )
            for row in rows
        }

    def decide(
        self,
        article_id: int,
        key: str,
        choice: str,
        decided_by: str | None,
        draft: ArticleDraft,
    ) -> Decision:
        """Record a decision on disagreement `key` and add what it keeps (the draft's spans and
        relations) to the article, all in one transaction; a decision made again replaces the
        earlier one and what it added."""
        with self._transaction():
            self._forget_decision(article_id, key)
            existing = self._annotation_keys(article_id)
            ids, created = [], []
            for span in draft.spans:  # a span already in the layer is linked, not repeated
                same = existing.get((span.start, span.end, span.label, span.kind, span.annotator))
                if same is None:
                    same = self._insert_annotation(article_id, span)
                    created.append(same)
                ids.append(same)
            present = {(r.head_id, r.child_id, r.label) for r in self.relations(article_id)}
            self._insert_relations(article_id, draft, ids, present)
            stamp = now()
            self.db.table("decisions").insert(
                {
                    "article_id": article_id,
                    "key": key,
                    "choice": choice,
                    "decided_by": decided_by,
                    "decided_at": stamp,
                    "annotation_ids": json.dumps(created),
                }
            )
        return Decision(key, choice, decided_by, stamp, tuple(created))

    def undo_decision(self, article_id: int, key: str) -> None:
        """Take a decision back, with the annotations it added (and the article's review mark)."""
        with self._transaction():
            self._forget_decision(article_id, key)

    def _forget_decision(self, article_id: int, key: str) -> None:
        rows = list(
            self.db.table("decisions").rows_where("article_id = ? AND key = ?", [article_id, key])
        )
        for row in rows:
            for annotation_id in _json(
                self.path, row["annotation_ids"], "decisions.annotation_ids", list
            ):
                self.db.execute("DELETE FROM annotations WHERE id = ?", [annotation_id])
            self.db.table("decisions").delete(row["id"])
        if rows:
            self.db.execute("DELETE FROM reviews WHERE article_id = ?", [article_id])

    def mark_reviewed(self, article_id: int, reviewed_by: str | None) -> None:
        with self._transaction() as db:
            db.conn.execute(
                "INSERT OR REPLACE INTO reviews (article_id, reviewed_by, reviewed_at) "
                "VALUES (?, ?, ?)",
                [article_id, reviewed_by, now()],
            )

    def unmark_reviewed(self, article_id: int) -> None:
        with self._transaction():
            self.db.execute("DELETE FROM reviews WHERE article_id = ?", [article_id])

    def reviewed_articles(self) -> dict[int, tuple[str | None, str]]:
        """Article id -> (who, when) for the articles whose review is complete."""
        rows = self.db.execute("SELECT article_id, reviewed_by, reviewed_at FROM reviews")
        return {row[0]: (row[1], row[2]) for row in rows}

    def annotator_names(self, *, decided: bool = False) -> list[str]:
        """Everyone with an annotation in the project (with `decided`, an accepted or
        hand-made one), in name order."""
        condition = " AND status IN ('accepted', 'manual')" if decided else ""
        rows = self.db.execute(
            "SELECT DISTINCT annotator FROM annotations WHERE annotator IS NOT NULL"
            f"{condition} ORDER BY 1"
        )
        return [row[0] for row in rows]

    # -- relations ---------------------------------------------------------------------------

    def add_relation(
        self, head_id: int, child_id: int, label: str, annotator: str | None = None
    ) -> Relation:
        head, child = self.annotation(head_id), self.annotation(child_id)
        if head_id == child_id:
            raise UserError(f"{shown(self.path)}: a relation cannot link an annotation to itself")
        if head.article_id != child.article_id:
            raise UserError(f"{shown(self.path)}: a relation must link annotations of one article")
        with self._transaction():
            self._ensure_annotator(annotator)
            row = _relation_row(head.article_id, head_id, child_id, label, annotator)
            relation_id = _rowid(self.db.table("relations").insert(row).last_rowid)
        return _relation(self.db.table("relations").get(relation_id))

    def delete_relation(self, relation_id: int) -> None:
        with self._transaction():
            self.db.table("relations").delete(relation_id)

    def restore_relation(self, relation: Relation) -> Relation:
        """Put back a deleted relation with its id (undo of an unlink)."""
        with self._transaction():
            self._ensure_annotator(relation.annotator)
            r = relation
            row = _relation_row(r.article_id, r.head_id, r.child_id, r.label, r.annotator)
            self.db.table("relations").insert({"id": r.id, **row})
        return _relation(self.db.table("relations").get(relation.id))

    def relations(self, article_id: int) -> list[Relation]:
        rows = self.db.table("relations").rows_where("article_id = ?", [article_id], order_by="id")
        return [_relation(row) for row in rows]


_ANNOTATION_COLUMNS = (
    "article_id",
    "start",
    "end",
    "label",
    "kind",
    "status",
    "annotator",
    "attrs",
    "note",
    "created_at",
    "updated_at",
)


_INSERT_ANNOTATION = (
    f"INSERT INTO annotations ({', '.join(f'[{c}]' for c in _ANNOTATION_COLUMNS)}) "
    f"VALUES ({', '.join(f':{c}' for c in _ANNOTATION_COLUMNS)})"
)


def _rowid(rowid: int | None) -> int:
    """The id of a row just inserted (SQLite always sets it after an INSERT)."""
    assert rowid is not None
    return rowid


def _annotation_row(article_id: int, span: SpanDraft, stamp: str) -> dict[str, Any]:
    """The annotations row for a new annotation (_ANNOTATION_COLUMNS, in that order)."""
    return {
        "article_id": article_id,
        "start": span.start,
        "end": span.end,
        "label": span.label,
        "kind": str(span.kind),
        "status": str(span.status),
        "annotator": span.annotator,
        "attrs": json.dumps(span.attrs, ensure_ascii=False),
        "note": span.note,
        "created_at": stamp,
        "updated_at": stamp,
    }


def _relation_row(
    article_id: int, head_id: int, child_id: int, label: str, annotator: str | None
) -> dict[str, Any]:
    return {
        "article_id": article_id,
        "head_id": head_id,
        "child_id": child_id,
        "label": label,
        "annotator": annotator,
    }


def _json(path: Path, text: str, what: str, kind: type) -> Any:
    """A JSON value stored in the file, which must be of `kind`: another program may have
    stored anything that json_valid() accepts, nested up to 2,000 deep."""
    try:
        value = json.loads(text)
    except RecursionError:
        problem = "is nested too deeply"
    except ValueError:  # json_valid() takes integers of any length, Python 4,300 digits
        problem = "holds a number too long to read"
    else:
        if isinstance(value, kind):
            return value
        problem = f"is not a JSON {'object' if kind is dict else 'array'}"
    raise UserError(f"{shown(path)}: {what} {problem} ({CHANGED_BY_OTHERS})")


def _article(row: dict[str, Any], path: Path) -> Article:
    return Article(
        id=row["id"],
        title=row["title"],
        text=row["text"],
        text_sha256=row["text_sha256"],
        imported_at=row["imported_at"],
        outlet=row["outlet"],
        author=row["author"],
        url=row["url"],
        published=row["published"],
        language=row["language"],
        source=row["source"],
        meta=_json(path, row["meta"], f"the meta of article {row['id']}", dict),
    )


def _annotation(row: dict[str, Any], path: Path) -> Annotation:
    return Annotation(
        id=row["id"],
        article_id=row["article_id"],
        start=row["start"],
        end=row["end"],
        label=row["label"],
        kind=AnnotationKind(row["kind"]),
        status=AnnotationStatus(row["status"]),
        annotator=row["annotator"],
        attrs=_json(path, row["attrs"], f"the attrs of annotation {row['id']}", dict),
        note=row["note"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


def _relation(row: dict[str, Any]) -> Relation:
    return Relation(
        id=row["id"],
        article_id=row["article_id"],
        head_id=row["head_id"],
        child_id=row["child_id"],
        label=row["label"],
        annotator=row["annotator"],
    )
