"""The one exception type for mistakes a user can fix; the CLI and GUI show its message as is."""


class UserError(Exception):
    """A problem with the user's input or files, with a message that names the file (and line)."""
