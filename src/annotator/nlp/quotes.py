"""Suggest quotes with their speakers, the sources behind them, and check-worthy claims.

Rules over spaCy's dependency parse, in the spirit of textacy's direct_quotations, BBC R&D's
Citron and the Gender Gap Tracker, with what news text needs beyond them:

- quotation marks are paired by scanning the text (straight and curly), so a quote running
  over several paragraphs, where each continuing paragraph reopens the mark and only the last
  one closes it, is one quote;
- the cue verb is looked for after the quote, then before it, in the text between the
  neighbouring quotes, so "“A,” she said, “B.”" gives both parts the same speaker;
- pronouns, role nouns and "the company" are resolved by mentions.py (the nearest fitting
  person, the title next to a name, the organisation the article is about); a quote with no
  cue continues the previous speaker;
- reported speech ("said that ...", "according to ...") gives lower-confidence quotes, and
  speech reported inside it is not a quote of its own;
- unnamed people ("Critics say", "a council officer who asked not to be named") are
  anonymous sources, named by their own description.
Claims are scored in claims.py; the word lists live in vocabulary.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, TypeVar

from annotator.nlp.claims import Claim, find_claims
from annotator.nlp.mentions import People, Speaker, looks_like_a_person
from annotator.nlp.parsed import inside, is_cue, name_of, sentence_of, sentence_text, text_of
from annotator.nlp.vocabulary import (
    ANONYMOUS_CUES,
    ANONYMOUS_HEADS,
    COLLECTIVE_NOUNS,
    CUE_LEMMAS,
    DOCUMENT_HEADS,
    ONE_OF,
    ORGANISATION_NOUNS,
    ORGANISATION_WORDS,
    PRONOUNS,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

OPEN_MARKS, CLOSE_MARKS, STRAIGHT = "“„«", "”»", '"'


@dataclass
class Quote:
    start: int
    end: int
    quote_type: str  # direct, partial, paraphrase
    confidence: float
    speaker: Speaker | None = None


@dataclass
class Findings:
    quotes: list[Quote] = field(default_factory=list)
    sources: list[Speaker] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)


#: Anything found at [start, end) in a text.
_Found = TypeVar("_Found", Quote, Speaker, Claim)


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


def _mention(token: Token, quotes: list[tuple[int, int]]) -> tuple[int, int]:
    """The speaker phrase around its head token: names, determiners and modifiers, up to
    the first comma (so appositions and relative clauses stay out)."""
    whole = token.head if token.dep_ == "nsubj" and token.head.dep_ == "csubj" else token
    tokens = [t for t in whole.subtree if not inside(t, quotes) and not t.is_space]
    left = [t for t in tokens if t.i <= token.i]
    start_token = left[0] if left else token
    for t in reversed(left[:-1]):
        if t.text in ",;:(" or t.dep_ in ("appos", "relcl"):
            start_token = t.nbor(1)
            break
    end_token = token
    for t in tokens:
        if t.i <= token.i:
            continue
        if t.text in ",;(" or t.text in OPEN_MARKS or t.dep_ == "appos":
            break
        if t.dep_ in ("relcl", "acl") and token.pos_ not in ("NOUN", "NUM"):
            break  # "officials who have seen it" keeps its clause; "Smith who" does not
        if t.i != end_token.i + 1:
            break
        end_token = t
    return start_token.idx, end_token.idx + len(end_token.text)


def _antecedent(subject: Token, verb: Token) -> Token:
    """ "who" in "Tomás Ibáñez, who called the plan ..." stands for the name it follows."""
    if subject.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
        head = verb.head
        if head.dep_ == "pobj" and head.head.head.ent_type_ == "PERSON":
            return head.head.head  # "Ibáñez of the Business Alliance, who ..."
        return head
    return subject


def _cue_subject(cue: Token) -> Token | None:
    if cue.lower_ == "according":
        for to in cue.children:
            if to.lower_ == "to":
                objects = [c for c in to.children if c.dep_ == "pobj"]
                return objects[0] if objects else None
        return None
    subjects = [_antecedent(c, cue) for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")]
    if subjects:
        # "the vice-chancellor" may come as three subjects: take the last of the run
        run = subjects[0]
        while run.i + 1 < len(cue.doc) and run.nbor(1) in subjects:
            run = run.nbor(1)
        return run
    clauses = [c for c in cue.children if c.dep_ == "csubj"]
    if clauses:  # "People briefed on the talks said": "People" is the subject of "briefed"
        subjects = [c for c in clauses[0].children if c.dep_ == "nsubj"]
        return subjects[0] if subjects else None
    if cue.dep_ in ("conj", "advcl") and cue.head.pos_ in ("VERB", "AUX"):
        # "called it a gimmick and argued that ...", "welcomed it, saying that ...":
        # the subject of the verb it hangs from
        subjects = [c for c in cue.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        return subjects[0] if subjects else None
    if cue.i and cue.dep_ == "ROOT":
        # "At the school, the headteacher, Gwen Pritchard, said": the parser hung the name
        # on the place; take the name or noun right before the cue.
        before = cue.nbor(-1)
        if before.text == "," and before.i:
            before = before.nbor(-1)
        if before.pos_ in ("PROPN", "NOUN") and before.dep_ in ("appos", "pobj", "conj"):
            return before
    return None


def _source_type(doc: Doc, start: int, end: int, head: Token) -> str:
    phrase = text_of(doc)[start:end].lower()
    sentence = sentence_text(head)
    if head.lemma_.lower() in DOCUMENT_HEADS:
        return "document"
    span = doc.char_span(start, end, alignment_mode="expand")
    named_inside = span is not None and any(
        t.ent_type_ == "PERSON" and (t.i == head.i or t.head.i == head.i or t.head.head.i == head.i)
        for t in span
        if t.dep_ != "pobj" and t.head.dep_ != "pobj"
    )  # a name in the phrase's own words, not "one resident of Mill Lane"
    if not named_inside and (
        head.lower_ in ANONYMOUS_HEADS  # "Neighbours on Hallam Road", tagged as a name
        or (head.lower_ == "one" and len(phrase.split()) > 1)  # "One letting agent in ..."
    ):
        return "anonymous"
    if any(w in ORGANISATION_WORDS for w in phrase.split()) and head.pos_ == "PROPN":
        return "official"  # "Castlemere Homes", untagged
    if head.ent_type_ == "PERSON" or (head.pos_ == "PROPN" and head.ent_type_ != "ORG"):
        return "named"
    names = [c for c in head.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
    if head.pos_ == "PROPN" and looks_like_a_person(doc, head, names):
        return "named"
    if head.lower_ in PRONOUNS:
        return "named"
    said_anonymously = any(cue in phrase or cue in sentence for cue in ANONYMOUS_CUES)
    if head.pos_ == "NOUN" and not named_inside and said_anonymously:
        return "anonymous"  # "a nurse at the hospital, who did not want to be named"
    if not named_inside and (head.lemma_.lower() in ANONYMOUS_HEADS or ONE_OF.match(phrase)):
        return "anonymous"
    if _unnamed_group(head):
        return "anonymous"  # "Critics say ...", "Two trustees who were present said ..."
    if head.ent_type_ in ("ORG", "GPE", "NORP"):
        return "official"
    return "named" if head.pos_ == "PROPN" else "official"


def _unnamed_group(head: Token) -> bool:
    """A plural common noun without "the", a possessive or a name: people left unnamed."""
    if head.tag_ != "NNS" or head.lower_ in COLLECTIVE_NOUNS or head.ent_type_:
        return False
    return not any(
        (c.dep_ == "det" and c.lower_ in ("the", "these", "those", "its", "their"))
        or c.dep_ == "poss"
        or (c.dep_ == "compound" and c.pos_ == "PROPN")
        for c in head.children
    )


def _speaker_of(
    doc: Doc, cue: Token, quotes: list[tuple[int, int]], people: People
) -> Speaker | None:
    subject = _cue_subject(cue)
    if subject is None:
        return None
    return _speaker(doc, subject, quotes, people)


def _speaker(
    doc: Doc, subject: Token, quotes: list[tuple[int, int]], people: People
) -> Speaker | None:
    """The source a cue's subject stands for, named as the article first named it."""
    if inside(subject, quotes) or subject.is_space:
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
    if named and (subject.pos_ == "NOUN" or named[0].ent_type_ == "PERSON" != subject.ent_type_):
        # "The headteacher, Ngozi Adeyemi, said", "The town's MP, Owen Tremayne, said"
        head = named[0]
        parts = [c for c in head.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
        first = parts[0].idx if parts else head.idx
        name = text_of(doc)[first : head.idx + len(head.text)]
        return Speaker(start, end, people.full_name(name), "named")
    definite = any(
        c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in subject.children
    )
    sentence = sentence_text(subject)
    unnamed = any(cue in sentence for cue in ANONYMOUS_CUES)
    # A description is its own name, even with "the" when the sentence says it is unnamed
    # ("The owner of the shop, who did not want to be named").
    if kind in ("anonymous", "document") and not ONE_OF.match(phrase) and (not definite or unnamed):
        return Speaker(start, end, phrase, kind)
    if any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in subject.children):
        # "a spokeswoman for X": someone new; "a spokesman for the company" names it
        body = re.search(r"\b(?:for|at) (the (\w+))$", phrase)
        organisation = body and people.organisation(body.group(2).lower(), start)
        if body and organisation and body.group(2).lower() in ORGANISATION_NOUNS:
            return Speaker(start, end, phrase[: body.start(1)] + organisation, kind)
        return Speaker(start, end, phrase, kind)
    owners = [c for c in subject.children if c.dep_ == "poss" and c.pos_ == "PROPN"]
    if owners and subject.pos_ == "NOUN":  # "Şahin's spokesman" speaks for Emre Şahin
        owner = doc[owners[0].left_edge.i : owners[0].i + 1]
        name = f"a {subject.lower_} for {people.full_name(name_of(owner))}"
        return Speaker(start, end, name, "official")
    proper = subject.pos_ == "PROPN" and subject.text[:1].isupper()
    if proper or subject.ent_type_ in ("PERSON", "ORG"):
        span = doc.char_span(start, end, alignment_mode="expand")
        name = people.full_name(name_of(span)) if span is not None else phrase
    else:
        name = people.resolve(subject, phrase) or phrase
        if name != phrase and any(m.name == name for m in people.people):
            kind = "named"  # "the finance director" is a person named before
        # "the supervisor" after "one shift supervisor, who did not want to be named":
        # the same anonymous source.
        earlier = [s for _, s in people.speakers if s.name == name]
        if earlier and earlier[-1].source_type == "anonymous":
            kind = "anonymous"
    return Speaker(start, end, name, kind)


