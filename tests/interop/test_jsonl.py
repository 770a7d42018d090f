"""This tool's JSONL: reading spans safely (emoji, CRLF, bad lines) and exporting decisions."""

import json
from pathlib import Path

import jsonschema
import pytest

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


BAD_LINES = [
    ('{"text": "broken"', 3, "not valid JSON"),
    ('["a", "list"]', 3, "JSON object"),
    ('{"meta": {}}', 3, '"text"'),
    ('{"text": "   "}', 3, '"text"'),
    ('{"text": "short", "spans": [{"start": 0, "end": 99, "label": "X"}]}', 3, "does not fit"),
    ('{"text": "short", "spans": [{"start": -1, "end": 2, "label": "X"}]}', 3, "does not fit"),
    ('{"text": "short", "spans": [{"start": 3, "end": 3, "label": "X"}]}', 3, "does not fit"),
    ('{"text": "short", "spans": [{"start": 0, "end": "2", "label": "X"}]}', 3, "integer"),
    ('{"text": "short", "spans": [{"start": 0, "end": 2}]}', 3, "label"),
    ('{"text": "short", "spans": ["0-2"]}', 3, "object"),
    ('{"text": "short", "spans": [{"start": 0, "end": 2, "label": "X", "text": "sx"}]}', 3, "'sh'"),
    (
        '{"text": "short", "spans": [{"start": 0, "end": 2, "label": "X", "kind": "gossip"}]}',
        3,
        "gossip",
    ),
    ('{"text": "short", "meta": "not a dict"}', 3, '"meta"'),
]


@pytest.mark.parametrize(("line", "number", "expected"), BAD_LINES)
def test_bad_line_names_file_and_line(tmp_path: Path, line: str, number: int, expected) -> None:
    path = write_lines(tmp_path / "bad.jsonl", {"text": "fine one"}, {"text": "fine two"}, line)
    with pytest.raises(UserError) as error:
        read_jsonl(path)
    message = str(error.value)
    assert message.startswith(f"{path}:{number}: ")
    assert expected in message
    assert "\n" not in message


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
def test_unusable_files(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_bytes(content)
    with pytest.raises(UserError, match=expected) as error:
        read_jsonl(path)
    assert str(path) in str(error.value)


def test_non_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"  # UTF-8 with one stray Latin-1 byte
    path.write_bytes(b'{"text": "M\xc3\xbcller"}\n{"text": "Caf\xe9"}\n')
    with pytest.raises(UserError) as error:
        read_jsonl(path)
    assert f"{path}:2:" in str(error.value)


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
    assert draft.meta == {"source": "gazette"}


@pytest.mark.parametrize(
    ("relations", "message"),
    [
        ([{"head_id": 1, "child_id": 9, "label": "SPEAKER"}], "child_id 9 is no span id"),
        ([{"head": 1, "child": 2, "label": "SPEAKER"}], 'needs "head_id" or "head_span"'),
        ([{"head_id": 1, "child_id": 1, "label": "SPEAKER"}], "links a span to itself"),
        ([{"head_id": 1, "child_id": 1}], 'with a "label"'),
    ],
)
def test_bad_relations_name_the_line(tmp_path: Path, relations: list, message: str) -> None:
    text = "Mayor Ines Kovač spoke."
    record = {"text": text, "spans": [span(text, "Ines Kovač", "PERSON", id=1)]}
    path = write_lines(
        tmp_path / "bad.jsonl", {"text": "Fine."}, {**record, "relations": relations}
    )
    with pytest.raises(UserError, match=message) as error:
        read_jsonl(path)
    assert f"{path}:2:" in str(error.value)


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
    assert port.meta == {"source": "Tidewater Gazette", "desk": "ports"}
    assert [(ferry.text[s.start : s.end], s.kind) for s in ferry.spans] == [
        ("“The ferry will sail at dawn,”", AnnotationKind.QUOTE),
        ("Ørjan Dahl", AnnotationKind.ENTITY),
        ("Tickets cost £12.", AnnotationKind.CLAIM),
    ]
    assert [(r.head, r.child) for r in ferry.relations] == [(0, 1)]
