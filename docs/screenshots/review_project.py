"""Build the project behind docs/screenshots/review.png: the demo articles annotated by two
colleagues who mostly agree, one of them brought in for review.

    .venv/bin/python docs/screenshots/review_project.py /tmp/review.annotator
    .venv/bin/annotator gui /tmp/review.annotator --article 1 --screenshot docs/screenshots/review.png
"""

import shutil
import sys
import tempfile
from pathlib import Path

from annotator.app.projects import ensure_demo_project
from annotator.app.reviewing import review_import
from annotator.app.suggestions import suggest_project
from annotator.domain.model import AnnotationKind, AnnotationStatus
from annotator.store import ProjectStore


def decide(path: Path, who: str, keep_every: int, skip_kind: AnnotationKind | None) -> None:
    """Accept the suggestions of article 1 as `who` would: every one, or all but some."""
    with ProjectStore.open(path) as store:
        suggested = [a for a in store.annotations(1) if a.status is AnnotationStatus.SUGGESTED]
        changes = {}
        for number, annotation in enumerate(suggested):
            keep = number % keep_every != 0 and annotation.kind is not skip_kind
            status = AnnotationStatus.ACCEPTED if keep else AnnotationStatus.REJECTED
            changes[annotation.id] = (status, who)
        store.set_statuses(changes)
        if skip_kind is None:  # the colleague draws one quote a little shorter
            quote = next(
                a
                for a in store.annotations(1)
                if a.kind is AnnotationKind.QUOTE and a.status is AnnotationStatus.ACCEPTED
            )
            store.update_annotation(quote.id, end=quote.end - 12)


def main(out: Path) -> None:
    if out.exists():
        sys.exit(f"{out}: already exists")
    with tempfile.TemporaryDirectory() as folder:
        mine, theirs = Path(folder) / "mine.annotator", Path(folder) / "ben.annotator"
        shutil.copyfile(ensure_demo_project(), mine)
        with ProjectStore.open(mine) as store:
            suggest_project(store, article_ids=[1])
        shutil.copyfile(mine, theirs)
        decide(mine, "ana", keep_every=13, skip_kind=None)
        decide(theirs, "ben", keep_every=9, skip_kind=None)
        with ProjectStore.open(mine) as store:
            review_import(store, theirs)
        shutil.copyfile(mine, out)
    print(f"Wrote {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
