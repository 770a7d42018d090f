"""This tool's own JSONL, a superset of Prodigy's: one article a line, with its spans,
relations and metadata (docs/formats.md, docs/export.schema.json).

Offsets are code points into "text"; token_start and token_end (inclusive) follow spaCy's
tokenisation, or the line's own "tokens" when it came with them; a relation's "head" and
"child" are the token_end of its two spans, as Prodigy writes them. Reading accepts Prodigy's
own output too: tasks answered "reject" or "ignore" are skipped and counted, and fields this
tool does not use are kept and written back (interop/foreign.py). Imported text with Windows
line endings is normalised and its offsets moved with it.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from annotator.domain.attributes import CHOICES, EVIDENCE, ROLE
from annotator.domain.model import (
    Annotation,
    AnnotationKind,
    AnnotationStatus,
    ArticleDraft,
    RelationDraft,
    SpanDraft,
)
from annotator.errors import UserError, shown
from annotator.interop.drafts import (
    RawText,
    article,
    is_id,
    name,
    optional_list,
    optional_object,
)
from annotator.interop.files import atomic_writer
from annotator.interop.foreign import FOREIGN, KeptTokens, token_problem
from annotator.interop.plaintext import ARTICLE_FIELDS
from annotator.interop.reading import Line, Reading, RecordError, json_lines, json_object
from annotator.interop.selection import ExportItem, Selection
from annotator.nlp.tokens import token_bounds, token_records, tokenize
from annotator.store import ProjectStore

#: Prodigy's answers; "reject" and "ignore" mean "do not use this task".
_ANSWERS = ("accept", "reject", "ignore")
_SKIPPED_ANSWERS = ("reject", "ignore")
#: What annotator reads (or writes) itself; every other field of a line or span is kept.
_RECORD_KEYS = frozenset({"text", "meta", "tokens", "spans", "relations", "answer"})
_SPAN_KEYS = frozenset(
    {"id", "start", "end", "token_start", "token_end", "label", "kind", "text", "status"}
    | {"annotator", "attrs", "note"}
)
#: The record's annotator, as Prodigy names it; the first one given is the spans' annotator.
_ANNOTATOR_KEYS = ("_annotator_id", "_session_id")
#: doccano's span forms: a line with them is doccano's, whose spans this reader would drop.
_DOCCANO_SPANS = ("entities", "annotations", "label", "labels")
_DOCCANO_ONLY = frozenset({"entities", "annotations"})
#: attrs that the window and the exporters read, and the JSON types they need.
_CHOICE_KEYS = frozenset(choice.key for choices in CHOICES.values() for choice in choices)


def read_jsonl(path: Path, *, skip_invalid: bool = False) -> Reading:
    """Every article of a JSONL file, or a UserError naming the first bad line; with
    `skip_invalid` bad lines are skipped and listed instead."""
    return jsonl_reading(path, json_lines(path), skip_invalid=skip_invalid)


def jsonl_reading(path: Path, lines: list[Line], *, skip_invalid: bool) -> Reading:
    """The articles of a JSONL file's parsed lines (formats.py parses them once, to tell
    this tool's form from doccano's)."""
    if not lines:
        raise UserError(f"{path}: holds no articles (an empty JSONL file)")
    reading = Reading([])
    for number, value in lines:
        try:
            record = json_object(value)
            answer = record.get("answer")
            if answer is not None and answer not in _ANSWERS:
                raise RecordError('"answer" must be "accept", "reject" or "ignore"')
            if answer in _SKIPPED_ANSWERS:
                reading.skipped.append(f"line {number}: answered {answer}")
                continue
            reading.articles.append(_draft(record, shown(path.name)))
        except RecordError as error:
            reading.refuse(
                error,
                place=f"{path}:{number}",
                where=f"line {number}",
                skip=skip_invalid,
                others=len(lines) > 1,
            )
    return reading


def _draft(record: dict[str, Any], source: str) -> ArticleDraft:
    raw = record.get("text")
    if not isinstance(raw, str) or not raw.strip():
        raise RecordError('needs a non-empty "text" string')
    _refuse_doccano_spans(record)
    meta = optional_object(record.get("meta"), '"meta"')
    text = RawText(raw)
    used = next((key for key in _ANNOTATOR_KEYS if record.get(key)), None)
    annotator = name(record[used], f'"{used}"') if used else None
    # Kept even when it names the annotator: it is part of the task, as Prodigy wrote it.
    foreign = {k: v for k, v in record.items() if k not in _RECORD_KEYS}
    tokens = record.get("tokens")
    if tokens is not None:
        problem = token_problem(raw, tokens)
        if problem:
            raise RecordError(f'"tokens" {problem}')
        if text.text == raw:  # counted on the text as stored: they still fit
            foreign["tokens"] = tokens
    spans, ids = _spans(text, optional_list(record.get("spans"), '"spans"'), annotator)
    relations = _relations(text, optional_list(record.get("relations"), '"relations"'), ids, spans)
    # The exporter's article_id is its project's id: this project gives its own.
    fields = {key: value for key, value in meta.items() if key != "article_id"}
    return article(text, fields, spans=spans, relations=relations, source=source, foreign=foreign)


def _spans(
    text: RawText, items: list[Any], annotator: str | None
) -> tuple[list[SpanDraft], dict[Any, int]]:
    """The line's spans, and the index of each by its id; ids are unique in a line, so a
    relation can never link to the wrong one of two."""
    spans: list[SpanDraft] = []
    ids: dict[Any, int] = {}
    for number, item in enumerate(items, start=1):
        ident = item.get("id") if isinstance(item, dict) else None
        if ident is not None:
            if not is_id(ident):
                raise RecordError(f'span {number}\'s "id" must be a number or a string')
            if ident in ids:
                raise RecordError(
                    f"two spans have the id {ident!r} (spans {ids[ident] + 1} and {number})"
                )
            ids[ident] = len(spans)
        spans.append(_span(text, item, annotator, where=f"span {number}"))
    return spans, ids


def _refuse_doccano_spans(record: dict[str, Any]) -> None:
    """A line with doccano's spans would lose them here: refuse it ("label" alone may be a
    category, as Prodigy's text classification writes it, and is kept)."""
    for key in _DOCCANO_SPANS:
        value = record.get(key)
        if isinstance(value, list) or (key in _DOCCANO_ONLY and value is not None):
            raise RecordError(
                f"has doccano's \"{key}\" spans, which this tool's and Prodigy's form does "
                "not read; a line must hold its spans in one form"
            )


