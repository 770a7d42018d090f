"""What an importer hands back for one file: the articles, and the records it left out."""

from __future__ import annotations

from dataclasses import dataclass, field

from annotator.domain.model import ArticleDraft


@dataclass
class Reading:
    articles: list[ArticleDraft]
    #: Records read but deliberately not imported, each with its place and reason
    #: ("line 4: answered reject"); the import report counts and lists them.
    skipped: list[str] = field(default_factory=list)
