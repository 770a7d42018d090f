"""This tool's JSONL: reading spans safely (emoji, CRLF, bad lines) and exporting decisions."""

import json
from pathlib import Path

import jsonschema
import pytest

from annotator.app.importing import import_files
from annotator.domain import AnnotationKind, AnnotationStatus, ArticleDraft, SpanDraft
from annotator.domain.model import REVIEWED
from annotator.errors import UserError
from annotator.interop.jsonl import read_jsonl, write_jsonl
from annotator.interop.selection import Selection
from annotator.store import ProjectStore


def write_lines(path: Path, *records: object) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="")
    return path


def span(article_text: str, part: str, label: str, **extra: object) -> dict:
    start = article_text.index(part)
    return {"start": start, "end": start + len(part), "label": label, **extra}


def test_reads_articles_and_meta(tmp_path: Path) -> None:
    text = "Katrin Müller said the vote mattered.\n\nOpponents disagreed."
    path = write_lines(
        tmp_path / "in.jsonl",
        {
            "text": text,
            "meta": {
                "title": "Vote",
                "outlet": "Courier",
                "published": 2026,
                "desk": "city",
                "article_id": 7,
            },
            "spans": [span(text, "Katrin Müller", "PERSON"), span(text, "said", "QUOTE")],
        },
        "",
        {"text": "Second article without meta.\nMore."},
    )
    first, second = read_jsonl(path).articles
    assert first.text == text
    assert (first.title, first.outlet, first.published) == ("Vote", "Courier", "2026")
    assert first.meta == {"desk": "city"}  # the exporter's article_id is not kept as meta
    assert first.source == "in.jsonl"
    person, quote = first.spans
    assert text[person.start : person.end] == "Katrin Müller"
    assert (person.kind, person.status) == (AnnotationKind.ENTITY, AnnotationStatus.ACCEPTED)
    assert quote.kind is AnnotationKind.QUOTE  # the kind follows from a newsroom label
    assert second.title == "Second article without meta. More."
    assert second.spans == ()


def test_span_over_emoji_round_trips(tmp_path: Path) -> None:
    """Offsets are code points: a span over an astral emoji covers exactly that emoji."""
    text = "Ride a 🚲 or a 🚴🏽 to Zürich"
    path = write_lines(
        tmp_path / "emoji.jsonl",
        {
            "text": text,
            "spans": [
                span(text, "🚲", "PRODUCT", text="🚲"),
                span(text, "Zürich", "GPE", text="Zürich"),
            ],
        },
    )
    (draft,) = read_jsonl(path).articles
    assert [draft.text[s.start : s.end] for s in draft.spans] == ["🚲", "Zürich"]
    assert (draft.spans[0].start, draft.spans[0].end) == (7, 8)


def test_crlf_text_moves_offsets(tmp_path: Path) -> None:
    """Spans over Windows-line-ending text keep their content after normalisation."""
    raw = 'Headline\r\n\r\nMüller said: "Tonight\r\nwe start."\r\nPetrov 🚲 agreed.\rEnd.'
    parts = ["Müller", "Tonight\r\nwe start.", "Petrov 🚲", "End"]
    path = write_lines(
        tmp_path / "crlf.jsonl",
        {"text": raw, "spans": [span(raw, part, "X", text=part) for part in parts]},
    )
    (draft,) = read_jsonl(path).articles
    assert "\r" not in draft.text
    assert [draft.text[s.start : s.end] for s in draft.spans] == [
        part.replace("\r\n", "\n") for part in parts
    ]


def test_crlf_line_endings_between_records(tmp_path: Path) -> None:
    path = tmp_path / "win.jsonl"
    path.write_bytes(b'{"text": "one two"}\r\n{"text": "three four"}\r\n')
    assert [d.text for d in read_jsonl(path).articles] == ["one two", "three four"]


def test_text_with_unicode_line_separators_stays_one_record(tmp_path: Path) -> None:
    """U+2028, U+2029 and U+0085 may appear raw inside JSON strings; they do not end a line."""
    text = "one\u2028two\u2029three\x85four"
    path = tmp_path / "sep.jsonl"
    path.write_text(json.dumps({"text": text}, ensure_ascii=False) + "\n", encoding="utf-8")
    (draft,) = read_jsonl(path).articles
    assert draft.text == text


