"""Import doccano's JSONL exports: one article a line, in any of doccano's three span forms.

Sequence labelling: {"text": ..., "label": [[start, end, "LABEL"], ...]} ("labels" also
accepted). Relation extraction: {"text": ..., "entities": [{"id", "label", "start_offset",
"end_offset"}], "relations": [{"id", "from_id", "to_id", "type"}]}. doccano 1.x:
{"text": ..., "annotations": [{"id", "label", "start_offset", "end_offset", "user"}]}, where
the label may be the number of a label (kept as its digits) and the user becomes the
annotator "doccano:<user>". Offsets are code points into "text". Every other key of a line
(id, Comments, metadata) is kept: title, outlet, author, url, published and language fill the
article's fields, the rest goes to its meta; a span's id and other fields go to its attrs
under "doccano".
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from annotator.domain.model import ArticleDraft, RelationDraft, SpanDraft
from annotator.errors import UserError, shown
from annotator.interop.drafts import (
    RawText,
    article,
    is_id,
    is_int,
    link,
    name,
    optional_list,
    optional_object,
)
from annotator.interop.reading import Line, Reading, RecordError, json_lines, json_object

_SEQUENCE_KEYS = ("label", "labels")
_STRUCTURE_KEYS = frozenset(
    {"text", *_SEQUENCE_KEYS, "entities", "relations", "annotations", "meta"}
)
#: What a span item of the entities and 1.x forms says that makes the span itself.
_SPAN_FIELDS = frozenset({"label", "start_offset", "end_offset", "user"})


def read_doccano(path: Path, *, skip_invalid: bool = False) -> Reading:
    """All articles of a doccano JSONL export, or a UserError naming the first bad line;
    with `skip_invalid` bad lines are skipped and listed instead."""
    return doccano_reading(path, json_lines(path), skip_invalid=skip_invalid)


def doccano_reading(path: Path, lines: list[Line], *, skip_invalid: bool) -> Reading:
    """The articles of a doccano export's parsed lines."""
    if not lines:
        raise UserError(f"{path}: holds no articles (an empty doccano export)")
    reading = Reading([])
    for number, value in lines:
        try:
            reading.articles.append(_draft(json_object(value), shown(path.name)))
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
    """One line's article; a line may carry spans in several forms, so all are read."""
    raw = record.get("text")
    if not isinstance(raw, str) or not raw.strip():
        raise RecordError('needs a non-empty "text" string')
    if "spans" in record:
        raise RecordError(
            "has \"spans\" (this tool's and Prodigy's form) as well as doccano's; a line "
            "must hold its spans in one form"
        )
    text = RawText(raw)
    spans: list[SpanDraft] = []
    for key in _SEQUENCE_KEYS:
        for number, item in enumerate(optional_list(record.get(key), f'"{key}"'), start=1):
            spans.append(_sequence_span(text, key, number, item))
    index: dict[Any, int] = {}
    for key in ("entities", "annotations"):
        for item in optional_list(record.get(key), f'"{key}"'):
            spans.append(_offset_span(text, key, item, index, len(spans)))
    relations = [
        _relation(index, item) for item in optional_list(record.get("relations"), '"relations"')
    ]
    return article(text, _fields(record), spans=spans, relations=relations, source=source)


def _offset_span(
    text: RawText, key: str, item: Any, index: dict[Any, int], position: int
) -> SpanDraft:
    """An entity (relation extraction) or a 1.x annotation: offsets, a label, maybe an id
    (unique in the line, so relations can name it) and a user; the rest goes to attrs."""
    what, plural = ("entity", "entities") if key == "entities" else ("annotation", "annotations")
    if not isinstance(item, dict):
        raise RecordError(f'each item of "{key}" must be an object')
    ident = item.get("id")
    if key == "entities" and not is_id(ident):
        raise RecordError('each entity needs an "id" (a number or a string)')
    if ident is not None:
        if not is_id(ident):
            raise RecordError(f'each {what}\'s "id" must be a number or a string')
        if ident in index:
            raise RecordError(f"two {plural} have the id {ident!r}")
        index[ident] = position
    where = f"{what} {ident!r}" if ident is not None else what
    if "start_offset" not in item and "end_offset" not in item:
        raise RecordError(
            f"{where} has a label but no offsets: a text classification export has no spans "
            "to import"
        )
    user = name(item.get("user"), f'{where}: its "user"')
    span = text.span(
        item.get("start_offset"),
        item.get("end_offset"),
        _label(item.get("label")),
        where=where,
        annotator=f"doccano:{user}" if user else None,
    )
    rest = {k: v for k, v in item.items() if k not in _SPAN_FIELDS}
    return dataclasses.replace(span, attrs={"doccano": rest}) if rest else span


def _label(value: Any) -> Any:
    """doccano 1.x names a label by its number in the project: that number is the label."""
    return str(value) if is_int(value) else value


def _sequence_span(text: RawText, key: str, number: int, item: Any) -> SpanDraft:
    """A [start, end, label] item; its number in the list is how the user finds it."""
    where = f'"{key}" item {number}'
    if isinstance(item, str):
        # doccano's text classification export puts categories under the same key.
        raise RecordError(
            f"{where} is the category {item!r}, not a span [start, end, label]: "
            "a text classification export has no spans to import"
        )
    if not isinstance(item, list) or len(item) != 3:
        raise RecordError(f"{where} must be a list [start, end, label]")
    start, end, label = item
    return text.span(start, end, _label(label), where=where)


def _relation(index: dict[Any, int], item: Any) -> RelationDraft:
    """A relation between two entities of this line, labelled with its "type" as given."""
    if not isinstance(item, dict):
        raise RecordError('each item of "relations" must be an object')
    label = item.get("type")
    if not isinstance(label, str) or not label.strip():
        raise RecordError(f'relation {item.get("id")!r} needs a "type"')
    return link(index, item.get("from_id"), item.get("to_id"), label, what="entity")


def _fields(record: dict[str, Any]) -> dict[str, Any]:
    """Everything on the line but the text and the spans; a "meta" object is opened up."""
    fields = dict(optional_object(record.get("meta"), '"meta"'))
    fields.update({key: value for key, value in record.items() if key not in _STRUCTURE_KEYS})
    return fields
