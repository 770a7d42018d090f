"""The one exception type for mistakes a user can fix; the CLI and GUI show its message as is,
and the one way a file name (or a message holding one) is made printable."""

import re
from pathlib import Path

#: Control characters (a line break in a file name) and lone surrogates (an undecodable byte
#: of a file name, as Python reads it).
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")


class UserError(Exception):
    """A problem with the user's input or files, with a message that names the file (and line)."""


def shown(text: Path | str) -> str:
    """`text` on one line that any terminal, the window and the project can hold: a control
    character escaped as \\n, \\t..., an undecodable byte as U+FFFD."""
    return _UNPRINTABLE.sub(
        lambda match: "\ufffd" if match.group() >= "\ud800" else repr(match.group())[1:-1],
        str(text),
    )
