"""Generate a project of any size for the scale benchmarks: made-up news articles, annotated.

Run: .venv/bin/python benchmarks/generate.py OUT.annotator --articles 10000 [--seed 14]

Each article has about 500 words assembled from the word lists and sentence templates below
(written for this script, not taken from any real article) and about 40 annotations by two
annotators: entities of several labels (accepted, suggested, rejected or drawn by hand, the
second annotator agreeing with most of the first's and differing on a few), claims with a
verdict, quotes, and the sources they are attributed to by SPEAKER and SOURCE_OF relations.
The same seed and size always give the same articles and annotations. Articles are written
through ProjectStore.add_articles in batches, so the figure printed is what the store's own
bulk path costs.
"""

from __future__ import annotations

import argparse
import random
import re
import time
from collections.abc import Iterator
from pathlib import Path

from annotator.domain.labels import SOURCE_OF, SPEAKER
from annotator.domain.model import (
    AnnotationKind,
    AnnotationStatus,
    ArticleDraft,
    RelationDraft,
    SpanDraft,
)
from annotator.store import ProjectStore

ANNOTATORS = ("amara", "jonas")
BATCH = 500
WORDS = 500
SEED = 14


def phrases(text: str) -> list[str]:
    """A word list written across lines: items split at "|", each on one line."""
    return [" ".join(item.split()) for item in text.split("|")]


FIRST = """Amara Jonas Lene Tomas Ines Kofi Maren Pavel Sana Ruben Yara Emil Noor Oskar Lidia
Farid Greta Matteo Alma Dario Hedda Iker Rosa Stellan Vida Anton Kaia Milo Nadia Otto""".split()
LAST = """Okafor Lindqvist Marchetti Haddad Novak Brennan Solberg Duarte Kowalczyk Achterberg
Mensah Varga Ferreira Holm Castell Rahimi Eklund Moreau Petrov Albescu Quist Ondrej Tamsin
Waller Bexley Ridout Carrow Penhale Ashdown Morvell""".split()
TOWNS = """Karrow Elmsford Dunmere Halvik Westbrook Norrby Ashcombe Brindle Falkirn Coldharbour
Merriton Stavely Oakhollow Tarnwick Lowmoor Pellingham Ravensey Quarrendon""".split()
ORG_HEADS = """Northbridge Riverside Greyfield Harbourline Summit Meridian Copperleaf Eastgate
Fernhill Lantern Bluewater Redstone""".split()
ORG_TAILS = phrases("""Water Authority|Transit Company|Housing Trust|Health Board|Energy
Cooperative|Port Authority|Teachers' Union|Farmers' Association|Chamber of Commerce|
Planning Council""")
NORPS = "Karrovian Dunmeran Halvikian Westbrookers Norrbian Socialist Liberal Green".split()
EVENTS = phrases("""the Harvest Fair|the spring floods|the Lantern Marathon|the budget summit|the
council election|the river festival""")
LAWS = phrases("""the Clean Rivers Act|the Housing Standards Bill|the Open Records Law|the Transit
Funding Act|the Coastal Protection Order""")
FACS = phrases("""the Old Mill Bridge|Carrow Station|the Eastgate Depot|the North Pier|Dunmere
Hospital|the Civic Hall""")
MONTHS = """January February March April May June July August September October November
December""".split()
ROLES = phrases("""spokesperson|chief executive|councillor|engineer|treasurer|resident|director|
union representative|analyst|site manager""")
SUBJECTS = phrases("""the new reservoir|the bus network|rents in the centre|the school repairs|the
waiting lists|the harbour dredging|the flood barrier|water prices|the night trains|the
recycling plant""")
VERBS = "rose fell doubled stalled improved slipped recovered shrank".split()
CLAIMS = phrases("""{SUBJECT} {VERB} by {PERCENT} in the last year|no other town spends as much on
{SUBJECT}|{SUBJECT} will cost {MONEY} more than planned|{CARDINAL} households depend on
{SUBJECT}|the council cut the budget for {SUBJECT} twice since {DATE}""")
QUOTES = phrases("""We cannot keep patching {SUBJECT} and calling it a plan|Nobody asked the
people who use {SUBJECT} every day|The figures speak for themselves and they are not good|
We expect the work to be finished before {DATE}|
This is the most important decision the town will make this decade|
Every delay costs us money we do not have""")
FILLERS = phrases("""Officials in {GPE} said the decision on {SUBJECT} would come after {EVENT}.
|The {ORG} has spent {MONEY} on {SUBJECT} since {DATE}, according to its own accounts.
|Residents of {GPE} gathered outside {FAC} on {DATE} to ask about {SUBJECT}.
|About {CARDINAL} people attended the meeting, the {ORG} said, more than at any meeting before.
|Under {LAW}, the {ORG} must publish its plans for {SUBJECT} every year.
|{PERSON}, who has lived in {GPE} for decades, said the debate over {SUBJECT} was not new.
|The {NORP} members of the council voted against the proposal by a narrow margin.
|Figures released on {DATE} show that {SUBJECT} {VERB} by {PERCENT} over the period.
|The {ORG} and the {ORG} have argued about {SUBJECT} for years without an agreement.
|A report due before {EVENT} is expected to settle how much {SUBJECT} will cost.
|Work near {FAC} was halted for {CARDINAL} weeks while engineers checked the ground.
|Local businesses in {GPE} say they have seen little of the promised money so far.
|The plan, first proposed in {DATE}, was revised after objections from {PERSON}.
|Critics point out that {SUBJECT} has been discussed at every election since the last one.
|Some of the money, {MONEY} in all, was moved from the budget for {SUBJECT}.""")
SLOT = re.compile(r"\{([A-Z]+)\}")


