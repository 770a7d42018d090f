"""Building drafts from span exports (this tool's JSONL, Prodigy, doccano, Label Studio).

Those tools give code-point offsets into the text as they stored it, Windows line endings
included; the offsets are checked against that raw text and then moved onto the normalised
text, so every span still covers the same characters.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from annotator.domain.labels import KIND_LABELS
from annotator.domain.model import (
    AnnotationKind,
    AnnotationStatus,
    ArticleDraft,
    RelationDraft,
    SpanDraft,
    check_offsets,
)
from annotator.domain.text import OffsetMap, normalize_text
from annotator.interop.foreign import FOREIGN
from annotator.interop.limits import LimitError, check_draft, in_text
from annotator.interop.plaintext import ARTICLE_FIELDS, derive_title
from annotator.interop.reading import RecordError

KIND_BY_LABEL = {label: kind for kind, label in KIND_LABELS.items()}


def is_int(value: object) -> bool:
    """True for a JSON integer; JSON's true and false are not offsets."""
    return isinstance(value, int) and not isinstance(value, bool)


def is_id(value: object) -> bool:
    """True for what can name a span: a string or an integer, never a list or an object."""
    return isinstance(value, str) or is_int(value)


def name(value: Any, what: str) -> str | None:
    """An annotator's name as given (a user id number becomes its digits); none for null or
    an empty string; a RecordError for anything else, which no name can be."""
    if value is None or value == "":
        return None
    if not is_id(value):
        raise RecordError(f"{what} must be a name (a string), not {_kind_of(value)}")
    return str(value)


def optional_object(value: Any, what: str) -> dict[str, Any]:
    """A JSON object that may be left out or null (meta, attrs); anything else is refused."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise RecordError(f"{what} must be an object, not {_kind_of(value)}")
    return value


def optional_list(value: Any, what: str) -> list[Any]:
    """A JSON array that may be left out or null (spans, relations); anything else is refused."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise RecordError(f"{what} must be a list, not {_kind_of(value)}")
    return value


def _kind_of(value: Any) -> str:
    """A JSON value's type in JSON's words, for messages."""
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, dict):
        return "an object"
    return "a list" if isinstance(value, list) else "null"


class RawText:
    """An article's text as the tool gave it and as it is stored, so spans can move over."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.text = normalize_text(raw)
        self._to_normal = OffsetMap(raw)

    def span(
        self,
        start: Any,
        end: Any,
        label: Any,
        *,
        where: str,
        annotator: str | None = None,
        given_text: str | None = None,
    ) -> SpanDraft:
        """An accepted span over raw[start:end], moved onto the normalised text."""
        if not is_int(start) or not is_int(end):
            raise RecordError(f"{where}: needs integer start and end offsets")
        if not isinstance(label, str) or not label.strip():
            raise RecordError(f"{where}: needs a label")
        try:
            check_offsets(self.raw, start, end)
        except ValueError as error:
            raise RecordError(f"{where}: {error}") from None
        if given_text is not None and given_text != self.raw[start:end]:
            hint = self._utf16_hint(start, end, given_text)
            raise RecordError(
                f"{where}: says its text is {given_text!r} but the article has "
                f"{self.raw[start:end]!r} at [{start}, {end}){hint}"
            )
        return SpanDraft(
            start=self._to_normal(start),
            end=self._to_normal(end),
            label=label,
            kind=KIND_BY_LABEL.get(label, AnnotationKind.ENTITY),
            status=AnnotationStatus.ACCEPTED,
            annotator=annotator,
        )

    def _utf16_hint(self, start: int, end: int, given_text: str) -> str:
        """Explain the usual cause: offsets counted in UTF-16 units, an emoji counting twice."""
        encoded = self.raw.encode("utf-16-le")
        try:
            as_utf16 = encoded[2 * start : 2 * end].decode("utf-16-le")
        except UnicodeDecodeError:
            return ""
        if as_utf16 != given_text:
            return ""
        return (
            " (the offsets count UTF-16 units, where an emoji counts twice, as some older "
            "versions of the tool wrote them; offsets must count characters)"
        )


def link(
    index: Mapping[Any, int],
    head_id: Any,
    child_id: Any,
    label: str,
    *,
    what: str,
    annotator: str | None = None,
) -> RelationDraft:
    """A relation between two spans named by the tool's ids; both must be this record's spans."""
    for end in (head_id, child_id):
        if not is_id(end):
            raise RecordError(f"a {label} relation needs the ids of the two {what}s it links")
        if end not in index:
            raise RecordError(f"a {label} relation points at {what} {end!r}, which is not here")
    if index[head_id] == index[child_id]:
        raise RecordError(f"a {label} relation links {what} {head_id!r} to itself")
    return RelationDraft(
        head=index[head_id], child=index[child_id], label=label, annotator=annotator
    )


def article(
    text: RawText,
    fields: Mapping[str, Any],
    *,
    spans: Sequence[SpanDraft],
    relations: Sequence[RelationDraft] = (),
    source: str,
    foreign: Mapping[str, Any] | None = None,
) -> ArticleDraft:
    """The draft: known article fields (title, outlet, …) fill its fields, the rest is meta,
    and `foreign` (other tools' fields to give back on export) goes under FOREIGN. The draft
    is checked for what a project cannot hold."""
    known: dict[str, str] = {}
    for key in ARTICLE_FIELDS:
        value = fields.get(key)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise RecordError(f'"{key}" must be a string, not {_kind_of(value)}')
        if str(value).strip():
            known[key] = str(value)
    meta = {key: value for key, value in fields.items() if key not in ARTICLE_FIELDS}
    if FOREIGN in meta:
        raise RecordError(f'"{FOREIGN}" is a name annotator keeps for itself; rename that field')
    if foreign:
        meta[FOREIGN] = dict(foreign)
    title = known.pop("title", None) or derive_title(text.text)
    draft = ArticleDraft(
        text=text.text,
        title=title,
        meta=meta,
        spans=tuple(spans),
        relations=tuple(relations),
        source=source,
        **known,
    )
    try:
        draft.check_spans()
        check_draft(draft)
    except LimitError as error:
        raise RecordError(f"{error}{in_text(draft.text, error.offset)}") from None
    except ValueError as error:
        raise RecordError(str(error)) from None
    return draft
