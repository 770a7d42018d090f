"""Code points to UTF-16 and back, on text with emoji, accents, RTL script and CRLF."""

from hypothesis import given
from hypothesis import strategies as st

from PySide6.QtGui import QTextCursor, QTextDocument

from annotator.ui.offsets import Utf16Offsets

ALPHABET = st.sampled_from([*list("ab \n\té"), "🚲", "📉", "é", "ש", "ل", "Ж", "👨\u200d👩"])
TEXTS = st.lists(ALPHABET, max_size=40).map("".join)


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@given(TEXTS)
def test_round_trip_and_agreement_with_utf16(text):
    offsets = Utf16Offsets(text)
    assert offsets.length == utf16_length(text)
    for i in range(len(text) + 1):
        position = offsets.to_qt(i)
        assert position == utf16_length(text[:i])
        assert offsets.to_code_points(position) == i


@given(TEXTS, st.data())
def test_spans_select_exactly_their_text_in_a_qt_document(text, data):
    if not text:
        return
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    offsets = Utf16Offsets(text)
    document = QTextDocument()
    document.setPlainText(text)
    cursor = QTextCursor(document)
    cursor.setPosition(offsets.to_qt(start))
    cursor.setPosition(offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
    # Qt reports line breaks inside a selection as U+2029.
    assert cursor.selectedText().replace("\u2029", "\n") == text[start:end]


def test_a_position_inside_a_surrogate_pair_maps_to_the_character_start():
    offsets = Utf16Offsets("a🚲b")
    assert [offsets.to_code_points(p) for p in range(5)] == [0, 1, 1, 2, 3]
