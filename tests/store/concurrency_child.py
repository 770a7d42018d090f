"""Child process for test_concurrency: one of several programs writing one project at once.

Usage: python concurrency_child.py ROLE PROJECT GO_FILE COUNT
Waits until GO_FILE exists, so that all children start together, then works as ROLE:
  import   adds COUNT articles, one transaction each (as `annotator import` does per file),
           printing "article ID" after each;
  suggest  goes over the articles again and again until it has stored suggestions for COUNT
           of them, storing each page of ten while it iterates (as `annotator suggest`
           does), printing "run ID" for each;
  edit     adds COUNT annotations to article 1, relabelling every third one, printing
           "annotation ID LABEL" after each change (as edits in the window do).
Every line is printed once the change it reports is committed. Ends with "slowest SECONDS",
the longest any one change took (the time it waited for the others included).
"""

import sys
import time
from pathlib import Path

from annotator.domain import AnnotationKind, AnnotationStatus, ArticleDraft, SpanDraft
from annotator.domain.model import SuggestionRun
from annotator.store import ProjectStore

TEXT = "Mayor Ines Kovač opened the ferry line on Monday, the harbour office said. "


def main() -> None:
    role, path, go, count = sys.argv[1], sys.argv[2], Path(sys.argv[3]), int(sys.argv[4])
    while not go.exists():
        time.sleep(0.005)
    slowest = 0.0
    with ProjectStore.open(path) as store:
        for report in {"import": imports, "suggest": suggestions, "edit": edits}[role](
            store, count
        ):
            started, line = report
            slowest = max(slowest, time.perf_counter() - started)
            print(line, flush=True)
    print(f"slowest {slowest:.3f}", flush=True)


def imports(store: ProjectStore, count: int):
    for number in range(count):
        started = time.perf_counter()
        draft = ArticleDraft(
            text=f"{TEXT}Story {number}.",
            title=f"Imported {number}",
            spans=(SpanDraft(6, 16, "PERSON", annotator="importer"),),
        )
        (article_id,) = store.add_articles([draft])
        yield started, f"article {article_id}"


def suggestions(store: ProjectStore, count: int):
    done: set[int] = set()
    while len(done) < count:
        page: list[int] = []
        for article in store.articles():  # writes between the pages it reads
            page.append(article.id)
            if len(page) == 10:
                yield from _suggest(store, page)
                done.update(page)
                page = []
        yield from _suggest(store, page)
        done.update(page)


def _suggest(store: ProjectStore, article_ids: list[int]):
    started = time.perf_counter()
    runs = [
        (
            SuggestionRun(article_id, "entities", "test-model", "m0"),
            [SpanDraft(42, 48, "GPE", status=AnnotationStatus.SUGGESTED, annotator="model")],
        )
        for article_id in article_ids
    ]
    store.save_suggestions(runs, AnnotationKind.ENTITY)
    for article_id in article_ids:
        yield started, f"run {article_id}"


def edits(store: ProjectStore, count: int):
    added: list[int] = []
    for number in range(count):
        started = time.perf_counter()
        start = number % 40
        annotation = store.add_annotation(1, SpanDraft(start, start + 5, f"L{number}"))
        added.append(annotation.id)
        yield started, f"annotation {annotation.id} L{number}"
        if number % 3 == 2:
            started = time.perf_counter()
            store.update_annotation(added[-2], label=f"U{number}")
            yield started, f"annotation {added[-2]} U{number}"


if __name__ == "__main__":
    main()