def short(*spans: dict, **extra: object) -> str:
    """A line for the article "short text" with these spans and fields."""
    return json.dumps({"text": "short text", "spans": list(spans), **extra})


def x(start: int = 0, end: int = 5, **extra: object) -> dict:
    """A span over "short" (or [start, end)) labelled X, with extra fields."""
    return {"start": start, "end": end, "label": "X", **extra}


BAD_LINES = [
    ('{"text": "broken"', "not valid JSON"),
    ('["a", "list"]', "JSON object"),
    ('{"meta": {}}', '"text"'),
    ('{"text": "   "}', '"text"'),
    ('{"text": ["a"]}', '"text"'),
    (short(x(0, 99)), "does not fit"),
    (short(x(-1, 2)), "does not fit"),
    (short(x(3, 3)), "does not fit"),
    (short(x(0, "2")), "integer"),
    (short(x(True, 2)), "integer"),
    (short({"start": 0, "end": 2}), "needs a label"),
    (short(x(label=7)), "needs a label"),
    (short(x(label=" ")), "needs a label"),
    (short("0-2"), "span 1 must be an object"),
    (short(x(0, 2, text="sx")), "'sh'"),
    (short(x(text=5)), 'its "text" must be a string'),
    (short(x(kind="gossip")), "gossip"),
    (short(x(kind=["claim"])), '"kind" must be one of entity, claim, quote, source'),
    (short(x(status="maybe")), '"status" must be one of suggested, accepted'),
    (short(x(id=[1])), 'span 1\'s "id" must be a number or a string'),
    (short(x(id={"a": 1})), 'span 1\'s "id" must be a number or a string'),
    (short(x(id=1), x(6, 10, id=1)), "two spans have the id 1 (spans 1 and 2)"),
    (short(x(attrs=["verdict", "false"])), '"attrs" must be an object, not a list'),
    (short(x(attrs="false")), '"attrs" must be an object, not a string'),
    (short(x(attrs={"verdict": 5})), 'attrs "verdict" must be a string, not 5'),
    (short(x(attrs={"role": ["mayor"]})), 'attrs "role" must be a string'),
    (short(x(attrs={"evidence": "https://a.example"})), '"evidence" must be a list of strings'),
    (short(x(attrs={"confidence": "high"})), 'attrs "confidence" must be a number'),
    (short(x(attrs={"_foreign": {}})), 'may not hold "_foreign"'),
    (short(x(note=5)), 'its "note" must be a string'),
    (short(x(annotator=["ann"])), "span 1's annotator must be a name (a string), not a list"),
    (short(x(), _annotator_id={"id": 3}), '"_annotator_id" must be a name'),
    (short(x(), meta="not a dict"), '"meta" must be an object, not a string'),
    (short(x(), meta=["a"]), '"meta" must be an object, not a list'),
    (short(x(), meta={"title": ["a"]}), '"title" must be a string, not a list'),
    (short(x(), meta={"outlet": True}), '"outlet" must be a string, not true or false'),
    (short(x(), meta={"_foreign": 1}), '"_foreign" is a name annotator keeps for itself'),
    ('{"text": "short", "spans": {}}', '"spans" must be a list, not an object'),
    ('{"text": "short", "relations": "none"}', '"relations" must be a list, not a string'),
    (short(answer="maybe"), '"answer" must be "accept", "reject" or "ignore"'),
    (short(tokens=[{"text": "shot", "start": 0, "end": 5, "id": 0}]), '"tokens" item 1 says'),
    (short(tokens="short text"), '"tokens" must be a list of token objects'),
    (short(entities=[]), 'has doccano\'s "entities" spans'),
    ('{"text": "short", "n": NaN}', "NaN is not a JSON value (at n)"),
    ('{"text": "short", "n": 1e999}', "the number 1e999 is too large to keep (at n)"),
    ('{"text": "short", "n": ' + "1" * 5000 + "}", "holds a number of more than 4300 digits"),
    ('{"text": "short", "text": "long"}', "the key 'text' is given twice"),
    ('{"text": "short \\ud800"}', "lone surrogate (U+D800)"),
    ('{"text": "short", "meta": {"\\udc80": 1}}', "lone surrogate (U+DC80)"),
    ('{"text": "short", "meta": ' + "[" * 50_000 + "]" * 50_000 + "}", "levels deep"),
    ('{"text": "short\\u0000 text"}', "NUL character (U+0000), which a project cannot"),
    (short(x(), meta={"title": "Nul\u0000"}), "the title holds a NUL character"),
    (short(x(label="X\u0000")), "span 1's label holds a NUL character"),
    (json.dumps({"text": "a" * 1_000_001}), "1,000,001 characters long"),
]


