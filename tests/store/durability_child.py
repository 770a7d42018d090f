"""Child process for test_durability: edit a project forever, reporting each committed edit.

Usage: python durability_child.py PROJECT ARTICLE_ID
Prints "done ID START END LABEL" after each add_annotation returns and "updated ID LABEL" after
each update_annotation returns, flushing stdout each time, until it is killed.
"""

import sys

from annotator.domain import SpanDraft
from annotator.store import ProjectStore


def main() -> None:
    path, article_id = sys.argv[1], int(sys.argv[2])
    store = ProjectStore.open(path)
    length = len(store.article(article_id).text)
    added: list[int] = []
    for number in range(1_000_000):
        start = number % (length - 10)
        end = start + 1 + number % 7
        label = f"L{number}"
        annotation = store.add_annotation(article_id, SpanDraft(start, end, label))
        print(f"done {annotation.id} {start} {end} {label}", flush=True)
        added.append(annotation.id)
        if number % 3 == 2:
            target = added[-2]
            new_label = f"U{target}"
            store.update_annotation(target, label=new_label, note="edited")
            print(f"updated {target} {new_label}", flush=True)


if __name__ == "__main__":
    main()