def _span(text: RawText, item: Any, annotator: str | None, *, where: str) -> SpanDraft:
    if not isinstance(item, dict):
        raise RecordError(f"{where} must be an object")
    given = item.get("text")
    if given is not None and not isinstance(given, str):
        raise RecordError(f'{where}: its "text" must be a string')
    span = text.span(
        item.get("start"), item.get("end"), item.get("label"), where=where, given_text=given
    )
    attrs = _attrs(item.get("attrs"), where)
    foreign = {key: value for key, value in item.items() if key not in _SPAN_KEYS}
    if foreign:
        attrs[FOREIGN] = foreign
    note = item.get("note")
    if note is not None and not isinstance(note, str):
        raise RecordError(f'{where}: its "note" must be a string')
    return dataclasses.replace(
        span,
        kind=_choice(AnnotationKind, item.get("kind"), where, "kind") or span.kind,
        status=_choice(AnnotationStatus, item.get("status"), where, "status") or span.status,
        annotator=name(item["annotator"], f"{where}'s annotator")
        if "annotator" in item
        else annotator,
        attrs=attrs,
        note=note,
    )


def _choice(
    kind: type[AnnotationKind] | type[AnnotationStatus], value: Any, where: str, key: str
) -> Any:
    """A kind or status as named on the span; None when the span leaves it out."""
    if value is None:
        return None
    if not isinstance(value, str) or value not in {str(member) for member in kind}:
        known = ", ".join(str(member) for member in kind)
        raise RecordError(f'{where}: "{key}" must be one of {known}, not {value!r}')
    return kind(value)


def _attrs(value: Any, where: str) -> dict[str, Any]:
    """A span's attrs, with the types the window and the exporters read them as."""
    attrs = dict(optional_object(value, f'{where}: "attrs"'))
    if FOREIGN in attrs:
        raise RecordError(f'{where}: "attrs" may not hold "{FOREIGN}", a name annotator keeps')
    for key, item in attrs.items():
        if key in _CHOICE_KEYS or key == ROLE:
            fits = isinstance(item, str)
        elif key == EVIDENCE:
            fits = isinstance(item, list) and all(isinstance(link, str) for link in item)
        elif key == "confidence":
            fits = isinstance(item, int | float) and not isinstance(item, bool)
        else:
            continue
        if not fits:
            wanted = {EVIDENCE: "a list of strings", "confidence": "a number"}
            raise RecordError(
                f'{where}: attrs "{key}" must be {wanted.get(key, "a string")}, not {item!r}'
            )
    return attrs


