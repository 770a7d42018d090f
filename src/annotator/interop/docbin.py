"""spaCy's binary training format (.spacy), which `spacy train` reads as paths.train/dev.

One Doc per article that has a chosen annotation, tokenised as nlp.tokens does it:

- `doc.ents`: the entity annotations. Entities may not overlap in a Doc, so overlaps are
  resolved by spacy.util.filter_spans: the span with the most tokens wins, between equally
  long spans the one that starts first. An article with no entity annotation leaves its
  entities *missing* rather than "outside", so training does not learn "no entities here"
  from an article nobody marked entities in.
- `doc.spans`: one group per kind ("entity", "claim", "quote", "source"), overlaps kept, and
  "sc" (spancat's default key) with every span. Every group is present, empty or not.
- `doc.user_data["article"]`: id, title, outlet, url and published of the article;
  `doc.user_data["relations"]`: each relation as {"head": [start, end], "child": [start,
  end], "label", "annotator"}, token offsets [start, end) of its two ends.

Character offsets become tokens with alignment_mode="expand": a span that starts or ends
inside a token takes the whole token. A span over whitespace alone has no token and is left
out, with the relations that touch it.

Memory: the Docs are added to one DocBin as the articles stream by; a Doc is dropped once
added, and the DocBin keeps only its token arrays (orth, spacing and the entity columns), the
strings and the user data. One file, rather than a folder of chunks, keeps the export a
single path that `spacy train` and other tools take as it is.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.domain.model import AnnotationKind, Article
from annotator.interop.files import atomic_binary_writer
from annotator.interop.selection import ExportItem, Selection
from annotator.nlp.tokens import tokenize
from annotator.store import ProjectStore

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

#: The span group with every span: the key spaCy's span categorizer reads by default.
ALL_SPANS_KEY = "sc"
#: Token columns stored besides the text and spacing: the Docs carry no tags or parses, and
#: leaving those columns out keeps the DocBin's arrays a quarter of their default size.
TOKEN_ATTRS = ("ENT_IOB", "ENT_TYPE")


def write_docbin(store: ProjectStore, out: Path, selection: Selection) -> int:
    """Write the selection as a DocBin at `out`; return the number of articles (Docs) written."""
    from spacy.tokens import DocBin

    doc_bin = DocBin(attrs=TOKEN_ATTRS, store_user_data=True)
    for item in selection.items(store):
        if item.annotations:
            doc_bin.add(article_doc(item))
    with atomic_binary_writer(out) as handle:
        handle.write(doc_bin.to_bytes())
    return len(doc_bin)


def article_doc(item: ExportItem) -> Doc:
    """The article's Doc with its entities, span groups, relations and metadata."""
    from spacy.util import filter_spans

    doc = tokenize(item.article.text, item.article.language)
    spans: dict[int, Span] = {}
    for annotation in item.annotations:
        span = doc.char_span(
            annotation.start, annotation.end, label=annotation.label, alignment_mode="expand"
        )
        if span is not None and len(span) > 0:
            spans[annotation.id] = span
    kinds = {annotation.id: annotation.kind for annotation in item.annotations}
    entities = [span for key, span in spans.items() if kinds[key] is AnnotationKind.ENTITY]
    if entities:
        doc.ents = filter_spans(entities)
    for kind in AnnotationKind:
        doc.spans[kind.value] = [span for key, span in spans.items() if kinds[key] is kind]
    doc.spans[ALL_SPANS_KEY] = list(spans.values())
    doc.user_data["article"] = article_record(item.article)
    doc.user_data["relations"] = [
        {
            "head": [spans[r.head_id].start, spans[r.head_id].end],
            "child": [spans[r.child_id].start, spans[r.child_id].end],
            "label": r.label,
            "annotator": r.annotator,
        }
        for r in item.relations
        if r.head_id in spans and r.child_id in spans
    ]
    return doc


def article_record(article: Article) -> dict[str, Any]:
    """What a trained model's user sees of where a Doc came from."""
    return {
        "id": article.id,
        "title": article.title,
        "outlet": article.outlet,
        "url": article.url,
        "published": article.published,
    }
