"""The project file: one SQLite database per project, read and written through sqlite-utils."""

from annotator.store.project import PROJECT_SUFFIX, ProjectStore

__all__ = ["PROJECT_SUFFIX", "ProjectStore"]
