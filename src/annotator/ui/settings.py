"""Remembered settings, declared in one place and stored as an INI file in the user's folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "annotator"
APPLICATION = "annotator"
MAX_RECENT = 10


class Settings:
    """Typed access to the few things the app remembers between runs."""

    def __init__(self) -> None:
        # INI everywhere: readable, portable, and tests can redirect it with QSettings.setPath.
        self._qsettings = QSettings(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION
        )

    # -- projects ------------------------------------------------------------------------------

    def recent_projects(self) -> list[Path]:
        value = self._qsettings.value("projects/recent", [])
        if isinstance(value, str):  # QSettings returns a lone string for a one-item list
            value = [value]
        return [Path(item) for item in value or []]

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

    # -- window layout ---------------------------------------------------------------------------

    def window_state(self, key: str) -> QByteArray | None:
        value = self._qsettings.value(f"window/{key}")
        return value if isinstance(value, QByteArray) else None

    def set_window_state(self, key: str, value: QByteArray) -> None:
        self._qsettings.setValue(f"window/{key}", value)

    def sync(self) -> None:
        self._qsettings.sync()
