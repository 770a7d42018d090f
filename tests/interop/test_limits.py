"""The shared limits: strict JSON, and what a project can hold, the same for every importer."""

import pytest

from annotator.domain import ArticleDraft, SpanDraft
from annotator.domain.model import RelationDraft
from annotator.interop.limits import (
    MAX_JSON_DEPTH,
    MAX_TEXT_LENGTH,
    LimitError,
    check_draft,
    check_json,
    load_json,
    parse_json,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"a": NaN}', "NaN is not a JSON value (at a)"),
        ('{"a": [1, Infinity]}', "Infinity is not a JSON value (at a[1])"),
        ('{"a": -Infinity}', "-Infinity is not a JSON value"),
        ('{"a": 1e400}', "the number 1e400 is too large to keep (at a)"),
        ('{"a": ' + "7" * 5000 + "}", "a number of more than 4300 digits, too long to keep"),
        ('{"a": -' + "7" * 4301 + "}", "more than 4300 digits"),
        ('{"a": 1, "a": 2}', "the key 'a' is given twice in one object"),
        ('{"spans": [{"label": "\\ud800"}]}', "lone surrogate (U+D800), half of a character"),
        ('{"\\udfff": 1}', "lone surrogate (U+DFFF)"),
        ('{"a": "\\udc00\\ud800"}', "lone surrogate (U+DC00)"),
        ("[" * 100_000 + "]" * 100_000, f"nested more than {MAX_JSON_DEPTH} levels deep"),
        ("[" * (MAX_JSON_DEPTH + 1) + "]" * (MAX_JSON_DEPTH + 1), "levels deep"),
        ('{"a": ', "not valid JSON (Expecting value at column 7)"),
    ],
    ids=[
        "nan",
        "infinity",
        "minus-infinity",
        "float-overflow",
        "huge-int",
        "huge-negative-int",
        "duplicate-key",
        "surrogate-value",
        "surrogate-key",
        "reversed-pair",
        "recursion",
        "too-deep",
        "broken",
    ],
)
def test_refused_json(text: str, expected: str) -> None:
    with pytest.raises(LimitError) as error:
        parse_json(text)
    assert expected in str(error.value)


def test_what_json_may_hold() -> None:
    """Real exports nest a few levels, use big ids and escaped pairs: all of that is fine."""
    deep = "[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH
    assert parse_json(deep) is not None
    value = parse_json('{"id": ' + "9" * 4300 + ', "emoji": "\\ud83d\\udeb2", "x": 1.5e300}')
    assert value["emoji"] == "🚲"
    assert len(str(value["id"])) == 4300


def test_a_whole_file_error_names_its_line() -> None:
    """Label Studio files are one JSON value over many lines: the line is the file's."""
    with pytest.raises(LimitError) as error:
        load_json('[\n {"data": {}},\n {"data": \n]')
    assert error.value.line == 4
    nested = '[\n {"a": "[[[[ in a string"},\n' + "[" * 100_000 + "]" * 100_000 + "\n]"
    with pytest.raises(LimitError) as error:
        load_json(nested)
    assert error.value.line == 3


def test_refused_values_are_found_where_they_are() -> None:
    """load_json leaves a refused value in place, so a whole file's tasks can be told apart."""
    fine, bad = load_json('[{"data": {"text": "fine"}}, {"data": {"n": NaN}}]')
    check_json(fine)
    with pytest.raises(LimitError, match=r"NaN is not a JSON value \(at data\.n\)"):
        check_json(bad)


def draft(**changes: object) -> ArticleDraft:
    fields: dict = {"text": "Ada Quill spoke.", "title": "Ada", **changes}
    return ArticleDraft(**fields)


@pytest.mark.parametrize(
    ("article", "expected"),
    [
        (draft(text="Ada\x00 Quill"), "the article text holds a NUL character (U+0000)"),
        (draft(text="Ada \ud800"), "the article text holds a lone surrogate (U+D800)"),
        (draft(title="A\x00"), "the title holds a NUL"),
        (draft(outlet="\udcff"), "the outlet holds a lone surrogate"),
        (draft(source="bad\udcffname.txt"), "the source holds a lone surrogate"),
        (draft(meta={"desk": {"a\x00": 1}}), "the meta holds a NUL"),
        (draft(meta={"tags": ["ok", "no\x00"]}), "the meta holds a NUL"),
        (draft(spans=(SpanDraft(0, 3, "P\x00"),)), "span 1's label holds a NUL"),
        (draft(spans=(SpanDraft(0, 3, "P", annotator="\x00"),)), "span 1's annotator"),
        (draft(spans=(SpanDraft(0, 3, "P", note="\x00"),)), "span 1's note"),
        (draft(spans=(SpanDraft(0, 3, "P", attrs={"role": "\x00"}),)), "span 1's attrs"),
        (
            draft(
                spans=(SpanDraft(0, 3, "P"), SpanDraft(4, 9, "P")),
                relations=(RelationDraft(0, 1, "X\x00"),),
            ),
            "relation 1's label holds a NUL",
        ),
    ],
)
def test_what_a_project_cannot_hold(article: ArticleDraft, expected: str) -> None:
    with pytest.raises(LimitError) as error:
        check_draft(article)
    assert expected in str(error.value)


def test_nul_in_the_text_gives_its_offset() -> None:
    with pytest.raises(LimitError) as error:
        check_draft(draft(text="First line.\nSecond\x00 line."))
    assert error.value.offset == 18


def test_length_limit_is_spacys() -> None:
    check_draft(draft(text="a" * MAX_TEXT_LENGTH))
    with pytest.raises(LimitError) as error:
        check_draft(draft(text="a" * (MAX_TEXT_LENGTH + 1)))
    assert "1,000,001 characters long; an article may have at most 1,000,000" in str(error.value)
    assert error.value.offset is None
