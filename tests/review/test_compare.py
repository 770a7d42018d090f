"""compare and agreed: where two or three annotators of one article differ, and where they agree."""

import itertools
import random

import pytest

from annotator.domain.attributes import NOT_SET
from annotator.domain.labels import SOURCE_OF, SPEAKER
from annotator.domain.model import Annotation, AnnotationKind, AnnotationStatus, Relation
from annotator.review.compare import (
    Disagreement,
    DisagreementKind,
    Version,
    agreed,
    compare,
)

ENTITY, CLAIM, QUOTE, SOURCE = (
    AnnotationKind.ENTITY,
    AnnotationKind.CLAIM,
    AnnotationKind.QUOTE,
    AnnotationKind.SOURCE,
)
ONLY_ONE, LABEL, BOUNDARY, SPEAKER_KIND, VERDICT_KIND, DETAILS = (
    DisagreementKind.ONLY_ONE,
    DisagreementKind.LABEL,
    DisagreementKind.BOUNDARY,
    DisagreementKind.SPEAKER,
    DisagreementKind.VERDICT,
    DisagreementKind.DETAILS,
)
TEXT = (
    'Mayor Ben Cole said "We will build the bridge by May." '
    "Council member Ana Diaz claimed taxes fell by 5% in Paris last year. "
    'Cole added: "Paris will pay."'
)
TWO = ("Ana", "Ben")
THREE = ("Ana", "Ben", "Cy")
_ids = itertools.count(1)


def at(phrase: str, nth: int = 0) -> tuple[int, int]:
    """The offsets of the nth occurrence of phrase in TEXT."""
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(phrase, start + 1)
    return start, start + len(phrase)


def span(
    who: str | None,
    phrase: str,
    label: str | None = None,
    kind: AnnotationKind = ENTITY,
    status: AnnotationStatus = AnnotationStatus.MANUAL,
    nth: int = 0,
    note: str | None = None,
    **attrs: object,
) -> Annotation:
    """An annotation over a phrase of TEXT, with a fresh id as a store would give it."""
    start, end = at(phrase, nth)
    label = label or ("PERSON" if kind is ENTITY else kind.name)
    return Annotation(
        next(_ids), 1, start, end, label, kind, status, who, dict(attrs), note, "t", "t"
    )


def link(head: Annotation, child: Annotation, label: str = SPEAKER) -> Relation:
    return Relation(next(_ids), 1, head.id, child.id, label, head.annotator)


def run(
    annotations: list[Annotation],
    relations: list[Relation] | None = None,
    annotators: tuple[str, ...] = TWO,
) -> list[Disagreement]:
    return compare(annotations, relations or [], annotators, TEXT)


def agree(
    annotations: list[Annotation],
    relations: list[Relation] | None = None,
    annotators: tuple[str, ...] = TWO,
) -> list[tuple[Annotation, ...]]:
    return agreed(annotations, relations or [], annotators, TEXT)


def quote_with_speaker(who: str, speaker: str, nth: int = 0) -> list:
    """A quote by `who` of the first quotation, a SOURCE span and the SPEAKER link between them."""
    quote = span(who, "We will build the bridge by May.", kind=QUOTE)
    source = span(who, speaker, kind=SOURCE, nth=nth)
    return [quote, source, link(quote, source)]


def split(items: list) -> tuple[list[Annotation], list[Relation]]:
    return (
        [i for i in items if isinstance(i, Annotation)],
        [i for i in items if isinstance(i, Relation)],
    )


# --- agreement -----------------------------------------------------------------------------


def test_identical_spans_are_no_disagreement_and_are_agreed() -> None:
    """Same offsets and label from both: nothing to decide, and agreed() offers the pair."""
    ben, ana = span("Ben", "Ben Cole"), span("Ana", "Ben Cole")
    assert run([ben, ana]) == []
    assert agree([ben, ana]) == [(ana, ben)]  # in the order the annotators were given


def test_three_annotators_agreeing() -> None:
    spans = [span(who, "Paris", "GPE") for who in THREE]
    assert run(spans, annotators=THREE) == []
    assert agree(spans, annotators=THREE) == [tuple(spans)]


def test_nothing_annotated_is_nothing_to_compare() -> None:
    assert run([]) == []
    assert agree([]) == []


# --- ONLY_ONE ------------------------------------------------------------------------------


