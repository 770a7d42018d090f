"""Build the project behind docs/screenshots/tagging.png: the first demo article with its
entity suggestions, a claim, a quote, two sources and their attribution, as a journalist
would tag them by hand.

    .venv/bin/python docs/screenshots/tagging_project.py /tmp/tagging.annotator
    .venv/bin/annotator gui /tmp/tagging.annotator --article 1 --screenshot docs/screenshots/tagging.png
"""

import shutil
import sys
from pathlib import Path

from annotator.app.projects import ensure_demo_project
from annotator.app.suggestions import suggest_project
from annotator.domain.labels import SOURCE_OF, SPEAKER
from annotator.domain.model import AnnotationKind, AnnotationStatus, SpanDraft
from annotator.store import ProjectStore

WHO = "maren"


def tag(store: ProjectStore, text: str, words: str, kind: AnnotationKind, **attrs: str) -> int:
    start = text.index(words)
    draft = SpanDraft(
        start, start + len(words), kind.value.upper(), kind, AnnotationStatus.MANUAL, WHO, attrs
    )
    return store.add_annotation(1, draft).id


def main(out: Path) -> None:
    if out.exists():
        sys.exit(f"{out}: already exists")
    shutil.copyfile(ensure_demo_project(), out)
    with ProjectStore.open(out) as store:
        suggest_project(store, article_ids=[1])
        # Only the entities stay suggested: the claim, quote and sources are the hand-made ones.
        store.set_statuses(
            {
                a.id: (AnnotationStatus.REJECTED, WHO)
                for a in store.annotations(1)
                if a.kind is not AnnotationKind.ENTITY
            }
        )
        article = store.article(1)
        assert article is not None
        text = article.text
        council = tag(
            store, text, "Aldermouth city council", AnnotationKind.SOURCE, source_type="official"
        )
        claim = tag(
            store,
            text,
            "approved a €38 million plan for protected bike lanes",
            AnnotationKind.CLAIM,
            verdict="unchecked",
            check_worthiness="high",
        )
        muller = tag(
            store,
            text,
            "Katrin Müller",
            AnnotationKind.SOURCE,
            source_type="named",
            record="on",
            role="councillor responsible for transport",
        )
        quote = tag(
            store,
            text,
            "We have spent twenty years building this city around the car",
            AnnotationKind.QUOTE,
            quote_type="direct",
        )
        store.add_relation(claim, council, SOURCE_OF, WHO)
        store.add_relation(quote, muller, SPEAKER, WHO)
    print(f"Wrote {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
