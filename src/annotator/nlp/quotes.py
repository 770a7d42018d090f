"""Suggest quotes with their speakers, the sources behind them, and check-worthy claims.

Rules over spaCy's dependency parse, in the spirit of textacy's direct_quotations, BBC R&D's
Citron and the Gender Gap Tracker, with what news text needs beyond them:

- quotation marks are paired by scanning the text (straight and curly), so a quote running
  over several paragraphs, where each continuing paragraph reopens the mark and only the last
  one closes it, is one quote;
- the cue verb is looked for after the quote, then before it, in the text between the
  neighbouring quotes, so "“A,” she said, “B.”" gives both parts the same speaker;
- pronouns and role nouns ("she", "the minister") are resolved to the nearest earlier person
  who fits; a quote with no cue continues the previous speaker;
- reported speech ("said that ...", "according to ...") gives lower-confidence quotes.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

CUE_LEMMAS = frozenset(
    """say tell add warn insist argue claim explain clarify note ask write post state
    declare announce admit acknowledge confirm deny reply respond answer suggest stress
    emphasise emphasize maintain contend complain caution concede predict promise urge
    recall remark observe continue conclude describe agree tweet testify report""".split()
)
PRONOUNS = frozenset("he she they i we it".split())
ANONYMOUS_HEADS = frozenset(
    """official officials source sources person people insider insiders aide aides diplomat
    diplomats executive executives engineer engineers employee employees staff member
    members adviser advisers advisor advisors analyst analysts lawyer lawyers worker
    workers resident residents servant servants firefighter firefighters officer officers
    colleague colleagues trader traders shopkeeper shopkeepers parent parents driver drivers
    passenger passengers nurse nurses doctor doctors teacher teachers volunteer volunteers
    neighbour neighbours activist activists supervisor supervisors""".split()
)
ANONYMOUS_CUES = (
    "familiar with",
    "close to",
    "condition of anonymity",
    "not to be named",
    "not authori",
    "declined to be named",
    "asked not to",
    "want to be named",
    "wish to be named",
    "be identified",
)
DOCUMENT_HEADS = frozenset(
    """report study survey statement document filing analysis review letter data figures
    poll audit memo paper minutes ruling judgment judgement""".split()
)
OPEN_MARKS, CLOSE_MARKS, STRAIGHT = "“„«", "”»", '"'
_SENTENCE_END = re.compile(r"[.!?]")


@dataclass
class Speaker:
    start: int
    end: int
    name: str  # the person or description it refers to ("Amara Osei" for "she")
    source_type: str  # named, anonymous, official, document


@dataclass
class Quote:
    start: int
    end: int
    quote_type: str  # direct, partial, paraphrase
    confidence: float
    speaker: Speaker | None = None


@dataclass
class Claim:
    start: int
    end: int
    score: float
    source: Speaker | None = None  # who the sentence attributes it to, if anyone


@dataclass
class Findings:
    quotes: list[Quote] = field(default_factory=list)
    sources: list[Speaker] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)


def text_of(doc: Doc) -> str:
    """Doc.text joins every token on each call; read it once per Doc."""
    text = doc.user_data.get("annotator_text")
    if text is None:
        text = doc.user_data["annotator_text"] = doc.text
    return text


def sentence_of(token: Token) -> Span:
    """token.sent walks the whole Doc on every call; this looks it up in a per-Doc index."""
    doc = token.doc
    index = doc.user_data.get("annotator_sentences")
    if index is None:
        sentences = list(doc.sents)
        index = doc.user_data["annotator_sentences"] = ([s.start for s in sentences], sentences)
    starts, sentences = index
    return sentences[bisect.bisect_right(starts, token.i) - 1]


# -- quotation marks -------------------------------------------------------------------------------


def quote_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) of every quotation, marks included, in text order.

    A paragraph that leaves a quote open continues it when the next paragraph opens with a
    quotation mark (the newspaper convention); otherwise the stray mark is ignored.
    """
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    position = 0
    paragraphs = text.split("\n")
    for number, paragraph in enumerate(paragraphs):
        continuing = open_at is not None
        for offset, char in enumerate(paragraph):
            index = position + offset
            if continuing and offset == len(paragraph) - len(paragraph.lstrip()):
                continuing = False
                if char in OPEN_MARKS or char == STRAIGHT:
                    continue  # the reopening mark of a continued quote
            if char in OPEN_MARKS and open_at is None:
                open_at = index
            elif char in CLOSE_MARKS and open_at is not None:
                spans.append((open_at, index + 1))
                open_at = None
            elif char == STRAIGHT:
                if open_at is None:
                    open_at = index
                else:
                    spans.append((open_at, index + 1))
                    open_at = None
        if open_at is not None and paragraph.strip():
            following = next((p for p in paragraphs[number + 1 :] if p.strip()), "")
            if not following.lstrip()[:1] or following.lstrip()[0] not in OPEN_MARKS + STRAIGHT:
                open_at = None  # unbalanced: drop it
        position += len(paragraph) + 1
    return spans