def test_span_only_one_of_two_has() -> None:
    ana = span("Ana", "Ben Cole")
    [found] = run([ana])
    assert found.kind is ONLY_ONE
    assert (found.start, found.end) == at("Ben Cole")
    assert found.missing == ("Ben",)
    assert [v.annotation for v in found.versions] == [ana]
    assert found.describe() == 'Ana: PERSON "Ben Cole"; Ben: nothing'
    assert agree([ana]) == []


def test_span_two_of_three_share_and_the_third_lacks() -> None:
    """Identical spans from a subset: the place is ONLY_ONE, the absent annotator missing."""
    spans = [span("Ana", "Paris", "GPE"), span("Cy", "Paris", "GPE")]
    [found] = run(spans, annotators=THREE)
    assert found.kind is ONLY_ONE
    assert found.missing == ("Ben",)
    assert [v.annotator for v in found.versions] == ["Ana", "Cy"]
    assert found.describe() == 'Ana: GPE "Paris"; Cy: GPE "Paris"; Ben: nothing'


def test_each_annotator_alone_at_different_places() -> None:
    found = run([span("Ana", "Ben Cole"), span("Ben", "Ana Diaz")])
    assert [(d.kind, d.missing) for d in found] == [(ONLY_ONE, ("Ben",)), (ONLY_ONE, ("Ana",))]


# --- LABEL ---------------------------------------------------------------------------------


def test_same_span_different_labels() -> None:
    found = run([span("Ana", "Paris", "GPE"), span("Ben", "Paris", "ORG")])
    assert [d.kind for d in found] == [LABEL]
    assert found[0].missing == ()
    assert found[0].describe() == 'Ana: GPE "Paris"; Ben: ORG "Paris"'


def test_label_difference_outweighs_a_missing_annotator() -> None:
    """Two of three differ in label and the third has nothing: LABEL, with `missing` filled."""
    [found] = run([span("Ana", "Paris", "GPE"), span("Ben", "Paris", "ORG")], annotators=THREE)
    assert found.kind is LABEL
    assert found.missing == ("Cy",)
    assert found.describe().endswith("; Cy: nothing")


# --- BOUNDARY ------------------------------------------------------------------------------


def test_overlapping_spans_with_different_boundaries() -> None:
    """The range covers both versions; labels differing as well are still shown."""
    ana, ben = span("Ana", "Mayor Ben Cole", "PERSON"), span("Ben", "Ben Cole", "ORG")
    [found] = run([ana, ben])
    assert found.kind is BOUNDARY
    assert (found.start, found.end) == at("Mayor Ben Cole")
    assert found.describe() == 'Ana: PERSON "Mayor Ben Cole"; Ben: ORG "Ben Cole"'


def test_boundary_among_three_with_one_missing() -> None:
    spans = [span("Ana", "Mayor Ben Cole"), span("Cy", "Ben Cole")]
    [found] = run(spans, annotators=THREE)
    assert found.kind is BOUNDARY
    assert found.missing == ("Ben",)


def test_one_span_split_in_two_by_another_annotator() -> None:
    """Several versions per annotator: every one is kept, shown joined for that annotator."""
    whole = span("Ana", "Council member Ana Diaz")
    role, name = span("Ben", "Council member", "NORP"), span("Ben", "Ana Diaz")
    [found] = run([name, whole, role])
    assert found.kind is BOUNDARY
    assert [v.annotation for v in found.versions] == [whole, role, name]
    assert found.describe() == (
        'Ana: PERSON "Council member Ana Diaz"; Ben: NORP "Council member" + PERSON "Ana Diaz"'
    )


def test_clusters_are_transitive() -> None:
    """A overlaps B overlaps C: one place, although A and C do not overlap each other."""
    a, b, c = span("Ana", "Mayor Ben"), span("Ben", "Ben Cole"), span("Cy", "Cole said")
    assert a.end <= c.start
    [found] = run([c, a, b], annotators=THREE)
    assert found.kind is BOUNDARY
    assert (found.start, found.end) == (a.start, c.end)
    assert len(found.versions) == 3
    assert found.missing == ()


def test_touching_spans_are_separate_places() -> None:
    """End offsets are exclusive: spans that only touch do not overlap."""
    found = run([span("Ana", "Mayor "), span("Ben", "Ben Cole")])
    assert [(d.kind, d.missing) for d in found] == [(ONLY_ONE, ("Ben",)), (ONLY_ONE, ("Ana",))]


# --- kinds kept apart ----------------------------------------------------------------------


