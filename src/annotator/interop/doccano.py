"""Import doccano's JSONL exports: one article a line, in either of doccano's two span forms.

Sequence labelling: {"text": ..., "label": [[start, end, "LABEL"], ...]} ("labels" also
accepted). Relation extraction: {"text": ..., "entities": [{"id", "label", "start_offset",
"end_offset"}], "relations": [{"id", "from_id", "to_id", "type"}]}. Offsets are code points
into "text". Every other key of a line (id, Comments, metadata) is kept: title, outlet,
author, url, published and language fill the article's fields, the rest goes to its meta.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from annotator.domain.model import ArticleDraft, RelationDraft, SpanDraft
from annotator.errors import UserError
from annotator.interop.drafts import RawText, RecordError, article, is_id, json_object, link
from annotator.interop.files import read_text
from annotator.interop.reading import Reading

_SEQUENCE_KEYS = ("label", "labels")
_STRUCTURE_KEYS = frozenset({"text", *_SEQUENCE_KEYS, "entities", "relations", "meta"})


def read_doccano(path: Path) -> Reading:
    """All articles of a doccano JSONL export, or a UserError naming the first bad line."""
    drafts = []
    # Split on "\n" alone, as jsonl.py does: str.splitlines() also breaks at U+2028 and kin,
    # which may stand unescaped inside a JSON string.
    for number, line in enumerate(read_text(path).split("\n"), start=1):
        if not line.strip():
            continue
        try:
            drafts.append(_draft(line, path.name))
        except RecordError as error:
            raise UserError(f"{path}:{number}: {error}") from None
    if not drafts:
        raise UserError(f"{path}: holds no articles (an empty doccano export)")
    return Reading(drafts)


def _draft(line: str, source: str) -> ArticleDraft:
    """One line's article; a line may carry spans in both forms, so both are read."""
    record = json_object(line)
    raw = record.get("text")
    if not isinstance(raw, str) or not raw.strip():
        raise RecordError('needs a non-empty "text" string')
    text = RawText(raw)
    spans: list[SpanDraft] = []
    for key in _SEQUENCE_KEYS:
        for number, item in enumerate(_list(record, key), start=1):
            spans.append(_sequence_span(text, key, number, item))
    index: dict[Any, int] = {}
    for entity in _list(record, "entities"):
        if not isinstance(entity, dict):
            raise RecordError('each item of "entities" must be an object')
        ident = entity.get("id")
        if not is_id(ident):
            raise RecordError('each entity needs an "id" (a number or a string)')
        if ident in index:
            raise RecordError(f"two entities have the id {ident!r}")
        index[ident] = len(spans)
        spans.append(
            text.span(
                entity.get("start_offset"),
                entity.get("end_offset"),
                entity.get("label"),
                where=f"entity {ident!r}",
            )
        )
    relations = [_relation(index, item) for item in _list(record, "relations")]
    return article(text, _fields(record), spans=spans, relations=relations, source=source)


def _list(record: dict[str, Any], key: str) -> list[Any]:
    """The list under `key`; doccano leaves a key out when there is nothing to list."""
    value = record.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise RecordError(f'"{key}" must be a list')
    return value


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
    return text.span(start, end, label, where=where)


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
    fields: dict[str, Any] = {}
    meta = record.get("meta")
    if isinstance(meta, dict):
        fields.update(meta)
    elif meta is not None:
        fields["meta"] = meta
    fields.update({key: value for key, value in record.items() if key not in _STRUCTURE_KEYS})
    return fields
