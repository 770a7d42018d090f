"""Remembered settings, declared in one place and stored as an INI file in the user's folder."""

from __future__ import annotations

import getpass
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "annotator"
APPLICATION = "annotator"
MAX_RECENT = 10
#: Quote, source and claim suggestions at or above this confidence show by default; reported
#: speech (0.5) included.
DEFAULT_THRESHOLD = 0.5


class Settings:
    """Typed access to the few things the app remembers between runs."""

    def __init__(self) -> None:
        # INI everywhere: readable, portable, and tests can redirect it with QSettings.setPath.
        self._qsettings = QSettings(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION
        )

    # -- projects ------------------------------------------------------------------------------

    def recent_projects(self) -> list[Path]:
        return [Path(item) for item in _strings(self._qsettings.value("projects/recent", []))]

    def add_recent_project(self, path: Path) -> None:
        path = path.resolve()
        recent = [path, *(item for item in self.recent_projects() if item != path)]
        self._qsettings.setValue("projects/recent", [str(item) for item in recent[:MAX_RECENT]])
        self._qsettings.setValue("projects/last", str(path))

    def remove_recent_project(self, path: Path) -> None:
        recent = [item for item in self.recent_projects() if item != path]
        self._qsettings.setValue("projects/recent", [str(item) for item in recent])

    def clear_recent_projects(self) -> None:
        self._qsettings.setValue("projects/recent", [])

    def last_project(self) -> Path | None:
        value = self._qsettings.value("projects/last", "")
        return Path(str(value)) if value else None

    # -- the user -------------------------------------------------------------------------------

    def user_name(self) -> str:
        """Recorded as the annotator of every decision; the login name until the user sets one."""
        value = self._qsettings.value("user/name", "")
        if value:
            return str(value)
        try:
            return getpass.getuser()
        except (OSError, KeyError):  # no login name (some containers, Windows services)
            return "me"

    def has_user_name(self) -> bool:
        """Whether the user has chosen a name (first start asks for one)."""
        return bool(self._qsettings.value("user/name", ""))

    def set_user_name(self, name: str) -> None:
        self._qsettings.setValue("user/name", name)

    # -- review ---------------------------------------------------------------------------------

    def hidden_labels(self) -> set[str]:
        return set(_strings(self._qsettings.value("review/hidden_labels", [])))

    def set_hidden_labels(self, labels: set[str]) -> None:
        self._qsettings.setValue("review/hidden_labels", sorted(labels))

    def suggestion_threshold(self) -> float:
        """Suggestions less confident than this are not shown (entities count as 1.0)."""
        try:
            return float(str(self._qsettings.value("review/threshold", DEFAULT_THRESHOLD)))
        except (TypeError, ValueError):
            return DEFAULT_THRESHOLD

    def set_suggestion_threshold(self, value: float) -> None:
        self._qsettings.setValue("review/threshold", max(0.0, min(1.0, value)))

    # -- export ---------------------------------------------------------------------------------

    def export_choices(self) -> dict[str, object]:
        """The format and options of the last export, to offer them again."""
        return {
            "format": str(self._qsettings.value("export/format", "jsonl")),
            "include_suggestions": self._qsettings.value("export/suggestions", False, bool),
            "reviewed_only": self._qsettings.value("export/reviewed_only", False, bool),
            "only_mine": self._qsettings.value("export/only_mine", False, bool),
        }

    def set_export_choices(self, choices: dict[str, object]) -> None:
        self._qsettings.setValue("export/format", choices["format"])
        self._qsettings.setValue("export/suggestions", bool(choices["include_suggestions"]))
        self._qsettings.setValue("export/reviewed_only", bool(choices["reviewed_only"]))
        self._qsettings.setValue("export/only_mine", bool(choices["only_mine"]))

    # -- window layout ---------------------------------------------------------------------------

    def window_state(self, key: str) -> QByteArray | None:
        value = self._qsettings.value(f"window/{key}")
        return value if isinstance(value, QByteArray) else None

    def set_window_state(self, key: str, value: QByteArray) -> None:
        self._qsettings.setValue(f"window/{key}", value)

    def sync(self) -> None:
        self._qsettings.sync()


def _strings(value: object) -> list[str]:
    """A list setting as strings: QSettings returns a lone string for a one-item list, and a
    hand-edited settings file can hold anything."""
    if isinstance(value, str):
        return [value]
    return [str(item) for item in value] if isinstance(value, list) else []