class Writer:
    """Builds one article's text left to right, remembering where each entity slot landed."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.parts: list[str] = []
        self.length = 0
        self.entities: list[tuple[int, int, str]] = []

    def add(self, text: str) -> tuple[int, int]:
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return start, self.length

    def entity(self, label: str, text: str) -> tuple[int, int]:
        span = self.add(text)
        self.entities.append((*span, label))
        return span

    def fill(self, template: str) -> tuple[int, int]:
        """Write a template, its slots filled; return the span of everything it wrote."""
        start = self.length
        position = 0
        for match in SLOT.finditer(template):
            self.add(template[position : match.start()])
            self.slot(match.group(1))
            position = match.end()
        self.add(template[position:])
        return start, self.length

    def slot(self, name: str) -> None:
        rng = self.rng
        if name == "SUBJECT":
            self.add(rng.choice(SUBJECTS))
        elif name == "VERB":
            self.add(rng.choice(VERBS))
        elif name == "PERSON":
            self.entity("PERSON", person(rng))
        elif name == "ORG":
            self.entity("ORG", organisation(rng))
        elif name == "GPE":
            self.entity("GPE", rng.choice(TOWNS))
        elif name == "NORP":
            self.entity("NORP", rng.choice(NORPS))
        elif name == "EVENT":
            self.entity("EVENT", rng.choice(EVENTS))
        elif name == "LAW":
            self.entity("LAW", rng.choice(LAWS))
        elif name == "FAC":
            self.entity("FAC", rng.choice(FACS))
        elif name == "DATE":
            self.entity(
                "DATE", f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(2015, 2026)}"
            )
        elif name == "MONEY":
            self.entity("MONEY", f"{rng.randint(2, 950)} million crowns")
        elif name == "PERCENT":
            self.entity("PERCENT", f"{rng.randint(2, 60)} percent")
        elif name == "CARDINAL":
            self.entity("CARDINAL", f"{rng.randint(3, 9000):,}")
        else:
            raise ValueError(f"no slot {name}")

    def text(self) -> str:
        return "".join(self.parts)


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def organisation(rng: random.Random) -> str:
    return f"{rng.choice(ORG_HEADS)} {rng.choice(ORG_TAILS)}"


def span(
    where: tuple[int, int], label: str, who: str, status: AnnotationStatus, **attrs: str
) -> SpanDraft:
    """A span of `label`'s kind (an entity unless the label names a newsroom kind)."""
    kind = AnnotationKind(label.lower()) if label in ("CLAIM", "QUOTE", "SOURCE") else None
    return SpanDraft(*where, label, kind or AnnotationKind.ENTITY, status, who, attrs)


