"""Throughput of `suggest_project` against a bare spaCy nlp.pipe over the same texts.

Run: .venv/bin/python benchmarks/suggest_throughput.py [--articles 200] [--repeats 3]

Articles are built deterministically by recombining paragraphs of the bundled demo articles.
Model loading is excluded from both timings: the pipeline is loaded once, and the project run
reuses that loaded suggester. Baseline and annotator runs alternate; the best of each counts.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from annotator.app.suggestions import BATCH_SIZE, Suggester, suggest_project
from annotator.domain import ArticleDraft, normalize_text
from annotator.nlp.pipelines import BUNDLED_PIPELINE
from annotator.resources import demo_articles
from annotator.store import PROJECT_SUFFIX, ProjectStore

MIN_WORDS, MAX_WORDS = 300, 600


def demo_paragraphs() -> list[str]:
    """Every paragraph of the demo articles' bodies (front matter dropped)."""
    paragraphs: list[str] = []
    for path in demo_articles():
        text = normalize_text(path.read_text(encoding="utf-8"))
        if text.startswith("---\n"):
            text = text.split("\n---\n", 1)[1]
        paragraphs.extend(p.strip() for p in text.split("\n\n") if p.strip())
    return paragraphs


def build_articles(count: int, seed: int = 20260310) -> list[str]:
    """`count` distinct news-style texts of MIN_WORDS..MAX_WORDS words each."""
    pool = demo_paragraphs()
    rng = random.Random(seed)
    texts: list[str] = []
    seen: set[str] = set()
    while len(texts) < count:
        target = rng.randint(MIN_WORDS, MAX_WORDS)
        order = rng.sample(pool, len(pool))
        chosen: list[str] = []
        words = 0
        for paragraph in order:
            size = len(paragraph.split())
            if words + size > MAX_WORDS:
                continue
            chosen.append(paragraph)
            words += size
            if words >= target:
                break
        text = "\n\n".join(chosen) + "\n"
        if MIN_WORDS <= words <= MAX_WORDS and text not in seen:
            seen.add(text)
            texts.append(text)
    return texts


def time_baseline(nlp, texts: list[str]) -> float:
    started = time.perf_counter()
    for doc in nlp.pipe(texts, batch_size=BATCH_SIZE):
        [e for e in doc.ents]
    return time.perf_counter() - started


def make_project(folder: Path, name: str, texts: list[str]) -> ProjectStore:
    store = ProjectStore.create(folder / f"{name}{PROJECT_SUFFIX}")
    store.add_articles(
        ArticleDraft(text=text, title=f"Article {number}", language="en")
        for number, text in enumerate(texts, start=1)
    )
    return store


class PipeClock:
    """Wraps nlp.pipe to add up the time spent inside it, so a run's own overhead is known."""

    def __init__(self, nlp) -> None:
        self.inside = 0.0
        self._pipe = nlp.pipe
        nlp.pipe = self.pipe

    def pipe(self, texts, **kwargs):
        iterator = iter(self._pipe(texts, **kwargs))
        while True:
            started = time.perf_counter()
            try:
                doc = next(iterator)
            except StopIteration:
                self.inside += time.perf_counter() - started
                return
            self.inside += time.perf_counter() - started
            yield doc


def time_annotator(suggester: Suggester, folder: Path, name: str, texts: list[str]):
    with make_project(folder, name, texts) as store:
        started = time.perf_counter()
        report = suggest_project(store, suggester=suggester)
        elapsed = time.perf_counter() - started
    assert report.articles == len(texts), report
    return elapsed, report.suggestions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()

    texts = build_articles(args.articles)
    words = [len(text.split()) for text in texts]
    print(
        f"{len(texts)} articles, {min(words)}-{max(words)} words "
        f"(mean {sum(words) / len(words):.0f}), {sum(map(len, texts))} characters"
    )

    started = time.perf_counter()
    suggester = Suggester(model=BUNDLED_PIPELINE)
    suggester.load()
    nlp = suggester._nlp
    assert nlp is not None
    loaded = time.perf_counter() - started
    print(f"loaded {BUNDLED_PIPELINE} (enabled: {', '.join(nlp.pipe_names)}) in {loaded:.2f} s")

    baseline: list[float] = []
    ours: list[float] = []
    with tempfile.TemporaryDirectory(prefix="annotator-bench-") as tmp:
        folder = Path(tmp)
        # Warm up both paths on a few texts (first-call allocations, SQLite page cache).
        time_baseline(nlp, texts[:BATCH_SIZE])
        time_annotator(suggester, folder, "warmup", texts[:BATCH_SIZE])
        clock = PipeClock(nlp)
        inside: list[float] = []
        for repeat in range(args.repeats):
            baseline.append(time_baseline(nlp, texts))
            clock.inside = 0.0
            elapsed, stored = time_annotator(suggester, folder, f"run{repeat}", texts)
            ours.append(elapsed)
            inside.append(clock.inside)
            print(
                f"repeat {repeat + 1}: bare nlp.pipe {baseline[-1]:.2f} s, "
                f"annotator {elapsed:.2f} s ({stored} suggestions stored)"
            )

    best_baseline, best_ours = min(baseline), min(ours)
    # This machine's speed drifts by 10-20 % between runs; the pairs show how much.
    pairs = ", ".join(f"{b / o:.2f}" for b, o in zip(baseline, ours, strict=True))
    print(f"per-repeat ratios: {pairs}")
    print(
        f"bare nlp.pipe: {len(texts) / best_baseline:.1f} articles/s (best {best_baseline:.2f} s)"
    )
    print(f"annotator: {len(texts) / best_ours:.1f} articles/s (best {best_ours:.2f} s)")
    # Within each annotator run, the share spent inside nlp.pipe is immune to drift between
    # runs: it is the ratio the run would have against a bare pipe on a steady machine.
    shares = [pipe / total for pipe, total in zip(inside, ours, strict=True)]
    print(
        f"in-run ratio (time in nlp.pipe / whole run): best {max(shares):.2f}, "
        f"worst {min(shares):.2f}"
    )
    print(f"throughput ratio (annotator / bare nlp.pipe): {best_baseline / best_ours:.2f}")


if __name__ == "__main__":
    main()
