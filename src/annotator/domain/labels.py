"""Label sets: spaCy's English entity labels, the newsroom kinds and the relation labels."""

from annotator.domain.model import AnnotationKind

#: OntoNotes 5 labels, as predicted by spaCy's en_core_web_* pipelines.
ENTITY_LABELS: tuple[str, ...] = (
    "PERSON",
    "NORP",
    "FAC",
    "ORG",
    "GPE",
    "LOC",
    "PRODUCT",
    "EVENT",
    "WORK_OF_ART",
    "LAW",
    "LANGUAGE",
    "DATE",
    "TIME",
    "PERCENT",
    "MONEY",
    "QUANTITY",
    "ORDINAL",
    "CARDINAL",
)

#: The label of a span of a newsroom kind is the kind's name in capitals.
KIND_LABELS: dict[AnnotationKind, str] = {
    AnnotationKind.CLAIM: "CLAIM",
    AnnotationKind.QUOTE: "QUOTE",
    AnnotationKind.SOURCE: "SOURCE",
}

#: Relation labels: a quote to the source who said it, a claim to the source who made it.
SPEAKER = "SPEAKER"
SOURCE_OF = "SOURCE_OF"
RELATION_LABELS: tuple[str, ...] = (SPEAKER, SOURCE_OF)