def _relations(
    text: RawText, items: list[Any], ids: dict[Any, int], spans: list[SpanDraft]
) -> list[RelationDraft]:
    """Relations by this tool's span ids ("head_id") or, as Prodigy writes them, by the
    spans at each end ("head_span"); an end that is no span of the line is added as one."""
    by_place = {(s.start, s.end, s.label): index for index, s in enumerate(spans)}
    relations = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict) or not isinstance(item.get("label"), str):
            raise RecordError('each relation must be an object with a "label"')
        label = item["label"]
        if not label.strip():
            raise RecordError(f"relation {number} needs a label")
        who = name(item.get("annotator"), f"relation {number}'s annotator")
        head, child = (
            _end(text, item, side, ids, spans, by_place, who, where=f"relation {number}")
            for side in ("head", "child")
        )
        if head == child:
            raise RecordError(f"a {label} relation links a span to itself")
        relations.append(RelationDraft(head, child, label, who))
    return relations


def _end(
    text: RawText,
    item: dict[str, Any],
    side: str,
    ids: dict[Any, int],
    spans: list[SpanDraft],
    by_place: dict[tuple[int, int, str], int],
    annotator: str | None,
    *,
    where: str,
) -> int:
    """The index in `spans` of one end of a relation, adding it when only its place is given."""
    ident = item.get(f"{side}_id")
    if ident is not None:
        if not is_id(ident) or ident not in ids:
            raise RecordError(f"a relation's {side}_id {ident!r} is no span id")
        return ids[ident]
    place = item.get(f"{side}_span")
    if not isinstance(place, dict):
        raise RecordError(f'each relation needs "{side}_id" or "{side}_span"')
    span = _span(text, place, annotator, where=f"{where}'s {side}_span")
    key = (span.start, span.end, span.label)
    if key not in by_place:
        by_place[key] = len(spans)
        spans.append(span)
    return by_place[key]


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
    within the article, so an export re-imported and exported again is byte-identical.
    Fields kept from an imported line go back where they were; this project's article_id
    and fields always win over meta of the same name."""
    article = item.article
    meta = dict(article.meta)
    foreign = _foreign(meta)
    kept = foreign.pop("tokens", None)
    tokens: list[dict[str, Any]] | None = None
    bounds_of: Callable[[int, int], tuple[int, int]]
    if kept is not None and token_problem(article.text, kept) is None:
        tokens = kept
        bounds_of = KeptTokens(article.text, kept).bounds
    else:
        doc = tokenize(article.text, article.language)
        tokens = token_records(doc) if with_tokens else None
        bounds_of = functools.partial(token_bounds, doc)
    annotations = sorted(item.annotations, key=lambda a: (a.start, -a.end, a.label, a.id))
    number = {a.id: index for index, a in enumerate(annotations, start=1)}
    bounds = {a.id: bounds_of(a.start, a.end) for a in annotations}
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

    ours = ("article_id", *ARTICLE_FIELDS)
    record: dict[str, Any] = {
        "text": article.text,
        "meta": {
            "article_id": article.id,
            **{field: getattr(article, field) for field in ARTICLE_FIELDS},
            **{key: value for key, value in meta.items() if key not in ours},
        },
    }
    if tokens is not None:
        record["tokens"] = tokens
    record["spans"] = [
        _span_record(a, number[a.id], bounds[a.id], article.text) for a in annotations
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
    record.update({key: value for key, value in foreign.items() if key not in _RECORD_KEYS})
    return record


def _span_record(a: Annotation, number: int, bounds: tuple[int, int], text: str) -> dict[str, Any]:
    attrs = dict(a.attrs)
    foreign = _foreign(attrs)
    return {
        "id": number,
        "start": a.start,
        "end": a.end,
        "token_start": bounds[0],
        "token_end": bounds[1],
        "label": a.label,
        "kind": str(a.kind),
        "text": text[a.start : a.end],
        "status": str(a.status),
        "annotator": a.annotator,
        "attrs": attrs,
        "note": a.note,
        **{key: value for key, value in foreign.items() if key not in _SPAN_KEYS},
    }


def _foreign(values: dict[str, Any]) -> dict[str, Any]:
    """Take the kept fields out of meta or attrs; a FOREIGN that is no object is plain data."""
    if isinstance(values.get(FOREIGN), dict):
        return dict(values.pop(FOREIGN))
    return {}
