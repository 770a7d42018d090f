"""The one normalisation applied to imported text, and the hash that identifies a text.

Offsets everywhere outside the Qt text view are Python str indices (code points) into the
stored text, as spaCy and Prodigy count them, so the text of a span is always text[start:end].
"""

import bisect
import hashlib
import unicodedata


def normalize_text(raw: str) -> str:
    """Turn Windows (CRLF) and old Mac (CR) line endings into "\\n"; change nothing else.

    Everything else (Unicode form, whitespace, emoji) is kept exactly, so offsets computed by
    other tools on the same text with the same line endings stay valid.
    """
    return raw.replace("\r\n", "\n").replace("\r", "\n")


def text_sha256(text: str) -> str:
    """Hex SHA-256 of the UTF-8 bytes of the (normalised) text: the article's identity."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class OffsetMap:
    """Maps code-point offsets in a raw text to offsets in its normalised form.

    Importers that receive spans over text with Windows line endings use it, so each span
    still covers the same characters after normalisation.
    """

    def __init__(self, raw: str) -> None:
        # The "\r" of each "\r\n" pair disappears; a lone "\r" becomes "\n" and keeps its place.
        self._dropped = [i for i in range(len(raw) - 1) if raw[i] == "\r" and raw[i + 1] == "\n"]

    def __call__(self, offset: int) -> int:
        return offset - bisect.bisect_left(self._dropped, offset)


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) to whole words and trim surrounding whitespace.

    Used when a person selects text to annotate: a selection that starts or ends inside a
    word takes the whole word, so spans fall on token edges without loading a tokenizer.
    """
    start, end = max(0, min(start, end)), min(len(text), max(start, end))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        return start, end
    while start > 0 and _is_word_char(text[start - 1]) and _is_word_char(text[start]):
        start -= 1
    while end < len(text) and _is_word_char(text[end]) and _is_word_char(text[end - 1]):
        end += 1
    return start, end


def _is_word_char(char: str) -> bool:
    # Letters, digits, combining marks and joiners keep a word together ("Müller", "e\u0301").
    return char.isalnum() or char in "_\u200d" or unicodedata.category(char).startswith("M")


def primary_language(language: str | None) -> str:
    """ "en-GB" -> "en"; articles without a language are taken to be English."""
    return (language or "en").split("-")[0].split("_")[0].lower() or "en"