def article(number: int, rng: random.Random) -> ArticleDraft:
    """One article of about WORDS words with about 40 annotations by the two ANNOTATORS."""
    writer = Writer(rng)
    first, second = ANNOTATORS
    spans: list[SpanDraft] = []
    relations: list[RelationDraft] = []
    attributed = 0
    words = 0
    while words < WORDS:
        for index in range(rng.randint(3, 5)):
            if index:
                writer.add(" ")
            if attributed < 4 and rng.random() < 0.25:
                attributed += 1
                if attributed % 2:
                    writer.add('"')
                    quote = writer.fill(rng.choice(QUOTES))
                    writer.add('," said ')
                    source = writer.entity("PERSON", person(rng))
                    writer.add(f", {rng.choice(ROLES)} at the ")
                    writer.entity("ORG", organisation(rng))
                    writer.add(".")
                    label, relation = "QUOTE", SPEAKER
                    attrs = {"quote_type": rng.choice(("direct", "partial"))}
                else:
                    writer.add("The ")
                    source = writer.entity("ORG", organisation(rng))
                    writer.add(" said that ")
                    quote = writer.fill(rng.choice(CLAIMS))
                    writer.add(".")
                    label, relation = "CLAIM", SOURCE_OF
                    attrs = {
                        "verdict": rng.choice(("unchecked", "true", "misleading", "false")),
                        "check_worthiness": rng.choice(("low", "medium", "high")),
                    }
                for who in (first, second) if attributed <= 2 else (first,):
                    spans.append(span(quote, label, who, AnnotationStatus.MANUAL, **attrs))
                    spans.append(
                        span(
                            source,
                            "SOURCE",
                            who,
                            AnnotationStatus.MANUAL,
                            source_type=rng.choice(("named", "official")),
                            record="on",
                        )
                    )
                    relations.append(RelationDraft(len(spans) - 2, len(spans) - 1, relation, who))
            else:
                writer.fill(rng.choice(FILLERS))
        writer.add("\n\n")
        words = sum(len(part.split()) for part in writer.parts)
    spans.extend(entity_spans(writer.entities, rng))
    return ArticleDraft(
        text=writer.text().rstrip() + "\n",
        title=f"{rng.choice(SUBJECTS).capitalize()} in {rng.choice(TOWNS)}, part {number}",
        outlet=f"The {rng.choice(TOWNS)} Courier",
        author=person(rng),
        url=f"https://news.example/{number}",
        published=f"{rng.randint(2015, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        language="en",
        spans=tuple(spans),
        relations=tuple(relations),
    )


def entity_spans(entities: list[tuple[int, int, str]], rng: random.Random) -> Iterator[SpanDraft]:
    """About 30 entity annotations: the first annotator marks up to 17 mentions, the second
    marks most of the same (a few with another label) and misses or rejects the rest."""
    first, second = ANNOTATORS
    chosen = sorted(rng.sample(entities, min(17, len(entities))))
    for start, end, label in chosen:
        draw = rng.random()
        status = (
            AnnotationStatus.ACCEPTED
            if draw < 0.6
            else AnnotationStatus.SUGGESTED
            if draw < 0.8
            else AnnotationStatus.REJECTED
            if draw < 0.9
            else AnnotationStatus.MANUAL
        )
        yield span((start, end), label, first, status)
        draw = rng.random()
        if draw < 0.7:
            yield span((start, end), label, second, AnnotationStatus.ACCEPTED)
        elif draw < 0.8:
            yield span((start, end), rng.choice(("ORG", "GPE", "PERSON")), second, status)
        elif draw < 0.85:
            yield span((start, end), label, second, AnnotationStatus.REJECTED)


def drafts(count: int, seed: int) -> Iterator[ArticleDraft]:
    """`count` articles; article n depends only on the seed and n, so any prefix is stable."""
    for number in range(1, count + 1):
        yield article(number, random.Random(f"{seed}:{number}"))


def generate(out: Path, count: int, seed: int = SEED) -> None:
    """Write a new project at `out` with `count` generated articles, BATCH to a transaction."""
    with ProjectStore.create(out, name=f"Generated ({count} articles)") as store:
        batch: list[ArticleDraft] = []
        for draft in drafts(count, seed):
            batch.append(draft)
            if len(batch) == BATCH:
                store.add_articles(batch)
                batch = []
        if batch:
            store.add_articles(batch)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="the project file to create")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()

    started = time.perf_counter()
    generate(args.out, args.articles, args.seed)
    elapsed = time.perf_counter() - started
    with ProjectStore.open(args.out, read_only=True) as store:
        articles = store.article_count()
        annotations = store.db.execute("SELECT count(*) FROM annotations").fetchone()[0]
        relations = store.db.execute("SELECT count(*) FROM relations").fetchone()[0]
    print(
        f"{args.out}: {articles} articles, {annotations} annotations, {relations} relations "
        f"in {elapsed:.2f} s"
    )


if __name__ == "__main__":
    main()