@pytest.mark.parametrize(("line", "expected"), BAD_LINES)
def test_bad_line_names_file_and_line(refused, tmp_path: Path, line: str, expected: str) -> None:
    """Each bad line is refused at its line, with the other lines not imported either, and
    the message says how to import them."""
    path = write_lines(tmp_path / "bad.jsonl", {"text": "fine one"}, {"text": "fine two"}, line)
    message = refused(path)
    assert message.startswith(f"{path}:3: ")
    assert expected in message
    assert message.endswith("; use --skip-invalid to import the other records")


def test_a_single_bad_line_does_not_mention_skipping(refused, tmp_path: Path) -> None:
    path = write_lines(tmp_path / "one.jsonl", short(x(0, 99)))
    assert "--skip-invalid" not in refused(path)


def test_blank_lines_still_count(tmp_path: Path) -> None:
    """Line numbers are the file's own, blank lines included, so an editor jumps right."""
    path = write_lines(tmp_path / "gaps.jsonl", {"text": "one"}, "", "  ", "{oops")
    with pytest.raises(UserError, match=r"gaps\.jsonl:4: "):
        read_jsonl(path)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "no articles"),
        (b"\n\n  \n", "no articles"),
        (b'{"text": "x"}\n\x00\x00\x00\x01\x02', "binary"),
        (bytes(range(128, 256)) * 4, "encoding could not be recognised"),
    ],
    ids=["empty", "blank-lines", "binary", "undecodable"],
)
def test_unusable_files(refused, tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_bytes(content)
    assert expected in refused(path)


def test_non_utf8_names_the_line(refused, tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"  # UTF-8 with one stray Latin-1 byte
    path.write_bytes(b'{"text": "M\xc3\xbcller"}\n{"text": "Caf\xe9"}\n')
    assert refused(path).startswith(f"{path}:2:")


# -- export ------------------------------------------------------------------------------------

TEXT = 'Müller 🚲 said: "We start tonight."\nIbáñez disagreed.'


@pytest.fixture
def store(tmp_path: Path):
    with ProjectStore.create(tmp_path / "export.annotator") as store:
        yield store


def fill(store: ProjectStore) -> dict[str, int]:
    """One article with a span of each status, a relation, and a second article with none."""
    (article_id, _) = store.add_articles(
        [
            ArticleDraft(text=TEXT, title="Bikes", outlet="Courier", meta={"desk": "city"}),
            ArticleDraft(text="Plain second article.", title="Second"),
        ]
    )

    def add(part: str, label: str, status: AnnotationStatus, **extra) -> int:
        start = TEXT.index(part)
        draft = SpanDraft(start, start + len(part), label, status=status, **extra)
        return store.add_annotation(article_id, draft).id

    ids = {
        "manual": add("Müller 🚲", "PERSON", AnnotationStatus.MANUAL, annotator="ann"),
        "accepted": add(
            '"We start tonight."', "QUOTE", AnnotationStatus.ACCEPTED, kind=AnnotationKind.QUOTE
        ),
        "suggested": add("Ibáñez", "PERSON", AnnotationStatus.SUGGESTED),
        "rejected": add("tonight", "TIME", AnnotationStatus.REJECTED),
    }
    store.add_relation(ids["accepted"], ids["manual"], "SPEAKER")
    store.add_relation(ids["accepted"], ids["suggested"], "SPEAKER")
    return ids


def exported(out: Path) -> list[dict]:
    return [json.loads(line) for line in out.read_text(encoding="utf-8").split("\n") if line]


def test_export_writes_one_object_per_article(store: ProjectStore, tmp_path: Path) -> None:
    """Only accepted and manual spans leave the tool; relations only between exported spans."""
    fill(store)
    out = tmp_path / "out.jsonl"
    assert write_jsonl(store, out) == 2

    raw = out.read_bytes()
    assert b"\r" not in raw
    first, second = exported(out)
    assert first["text"] == TEXT
    assert first["meta"]["title"] == "Bikes"
    assert first["meta"]["outlet"] == "Courier"
    assert first["meta"]["desk"] == "city"
    assert [(s["id"], s["text"], s["status"]) for s in first["spans"]] == [
        (1, "Müller 🚲", "manual"),
        (2, '"We start tonight."', "accepted"),
    ]
    for item in first["spans"]:
        assert TEXT[item["start"] : item["end"]] == item["text"]
    person, quote = first["spans"]
    assert (person["token_start"], person["token_end"]) == (0, 1)  # "Müller", "🚲"
    (relation,) = first["relations"]
    assert relation == {
        "head": quote["token_end"],
        "child": person["token_end"],
        "head_id": 2,
        "child_id": 1,
        "head_span": {k: quote[k] for k in ("start", "end", "token_start", "token_end", "label")},
        "child_span": {k: person[k] for k in ("start", "end", "token_start", "token_end", "label")},
        "label": "SPEAKER",
        "annotator": None,
    }
    assert first["answer"] == "accept"
    assert "tokens" not in first
    assert second["text"] == "Plain second article."
    assert second["spans"] == []
    assert list(tmp_path.glob(".out.jsonl.*")) == []  # no temporary file left behind


def test_token_offsets_follow_spacy_tokenisation(store: ProjectStore, tmp_path: Path) -> None:
    fill(store)
    out = tmp_path / "tokens.jsonl"
    write_jsonl(store, out, with_tokens=True)
    first = exported(out)[0]
    tokens = first["tokens"]
    assert [t["id"] for t in tokens] == list(range(len(tokens)))
    for token in tokens:
        assert TEXT[token["start"] : token["end"]] == token["text"]
    for item in first["spans"]:
        assert tokens[item["token_start"]]["start"] == item["start"]
        assert tokens[item["token_end"]]["end"] == item["end"]


def test_every_export_validates_against_the_schema(store: ProjectStore, tmp_path: Path) -> None:
    fill(store)
    schema = json.loads((Path(__file__).parents[2] / "docs" / "export.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    for options in (
        {},
        {"with_tokens": True},
        {"selection": Selection(include_suggestions=True)},
        {"selection": Selection(annotator="ann")},
    ):
        out = tmp_path / "schema.jsonl"
        write_jsonl(store, out, **options)
        for record in exported(out):
            jsonschema.validate(record, schema)


def test_selection_by_status_annotator_and_review(store: ProjectStore, tmp_path: Path) -> None:
    fill(store)
    out = tmp_path / "pick.jsonl"

    def texts(selection: Selection) -> list[list[str]]:
        write_jsonl(store, out, selection)
        return [[s["text"] for s in record["spans"]] for record in exported(out)]

    assert texts(Selection(include_suggestions=True))[0] == [
        "Müller 🚲",
        '"We start tonight."',
        "Ibáñez",
    ]
    assert texts(Selection(annotator="ann")) == [["Müller 🚲"], []]
    assert texts(Selection(reviewed_only=True)) == []  # nothing reviewed yet
    reviewed = SpanDraft(0, 6, "PERSON", status=AnnotationStatus.ACCEPTED, annotator=REVIEWED)
    store.add_annotation(1, reviewed)
    store.mark_reviewed(1, "editor")
    assert texts(Selection(reviewed_only=True)) == [["Müller"]]  # only the reviewed layer


def test_export_import_export_is_byte_identical(store: ProjectStore, tmp_path: Path) -> None:
    fill(store)
    out = tmp_path / "out.jsonl"
    write_jsonl(store, out, Selection(include_suggestions=True), with_tokens=True)

    drafts = read_jsonl(out).articles
    assert [d.text for d in drafts] == [a.text for a in store.articles()]
    assert [d.title for d in drafts] == ["Bikes", "Second"]
    assert [len(d.relations) for d in drafts] == [2, 0]

    with ProjectStore.create(tmp_path / "copy.annotator") as copy:
        copy.add_articles(drafts)
        again = tmp_path / "again.jsonl"
        write_jsonl(copy, again, Selection(include_suggestions=True), with_tokens=True)
    assert again.read_bytes() == out.read_bytes()


def test_prodigy_tasks_import_with_relations_and_skip_rejects(tmp_path: Path) -> None:
    """Prodigy's own output: spans without kind or status, relations by head_span and
    child_span (one end not among the spans), and rejected or ignored tasks."""
    text = "Dr Amal Haddad told the Gazette the clinic would close."
    doctor = span(text, "Dr Amal Haddad", "PERSON", token_start=0, token_end=2)
    said = span(text, "the clinic would close", "QUOTE", token_start=5, token_end=8)
    task = {
        "text": text,
        "meta": {"source": "gazette"},
        "_input_hash": 1,
        "_task_hash": 2,
        "_annotator_id": "desk-2",
        "spans": [doctor],
        "relations": [
            {"head": 8, "child": 2, "head_span": said, "child_span": doctor, "label": "SPEAKER"}
        ],
        "answer": "accept",
    }
    path = write_lines(
        tmp_path / "prodigy.jsonl",
        task,
        {"text": "A rejected task.", "answer": "reject"},
        {"text": "An ignored task.", "answer": "ignore"},
    )
    reading = read_jsonl(path)
    assert reading.skipped == ["line 2: answered reject", "line 3: answered ignore"]
    (draft,) = reading.articles
    assert [(text[s.start : s.end], s.label, s.kind, s.annotator) for s in draft.spans] == [
        ("Dr Amal Haddad", "PERSON", AnnotationKind.ENTITY, "desk-2"),
        ("the clinic would close", "QUOTE", AnnotationKind.QUOTE, None),
    ]
    (relation,) = draft.relations
    assert (relation.head, relation.child, relation.label) == (1, 0, "SPEAKER")
    assert draft.meta == {
        "source": "gazette",
        "_foreign": {"_input_hash": 1, "_task_hash": 2, "_annotator_id": "desk-2"},
    }


@pytest.mark.parametrize(
    ("relations", "message"),
    [
        ([{"head_id": 1, "child_id": 9, "label": "SPEAKER"}], "child_id 9 is no span id"),
        ([{"head": 1, "child": 2, "label": "SPEAKER"}], 'needs "head_id" or "head_span"'),
        ([{"head_id": 1, "child_id": 1, "label": "SPEAKER"}], "links a span to itself"),
        ([{"head_id": 1, "child_id": 1}], 'with a "label"'),
        ([{"head_id": [1], "child_id": 1, "label": "X"}], "head_id [1] is no span id"),
        ([{"head_id": 1, "child_id": 2, "label": " "}], "relation 1 needs a label"),
        ([{"head_id": 1, "child_id": 2, "label": "X", "annotator": {}}], "must be a name"),
        (
            [{"head_span": {"start": 0, "end": 99, "label": "Q"}, "child_id": 1, "label": "X"}],
            "relation 1's head_span: span [0, 99) does not fit",
        ),
    ],
)
def test_bad_relations_name_the_line(
    refused, tmp_path: Path, relations: list, message: str
) -> None:
    text = "Mayor Ines Kovač spoke."
    record = {"text": text, "spans": [span(text, "Ines Kovač", "PERSON", id=1)]}
    path = write_lines(
        tmp_path / "bad.jsonl", {"text": "Fine."}, {**record, "relations": relations}
    )
    error = refused(path)
    assert error.startswith(f"{path}:2: ")
    assert message in error


def test_export_replaces_existing_file(store: ProjectStore, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("old content\n")
    store.add_articles([ArticleDraft(text="Only article.", title="Only")])
    assert write_jsonl(store, out) == 1
    assert json.loads(out.read_text(encoding="utf-8"))["text"] == "Only article."


def test_export_to_missing_folder(store: ProjectStore, tmp_path: Path) -> None:
    out = tmp_path / "nowhere" / "out.jsonl"
    with pytest.raises(UserError, match="does not exist"):
        write_jsonl(store, out)
    assert not out.parent.exists()


def test_the_prodigy_sample_imports_every_span_and_relation() -> None:
    sample = Path(__file__).parents[1] / "data" / "interop" / "prodigy.jsonl"
    reading = read_jsonl(sample)
    assert reading.skipped == ["line 2: answered reject", "line 4: answered ignore"]
    port, ferry = reading.articles
    assert [(port.text[s.start : s.end], s.label, s.annotator) for s in port.spans] == [
        ("Lena Vogt", "PERSON", "ports-desk-maria"),
        ("the Pier 4 crane would be back in use by Friday", "QUOTE", "ports-desk-maria"),
    ]
    assert [(r.head, r.child, r.label) for r in port.relations] == [(1, 0, "SPEAKER")]
    assert port.meta == {
        "source": "Tidewater Gazette",
        "desk": "ports",
        "_foreign": {
            "_input_hash": 101,
            "_task_hash": 201,
            "_annotator_id": "ports-desk-maria",
            "_session_id": "ports-desk-maria",
        },
    }
    assert [(ferry.text[s.start : s.end], s.kind) for s in ferry.spans] == [
        ("“The ferry will sail at dawn,”", AnnotationKind.QUOTE),
        ("Ørjan Dahl", AnnotationKind.ENTITY),
        ("Tickets cost £12.", AnnotationKind.CLAIM),
    ]
    assert [(r.head, r.child) for r in ferry.relations] == [(0, 1)]


# -- skipping invalid records --------------------------------------------------------------------


def test_skip_invalid_imports_the_other_records(tmp_path: Path) -> None:
    """One blank task among many need not cost the whole file: each bad line is listed."""
    path = write_lines(
        tmp_path / "tasks.jsonl",
        {"text": "First task.", "answer": "accept"},
        {"text": "", "answer": "accept"},
        {"text": "Third task.", "spans": [x(0, 99)]},
        "{broken",
        {"text": "Fifth task.", "answer": "reject"},
        {"text": "Sixth task.", "spans": [x(0, 5)]},
    )
    with pytest.raises(UserError, match=r"tasks\.jsonl:2: .*use --skip-invalid"):
        read_jsonl(path)
    reading = read_jsonl(path, skip_invalid=True)
    assert [d.text for d in reading.articles] == ["First task.", "Sixth task."]
    assert reading.skipped == [
        'line 2: needs a non-empty "text" string',
        "line 3: span 1: span [0, 99) does not fit a text of 11 characters",
        "line 4: not valid JSON (Expecting property name enclosed in double quotes at column 2)",
        "line 5: answered reject",
    ]


# -- other tools' fields ---------------------------------------------------------------------------

#: A Prodigy-style task written by the team: "didn't" is one token, where spaCy makes two, so
#: every token index after it differs from spaCy's.
PRODIGY_TEXT = "Mayor Ines Kovač didn't sign the Harbour Act."
PRODIGY_WORDS = ["Mayor", "Ines", "Kovač", "didn't", "sign", "the", "Harbour", "Act", "."]


def prodigy_tokens() -> list[dict]:
    tokens, start = [], 0
    for number, word in enumerate(PRODIGY_WORDS):
        start = PRODIGY_TEXT.index(word, start)
        end = start + len(word)
        tokens.append(
            {"text": word, "start": start, "end": end, "id": number, "disabled": number == 8}
        )
        start = end
    return tokens


def prodigy_task() -> dict:
    kovac = span(PRODIGY_TEXT, "Ines Kovač", "PERSON", token_start=1, token_end=2)
    act = span(PRODIGY_TEXT, "the Harbour Act", "LAW", token_start=5, token_end=7)
    return {
        "text": PRODIGY_TEXT,
        "meta": {"section": "city"},
        "_input_hash": -1200345,
        "_task_hash": 998877,
        "tokens": prodigy_tokens(),
        "spans": [
            {**kovac, "source": "en_core_web_sm", "score": 0.93, "rank": 2, "type": "span"},
            act,
        ],
        "relations": [
            {
                "head": 2,
                "child": 7,
                "head_span": kovac,
                "child_span": act,
                "label": "OPPOSES",
                "color": "#c5bdf4",
            }
        ],
        "label": "POLITICS",
        "_view_id": "relations",
        "_session_id": "news-maren",
        "_annotator_id": "news-maren",
        "answer": "accept",
    }


def project_from(tmp_path: Path, name: str, source: Path) -> ProjectStore:
    store = ProjectStore.create(tmp_path / f"{name}.annotator")
    assert import_files(store, [source]).failed == []
    return store


def test_other_tools_fields_come_back_on_export(tmp_path: Path) -> None:
    """Prodigy's hashes, view id, a category label and its own tokens survive a round trip,
    and token_start/token_end follow those tokens, not spaCy's re-tokenising."""
    source = write_lines(tmp_path / "prodigy.jsonl", prodigy_task())
    out = tmp_path / "out.jsonl"
    with project_from(tmp_path, "p", source) as store:
        (article,) = store.articles()
        assert article.meta["_foreign"]["_input_hash"] == -1200345
        assert write_jsonl(store, out) == 1
    (record,) = exported(out)
    task = prodigy_task()
    assert record["tokens"] == task["tokens"]
    for key in ("_input_hash", "_task_hash", "_view_id", "_session_id", "_annotator_id", "label"):
        assert record[key] == task[key]
    kovac, act = record["spans"]
    assert kovac["annotator"] == "news-maren"
    assert (kovac["source"], kovac["score"], kovac["rank"], kovac["type"]) == (
        "en_core_web_sm",
        0.93,
        2,
        "span",
    )
    assert kovac["attrs"] == {}
    assert [(s["token_start"], s["token_end"]) for s in (kovac, act)] == [(1, 2), (5, 7)]
    (relation,) = record["relations"]
    assert (relation["head"], relation["child"]) == (2, 7)
    assert record["meta"]["section"] == "city"
    schema = json.loads((Path(__file__).parents[2] / "docs" / "export.schema.json").read_text())
    jsonschema.validate(record, schema)


def test_export_of_an_imported_prodigy_file_round_trips(tmp_path: Path) -> None:
    """Importing our export of a Prodigy file and exporting again gives the same bytes."""
    source = write_lines(tmp_path / "prodigy.jsonl", prodigy_task(), {"text": "Plain text."})
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    with project_from(tmp_path, "one", source) as store:
        write_jsonl(store, first, with_tokens=True)
    with project_from(tmp_path, "two", first) as store:
        write_jsonl(store, second, with_tokens=True)
    assert second.read_bytes() == first.read_bytes()


def test_tokens_of_a_text_changed_on_import_are_not_kept(tmp_path: Path) -> None:
    """Tokens counted over Windows line endings would be off by one per line: spaCy's
    tokens replace them."""
    raw = "Ines Kovač spoke.\r\nThe act passed."
    tokens = [{"text": "Ines", "start": 0, "end": 4, "id": 0}]
    path = write_lines(tmp_path / "crlf.jsonl", {"text": raw, "tokens": tokens, "_view_id": "ner"})
    (draft,) = read_jsonl(path).articles
    assert draft.meta == {"_foreign": {"_view_id": "ner"}}


def test_this_projects_article_id_and_fields_win(store: ProjectStore, tmp_path: Path) -> None:
    """Meta of the same name as an exported field (an old import's article_id, a title) does
    not replace it."""
    store.add_articles(
        [
            ArticleDraft(
                text="Plain article.",
                title="Ours",
                meta={"article_id": 99, "title": "Theirs", "desk": "city"},
            )
        ]
    )
    out = tmp_path / "out.jsonl"
    write_jsonl(store, out)
    (record,) = exported(out)
    assert (record["meta"]["article_id"], record["meta"]["title"]) == (1, "Ours")
    assert record["meta"]["desk"] == "city"