def test_entity_and_quote_overlapping_are_not_compared() -> None:
    """An entity inside a quote is not another version of the quote."""
    entity = span("Ana", "Paris", "GPE", nth=1)
    quote = span("Ben", "Paris will pay.", kind=QUOTE)
    found = run([entity, quote])
    assert [(d.kind, d.annotation_kind, d.missing) for d in found] == [
        (ONLY_ONE, ENTITY, ("Ben",)),
        (ONLY_ONE, QUOTE, ("Ana",)),
    ]


def test_same_entity_and_quote_from_both_agree_separately() -> None:
    spans = [
        span(who, phrase, label, kind)
        for who in TWO
        for phrase, label, kind in [("Paris will pay.", None, QUOTE), ("Paris", "GPE", ENTITY)]
    ]
    assert run(spans) == []
    assert len(agree(spans)) == 2


# --- who takes part ------------------------------------------------------------------------


@pytest.mark.parametrize("status", [AnnotationStatus.SUGGESTED, AnnotationStatus.REJECTED])
def test_suggestions_and_rejected_spans_are_ignored(status: AnnotationStatus) -> None:
    ana, ben = span("Ana", "Ben Cole"), span("Ben", "Ben Cole", status=status)
    [found] = run([ana, ben])
    assert found.kind is ONLY_ONE
    assert found.missing == ("Ben",)


def test_accepted_suggestions_take_part() -> None:
    spans = [
        span("Ana", "Ben Cole"),
        span("Ben", "Ben Cole", status=AnnotationStatus.ACCEPTED),
    ]
    assert run(spans) == []


def test_annotators_not_listed_are_ignored() -> None:
    """Cy's and an unattributed span neither count as versions nor make a place."""
    spans = [
        span("Ana", "Ben Cole"),
        span("Ben", "Ben Cole"),
        span("Cy", "Mayor Ben Cole", "ORG"),
        span(None, "Ana Diaz"),
        span("Cy", "Paris", "GPE"),
    ]
    assert run(spans) == []
    assert [tuple(a.annotator for a in place) for place in agree(spans)] == [TWO]


# --- SPEAKER -------------------------------------------------------------------------------


def test_quote_with_different_speakers() -> None:
    annotations, relations = split(
        quote_with_speaker("Ana", "Ben Cole") + quote_with_speaker("Ben", "Ana Diaz")
    )
    [found] = [d for d in run(annotations, relations) if d.annotation_kind is QUOTE]
    assert found.kind is SPEAKER_KIND
    assert [v.speaker for v in found.versions] == [at("Ben Cole"), at("Ana Diaz")]
    assert [v.speaker_text for v in found.versions] == ["Ben Cole", "Ana Diaz"]
    assert found.describe() == (
        'QUOTE "We will build the bridge by May." — '
        'Ana: said by "Ben Cole"; Ben: said by "Ana Diaz"'
    )
    assert agree(annotations, relations) == []


def test_quote_with_a_speaker_on_one_side_only() -> None:
    ana = quote_with_speaker("Ana", "Ben Cole")
    ben = span("Ben", "We will build the bridge by May.", kind=QUOTE)
    annotations, relations = split([*ana, ben])
    found = run(annotations, relations)
    speaker = [d for d in found if d.annotation_kind is QUOTE]
    assert [d.kind for d in speaker] == [SPEAKER_KIND]
    assert speaker[0].describe().endswith('Ana: said by "Ben Cole"; Ben: no speaker')


def test_quote_with_the_same_speaker_agrees() -> None:
    """Each annotator has their own source row: speakers are compared by offsets, not ids."""
    annotations, relations = split(
        quote_with_speaker("Ana", "Ben Cole") + quote_with_speaker("Ben", "Ben Cole")
    )
    assert run(annotations, relations) == []
    assert len(agree(annotations, relations)) == 2  # the quotes and the sources


def test_same_name_at_another_place_is_another_speaker() -> None:
    """Two "Cole" spans read the same, so describe() says where each one is."""
    annotations, relations = split(
        quote_with_speaker("Ana", "Cole", nth=0) + quote_with_speaker("Ben", "Cole", nth=1)
    )
    speaker = [d for d in run(annotations, relations) if d.kind is SPEAKER_KIND]
    first, second = at("Cole", 0), at("Cole", 1)
    assert (
        speaker[0]
        .describe()
        .endswith(
            f'Ana: said by "Cole" at {first[0]}-{first[1]}; '
            f'Ben: said by "Cole" at {second[0]}-{second[1]}'
        )
    )