def find(doc: Doc) -> Findings:
    """Quotes with speakers, sources and claims in a parsed Doc (needs parser, lemmatizer
    and ner). Quotes are attributed in text order, so pronouns find the speaker before."""
    text = text_of(doc)
    marks = quote_spans(text)
    reported = _reported_speech(doc, marks)
    people = People(doc, marks, marks + [(start, end) for start, end, _ in reported])
    findings = Findings()
    previous: Quote | None = None
    events: list[tuple[int, int, Token | None]] = [(s, e, None) for s, e in marks]
    events += reported
    events.sort(key=lambda event: event[0])
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
            people.heard(start, quote.speaker, sentence.root if sentence else None)
        findings.quotes.append(quote)
        previous = quote
    findings.sources = _sources(doc, findings.quotes, marks)
    findings.claims = find_claims(doc)
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


def find_in_pieces(pieces: list[tuple[int, Doc]]) -> Findings:
    """Findings of a long text parsed in pieces (nlp.pieces), offsets moved to the whole text.

    Each piece is read on its own, as the quote finder's time grows faster than the text:
    a quote whose marks open in one piece and close in the next is not found, and a pronoun
    at the start of a piece does not reach a person named in the piece before.
    """
    if len(pieces) == 1 and pieces[0][0] == 0:
        return find(pieces[0][1])  # the usual article: one piece, nothing to move
    found = Findings()
    for offset, doc in pieces:
        part = find(doc)
        for q in part.quotes:
            speaker = q.speaker and _moved(q.speaker, offset)
            found.quotes.append(replace(_moved(q, offset), speaker=speaker))
        found.sources += [_moved(source, offset) for source in part.sources]
        for c in part.claims:
            found.claims.append(
                replace(_moved(c, offset), source=c.source and _moved(c.source, offset))
            )
    return found


