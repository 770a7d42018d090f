"""Who an article mentions, in order, and who a pronoun, a role noun or "the company" stands
for: the coreference the quote finder needs, done with rules over names, titles and subjects."""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from annotator.nlp.parsed import (
    entity_at,
    inside,
    is_cue,
    name_of,
    sentence_of,
    sentence_text,
    text_of,
)
from annotator.nlp.vocabulary import (
    ALSO_CALLED,
    COMPANY_NOUNS,
    FEMALE,
    GENERIC_NOUNS,
    HUMAN_NOUNS,
    MALE,
    NOT_NAMES,
    ONE_OF,
    ORGANISATION_NOUNS,
    ORGANISATION_WORDS,
    PLACE_WORDS,
    PRONOUNS,
    PUBLIC_BODY_WORDS,
    ROLE_ALSO,
    TITLE_WORDS,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


@dataclass
class Speaker:
    start: int
    end: int
    name: str  # the person or description it refers to ("Amara Osei" for "she")
    source_type: str  # named, anonymous, official, document


def looks_like_a_person(doc: Doc, head: Token, parts: list[Token]) -> bool:
    """The small model often tags unfamiliar names as ORG: a two- or three-word run with no
    organisation word, that is the whole entity, is taken for a person."""
    words = [*parts, head]
    if not 2 <= len(words) <= 3 or any(w.lower_ in ORGANISATION_WORDS for w in words):
        return False
    entity = entity_at(head)
    return entity is not None and entity.start == words[0].i and entity.end == head.i + 1


@dataclass
class Mention:
    """A person named outside quotation marks, with the words around it for role nouns."""

    offset: int
    name: str
    sentence: str  # its sentence, lower-case
    near: str  # the words right around it, lower-case ("the education minister, X, said")
    subject: bool  # the subject of its clause ("Whitcombe defended the offer")
    gender: str = ""  # "f" or "m" when a title says so (Mrs, Mr Justice)


def _disjoint(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping spans covering the same offsets as `spans`."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        elif start < end:
            merged.append((start, end))
    return merged


def _gender(words: set[str]) -> str:
    female, male = bool(words & FEMALE), bool(words & MALE)
    return "f" if female and not male else "m" if male and not female else ""


def _mention_at(doc: Doc, start: int, head: Token, name: str) -> Mention:
    sentence = sentence_of(head)
    first = doc.char_span(start, start + 1, alignment_mode="expand")
    at = first.start if first is not None else head.i
    # A title before the name, its appositions, and the phrase it is in apposition to.
    near = [*doc[max(sentence.start, at - 4) : at], *head.subtree]
    if head.dep_ == "appos":
        near += head.head.subtree
    titles = {t.lower_.rstrip(".") for t in doc[max(0, at - 2) : at]} | {name.split()[0].lower()}
    return Mention(
        start,
        name,
        sentence_text(head),
        " ".join(t.lower_ for t in near),
        head.dep_ in ("nsubj", "nsubjpass"),
        _gender(titles),
    )


class People:
    """Who has been mentioned, in order, outside quotation marks: people (with the words
    around them, for role nouns), organisations and the speakers found so far."""

    def __init__(
        self, doc: Doc, marks: list[tuple[int, int]], spoken: list[tuple[int, int]]
    ) -> None:
        self._doc = doc
        self._text = text_of(doc)
        # Quotes and reported speech: names in them are not referents. Merged into sorted,
        # disjoint spans so each lookup is a bisection, not a scan of every quote.
        self._spoken = _disjoint(spoken)
        self.people: list[Mention] = []
        for ent in doc.ents:
            if ent.label_ == "PERSON" and not any(s <= ent.start_char < e for s, e in marks):
                self.people.append(_mention_at(doc, ent.start_char, ent.root, name_of(ent)))
        self.people += self._untagged_names(doc, marks)
        self.people += self._surnames(doc, marks)
        self.people.sort(key=lambda m: m.offset)
        surnames = {m.name.split()[-1] for m in self.people}
        self.organisations = self._organisations(doc, marks, surnames)
        bodies = {name for _, name, _ in self.organisations}
        self.people = [m for m in self.people if m.name not in bodies]  # "the group Vossberg"
        self.speakers: list[tuple[int, Speaker]] = []

    @staticmethod
    def _untagged_names(doc: Doc, marks: list[tuple[int, int]]) -> list[Mention]:
        """Names the small model did not tag as PERSON: runs of proper nouns outside quotes
        and outside other entities, two words or more, or one word as the subject of a cue."""
        found = []
        for token in doc:
            if token.pos_ != "PROPN" or token.ent_type_ not in ("", "ORG"):
                continue
            if token.dep_ == "compound" and token.head.pos_ == "PROPN":
                continue  # part of a longer name: taken with its head
            if inside(token, marks):
                continue
            parts = [c for c in token.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
            if not parts and not (
                token.dep_ in ("nsubj", "appos")
                and is_cue(token.head if token.dep_ == "nsubj" else token.head.head)
            ):
                continue
            words = {w.lower_ for w in [*parts, token]}
            if words & (ORGANISATION_WORDS | PLACE_WORDS | TITLE_WORDS):
                continue
            if token.ent_type_ == "ORG" and not looks_like_a_person(doc, token, parts):
                continue
            start = parts[0].idx if parts else token.idx
            name = re.sub("['\u2019]s$", "", text_of(doc)[start : token.idx + len(token.text)])
            found.append(_mention_at(doc, start, token, name))
        return found

    def _surnames(self, doc: Doc, marks: list[tuple[int, int]]) -> list[Mention]:
        """A lone surname ("For Kiely, the next step ...") mentions the person named before."""
        by_surname = {m.name.split()[-1]: m.name for m in self.people if " " in m.name}
        known = {m.offset for m in self.people}
        found = []
        for t in doc:
            if (
                t.text not in by_surname
                or t.idx in known
                or inside(t, marks)
                or (t.i > 0 and doc[t.i - 1].pos_ == "PROPN")
            ):
                continue
            entity = entity_at(t)
            if entity is not None and len(entity) > 1 and entity.label_ != "PERSON":
                continue  # "Rovers" in "the Rovers Supporters' Trust"
            found.append(_mention_at(doc, t.idx, t, by_surname[t.text]))
        return found

    @staticmethod
    def _organisations(
        doc: Doc, marks: list[tuple[int, int]], surnames: set[str]
    ) -> list[tuple[int, str, int]]:
        """(offset, name, weight) of organisations outside quotes: ORG entities and runs of
        proper nouns with an organisation word ("Northsound Ferries"). A shorter form is
        counted as the longest name it is part of; a subject weighs double."""
        found: list[tuple[int, str, int]] = []
        for token in doc:
            if token.pos_ not in ("PROPN", "NOUN") or inside(token, marks):
                continue
            if token.dep_ == "compound" and token.head.pos_ == "PROPN":
                continue
            entity = entity_at(token)
            parts = [c for c in token.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
            first = parts[0].i if parts else token.i
            # "the group Vossberg": a name in apposition to an organisation noun
            called = token.dep_ == "appos" and token.head.lemma_.lower() in ORGANISATION_NOUNS
            if entity is not None and entity.label_ == "ORG" and entity.root.i == token.i:
                if token.pos_ != "PROPN" or looks_like_a_person(doc, token, parts):
                    continue  # "Households" at the start of a sentence, "Marcus Ekwueme"
                name = name_of(doc[min(first, entity.start) : entity.end])
            elif token.pos_ == "PROPN":
                if entity is not None and entity.label_ == "PERSON" and not called:
                    continue
                if not called and not {w.lower_ for w in [*parts, token]} & ORGANISATION_WORDS:
                    continue  # a name with no organisation word
                name = name_of(doc[first : token.i + 1])
            else:
                continue
            if name in surnames and not called:
                continue  # "Whitlow said", tagged ORG, after "Clare Whitlow"
            role = token.head.dep_ if token.dep_ == "appos" else token.dep_
            weight = 2 if role in ("nsubj", "nsubjpass", "poss") else 1
            found.append((doc[first].idx, name, weight))
        names = {name for _, name, _ in found}

        def longest(name: str) -> str:
            padded = f" {name} "
            return max((n for n in names if padded in f" {n} "), key=len, default=name)

        return [(start, longest(name), weight) for start, name, weight in found]

    def heard(self, offset: int, speaker: Speaker, head: Token | None) -> None:
        """Remember a speaker; a person resolved from a role noun is mentioned there too."""
        self.speakers.append((offset, speaker))
        organisations = {name for _, name, _ in self.organisations}
        if (
            head is not None
            and speaker.source_type == "named"
            and speaker.name[:1].isupper()
            and speaker.name not in organisations
            and not {w.lower() for w in speaker.name.split()} & ORGANISATION_WORDS
        ):
            self.people.append(_mention_at(self._doc, speaker.start, head, speaker.name))
            self.people.sort(key=lambda m: m.offset)

    def named_between(self, start: int, end: int) -> str | None:
        """The last person named (outside quotes) in [start, end): who a cue-less quote
        right after "Maureen Kiely has lived there for 31 years." belongs to."""
        inside = [m.name for m in self.people if start <= m.offset < end]
        return inside[-1] if inside else None

    def organisation(self, word: str, offset: int, described: bool = False) -> str | None:
        """The organisation "it" or "the company" stands for: the one mentioned most
        (subjects double), so far or else in the whole article, first named on a tie; "the
        agency" prefers a name with "Agency" in it and "the company" a business."""
        candidates = [o for o in self.organisations if o[0] < offset] or self.organisations
        if word in ORGANISATION_NOUNS:
            words = {word, *ALSO_CALLED.get(word, ())}
            named = [o for o in candidates if words & set(o[1].lower().split())]
            if named:
                candidates = named
            elif described or word not in COMPANY_NOUNS | GENERIC_NOUNS:
                return None  # "the regional fire service", "the council" of an unnamed town
            elif word in COMPANY_NOUNS:  # a business, never a council or a hospital
                candidates = [
                    o for o in candidates if not set(o[1].lower().split()) & PUBLIC_BODY_WORDS
                ]
        counts: dict[str, tuple[int, int]] = {}
        for at, name, weight in candidates:
            counts[name] = (counts.get(name, (0, 0))[0] + weight, counts.get(name, (0, -at))[1])
        return max(counts, key=lambda name: counts[name]) if counts else None

    def _earlier_people(self, offset: int) -> list[Mention]:
        return [m for m in self.people if m.offset < offset and not self._spoken_at(m.offset)]

    def _spoken_at(self, offset: int) -> bool:
        at = bisect.bisect_right(self._spoken, (offset, math.inf)) - 1
        return at >= 0 and offset < self._spoken[at][1]

    def resolve(self, head: Token, phrase: str) -> str | None:
        """The person (or organisation) a pronoun, role noun or "one of them" stands for."""
        offset = head.idx
        word = head.lemma_.lower()
        if ONE_OF.match(phrase):
            for _, speaker in reversed(self.speakers):
                if speaker.source_type == "anonymous" and speaker.start < offset:
                    return speaker.name
        if head.lower_ in ("it", "its") or word in ORGANISATION_NOUNS:
            described = any(c.dep_ in ("amod", "compound") for c in head.children)
            return self.organisation(word, offset, described)
        people = self._earlier_people(offset)
        if head.lower_ in PRONOUNS:
            return self._pronoun(head.lower_, offset, people)
        for _, speaker in reversed(self.speakers):  # "the spokeswoman": "a spokeswoman for X"
            if speaker.start < offset and re.search(
                rf"\b{re.escape(word)}\b", speaker.name.lower()
            ):
                return speaker.name
        pattern = re.compile(rf"\b({'|'.join(map(re.escape, (word, *ROLE_ALSO.get(word, ()))))})")
        for mention in reversed(people):  # "Alan Whitcombe, the education minister"
            if word and pattern.search(mention.near):
                return mention.name
        sentence = sentence_of(head)
        if sentence.start:  # "Whitcombe defended the offer. The minister said ..."
            previous = sentence_of(self._doc[sentence.start - 1])
            subjects = [
                m
                for m in people
                if m.subject and previous.start_char <= m.offset < previous.end_char
            ]
            if subjects:
                return subjects[-1].name
        for mention in reversed(people):
            if word and pattern.search(mention.sentence):
                return mention.name
        for _, speaker in reversed(self.speakers):  # else: the last person who spoke
            if speaker.start < offset and speaker.source_type == "named":
                return speaker.name
        return None

    def full_name(self, short: str) -> str:
        """ "Osei" -> "Amara Osei" when the article named her in full before."""
        if not short.split():
            return short
        for mention in self.people:
            name = mention.name
            if name != short and name.split() and name.split()[-1] == short.split()[-1]:
                return name
        if len(short.split()) == 1:  # the model missed the full name: look for it in the text
            first = re.search(
                rf"\b((?:[A-Z][\w'\u2019-]+\s){{1,2}}){re.escape(short)}\b", self._text
            )
            if first and first.group(1).split()[0].lower() not in NOT_NAMES:
                return f"{first.group(1)}{short}".strip()
        return short

    def _pronoun(self, pronoun: str, offset: int, people: list[Mention]) -> str | None:
        """The latest person before a pronoun: named, or an unnamed speaker such as "a
        spokeswoman for X", skipping those a title gives the other gender."""
        wanted = _gender({pronoun})
        candidates = [(m.offset, m.name, m.gender) for m in people]
        for _, speaker in self.speakers:
            words = set(speaker.name.lower().split())
            someone = speaker.name.split()[0].lower() in ("a", "an", "one")
            if speaker.start < offset and someone and words & (FEMALE | MALE | HUMAN_NOUNS):
                candidates.append((speaker.start, speaker.name, _gender(words)))
        candidates.sort()
        for _, name, gender in reversed(candidates):
            if not (wanted and gender and gender != wanted):
                return name
        return None
