"""This tool's own JSONL, a superset of Prodigy's: one article a line, with its spans,
relations and metadata (docs/formats.md, docs/export.schema.json).

Offsets are code points into "text"; token_start and token_end (inclusive) follow spaCy's
tokenisation; a relation's "head" and "child" are the token_end of its two spans, as Prodigy
writes them. Reading accepts Prodigy's own output too: tasks answered "reject" or "ignore" are
skipped and counted. Imported text with Windows line endings is normalised and its offsets
moved with it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TextIO

from annotator.domain.model import (
    AnnotationKind,
    AnnotationStatus,
    ArticleDraft,
    RelationDraft,
    SpanDraft,
    check_offsets,
)
from annotator.domain.text import OffsetMap, normalize_text
from annotator.errors import UserError
from annotator.interop.drafts import KIND_BY_LABEL, RecordError, json_object
from annotator.interop.files import atomic_writer, read_text
from annotator.interop.plaintext import ARTICLE_FIELDS, derive_title
from annotator.interop.reading import Reading
from annotator.interop.selection import ExportItem, Selection
from annotator.nlp.tokens import token_bounds, token_records, tokenize
from annotator.store import ProjectStore

#: Prodigy's answers that mean "do not use this task".
_SKIPPED_ANSWERS = ("reject", "ignore")


def read_jsonl(path: Path) -> Reading:
    reading = Reading([])
    # Split on "\n" alone: str.splitlines() also breaks at U+2028, U+2029 and U+0085, which
    # json.dumps(ensure_ascii=False) leaves unescaped inside strings.
    for number, line in enumerate(read_text(path).split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json_object(line)
            answer = record.get("answer")
            if answer in _SKIPPED_ANSWERS:
                reading.skipped.append(f"line {number}: answered {answer}")
                continue
            reading.articles.append(_draft(record, path.name))
        except RecordError as error:
            raise UserError(f"{path}:{number}: {error}") from None
    if not reading.articles and not reading.skipped:
        raise UserError(f"{path}: holds no articles (an empty JSONL file)")
    return reading


def _draft(record: dict[str, Any], source: str) -> ArticleDraft:
    raw = record.get("text")
    if not isinstance(raw, str) or not raw.strip():
        raise RecordError('needs a non-empty "text" string')
    meta = record.get("meta") or {}
    if not isinstance(meta, dict):
        raise RecordError('"meta" must be an object')
    text = normalize_text(raw)
    to_normal = OffsetMap(raw)
    annotator = record.get("_annotator_id") or record.get("_session_id")
    items = record.get("spans") or []
    if not isinstance(items, list):
        raise RecordError('"spans" must be a list')
    spans = [_span(raw, text, to_normal, item, annotator) for item in items]
    relations = _relations(raw, text, to_normal, record.get("relations") or [], items, spans)
    fields = {key: meta.get(key) for key in ARTICLE_FIELDS if meta.get(key) is not None}
    extra = {
        key: value for key, value in meta.items() if key not in (*ARTICLE_FIELDS, "article_id")
    }
    return ArticleDraft(
        text=text,
        title=str(fields.pop("title", None) or derive_title(text)),
        meta=extra,
        spans=tuple(spans),
        relations=tuple(relations),
        source=source,
        **{key: str(value) for key, value in fields.items()},
    )


def _span(raw: str, text: str, to_normal: OffsetMap, item: Any, annotator: Any) -> SpanDraft:
    if not isinstance(item, dict):
        raise RecordError("each span must be an object")
    start, end, label = item.get("start"), item.get("end"), item.get("label")
    if not isinstance(start, int) or not isinstance(end, int) or not isinstance(label, str):
        raise RecordError('each span needs integer "start" and "end" and a "label"')
    try:
        check_offsets(raw, start, end)
    except ValueError as error:
        raise RecordError(str(error)) from None
    if "text" in item and item["text"] != raw[start:end]:
        raise RecordError(
            f"span [{start}, {end}) says its text is {item['text']!r} "
            f"but the article has {raw[start:end]!r} there"
        )
    try:
        kind = AnnotationKind(item.get("kind") or KIND_BY_LABEL.get(label, "entity"))
        status = AnnotationStatus(item.get("status") or "accepted")
    except ValueError as error:
        raise RecordError(str(error)) from None
    who = item.get("annotator", annotator)
    return SpanDraft(
        start=to_normal(start),
        end=to_normal(end),
        label=label,
        kind=kind,
        status=status,
        annotator=str(who) if who is not None else None,
        attrs=item.get("attrs") or {},
        note=item.get("note"),
    )


def _relations(
    raw: str,
    text: str,
    to_normal: OffsetMap,
    items: Any,
    span_items: list[Any],
    spans: list[SpanDraft],
) -> list[RelationDraft]:
    """Relations by this tool's span ids ("head_id") or, as Prodigy writes them, by the
    spans at each end ("head_span"); an end that is no span of the line is added as one."""
    if not isinstance(items, list):
        raise RecordError('"relations" must be a list')
    by_id = {item.get("id"): index for index, item in enumerate(span_items) if "id" in item}
    by_place = {(s.start, s.end, s.label): index for index, s in enumerate(spans)}

    def end_of(item: dict[str, Any], side: str) -> int:
        if f"{side}_id" in item:
            if item[f"{side}_id"] not in by_id:
                raise RecordError(f"a relation's {side}_id {item[f'{side}_id']!r} is no span id")
            return by_id[item[f"{side}_id"]]
        place = item.get(f"{side}_span")
        if not isinstance(place, dict):
            raise RecordError(f'each relation needs "{side}_id" or "{side}_span"')
        span = _span(raw, text, to_normal, place, item.get("annotator"))
        key = (span.start, span.end, span.label)
        if key not in by_place:
            by_place[key] = len(spans)
            spans.append(span)
        return by_place[key]

    relations = []
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("label"), str):
            raise RecordError('each relation must be an object with a "label"')
        head, child = end_of(item, "head"), end_of(item, "child")
        if head == child:
            raise RecordError(f"a {item['label']} relation links a span to itself")
        who = item.get("annotator")
        relations.append(RelationDraft(head, child, item["label"], str(who) if who else None))
    return relations


# -- export ----------------------------------------------------------------------------------


def write_jsonl(
    store: ProjectStore,
    out: Path,
    selection: Selection | None = None,
    *,
    with_tokens: bool = False,
) -> int:
    """Write every selected article as one line, streaming article by article; return the
    count."""
    with atomic_writer(out) as handle:
        return _write_records(store, handle, selection or Selection(), with_tokens)


def _write_records(
    store: ProjectStore, handle: TextIO, selection: Selection, with_tokens: bool
) -> int:
    count = 0
    for item in selection.items(store):
        handle.write(json.dumps(export_record(item, with_tokens), ensure_ascii=False) + "\n")
        count += 1
    return count


def export_record(item: ExportItem, with_tokens: bool = False) -> dict[str, Any]:
    """One article as this tool's JSONL object. Spans are numbered 1, 2, ... in text order
    within the article, so an export re-imported and exported again is byte-identical."""
    article = item.article
    doc = tokenize(article.text, article.language)
    annotations = sorted(item.annotations, key=lambda a: (a.start, -a.end, a.label, a.id))
    number = {a.id: index for index, a in enumerate(annotations, start=1)}
    bounds = {a.id: token_bounds(doc, a.start, a.end) for a in annotations}
    by_id = {a.id: a for a in annotations}

    def place(annotation_id: int) -> dict[str, Any]:
        a = by_id[annotation_id]
        token_start, token_end = bounds[annotation_id]
        return {
            "start": a.start,
            "end": a.end,
            "token_start": token_start,
            "token_end": token_end,
            "label": a.label,
        }

    record: dict[str, Any] = {
        "text": article.text,
        "meta": {
            "article_id": article.id,
            **{field: getattr(article, field) for field in ARTICLE_FIELDS},
            **article.meta,
        },
    }
    if with_tokens:
        record["tokens"] = token_records(doc)
    record["spans"] = [
        {
            "id": number[a.id],
            "start": a.start,
            "end": a.end,
            "token_start": bounds[a.id][0],
            "token_end": bounds[a.id][1],
            "label": a.label,
            "kind": str(a.kind),
            "text": article.text[a.start : a.end],
            "status": str(a.status),
            "annotator": a.annotator,
            "attrs": a.attrs,
            "note": a.note,
        }
        for a in annotations
    ]
    relations = sorted(item.relations, key=lambda r: (number[r.head_id], number[r.child_id]))
    record["relations"] = [
        {
            "head": bounds[r.head_id][1],
            "child": bounds[r.child_id][1],
            "head_id": number[r.head_id],
            "child_id": number[r.child_id],
            "head_span": place(r.head_id),
            "child_span": place(r.child_id),
            "label": r.label,
            "annotator": r.annotator,
        }
        for r in relations
    ]
    record["answer"] = "accept"
    return record