def test_a_rejected_speaker_names_nobody() -> None:
    ana = quote_with_speaker("Ana", "Ben Cole")
    quote = span("Ben", "We will build the bridge by May.", kind=QUOTE)
    gone = span("Ben", "Ben Cole", kind=SOURCE, status=AnnotationStatus.REJECTED)
    annotations, relations = split([*ana, quote, gone, link(quote, gone)])
    quotes = [d for d in run(annotations, relations) if d.annotation_kind is QUOTE]
    assert [d.kind for d in quotes] == [SPEAKER_KIND]
    assert quotes[0].versions[1].speaker is None


def test_speaker_relation_of_the_wrong_label_is_not_a_speaker() -> None:
    """A quote's SOURCE_OF is not an attribution (SPEAKER is): both quotes have no speaker."""
    quote_a = span("Ana", "We will build the bridge by May.", kind=QUOTE)
    quote_b = span("Ben", "We will build the bridge by May.", kind=QUOTE)
    source = span("Ana", "Ben Cole", kind=SOURCE)
    found = run([quote_a, quote_b, source], [link(quote_a, source, SOURCE_OF)])
    assert [d.annotation_kind for d in found] == [SOURCE]


def test_claim_with_a_different_source() -> None:
    claims = [span(who, "taxes fell by 5% in Paris last year", kind=CLAIM) for who in TWO]
    sources = [span("Ana", "Ana Diaz", kind=SOURCE), span("Ben", "Council member", kind=SOURCE)]
    relations = [link(claims[0], sources[0], SOURCE_OF), link(claims[1], sources[1], SOURCE_OF)]
    found = run(claims + sources, relations)
    [claim] = [d for d in found if d.annotation_kind is CLAIM]
    assert claim.kind is SPEAKER_KIND
    assert claim.describe().endswith('Ana: made by "Ana Diaz"; Ben: made by "Council member"')


# --- VERDICT -------------------------------------------------------------------------------


def test_claim_with_different_verdicts() -> None:
    claims = [
        span("Ana", "taxes fell by 5%", kind=CLAIM, verdict="false"),
        span("Ben", "taxes fell by 5%", kind=CLAIM, verdict="mostly_true"),
    ]
    [found] = run(claims)
    assert found.kind is VERDICT_KIND
    assert found.describe() == 'CLAIM "taxes fell by 5%" — Verdict — Ana: False; Ben: Mostly true'
    assert found.describe(me="Ana") == (
        'CLAIM "taxes fell by 5%" — Verdict — mine: False; Ben: Mostly true'
    )
    assert found.lines(me="Ben") == [
        'CLAIM "taxes fell by 5%"',
        "Verdict — Ana: False; mine: Mostly true",
    ]
    assert agree(claims) == []


def test_unset_verdict_counts_as_unchecked() -> None:
    claims = [
        span("Ana", "taxes fell by 5%", kind=CLAIM),
        span("Ben", "taxes fell by 5%", kind=CLAIM, verdict="unchecked"),
    ]
    assert run(claims) == []
    assert agree(claims) == [tuple(claims)]


def test_claim_differing_in_source_and_verdict_is_one_decision() -> None:
    """One span of the reviewed layer carries both, so the place is one DETAILS decision that
    shows each difference on its own line."""
    claims = [
        span("Ana", "taxes fell by 5%", kind=CLAIM, verdict="true"),
        span("Ben", "taxes fell by 5%", kind=CLAIM, verdict="false"),
    ]
    source = span("Ana", "Ana Diaz", kind=SOURCE)
    found = run([*claims, source], [link(claims[0], source, SOURCE_OF)])
    [at_claim] = [d for d in found if d.annotation_kind is CLAIM]
    assert at_claim.kind is DETAILS
    assert at_claim.lines() == [
        'CLAIM "taxes fell by 5%"',
        'Ana: made by "Ana Diaz"; Ben: no source',
        "Verdict — Ana: True; Ben: False",
    ]
    assert at_claim.key == f"details:{at_claim.start}-{at_claim.end}:claim"


def test_verdicts_count_only_once_the_spans_agree() -> None:
    """A boundary difference is the one decision; the verdicts are settled with it."""
    claims = [
        span("Ana", "taxes fell by 5%", kind=CLAIM, verdict="true"),
        span("Ben", "taxes fell by 5% in Paris", kind=CLAIM, verdict="false"),
    ]
    assert [d.kind for d in run(claims)] == [BOUNDARY]


