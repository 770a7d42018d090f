"""This tool's own JSONL: one article a line, {"text": ..., "meta": {...}, "spans": [...]}.

Offsets are code points into "text". Imported text with Windows line endings is normalised
and its span offsets are moved with it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TextIO

from annotator.domain.labels import KIND_LABELS
from annotator.domain.model import (
    AnnotationKind,
    AnnotationStatus,
    ArticleDraft,
    SpanDraft,
    check_offsets,
)
from annotator.domain.text import OffsetMap, normalize_text
from annotator.errors import UserError
from annotator.interop.files import atomic_writer, read_text
from annotator.interop.plaintext import ARTICLE_FIELDS, derive_title
from annotator.interop.reading import Reading
from annotator.store import ProjectStore

#: Statuses that leave the tool by default: what a person decided, not what a model guessed.
EXPORTED_STATUSES = frozenset({AnnotationStatus.ACCEPTED, AnnotationStatus.MANUAL})
_KIND_BY_LABEL = {label: kind for kind, label in KIND_LABELS.items()}


class _LineError(Exception):
    """A problem with one JSONL line; read_jsonl adds the file name and line number."""


def read_jsonl(path: Path) -> Reading:
    drafts: list[ArticleDraft] = []
    # Split on "\n" alone: str.splitlines() also breaks at U+2028, U+2029 and U+0085, which
    # json.dumps(ensure_ascii=False) leaves unescaped inside strings.
    for number, line in enumerate(read_text(path).split("\n"), start=1):
        if not line.strip():
            continue
        try:
            drafts.append(_draft(line, path.name))
        except _LineError as error:
            raise UserError(f"{path}:{number}: {error}") from None
    if not drafts:
        raise UserError(f"{path}: holds no articles (an empty JSONL file)")
    return Reading(drafts)


def _draft(line: str, source: str) -> ArticleDraft:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise _LineError(f"not valid JSON ({error.msg} at column {error.colno})") from None
    if not isinstance(record, dict):
        raise _LineError("each line must be a JSON object")
    raw = record.get("text")
    if not isinstance(raw, str) or not raw.strip():
        raise _LineError('needs a non-empty "text" string')
    meta = record.get("meta") or {}
    if not isinstance(meta, dict):
        raise _LineError('"meta" must be an object')
    text = normalize_text(raw)
    spans = tuple(_span(raw, text, OffsetMap(raw), item) for item in record.get("spans") or [])
    fields = {key: meta.get(key) for key in ARTICLE_FIELDS if meta.get(key) is not None}
    extra = {
        key: value for key, value in meta.items() if key not in (*ARTICLE_FIELDS, "article_id")
    }
    return ArticleDraft(
        text=text,
        title=str(fields.pop("title", None) or derive_title(text)),
        meta=extra,
        spans=spans,
        source=source,
        **{key: str(value) for key, value in fields.items()},
    )


def _span(raw: str, text: str, to_normal: OffsetMap, item: Any) -> SpanDraft:
    if not isinstance(item, dict):
        raise _LineError("each span must be an object")
    start, end, label = item.get("start"), item.get("end"), item.get("label")
    if not isinstance(start, int) or not isinstance(end, int) or not isinstance(label, str):
        raise _LineError('each span needs integer "start" and "end" and a "label"')
    try:
        check_offsets(raw, start, end)
    except ValueError as error:
        raise _LineError(str(error)) from None
    if "text" in item and item["text"] != raw[start:end]:
        raise _LineError(
            f"span [{start}, {end}) says its text is {item['text']!r} "
            f"but the article has {raw[start:end]!r} there"
        )
    try:
        kind = AnnotationKind(item.get("kind") or _KIND_BY_LABEL.get(label, "entity"))
        status = AnnotationStatus(item.get("status") or "accepted")
    except ValueError as error:
        raise _LineError(str(error)) from None
    return SpanDraft(
        start=to_normal(start),
        end=to_normal(end),
        label=label,
        kind=kind,
        status=status,
        annotator=item.get("annotator"),
        attrs=item.get("attrs") or {},
        note=item.get("note"),
    )


def write_jsonl(store: ProjectStore, out: Path, *, include_suggestions: bool = False) -> int:
    """Write every article as one line, streaming article by article; return the count."""
    statuses = EXPORTED_STATUSES | ({AnnotationStatus.SUGGESTED} if include_suggestions else set())
    with atomic_writer(out) as handle:
        return _write_records(store, handle, statuses)


def _write_records(
    store: ProjectStore, handle: TextIO, statuses: frozenset[AnnotationStatus]
) -> int:
    count = 0
    for article in store.articles():
        annotations = [a for a in store.annotations(article.id) if a.status in statuses]
        kept = {a.id for a in annotations}
        record = {
            "text": article.text,
            "meta": {
                "article_id": article.id,
                **{field: getattr(article, field) for field in ARTICLE_FIELDS},
                **article.meta,
            },
            "spans": [
                {
                    "id": a.id,
                    "start": a.start,
                    "end": a.end,
                    "label": a.label,
                    "kind": str(a.kind),
                    "text": article.text[a.start : a.end],
                    "status": str(a.status),
                    "annotator": a.annotator,
                    "attrs": a.attrs,
                    "note": a.note,
                }
                for a in annotations
            ],
            "relations": [
                {
                    "head_id": r.head_id,
                    "child_id": r.child_id,
                    "label": r.label,
                    "annotator": r.annotator,
                }
                for r in store.relations(article.id)
                if r.head_id in kept and r.child_id in kept
            ],
        }
        handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count
