"""The one place that converts between code points (the project's offsets) and UTF-16 (Qt's).

Qt counts positions in UTF-16 code units, so every character outside the Basic Multilingual
Plane (most emoji) takes two positions in a QTextDocument and one in the stored text.
"""

from __future__ import annotations

import bisect
import re

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class Utf16Offsets:
    """Offset conversion for one text; O(log n) each way, free for text without astral chars."""

    def __init__(self, text: str) -> None:
        # Code-point indices of characters that take two UTF-16 units.
        self._astral = [match.start() for match in _ASTRAL.finditer(text)]
        # Their UTF-16 positions, for the way back.
        self._astral_units = [i + n for n, i in enumerate(self._astral)]
        self.length = len(text) + len(self._astral)

    def to_qt(self, offset: int) -> int:
        """UTF-16 position of code-point offset `offset`."""
        if not self._astral:
            return offset
        return offset + bisect.bisect_left(self._astral, offset)

    def to_code_points(self, position: int) -> int:
        """Code-point offset of UTF-16 position `position`.

        A position between the two halves of a surrogate pair maps to the character's start.
        """
        full = bisect.bisect_right(self._astral_units, position - 2)  # pairs wholly before
        if full < len(self._astral_units) and self._astral_units[full] == position - 1:
            return self._astral[full]
        return position - full
