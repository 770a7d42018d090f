"""Who a pronoun, a role noun or "the company" stands for, as the quote finder resolves it."""

import pytest

from annotator.app.evaluation import same_speaker
from annotator.app.suggestions import NEWSROOM_NEEDS
from annotator.nlp.pipelines import BUNDLED_PIPELINE, load_pipeline
from annotator.nlp.quotes import find


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline(BUNDLED_PIPELINE, NEWSROOM_NEEDS)


def speakers(nlp, text: str) -> dict[str, str | None]:
    """Each quote's text (its first 30 characters) and the name of its speaker."""
    findings = find(nlp(text))
    return {
        text[q.start : q.end][:30]: (q.speaker.name if q.speaker else None) for q in findings.quotes
    }


def assert_speaker(found: dict[str, str | None], quote: str, expected: str) -> None:
    matches = [name for text, name in found.items() if text.startswith(quote[:30])]
    assert matches, (quote, found)
    assert same_speaker(matches[0], expected), (matches[0], expected)


def test_the_company_is_the_business_the_article_is_about_not_a_hospital(nlp):
    text = (
        "Pellow Coaches will stop running the number 9 bus between Tresk and Penmorrow General "
        "Hospital in May.\n\n"
        "The company said that ticket sales on the route had halved since 2021."
    )
    assert_speaker(speakers(nlp, text), "ticket sales on the route", "Pellow Coaches")


def test_the_agency_prefers_a_name_with_agency_in_it(nlp):
    text = (
        "Halden Homes wants to build 90 houses by the river. The Riverside Agency objected "
        "in March, and Halden Homes appealed.\n\n"
        "The agency said it had received 400 letters from residents opposing the plan."
    )
    assert_speaker(speakers(nlp, text), "it had received 400 letters", "Riverside Agency")


def test_a_name_in_reported_speech_is_not_who_he_is(nlp):
    text = (
        "Duncan Ferrier, who chairs the harbour trust, spoke after the vote. The MV Saint "
        "Columba was built in 1987 and should have been replaced years ago, he said. "
        '"We warned them in 2019," he told reporters.'
    )
    found = speakers(nlp, text)
    assert_speaker(found, '"We warned them in 2019,"', "Duncan Ferrier")


def test_a_role_noun_is_the_person_that_title_was_given_to(nlp):
    text = (
        "The plan was announced by the Health Secretary, Nadia Okafor, on Monday. Ruth Lamb, "
        "who speaks for the nurses' union, called it a start.\n\n"
        "Okafor visited a clinic in Dunmere on Tuesday. The secretary said the money would "
        "reach wards by April."
    )
    assert_speaker(speakers(nlp, text), "the money would reach wards", "Nadia Okafor")


def test_she_can_be_an_unnamed_spokeswoman(nlp):
    text = (
        "Peter Hale, who leads the drivers' union, said the offer was too low.\n\n"
        "A spokeswoman for the Transport Department said the offer was fair. "
        '"This is the best deal in ten years," she said.'
    )
    assert_speaker(
        speakers(nlp, text),
        '"This is the best deal in ten years,"',
        "a spokeswoman for the Transport Department",
    )


def test_a_possessive_spokesman_speaks_for_the_owner(nlp):
    text = (
        "The bid is led by the businessman Farid Haddadi.\n\n"
        "Haddadi's spokesman said the other investors would be named next month."
    )
    assert_speaker(
        speakers(nlp, text), "the other investors would be", "a spokesman for Farid Haddadi"
    )


def test_who_stands_for_the_name_it_follows(nlp):
    text = (
        "The opposition was led by Councillor Tomás Ibáñez of the Harbour Business Alliance, "
        'who called the plan "a reckless gamble with other people\'s money".'
    )
    assert_speaker(speakers(nlp, text), '"a reckless gamble', "Tomás Ibáñez")
