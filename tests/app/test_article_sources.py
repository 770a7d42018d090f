"""One article's sources grouped by whom they refer to, as the W picker lists them."""

from annotator.app.article_sources import group_sources, paragraph_of
from annotator.domain.model import Annotation, AnnotationKind, AnnotationStatus

TEXT = (
    "Daniel Okafor, the council's finance director, spoke in Berlin.\n\n"
    '"We will not pay," Okafor said. The mayor of Berlin disagreed.\n'
    "Okafor left. Critics were not convinced."
)


def span(
    number: int,
    part: str,
    label: str,
    *,
    kind: AnnotationKind = AnnotationKind.ENTITY,
    status: AnnotationStatus = AnnotationStatus.SUGGESTED,
    nth: int = 0,
    **attrs: object,
) -> Annotation:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(part, start + 1)
    return Annotation(
        number, 1, start, start + len(part), label, kind, status, None, attrs, None, "", ""
    )


def source(number: int, part: str, *, nth: int = 0, **attrs: object) -> Annotation:
    return span(number, part, "SOURCE", kind=AnnotationKind.SOURCE, nth=nth, **attrs)


def test_stacked_spans_a_resolved_surname_and_a_lone_surname_are_one_person():
    spans = [
        source(1, "Daniel Okafor", refers_to="Daniel Okafor"),
        span(2, "Daniel Okafor", "PERSON"),
        span(3, "Okafor", "PERSON", nth=1),
        source(4, "Okafor", nth=1, refers_to="Daniel Okafor"),
        span(5, "Okafor", "PERSON", nth=2),  # not resolved: joins the one full name it ends
        source(6, "Critics"),
    ]
    okafor, critics = group_sources(TEXT, spans)
    assert okafor.name == "Daniel Okafor"
    assert sorted(a.id for a in okafor.spans) == [1, 2, 3, 4, 5]
    # One mention per place, the SOURCE span where a PERSON sits on the same characters.
    assert [a.id for a in okafor.mentions] == [1, 4, 5]
    assert (critics.name, [a.id for a in critics.mentions]) == ("Critics", [6])


def test_a_decided_span_stands_for_its_place_before_a_suggestion():
    spans = [
        source(1, "Daniel Okafor", refers_to="Daniel Okafor"),
        span(2, "Daniel Okafor", "PERSON", status=AnnotationStatus.ACCEPTED),
        source(3, "Daniel Okafor, the council's finance director"),
    ]
    (group,) = group_sources(TEXT, spans)
    assert [a.id for a in group.mentions] == [2]


def test_a_place_is_not_joined_to_a_person_or_title_that_ends_with_its_name():
    spans = [span(1, "Berlin", "GPE"), source(2, "The mayor of Berlin")]
    assert [g.name for g in group_sources(TEXT, spans)] == ["Berlin", "The mayor of Berlin"]


def test_a_surname_shared_by_two_people_stays_apart():
    text = "Ann Lee and Tom Lee met. Lee spoke."
    spans = [
        Annotation(
            i,
            1,
            s,
            e,
            "PERSON",
            AnnotationKind.ENTITY,
            AnnotationStatus.SUGGESTED,
            None,
            {},
            None,
            "",
            "",
        )
        for i, (s, e) in enumerate([(0, 7), (12, 19), (25, 28)], start=1)
    ]
    assert [g.name for g in group_sources(text, spans)] == ["Ann Lee", "Tom Lee", "Lee"]


def test_the_mention_nearest_before_a_quote_is_the_one_linked():
    spans = [
        source(1, "Daniel Okafor", refers_to="Daniel Okafor"),
        source(2, "Okafor", nth=1, refers_to="Daniel Okafor"),
        source(3, "Okafor", nth=2, refers_to="Daniel Okafor"),
    ]
    (group,) = group_sources(TEXT, spans)
    quote = TEXT.index('"We will not pay')
    assert group.nearest_before(quote).id == 1
    assert group.nearest_before(TEXT.index("Okafor left")).id == 3
    assert group.nearest_before(0).id == 1  # nothing before: the first mention


def test_paragraphs_are_counted_with_one_or_two_line_breaks_between_them():
    assert paragraph_of(TEXT, 0) == 1
    assert paragraph_of(TEXT, TEXT.index("Berlin.")) == 1
    assert paragraph_of(TEXT, TEXT.index('"We will')) == 2
    assert paragraph_of(TEXT, TEXT.index("Critics")) == 3
    assert paragraph_of("One.\n\n\n\nTwo.", 10) == 2


def test_an_office_named_after_a_person_does_not_take_the_persons_surname():
    spans = [
        span(1, "Daniel Okafor", "PERSON"),
        source(2, "Okafor", nth=1, refers_to="an aide to Daniel Okafor", source_type="official"),
        span(3, "Okafor", "PERSON", nth=2),
    ]
    groups = group_sources(TEXT, spans)
    assert [(g.name, [a.id for a in g.spans]) for g in groups] == [
        ("Daniel Okafor", [1, 3]),
        ("an aide to Daniel Okafor", [2]),
    ]
