"""The project-wide list of sources: grouping by name, attributions, rejected spans, offsets."""

import pytest

from annotator.app.sources import project_sources, source_key
from annotator.domain.labels import SOURCE_OF, SPEAKER
from annotator.domain.model import AnnotationKind, AnnotationStatus, ArticleDraft, SpanDraft
from annotator.store import ProjectStore

KIND_LABEL = {
    AnnotationKind.QUOTE: "QUOTE",
    AnnotationKind.CLAIM: "CLAIM",
    AnnotationKind.SOURCE: "SOURCE",
}


@pytest.fixture
def store(tmp_path):
    with ProjectStore.create(tmp_path / "sources.annotator") as store:
        yield store


def add_article(store: ProjectStore, title: str, text: str) -> int:
    return store.add_articles([ArticleDraft(text=text, title=title)])[0]


def span(
    store: ProjectStore,
    article_id: int,
    text: str,
    kind: AnnotationKind,
    *,
    label: str | None = None,
    status: AnnotationStatus = AnnotationStatus.MANUAL,
    attrs: dict | None = None,
    occurrence: int = 0,
) -> int:
    """Annotate the `occurrence`-th appearance of `text` in the article; return the id."""
    full = store.article(article_id).text
    start = -1
    for _ in range(occurrence + 1):
        start = full.index(text, start + 1)
    draft = SpanDraft(
        start,
        start + len(text),
        label or KIND_LABEL[kind],
        kind=kind,
        status=status,
        attrs=attrs or {},
    )
    return store.add_annotation(article_id, draft).id


def test_same_name_in_two_articles_is_one_entry(store):
    first = add_article(store, "Strike", 'Katrin Müller said: "We will strike." Then she left.')
    second = add_article(store, "Talks", 'Talks resumed. "No deal yet," said KATRIN  Müller.')
    source1 = span(
        store, first, "Katrin Müller", AnnotationKind.SOURCE, attrs={"source_type": "named"}
    )
    quote1 = span(store, first, '"We will strike."', AnnotationKind.QUOTE)
    store.add_relation(quote1, source1, SPEAKER)
    source2 = span(
        store,
        second,
        "KATRIN  Müller",
        AnnotationKind.SOURCE,
        attrs={"source_type": "official", "role": " union leader "},
    )
    quote2 = span(store, second, '"No deal yet,"', AnnotationKind.QUOTE)
    store.add_relation(quote2, source2, SPEAKER)
    claim = span(store, second, "Talks resumed.", AnnotationKind.CLAIM, attrs={"verdict": "true"})
    store.add_relation(claim, source2, SOURCE_OF)

    [entry] = project_sources(store)

    assert entry.name == "Katrin Müller"
    assert entry.key == "katrin müller"
    assert entry.source_types == {"named", "official"}
    assert entry.roles == {"union leader"}
    assert [(m.article_id, m.annotation_id, m.attributed_count) for m in entry.mentions] == [
        (first, source1, 1),
        (second, source2, 2),
    ]
    assert [m.article_title for m in entry.mentions] == ["Strike", "Talks"]
    assert entry.article_ids == [first, second]
    items = [(i.annotation_id, i.kind, i.label, i.text, i.verdict) for i in entry.attributed]
    assert items == [
        (quote1, AnnotationKind.QUOTE, SPEAKER, '"We will strike."', None),
        (claim, AnnotationKind.CLAIM, SOURCE_OF, "Talks resumed.", "true"),
        (quote2, AnnotationKind.QUOTE, SPEAKER, '"No deal yet,"', None),
    ]
    assert (entry.quote_count, entry.claim_count) == (2, 1)


def test_an_entity_that_a_quote_points_to_is_a_source(store):
    article = add_article(store, "Budget", '"It is balanced," Jonas Berg told reporters in Oslo.')
    person = span(store, article, "Jonas Berg", AnnotationKind.ENTITY, label="PERSON")
    span(store, article, "Oslo", AnnotationKind.ENTITY, label="GPE")  # not linked: not a source
    quote = span(store, article, '"It is balanced,"', AnnotationKind.QUOTE)
    store.add_relation(quote, person, SPEAKER)

    [entry] = project_sources(store)

    assert entry.name == "Jonas Berg"
    [mention] = entry.mentions
    assert (mention.annotation_id, mention.kind, mention.label) == (
        person,
        AnnotationKind.ENTITY,
        "PERSON",
    )
    assert [item.annotation_id for item in entry.attributed] == [quote]


def test_a_quote_linked_to_a_source_span_and_its_entity_counts_once(store):
    article = add_article(store, "Port", '"Ships wait," said Ana Ruiz.')
    source = span(store, article, "Ana Ruiz", AnnotationKind.SOURCE)
    person = span(store, article, "Ana Ruiz", AnnotationKind.ENTITY, label="PERSON")
    quote = span(store, article, '"Ships wait,"', AnnotationKind.QUOTE)
    store.add_relation(quote, source, SPEAKER)
    store.add_relation(quote, person, SPEAKER)

    [entry] = project_sources(store)

    assert {m.annotation_id for m in entry.mentions} == {source, person}
    assert [item.annotation_id for item in entry.attributed] == [quote]


