"""spaCy's tokenisation for exports and agreement: token bounds, Prodigy's records, any length."""

from annotator.nlp.tokens import token_bounds, token_records, tokenize, tokenizer


def test_a_text_over_spacys_max_length_is_tokenised():
    """make_doc refuses it; a stored article can be that long, and its exports must work."""
    text = "Harbour news.\n\n" * 80_000
    assert len(text) > tokenizer("en").max_length
    doc = tokenize(text, "en")
    assert doc.text == text
    assert len(doc) == 4 * 80_000  # "Harbour", "news", ".", "\n\n"
    assert doc[-2].idx == len(text) - 3


def test_token_bounds_expand_to_whole_tokens_and_a_space_takes_its_token():
    doc = tokenize("The mayor of Aldermouth spoke.", "en-GB")
    assert token_bounds(doc, 4, 9) == (1, 1)
    assert token_bounds(doc, 5, 15) == (1, 3)
    assert token_bounds(doc, 9, 10) == (1, 1)  # the space after "mayor"


def test_token_records_are_prodigys():
    records = token_records(tokenize("Hi there", None))
    assert records == [
        {"text": "Hi", "start": 0, "end": 2, "id": 0, "ws": True},
        {"text": "there", "start": 3, "end": 8, "id": 1, "ws": False},
    ]
