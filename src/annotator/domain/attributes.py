"""The newsroom attributes of claims, quotes and sources, kept in an annotation's `attrs`.

Each field lists its allowed values in the order a form shows them; the first is the default.
Stored values are the lower-case keys below, so exports and SQL queries read plainly.
"""

from __future__ import annotations

from dataclasses import dataclass

from annotator.domain.model import AnnotationKind


@dataclass(frozen=True, slots=True)
class Choice:
    """An attribute with a closed set of values: key in attrs, label on screen, the values."""

    key: str
    label: str
    values: tuple[tuple[str, str], ...]  # (stored value, what the form shows)

    @property
    def default(self) -> str:
        return self.values[0][0]


VERDICT = Choice(
    "verdict",
    "Verdict",
    (
        ("unchecked", "Unchecked"),
        ("true", "True"),
        ("mostly_true", "Mostly true"),
        ("misleading", "Misleading"),
        ("false", "False"),
        ("unverifiable", "Unverifiable"),
    ),
)
CHECK_WORTHINESS = Choice(
    "check_worthiness",
    "Check-worthiness",
    (("unrated", "Not rated"), ("low", "Low"), ("medium", "Medium"), ("high", "High")),
)
QUOTE_TYPE = Choice(
    "quote_type",
    "Quote",
    (("direct", "Direct"), ("partial", "Partial"), ("paraphrase", "Paraphrase")),
)
SOURCE_TYPE = Choice(
    "source_type",
    "Source",
    (
        ("named", "Named"),
        ("anonymous", "Anonymous"),
        ("document", "Document"),
        ("official", "Official"),
    ),
)
RECORD = Choice(
    "record",
    "Record",
    (("on", "On the record"), ("off", "Off the record"), ("background", "On background")),
)

#: Free-text attributes: evidence links of a claim (one URL a line) and a source's role.
EVIDENCE = "evidence"
ROLE = "role"

CHOICES: dict[AnnotationKind, tuple[Choice, ...]] = {
    AnnotationKind.CLAIM: (VERDICT, CHECK_WORTHINESS),
    AnnotationKind.QUOTE: (QUOTE_TYPE,),
    AnnotationKind.SOURCE: (SOURCE_TYPE, RECORD),
    AnnotationKind.ENTITY: (),
}


def display(choice: Choice, value: str | None) -> str:
    """What the form shows for a stored value (the default when unset or unknown)."""
    shown = dict(choice.values)
    return shown.get(value or choice.default, shown[choice.default])