def test_rejected_sources_quotes_and_their_relations_are_left_out(store):
    article = add_article(
        store, "Rates", '"Rates will fall," said Eva Lind. "Not soon," said Tom Kerr. Ida Holm.'
    )
    rejected_source = span(
        store, article, "Tom Kerr", AnnotationKind.SOURCE, status=AnnotationStatus.REJECTED
    )
    store.add_relation(
        span(store, article, '"Not soon,"', AnnotationKind.QUOTE), rejected_source, SPEAKER
    )
    eva = span(store, article, "Eva Lind", AnnotationKind.ENTITY, label="PERSON")
    rejected_quote = span(
        store, article, '"Rates will fall,"', AnnotationKind.QUOTE, status=AnnotationStatus.REJECTED
    )
    store.add_relation(rejected_quote, eva, SPEAKER)
    span(store, article, "Ida Holm", AnnotationKind.SOURCE, status=AnnotationStatus.SUGGESTED)

    entries = project_sources(store)

    # Eva Lind is only the child of a rejected quote, Tom Kerr's span is rejected; the
    # suggested SOURCE span still counts (only rejection removes a span).
    assert [(e.name, len(e.attributed)) for e in entries] == [("Ida Holm", 0)]


def test_a_source_span_with_nothing_attributed_is_listed(store):
    article = add_article(store, "Report", "According to a leaked memo, costs rose.")
    memo = span(
        store, article, "a leaked memo", AnnotationKind.SOURCE, attrs={"source_type": "document"}
    )

    [entry] = project_sources(store)

    assert (entry.name, entry.source_types, entry.attributed) == ("a leaked memo", {"document"}, [])
    assert [(m.annotation_id, m.attributed_count) for m in entry.mentions] == [(memo, 0)]


def test_entries_sort_by_attributed_items_then_name(store):
    article = add_article(store, "Town hall", 'zoe Ek: "A." Bo Ny: "B." Al Ma: "C." Bo Ny: "D."')
    for name in ("zoe Ek", "Al Ma"):
        span(store, article, name, AnnotationKind.SOURCE)
    for occurrence, quote_text in ((0, '"B."'), (1, '"D."')):
        bo = span(store, article, "Bo Ny", AnnotationKind.SOURCE, occurrence=occurrence)
        store.add_relation(span(store, article, quote_text, AnnotationKind.QUOTE), bo, SPEAKER)

    assert [(e.name, len(e.attributed)) for e in project_sources(store)] == [
        ("Bo Ny", 2),
        ("Al Ma", 0),
        ("zoe Ek", 0),
    ]


def test_the_most_frequent_spelling_names_the_entry(store):
    first = add_article(store, "One", "The Minister spoke. The Minister left.")
    second = add_article(store, "Two", "the minister's aide\nsaid nothing.")
    span(store, first, "The Minister", AnnotationKind.SOURCE)
    span(store, first, "The Minister", AnnotationKind.SOURCE, occurrence=1)
    span(store, second, "the minister's", AnnotationKind.SOURCE)

    [entry] = project_sources(store)

    assert (entry.name, entry.key, len(entry.mentions)) == ("The Minister", "minister", 3)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("the minister", "Minister"),
        ("The Minister", "the minister"),
        ("Müller's", "Müller"),
        ("Müller\u2019s", "müller"),
        ("\u201cKatrin   Müller,\u201d", "katrin\nmüller"),
        ("(the Interior Ministry)", "interior ministry"),
        ("Straße", "STRASSE"),
        ("Mu\u0308ller", "Müller"),  # decomposed ü
    ],
)
def test_names_that_match(one, other):
    assert source_key(one) == source_key(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [("Katrin Müller", "Katrin Mueller"), ("Theo Berg", "Berg"), ("Müllers", "Müller")],
)
def test_names_that_differ(one, other):
    assert source_key(one) != source_key(other)


def test_a_key_of_punctuation_alone_is_kept():
    assert source_key(" — ") == "—"


def test_non_ascii_and_emoji_before_a_span_keep_its_text(store):
    text = 'Ünïcödé 🗞️🇳🇴 e\u0301 — 👩\u200d💻 Søren Ås: "Déjà vu 🙂," he said.'
    article = add_article(store, "Ålesund 🐟", text)
    source = span(store, article, "Søren Ås", AnnotationKind.SOURCE)
    quote = span(store, article, '"Déjà vu 🙂,"', AnnotationKind.QUOTE)
    store.add_relation(quote, source, SPEAKER)

    [entry] = project_sources(store)

    [mention] = entry.mentions
    assert (mention.text, entry.name) == ("Søren Ås", "Søren Ås")
    assert text[mention.start : mention.end] == "Søren Ås"
    [item] = entry.attributed
    assert item.text == '"Déjà vu 🙂,"' == text[item.start : item.end]
    assert item.article_title == "Ålesund 🐟"


def test_an_empty_project_has_no_sources(store):
    assert project_sources(store) == []