# -- speakers --------------------------------------------------------------------------------------


def _inside(token: Token, quotes: list[tuple[int, int]]) -> bool:
    return any(start <= token.idx < end for start, end in quotes)


def _mention(token: Token, quotes: list[tuple[int, int]]) -> tuple[int, int]:
    """The speaker phrase around its head token: names, determiners and modifiers, up to
    the first comma (so appositions and relative clauses stay out)."""
    tokens = [t for t in token.subtree if not _inside(t, quotes) and not t.is_space]
    left = [t for t in tokens if t.i <= token.i]
    start_token = left[0] if left else token
    for t in reversed(left):
        if t.text in ",;:(" or t.dep_ in ("appos", "relcl"):
            start_token = t.nbor(1)
            break
    end_token = token
    for t in tokens:
        if t.i <= token.i:
            continue
        if t.text in ",;(" or t.dep_ in ("appos", "relcl", "acl") or t.text in OPEN_MARKS:
            break
        if t.i != end_token.i + 1:
            break
        end_token = t
    return start_token.idx, end_token.idx + len(end_token.text)


def _cue_subject(cue: Token) -> Token | None:
    if cue.lower_ == "according":
        for to in cue.children:
            if to.lower_ == "to":
                objects = [c for c in to.children if c.dep_ == "pobj"]
                return objects[0] if objects else None
        return None
    subjects = [c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")]
    if subjects:
        return subjects[0]
    if cue.dep_ in ("conj", "advcl") and cue.head.pos_ in ("VERB", "AUX"):
        # "called it a gimmick and argued that ...", "welcomed it, saying that ...":
        # the subject of the verb it hangs from
        subjects = [c for c in cue.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        return subjects[0] if subjects else None
    return None


def _is_cue(token: Token) -> bool:
    if token.lower_ == "according":
        return token.i + 1 < len(token.doc) and token.nbor(1).lower_ == "to"
    return token.lemma_.lower() in CUE_LEMMAS and token.pos_ in ("VERB", "AUX")


ORGANISATION_NOUNS = frozenset(
    """company firm union council authority ministry department government club university
    school hospital bank regulator board committee agency party group league trust
    retailer utility operator airline service force police""".split()
)
ONE_OF = re.compile(r"^((one|another|both|either|neither) of|the other)\b", re.IGNORECASE)


#: Capitalised words that start sentences or titles but are not first names.
_NOT_NAMES = frozenset("the a an mr mrs ms dr said but and minister chief professor".split())


#: Words that make a proper-noun run an organisation, not a person.
ORGANISATION_WORDS = frozenset(
    """team council authority ltd limited plc inc group university college association union
    trust bank board committee office department ministry agency water homes stores club fc
    league party court police service services panel company corporation partners capital
    hospital school institute foundation""".split()
)


def _looks_like_a_person(doc: Doc, head: Token, parts: list[Token]) -> bool:
    """The small model often tags unfamiliar names as ORG: a two- or three-word run with no
    organisation word, that is the whole entity, is taken for a person."""
    words = [*parts, head]
    if not 2 <= len(words) <= 3 or any(w.lower_ in ORGANISATION_WORDS for w in words):
        return False
    entity = next((e for e in doc.ents if e.start <= head.i < e.end), None)
    return entity is not None and entity.start == words[0].i and entity.end == head.i + 1


class _People:
    """Who has been mentioned, in order, outside quotation marks: people (with the words
    around them, for role nouns), organisations and the speakers found so far."""

    def __init__(self, doc: Doc, marks: list[tuple[int, int]]) -> None:
        self.people: list[tuple[int, str, str]] = []  # (offset, name, its sentence, lower-case)
        self.organisations: list[tuple[int, str]] = []
        for ent in doc.ents:
            if any(start <= ent.start_char < end for start, end in marks):
                continue
            if ent.label_ == "PERSON":
                self.people.append(
                    (ent.start_char, _name_of(ent), sentence_of(ent.root).text.lower())
                )
            elif ent.label_ == "ORG":
                self.organisations.append((ent.start_char, _name_of(ent)))
        self.people += self._untagged_names(doc, marks)
        self.people += self._surnames(doc, marks)
        self.people.sort()
        self.speakers: list[tuple[int, Speaker]] = []
        self._text = text_of(doc)

    @staticmethod
    def _untagged_names(doc: Doc, marks: list[tuple[int, int]]) -> list[tuple[int, str, str]]:
        """Names the small model did not tag as PERSON: runs of proper nouns outside quotes
        and outside other entities, two words or more, or one word as a subject."""
        found = []
        for token in doc:
            if token.pos_ != "PROPN" or token.ent_type_ not in ("", "PERSON", "ORG"):
                continue
            if token.dep_ == "compound" and token.head.pos_ == "PROPN":
                continue  # part of a longer name: taken with its head
            if token.ent_type_ == "PERSON" or _inside(token, marks):
                continue
            parts = [c for c in token.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
            if not parts and token.dep_ not in ("nsubj", "appos"):
                continue
            start = parts[0].idx if parts else token.idx
            name = text_of(doc)[start : token.idx + len(token.text)]
            if token.ent_type_ == "ORG" and not _looks_like_a_person(doc, token, parts):
                continue
            found.append((start, re.sub("['\u2019]s$", "", name), sentence_of(token).text.lower()))
        return found

    def _surnames(self, doc: Doc, marks: list[tuple[int, int]]) -> list[tuple[int, str, str]]:
        """A lone surname ("For Kiely, the next step ...") mentions the person named before."""
        by_surname = {name.split()[-1]: name for _, name, _ in self.people if " " in name}
        known = {offset for offset, _, _ in self.people}
        return [
            (t.idx, by_surname[t.text], sentence_of(t).text.lower())
            for t in doc
            if t.pos_ == "PROPN"
            and t.text in by_surname
            and t.idx not in known
            and not _inside(t, marks)
            and not (t.i > 0 and doc[t.i - 1].pos_ == "PROPN")
        ]

    def heard(self, offset: int, speaker: Speaker, sentence: str) -> None:
        """Remember a speaker, with the sentence that introduced them ("X, the minister, said")."""
        self.speakers.append((offset, speaker))
        organisations = {name for _, name in self.organisations}
        if (
            speaker.source_type == "named"
            and speaker.name[:1].isupper()
            and speaker.name not in organisations
            and not {w.lower() for w in speaker.name.split()} & ORGANISATION_WORDS
        ):
            self.people.append((speaker.start, speaker.name, sentence.lower()))
            self.people.sort()

    def named_between(self, start: int, end: int) -> str | None:
        """The last person named (outside quotes) in [start, end): who a cue-less quote
        right after "Maureen Kiely has lived there for 31 years." belongs to."""
        inside = [name for offset, name, _ in self.people if start <= offset < end]
        return inside[-1] if inside else None

    def resolve(self, head: Token, phrase: str) -> str | None:
        """The person (or organisation) a pronoun, role noun or "one of them" stands for."""
        offset = head.idx
        word = head.lemma_.lower()
        people = [p for p in self.people if p[0] < offset]
        if ONE_OF.match(phrase):
            for _, speaker in reversed(self.speakers):
                if speaker.source_type == "anonymous" and speaker.start < offset:
                    return speaker.name
        if head.lower_ in ("it", "its") or word in ORGANISATION_NOUNS:
            # The organisation the article is about: mentioned most so far, latest on a tie.
            counts: dict[str, tuple[int, int]] = {}
            for at, name in self.organisations:
                if at < offset:
                    counts[name] = (counts.get(name, (0, 0))[0] + 1, at)
            return max(counts, key=lambda name: counts[name]) if counts else None
        if head.lower_ in PRONOUNS:
            return people[-1][1] if people else None
        for _, speaker in reversed(self.speakers):  # "the spokeswoman": "a spokeswoman for X"
            if speaker.start < offset and re.search(
                rf"\b{re.escape(word)}\b", speaker.name.lower()
            ):
                return speaker.name
        for _, name, sentence in reversed(people):
            if word and re.search(rf"\b{re.escape(word)}", sentence):
                return name
        for _, speaker in reversed(self.speakers):  # else: the last person who spoke
            if speaker.start < offset and speaker.source_type == "named":
                return speaker.name
        return None

    def full_name(self, short: str) -> str:
        """ "Osei" -> "Amara Osei" when the article named her in full before."""
        if not short.split():
            return short
        for _, name, _ in self.people:
            if name != short and name.split() and name.split()[-1] == short.split()[-1]:
                return name
        if len(short.split()) == 1:  # the model missed the full name: look for it in the text
            first = re.search(
                rf"\b((?:[A-Z][\w'\u2019-]+\s){{1,2}}){re.escape(short)}\b", self._text
            )
            if first and first.group(1).split()[0].lower() not in _NOT_NAMES:
                return f"{first.group(1)}{short}".strip()
        return short


def _name_of(span: Span) -> str:
    """The text of a name without a leading article or a trailing possessive; hyphens stay."""
    tokens = [t for t in span if not t.is_space and (not t.is_punct or t.text in "-\u2010")]
    while tokens and tokens[0].pos_ == "DET":
        tokens = tokens[1:]
    if not tokens:
        return span.text
    text = text_of(span.doc)[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)]
    return re.sub("['\u2019]s$", "", text).strip()


def _source_type(doc: Doc, start: int, end: int, head: Token) -> str:
    phrase = text_of(doc)[start:end].lower()
    sentence = sentence_of(head).text.lower()
    if head.lemma_.lower() in DOCUMENT_HEADS:
        return "document"
    if head.ent_type_ == "PERSON" or (head.pos_ == "PROPN" and head.ent_type_ != "ORG"):
        return "named"
    names = [c for c in head.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
    if head.pos_ == "PROPN" and _looks_like_a_person(doc, head, names):
        return "named"
    if head.lower_ in PRONOUNS:
        return "named"
    span = doc.char_span(start, end, alignment_mode="expand")
    named_inside = span is not None and any(t.ent_type_ == "PERSON" for t in span)
    said_anonymously = any(cue in phrase or cue in sentence for cue in ANONYMOUS_CUES)
    if head.pos_ == "NOUN" and not named_inside and said_anonymously:
        return "anonymous"  # "a nurse at the hospital, who did not want to be named"
    if (
        not named_inside
        and (head.lemma_.lower() in ANONYMOUS_HEADS or ONE_OF.match(phrase))
        and (
            any(cue in phrase or cue in sentence for cue in ANONYMOUS_CUES)
            or not span
            or not any(t.pos_ == "PROPN" for t in span)
        )
    ):
        return "anonymous"
    if head.ent_type_ in ("ORG", "GPE", "NORP"):
        return "official"
    return "named" if head.pos_ == "PROPN" else "official"


def _speaker_of(
    doc: Doc, cue: Token, quotes: list[tuple[int, int]], people: _People
) -> Speaker | None:
    subject = _cue_subject(cue)
    if subject is None or _inside(subject, quotes) or subject.is_space:
        return None
    start, end = _mention(subject, quotes)
    if start >= end:
        return None
    kind = _source_type(doc, start, end, subject)
    phrase = text_of(doc)[start:end]
    named = [
        c
        for c in subject.children
        if c.dep_ == "appos" and (c.ent_type_ == "PERSON" or c.pos_ == "PROPN")
    ]
    if named and subject.pos_ == "NOUN":  # "The headteacher, Ngozi Adeyemi, said"
        head = named[0]
        parts = [c for c in head.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
        first = parts[0].idx if parts else head.idx
        name = text_of(doc)[first : head.idx + len(head.text)]
        return Speaker(start, end, people.full_name(name), "named")
    definite = any(
        c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in subject.children
    )
    if kind in ("anonymous", "document") and not ONE_OF.match(phrase) and not definite:
        return Speaker(start, end, phrase, kind)  # a description is its own name
    if any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in subject.children):
        return Speaker(start, end, phrase, kind)  # "a spokeswoman for X": someone new
    proper = subject.pos_ == "PROPN" and subject.text[:1].isupper()
    if proper or subject.ent_type_ in ("PERSON", "ORG"):
        span = doc.char_span(start, end, alignment_mode="expand")
        name = people.full_name(_name_of(span)) if span is not None else phrase
    else:
        name = people.resolve(subject, phrase) or phrase
        # "the supervisor" after "one shift supervisor, who did not want to be named":
        # the same anonymous source.
        earlier = [s for _, s in people.speakers if s.name == name]
        if earlier and earlier[-1].source_type == "anonymous":
            kind = "anonymous"
    return Speaker(start, end, name, kind)


# -- the whole article -----------------------------------------------------------------------------


def find(doc: Doc) -> Findings:
    """Quotes with speakers, sources and claims in a parsed Doc (needs parser, lemmatizer
    and ner). Quotes are attributed in text order, so pronouns find the speaker before."""
    text = text_of(doc)
    marks = quote_spans(text)
    people = _People(doc, marks)
    findings = Findings()
    previous: Quote | None = None
    reported = _reported_speech(doc, marks)
    events = sorted([(s, e, None) for s, e in marks] + reported, key=lambda event: event[0])
    mark_index = {span: number for number, span in enumerate(marks)}
    for start, end, reported_cue in events:
        if reported_cue is not None:
            quote = Quote(
                start, end, "paraphrase", 0.5, _speaker_of(doc, reported_cue, marks, people)
            )
        else:
            index = mark_index[start, end]
            before_limit = marks[index - 1][1] if index else 0
            after_limit = marks[index + 1][0] if index + 1 < len(marks) else len(text)
            quote = Quote(start, end, _quote_type(text, start, end), 0.9)
            cue = _nearest_cue(doc, start, end, before_limit, after_limit, marks)
            if cue is not None:
                quote.speaker = _speaker_of(doc, cue, marks, people)
            if quote.speaker is None and quote.quote_type == "partial":
                quote.speaker = _partial_speaker(doc, start, marks, people)
                quote.confidence = 0.7
            if quote.speaker is None:
                quote.speaker = _introduced(doc, people, before_limit, start)
                quote.confidence = 0.7
            if quote.speaker is None and previous is not None and previous.speaker is not None:
                quote.speaker = previous.speaker
                quote.confidence = 0.7
        if quote.speaker is not None:
            sentence = doc.char_span(
                quote.speaker.start, quote.speaker.end, alignment_mode="expand"
            )
            people.heard(start, quote.speaker, sentence_of(sentence.root).text if sentence else "")
        findings.quotes.append(quote)
        previous = quote
    findings.sources = _sources(doc, findings.quotes, marks)
    findings.claims = _claims(doc)
    for claim in findings.claims:
        # A claim made in a quote or reported speech is the speaker's ("X said that ...").
        inside = [
            q
            for q in findings.quotes
            if q.speaker is not None and q.start < claim.end and claim.start < q.end
        ]
        if inside:
            claim.source = inside[0].speaker
    return findings


def _introduced(doc: Doc, people: _People, since: int, start: int) -> Speaker | None:
    """A person named in the same paragraph just before a quote without a cue."""
    paragraph_start = text_of(doc).rfind("\n", 0, start) + 1
    name = people.named_between(max(since, paragraph_start), start)
    if name is None:
        return None
    offset = text_of(doc).rfind(name.split()[-1], max(since, paragraph_start), start)
    if offset < 0:
        return None
    return Speaker(offset, offset + len(name.split()[-1]), name, "named")


def _quote_type(text: str, start: int, end: int) -> str:
    inner = text[start + 1 : end - 1]
    before = text[:start].rstrip()
    embedded = bool(before) and before[-1] not in ".:!?\n" and not before.endswith(",")
    if embedded and len(inner.split()) <= 12 and inner.rstrip()[-1:] not in ".!?,":
        return "partial"
    return "direct"


def _nearest_cue(
    doc: Doc,
    start: int,
    end: int,
    before_limit: int,
    after_limit: int,
    marks: list[tuple[int, int]],
) -> Token | None:
    """A cue verb in the text after the quote (to the sentence end), else before it."""
    after = (
        doc.char_span(end, after_limit, alignment_mode="contract") if end < after_limit else None
    )
    if after is not None:
        for token in after:
            if token.text in ".!?" or "\n" in token.text:
                break
            if _is_cue(token):
                return token
    before = (
        doc.char_span(before_limit, start, alignment_mode="contract")
        if before_limit < start
        else None
    )
    if before is not None:
        tokens = list(before)
        # A cue ending in a colon may stand a paragraph before the quote ("He said:\n\n“...”").
        colon = text_of(doc)[before_limit:start].rstrip().endswith(":")
        cut = max(
            (i for i, t in enumerate(tokens) if t.text in ".!?" or ("\n" in t.text and not colon)),
            default=-1,
        )
        for token in reversed(tokens[cut + 1 :]):
            if _is_cue(token):
                return token
    return None


def _partial_speaker(
    doc: Doc, start: int, marks: list[tuple[int, int]], people: _People
) -> Speaker | None:
    """For “a reckless gamble” inside a sentence: the subject of the verb that holds it."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None:
        return None
    verb = span.root
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and not _inside(c, marks)]
    if not subjects:
        return None
    subject = subjects[0]
    if subject.ent_type_ != "PERSON" and subject.lower_ not in PRONOUNS and subject.pos_ != "NOUN":
        return None
    s, e = _mention(subject, marks)
    name = people.resolve(subject, text_of(doc)[s:e]) if subject.pos_ != "PROPN" else None
    span_text = doc.char_span(s, e, alignment_mode="expand")
    name = name or (
        people.full_name(_name_of(span_text)) if span_text is not None else text_of(doc)[s:e]
    )
    return Speaker(s, e, name, _source_type(doc, s, e, subject))


def _reported_speech(doc: Doc, marks: list[tuple[int, int]]) -> list[tuple[int, int, Token]]:
    """(start, end, cue) of "X said that ..." and "according to X, ..." outside quotation
    marks: the reported content, and the cue whose subject said it."""
    found: list[tuple[int, int, Token]] = []
    for token in doc:
        if _inside(token, marks) or not _is_cue(token):
            continue
        if token.lower_ == "according":
            phrase = {t.i for t in token.subtree} | {token.i - 1}
            content = [t for t in sentence_of(token) if t.i not in phrase and not t.is_punct]
        else:
            clauses = [c for c in token.children if c.dep_ == "ccomp"]
            if not clauses:
                continue
            content = [
                t for t in clauses[0].subtree if not (t.dep_ == "mark" and t.head.i == clauses[0].i)
            ]
            while content and (content[-1].is_punct or content[-1].is_space):
                content.pop()
        while content and content[-1].is_space:
            content.pop()
        if len(content) < 4:
            continue
        start, end = content[0].idx, content[-1].idx + len(content[-1].text)
        if any(s <= start and end <= e for s, e in marks) or _inside(content[0], marks):
            continue  # a direct quote, found by its marks; a partial quote inside is fine
        found.append((start, end, token))
    return found


def _sources(doc: Doc, quotes: list[Quote], marks: list[tuple[int, int]]) -> list[Speaker]:
    """Speakers as written at their cues, plus anonymous and document sources never quoted."""
    sources: dict[tuple[int, int], Speaker] = {}
    for quote in quotes:
        if quote.speaker is not None:
            sources.setdefault((quote.speaker.start, quote.speaker.end), quote.speaker)
    for chunk in doc.noun_chunks:
        root = chunk.root
        if _inside(root, marks):
            continue
        lemma = root.lemma_.lower()
        if lemma not in ANONYMOUS_HEADS and lemma not in DOCUMENT_HEADS:
            continue
        start, end = _mention(root, marks)
        kind = _source_type(doc, start, end, root)
        if kind not in ("anonymous", "document"):
            continue
        if kind == "document" and not (root.dep_ in ("nsubj", "pobj") and _attributing(root)):
            continue
        phrase = text_of(doc)[start:end].lower()
        unnamed = root.lemma_.lower() == "source"  # "sources at the council" name nobody
        if kind == "anonymous" and not unnamed and not any(cue in phrase for cue in ANONYMOUS_CUES):
            continue  # "residents" or "workers" in passing are not sources
        if not any(s < end and start < e for s, e in sources):
            sources[(start, end)] = Speaker(start, end, text_of(doc)[start:end], kind)
    return sorted(sources.values(), key=lambda s: s.start)


def _attributing(token: Token) -> bool:
    """A document counts as a source when it says, finds or shows something."""
    head = token.head
    if token.dep_ == "pobj":
        return head.lower_ in ("to", "by") and head.head.lower_ in ("according", "report", "study")
    return head.lemma_.lower() in CUE_LEMMAS | {"find", "show", "reveal", "estimate", "conclude"}


# -- claims ----------------------------------------------------------------------------------------

_NUMERIC = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY", "DATE", "ORDINAL", "TIME"})
_COMPARISON = re.compile(
    r"\b(more|less|fewer|higher|lower|highest|lowest|largest|biggest|record|since|"
    r"doubled|tripled|rose|fell|increased|decreased|compared|than|most|least)\b",
    re.IGNORECASE,
)
_OPINION = re.compile(r"\b(I think|I believe|we believe|in my view|should|hope|would like)\b", re.I)


def claim_score(sentence: Span) -> float:
    """How check-worthy a sentence is, 0..1: figures, comparisons and attributed facts count."""
    text = sentence.text
    labels = {ent.label_ for ent in sentence.ents}
    numeric = labels & _NUMERIC
    score = 0.0
    if numeric - {"DATE", "TIME", "ORDINAL"}:
        score += 0.5
    elif numeric:
        score += 0.25
    if _COMPARISON.search(text):
        score += 0.2
    if labels & {"ORG", "GPE", "LAW", "PERSON", "NORP"}:
        score += 0.1
    if any(_is_cue(t) for t in sentence):
        score += 0.1
    if text.rstrip().endswith("?") or _OPINION.search(text):
        score -= 0.3
    if len(sentence) < 6:
        score -= 0.2
    return max(0.0, min(1.0, score))


def _claims(doc: Doc, threshold: float = 0.5) -> list[Claim]:
    claims = []
    sentence_of(doc[0]) if len(doc) else None
    for sentence in doc.user_data.get("annotator_sentences", ([], []))[1]:
        score = claim_score(sentence)
        if score >= threshold:
            text = sentence.text
            stripped = text.rstrip()
            start = sentence.start_char + (len(text) - len(text.lstrip()))
            claims.append(Claim(start, sentence.start_char + len(stripped), round(score, 2)))
    return claims
