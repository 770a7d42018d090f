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

#: What each entity label is for, in a few words: the label picker shows and searches them.
ENTITY_LABEL_DESCRIPTIONS: dict[str, str] = {
    "PERSON": "people, real or fictional",
    "NORP": "nationalities, religious and political groups",
    "FAC": "buildings, airports, roads, bridges",
    "ORG": "companies, agencies, institutions, parties",
    "GPE": "countries, cities, states, regions",
    "LOC": "other places: mountains, rivers, seas",
    "PRODUCT": "objects, vehicles, foods, software",
    "EVENT": "storms, wars, elections, matches",
    "WORK_OF_ART": "titles of books, songs, films",
    "LAW": "laws, bills, treaties, rulings",
    "LANGUAGE": "named languages",
    "DATE": "dates and periods",
    "TIME": "times of day",
    "PERCENT": "percentages",
    "MONEY": "sums of money",
    "QUANTITY": "measurements: weight, distance",
    "ORDINAL": "first, second, third",
    "CARDINAL": "other numbers",
}

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
