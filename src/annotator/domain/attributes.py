"""The newsroom attributes of claims, quotes and sources, kept in an annotation's `attrs`.

Each field lists its allowed values in the order a form shows them. Stored values are the
lower-case keys below, so exports and SQL queries read plainly.

What is shown is what is stored: a field nobody has set is shown as NOT_SET, never as a value
it does not hold. A claim tagged by hand starts with the values that assert nothing about it
(`initial`: unchecked, not rated); a quote's type and a source's type and record always say
something about the span, so they stay unset until someone picks one; a fact-checker's
record must not say a source spoke on the record because a form had that value first.
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
    #: The value that asserts nothing about the annotation, stored on one tagged by hand;
    #: None when every value is a statement someone has to make.
    initial: str | None = None

    @property
    def default(self) -> str:
        """What formats that need a value write for an unset one (a verdict: "unchecked")."""
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
    initial="unchecked",
)
CHECK_WORTHINESS = Choice(
    "check_worthiness",
    "Check-worthiness",
    (("unrated", "Not rated"), ("low", "Low"), ("medium", "Medium"), ("high", "High")),
    initial="unrated",
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


#: What a form shows for a field nobody has set.
NOT_SET = "Not set"


def initial_attrs(kind: AnnotationKind) -> dict[str, str]:
    """The attrs an annotation of `kind` tagged by hand starts with (see the module's note)."""
    return {c.key: c.initial for c in CHOICES[kind] if c.initial is not None}


def display(choice: Choice, value: str | None) -> str:
    """What the form shows for a stored value: its words, NOT_SET when unset, and a value
    from elsewhere that the list does not hold as it is."""
    if not value:
        return NOT_SET
    return dict(choice.values).get(value, value)
