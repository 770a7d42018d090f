"""The quote finder: pairing quotation marks, finding speakers, sources and claims."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.app.evaluation import same_speaker
from annotator.app.suggestions import NEWSROOM_NEEDS
from annotator.nlp.pipelines import BUNDLED_PIPELINE, load_pipeline
from annotator.nlp.quotes import find, quote_spans


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline(BUNDLED_PIPELINE, NEWSROOM_NEEDS)


def texts(text: str) -> list[str]:
    return [text[start:end] for start, end in quote_spans(text)]


def test_straight_and_curly_marks_pair_up():
    text = 'He said "yes" and “no” and called it “a \u2018so-called\u2019 plan”.'
    assert texts(text) == ['"yes"', "“no”", "“a \u2018so-called\u2019 plan”"]


def test_a_quote_over_paragraphs_is_one_quote():
    text = (
        "Eide said:\n\n"
        '"For three years we have worked.\n\n'
        '"We did not want this strike."\n\n'
        "Talks resume on Monday."
    )
    (quote,) = texts(text)
    assert quote.startswith('"For three years') and quote.endswith('this strike."')


def test_a_stray_mark_does_not_swallow_the_next_paragraph():
    text = 'The sign read "closed.\n\nThe council said "we will reopen" soon.'
    assert texts(text) == ['"we will reopen"']


def test_speakers_before_after_and_between(nlp):
    text = (
        "Amara Osei, the water minister, spoke on Monday. "
        '"Prices will rise," Osei said. "But help is coming."\n\n'
        'Tom Halvorsen of the regulator told reporters: "We will check every bill."\n\n'
        '"It is a gamble," he said, "and we will lose."'
    )
    findings = find(nlp(text))
    expected = [
        ('"Prices will rise,"', "Amara Osei"),
        ('"But help is coming."', "Amara Osei"),  # no cue: the speaker goes on
        ('"We will check every bill."', "Tom Halvorsen"),
        ('"It is a gamble,"', "Tom Halvorsen"),  # "he": the last person named
        ('"and we will lose."', "Tom Halvorsen"),
    ]
    assert [text[q.start : q.end] for q in findings.quotes] == [quote for quote, _ in expected]
    for quote, (_, speaker) in zip(findings.quotes, expected, strict=True):
        assert same_speaker(quote.speaker.name, speaker), (quote.speaker.name, speaker)


def test_reported_speech_and_anonymous_sources(nlp):
    text = (
        "Officials familiar with the matter said the deal would be signed within a week. "
        "According to a report by the audit office, the project is three years late."
    )
    findings = find(nlp(text))
    kinds = {text[s.start : s.end]: s.source_type for s in findings.sources}
    assert kinds["Officials familiar with the matter"] == "anonymous"
    paraphrases = [text[q.start : q.end] for q in findings.quotes if q.quote_type == "paraphrase"]
    assert "the deal would be signed within a week" in paraphrases


def test_claims_are_sentences_with_figures(nlp):
    text = (
        "Unemployment fell to 4.2 percent in March, the lowest since 2009. "
        "It was a sunny morning in the harbour."
    )
    (claim,) = find(nlp(text)).claims
    assert text[claim.start : claim.end].startswith("Unemployment fell to 4.2 percent")


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('ab ."“”\n:,said she He 🚲é')), max_size=80))
def test_any_text_is_handled(nlp, text):
    findings = find(nlp(text))
    for item in [*findings.quotes, *findings.sources, *findings.claims]:
        assert 0 <= item.start < item.end <= len(text)


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Critics say the operator has ignored the problem for years.", "Critics"),
        (
            "Two stewards who were on duty said the gates had been opened late.",
            "Two stewards who were on duty",
        ),
        (
            "People briefed on the talks said the deal had collapsed on Friday night.",
            "People briefed on the talks",
        ),
        (
            "The owner of a café across the road, who did not want to be named, said the "
            "windows had been broken twice this year.",
            "The owner of a café across the road",
        ),
    ],
)
def test_unnamed_people_are_anonymous_sources_named_by_their_description(nlp, text, source):
    findings = find(nlp(text))
    anonymous = [text[s.start : s.end] for s in findings.sources if s.source_type == "anonymous"]
    assert anonymous == [source]
    assert findings.quotes and findings.quotes[0].speaker.name == source


def test_speech_reported_inside_reported_speech_is_not_a_quote_of_its_own(nlp):
    text = (
        "Officials familiar with the matter said the two dissenters had argued that the "
        "earlier rises had not yet reached the economy."
    )
    findings = find(nlp(text))
    assert len(findings.quotes) == 1
    assert [text[s.start : s.end] for s in findings.sources] == [
        "Officials familiar with the matter"
    ]


def test_a_name_after_a_place_and_a_title_is_still_the_speaker(nlp):
    text = (
        "At Brook Lane Primary, the headteacher, Gwen Arkwright, said the offer had been "
        "the only topic in the staff room all week."
    )
    (quote,) = find(nlp(text)).quotes
    assert quote.speaker.name == "Gwen Arkwright"