# --- DETAILS: everything the Details panel edits -----------------------------------------


@pytest.mark.parametrize(
    ("kind", "ana", "ben", "line"),
    [
        (CLAIM, {"check_worthiness": "high"}, {}, f"Check-worthiness — Ana: High; Ben: {NOT_SET}"),
        (
            CLAIM,
            {"evidence": "https://example.org/a"},
            {"evidence": "https://example.org/b"},
            'Evidence — Ana: "https://example.org/a"; Ben: "https://example.org/b"',
        ),
        (QUOTE, {"quote_type": "direct"}, {"quote_type": "partial"}, "Quote type — Ana: Direct"),
        (SOURCE, {"source_type": "named"}, {"source_type": "official"}, "Source type — Ana: Named"),
        (SOURCE, {"role": "mayor"}, {}, 'Role — Ana: "mayor"; Ben: no role'),
        (SOURCE, {"record": "on"}, {"record": "background"}, "Record — Ana: On the record"),
    ],
)
def test_every_attribute_a_colleague_changes_is_a_disagreement(kind, ana, ben, line) -> None:
    phrase = "Ben Cole" if kind is SOURCE else "taxes fell by 5%"
    spans = [span("Ana", phrase, kind=kind, **ana), span("Ben", phrase, kind=kind, **ben)]
    [found] = run(spans)
    assert found.kind is DETAILS
    assert found.lines()[1].startswith(line)
    assert agree(spans) == []


def test_a_different_note_is_a_disagreement_even_on_an_entity() -> None:
    spans = [span("Ana", "Paris", "GPE", note="the French one"), span("Ben", "Paris", "GPE")]
    [found] = run(spans)
    assert found.kind is DETAILS
    assert found.describe() == 'GPE "Paris" — Note — Ana: "the French one"; Ben: no note'


def test_identical_details_agree_and_unset_choices_with_no_neutral_value_do_not() -> None:
    """Same attrs and note: agreement. An unset verdict asserts what "unchecked" does, but an
    unset source type asserts nothing, so "named" against unset is a difference."""
    same = [
        span(who, "Ben Cole", kind=SOURCE, note="n", source_type="named", role="mayor")
        for who in TWO
    ]
    assert run(same) == []
    differs = [
        span("Ana", "Ben Cole", kind=SOURCE, source_type="named"),
        span("Ben", "Ben Cole", kind=SOURCE),
    ]
    [found] = run(differs)
    assert found.kind is DETAILS
    assert found.lines()[1] == f"Source type — Ana: Named; Ben: {NOT_SET}"


def test_attributes_other_programs_keep_are_not_compared() -> None:
    """A span's score or a Prodigy field in attrs is not a detail anyone edits here."""
    spans = [
        span("Ana", "Paris", "GPE", score=0.9),
        span("Ben", "Paris", "GPE", score=0.4),
    ]
    assert run(spans) == []


def test_odd_attribute_values_from_other_programs_are_compared_as_text() -> None:
    """attrs is JSON another program may have written: a list or a number is a value too."""
    spans = [
        span("Ana", "taxes fell by 5%", kind=CLAIM, verdict=["false"]),
        span("Ben", "taxes fell by 5%", kind=CLAIM, verdict=3),
    ]
    [found] = run(spans)
    assert found.kind is VERDICT_KIND
    assert found.lines()[1] == 'Verdict — Ana: ["false"]; Ben: 3'


# --- a whole article -----------------------------------------------------------------------


def article() -> tuple[list[Annotation], list[Relation]]:
    """Three annotators, some places agreed and one of each kind of disagreement."""
    items: list = []
    for who in THREE:
        items += quote_with_speaker(who, "Ben Cole" if who != "Cy" else "Mayor Ben Cole")
        items.append(span(who, "Paris", "GPE", nth=0))  # agreed
        items.append(span(who, "Paris", "GPE" if who != "Ben" else "LOC", nth=1))  # LABEL
        verdict = "false" if who == "Ana" else "true"
        items.append(span(who, "taxes fell by 5%", kind=CLAIM, verdict=verdict))  # VERDICT
        items.append(span(who, "last year", "DATE"))  # agreed
    items.append(span("Ana", "May", "DATE", nth=1))  # ONLY_ONE (nth=0 is in "Mayor")
    items.append(span("Cy", "Ana Diaz"))  # ONLY_ONE
    return split(items)