def _moved(found: _Found, offset: int) -> _Found:
    return replace(found, start=found.start + offset, end=found.end + offset)


def _introduced(doc: Doc, people: People, since: int, start: int) -> Speaker | None:
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
            if is_cue(token):
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
            if is_cue(token):
                return token
    return None


def _partial_speaker(
    doc: Doc, start: int, marks: list[tuple[int, int]], people: People
) -> Speaker | None:
    """For “a reckless gamble” inside a sentence: the subject of the verb that holds it."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None:
        return None
    verb = span.root
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and not inside(c, marks)]
    if not subjects:
        return None
    subject = _antecedent(subjects[0], verb)
    person_or_body = subject.ent_type_ in ("PERSON", "ORG") or subject.lower_ in PRONOUNS
    if not person_or_body and subject.pos_ != "NOUN":
        return None
    return _speaker(doc, subject, marks, people)


def _reported_speech(doc: Doc, marks: list[tuple[int, int]]) -> list[tuple[int, int, Token]]:
    """(start, end, cue) of "X said that ..." and "according to X, ..." outside quotation
    marks: the reported content, and the cue whose subject said it."""
    found: list[tuple[int, int, Token]] = []
    for token in doc:
        if inside(token, marks) or not is_cue(token):
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
        if any(s <= start and end <= e for s, e in marks) or inside(content[0], marks):
            continue  # a direct quote, found by its marks; a partial quote inside is fine
        found.append((start, end, token))
    # Reported speech inside reported speech ("Officials said the two dissenters had argued
    # that ...") is part of the outer content, not a quote of its own.
    return [f for f in found if not any(_reports(outer, f[2]) for _, _, outer in found)]


def _reports(cue: Token, inner: Token) -> bool:
    """Whether the cue `inner` stands inside what `cue` reports."""
    if cue.lower_ == "according":
        return cue.head.i == inner.i and inner.lower_ != "according"
    clauses = [c for c in cue.children if c.dep_ == "ccomp"]
    return bool(clauses) and (clauses[0].i == inner.i or clauses[0] in inner.ancestors)


def _sources(doc: Doc, quotes: list[Quote], marks: list[tuple[int, int]]) -> list[Speaker]:
    """Speakers as written at their cues, plus anonymous and document sources never quoted."""
    sources: dict[tuple[int, int], Speaker] = {}
    for quote in quotes:
        if quote.speaker is not None:
            sources.setdefault((quote.speaker.start, quote.speaker.end), quote.speaker)
    for chunk in doc.noun_chunks:
        root = chunk.root
        if inside(root, marks):
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
