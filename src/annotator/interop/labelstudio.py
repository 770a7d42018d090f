"""Import Label Studio's JSON export of a text labelling project: a JSON array of tasks (or
one task object, as a single task is exported).

Each task is one article: its text is data["text"] (else the first string in data that is not
an article field such as "outlet"). Every annotation's "labels" regions become accepted spans
and its "relation" results relations, with the person who made it as the annotator.
Predictions, cancelled annotations and results of other types (choices, textarea, …) are
not imported; each is listed in Reading.skipped.
"""

from __future__ import annotations

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
    optional_list,
    optional_object,
)
from annotator.interop.files import read_text
from annotator.interop.limits import (
    LimitError,
    check_json,
    load_json,
    may_hold_surrogates,
)
from annotator.interop.plaintext import ARTICLE_FIELDS
from annotator.interop.reading import Reading, RecordError

#: A relation drawn without choosing one of the project's relation labels.
DEFAULT_RELATION = "RELATED"


def read_labelstudio(path: Path, *, skip_invalid: bool = False) -> Reading:
    """All tasks of a Label Studio JSON export, or a UserError naming the first bad task;
    with `skip_invalid` bad tasks are skipped and listed instead."""
    content = read_text(path)
    if not content.strip():
        raise UserError(f"{path}: holds no articles (an empty file)")
    try:
        tasks = load_json(content)
    except LimitError as error:
        raise UserError(f"{path}{f':{error.line}' if error.line else ''}: {error}") from None
    if isinstance(tasks, dict):
        tasks = [tasks]
    if not isinstance(tasks, list):
        raise UserError(
            f"{path}: is not a Label Studio JSON export (that is a JSON array of tasks, or one "
            "task object)"
        )
    if not tasks:
        raise UserError(f"{path}: holds no articles (an empty Label Studio export)")
    reading = Reading([])
    strings = may_hold_surrogates(content)
    for number, task in enumerate(tasks, start=1):
        try:
            draft, skipped = _task(task, shown(path.name), strings=strings)
        except RecordError as error:
            reading.refuse(
                error,
                place=f"{path}: task {number}",
                where=f"task {number}",
                skip=skip_invalid,
                others=len(tasks) > 1,
            )
            continue
        reading.articles.append(draft)
        reading.skipped.extend(f"task {number}: {reason}" for reason in skipped)
    return reading


def _task(task: Any, source: str, *, strings: bool) -> tuple[ArticleDraft, list[str]]:
    """One article and what of the task is not imported, so the report can list it
    (`strings`: whether the file may hold lone surrogates to look for)."""
    try:
        check_json(task, strings=strings)
    except LimitError as error:
        raise RecordError(str(error)) from None
    if not isinstance(task, dict):
        raise RecordError("each task must be a JSON object")
    data = task.get("data")
    if not isinstance(data, dict):
        hint = (
            ' (this looks like the "JSON-MIN" export; export as "JSON")' if "text" in task else ""
        )
        raise RecordError(f'needs a "data" object holding the text{hint}')
    text_key = _text_key(data)
    text = RawText(data[text_key])
    spans: list[SpanDraft] = []
    relations: list[RelationDraft] = []
    skipped: list[str] = []
    # Label Studio before 1.0 called annotations "completions".
    named = "annotations" if "annotations" in task else "completions"
    annotations = optional_list(task.get(named), f'"{named}"')
    for number, annotation in enumerate(annotations, start=1):
        if not isinstance(annotation, dict):
            raise RecordError(f"annotation {number} is not an object")
        if annotation.get("was_cancelled"):
            skipped.append("annotation cancelled")
            continue
        try:
            skipped.extend(_annotation(text, annotation, spans, relations))
        except RecordError as error:
            raise RecordError(f"annotation {number}: {error}") from None
    predictions = task.get("predictions")
    if isinstance(predictions, list):
        skipped.extend("prediction not imported" for _ in predictions)
    # The rest of a task is Label Studio's bookkeeping (dates, counts); its id is kept.
    fields = {
        **optional_object(task.get("meta"), '"meta"'),
        **({"id": task["id"]} if "id" in task else {}),
        **{key: value for key, value in data.items() if key != text_key},
    }
    draft = article(text, fields, spans=spans, relations=relations, source=source)
    return draft, skipped


def _text_key(data: dict[str, Any]) -> str:
    """Where the article is: "text", else the first string that is not a title, outlet, …"""
    if "text" in data:
        key = "text"
    else:
        found = (k for k, v in data.items() if isinstance(v, str) and k not in ARTICLE_FIELDS)
        key = next(found, "text")
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise RecordError('needs a non-empty text in "data" (under "text")')
    return key


def _annotation(
    text: RawText,
    annotation: dict[str, Any],
    spans: list[SpanDraft],
    relations: list[RelationDraft],
) -> list[str]:
    """Add one annotation's regions and relations; return what it holds that is not imported.

    Region ids are looked up within the annotation: an annotation copied from another one in
    Label Studio keeps its region ids, so they are not unique across a task.
    """
    annotator = _annotator(annotation.get("completed_by"))
    result = optional_list(annotation.get("result"), '"result"')
    regions: dict[Any, int] = {}
    links: list[dict[str, Any]] = []
    skipped: list[str] = []
    for item in result:
        if not isinstance(item, dict):
            raise RecordError("each result must be an object")
        kind = item.get("type")
        if kind == "labels":
            ident = item.get("id")
            if is_id(ident) and ident in regions:
                raise RecordError(f"two regions have the id {ident!r}")
            first = len(spans)
            spans.extend(_region(text, item, annotator))
            if is_id(ident):
                regions[ident] = first
        elif kind == "relation":
            links.append(item)
        else:
            skipped.append(f"{kind} result not imported")
    relations.extend(_relation(regions, item, annotator) for item in links)
    return skipped


def _region(text: RawText, item: dict[str, Any], annotator: str | None) -> list[SpanDraft]:
    """One span per label: a region may carry several when the project allows it."""
    where = f"region {item.get('id')!r}"
    value = item.get("value")
    if not isinstance(value, dict):
        raise RecordError(f'{where}: needs a "value" object')
    labels = value.get("labels")
    if not isinstance(labels, list) or not labels:
        raise RecordError(f"{where}: needs at least one label")
    given = value.get("text")
    if given is not None and not isinstance(given, str):
        raise RecordError(f'{where}: its "text" must be a string')
    return [
        text.span(
            value.get("start"),
            value.get("end"),
            label,
            where=where,
            annotator=annotator,
            given_text=given,
        )
        for label in labels
    ]


def _relation(
    regions: dict[Any, int], item: dict[str, Any], annotator: str | None
) -> RelationDraft:
    """A relation points from_id -> to_id, unless it was drawn the other way ("left")."""
    labels = item.get("labels")
    label = DEFAULT_RELATION
    if isinstance(labels, list) and labels and isinstance(labels[0], str) and labels[0].strip():
        label = labels[0]
    head, child = item.get("from_id"), item.get("to_id")
    if item.get("direction") == "left":
        head, child = child, head
    return link(regions, head, child, label, what="region", annotator=annotator)


def _annotator(completed_by: Any) -> str | None:
    """The annotator as labelstudio:<user id>, or <email> when the export has the whole user."""
    if isinstance(completed_by, dict):
        email = completed_by.get("email")
        completed_by = email if isinstance(email, str) and email else completed_by.get("id")
    if is_int(completed_by) or (isinstance(completed_by, str) and completed_by):
        return f"labelstudio:{completed_by}"
    return None
