"""The shape of the data: articles, annotations (spans), relations and label sets. No Qt, no SQL."""

from annotator.domain.model import (
    Annotation,
    AnnotationKind,
    AnnotationStatus,
    Article,
    ArticleDraft,
    ArticleSummary,
    Relation,
    SpanDraft,
    SuggestionRun,
)
from annotator.domain.text import normalize_text, text_sha256

__all__ = [
    "Annotation",
    "AnnotationKind",
    "AnnotationStatus",
    "Article",
    "ArticleDraft",
    "ArticleSummary",
    "Relation",
    "SpanDraft",
    "SuggestionRun",
    "normalize_text",
    "text_sha256",
]