def test_a_whole_article_in_text_order() -> None:
    annotations, relations = article()
    found = compare(annotations, relations, THREE, TEXT)
    assert [(d.kind, TEXT[d.start : d.end]) for d in found] == [
        (BOUNDARY, "Mayor Ben Cole"),  # the sources, Cy's wider
        (SPEAKER_KIND, "We will build the bridge by May."),
        (ONLY_ONE, "May"),
        (ONLY_ONE, "Ana Diaz"),
        (VERDICT_KIND, "taxes fell by 5%"),
        (LABEL, "Paris"),
    ]
    assert found == sorted(found, key=lambda d: (d.start, d.end))


def test_agreed_excludes_every_place_with_a_disagreement() -> None:
    annotations, relations = article()
    places = agreed(annotations, relations, THREE, TEXT)
    assert [TEXT[p[0].start : p[0].end] for p in places] == ["Paris", "last year"]
    assert all(tuple(a.annotator for a in place) == THREE for place in places)
    disputed = compare(annotations, relations, THREE, TEXT)
    for place in places:
        for d in disputed:
            assert not (
                place[0].kind is d.annotation_kind
                and place[0].start < d.end
                and d.start < place[0].end
            )


def test_agreed_and_disputed_cover_every_annotation_taking_part() -> None:
    annotations, relations = article()
    in_agreed = {a.id for place in agree(annotations, relations, THREE) for a in place}
    in_disputed = {v.annotation.id for d in run(annotations, relations, THREE) for v in d.versions}
    assert in_agreed.isdisjoint(in_disputed)
    assert in_agreed | in_disputed == {a.id for a in annotations}


def reloaded(annotations: list[Annotation], relations: list[Relation]) -> tuple[list, list]:
    """The same work with new ids and in another order, as another store would return it."""
    new = {a.id: next(_ids) for a in annotations}
    moved = [
        Annotation(
            new[a.id],
            2,
            a.start,
            a.end,
            a.label,
            a.kind,
            a.status,
            a.annotator,
            dict(a.attrs),
            None,
            "u",
            "u",
        )
        for a in annotations
    ]
    links = [
        Relation(next(_ids), 2, new[r.head_id], new[r.child_id], r.label, r.annotator)
        for r in relations
    ]
    random.Random(7).shuffle(moved)
    random.Random(8).shuffle(links)
    return moved, links


def test_keys_are_unique_and_survive_a_reload() -> None:
    annotations, relations = article()
    keys = [d.key for d in run(annotations, relations, THREE)]
    assert len(set(keys)) == len(keys)
    again = [d.key for d in run(*reloaded(annotations, relations), annotators=THREE)]
    assert again == keys


def test_key_names_the_kind_place_and_annotation_kind() -> None:
    [found] = run([span("Ana", "Paris", "GPE", nth=1)])
    start, end = at("Paris", 1)
    assert found.key == f"only_one:{start}-{end}:entity"


def test_same_range_of_two_kinds_has_two_keys() -> None:
    found = run([span("Ana", "Ana Diaz"), span("Ben", "Ana Diaz", kind=SOURCE)])
    assert len({d.key for d in found}) == 2


def test_annotators_listed_twice_count_once() -> None:
    spans = [span("Ana", "Ben Cole"), span("Ben", "Ben Cole")]
    assert run(spans, annotators=("Ana", "Ben", "Ana")) == []
    assert agree(spans, annotators=("Ana", "Ben", "Ana")) == [tuple(spans)]


# --- describe ------------------------------------------------------------------------------


def test_describe_is_one_short_line() -> None:
    """Long spans are cut with an ellipsis, line breaks flattened: it fits a status bar."""
    text = "First line of a very long quotation\nthat goes on and on and on for ever."
    quote = Annotation(
        1, 1, 0, len(text), "QUOTE", QUOTE, AnnotationStatus.MANUAL, "Ana", {}, None, "t", "t"
    )
    [found] = compare([quote], [], TWO, text)
    line = found.describe()
    assert "\n" not in line
    assert line == 'Ana: QUOTE "First line of a very long quotation…"; Ben: nothing'


def test_versions_carry_their_text() -> None:
    [found] = run([span("Ana", "Mayor Ben Cole"), span("Ben", "Ben Cole")])
    assert [v.text for v in found.versions] == ["Mayor Ben Cole", "Ben Cole"]
    assert all(isinstance(v, Version) for v in found.versions)


def test_every_kind_is_described() -> None:
    assert ONLY_ONE.description == "a span only some annotators have"
    assert all(kind.description for kind in DisagreementKind)
