"""Project-wide search: titles, text and notes, with offsets the article view can select."""

import sqlite3
from pathlib import Path

import pytest

from annotator.domain import AnnotationKind, ArticleDraft, SpanDraft
from annotator.store import PROJECT_SUFFIX, ProjectStore
from annotator.store.schema import SCHEMA_VERSION
from annotator.store.search import SearchHit, find_first, search, snippet

HARBOUR = (
    "The council met on Tuesday. Katrin Müller said the harbour budget would double, "
    "and the ferry operator disputed the figures in a statement on Wednesday."
)
PAULO = "Reporters in São Paulo asked the ministry about the budget; it did not reply."
MOSCOW = "В Москве прошла пресс-конференция о городском бюджете."  # noqa: RUF001
EMOJI = "🚲🎉👩‍👩‍👧 Cyclists in Marrowick 🚲 want a new bridge, said Jürgen Weiß."


def article(text: str, title: str, *spans: SpanDraft) -> ArticleDraft:
    return ArticleDraft(text=text, title=title, spans=spans)


def span(text: str, part: str, label: str = "CLAIM", note: str | None = None) -> SpanDraft:
    start = text.index(part)
    return SpanDraft(start, start + len(part), label, kind=AnnotationKind.CLAIM, note=note)


@pytest.fixture
def store(tmp_path: Path):
    with ProjectStore.create(tmp_path / f"news{PROJECT_SUFFIX}") as store:
        store.add_articles(
            [
                article(HARBOUR, "Harbour budget doubles"),
                article(PAULO, "Ministry silent"),
                article(MOSCOW, "Пресс-конференция в Москве"),
                article(EMOJI, "A bridge for Marrowick"),
            ]
        )
        yield store


def where(hits: list[SearchHit]) -> list[tuple[int, str]]:
    return [(hit.article_id, hit.where) for hit in hits]


def selected(store: ProjectStore, hit: SearchHit) -> str:
    found = store.article(hit.article_id)
    assert found is not None
    return found.text[hit.start : hit.end]


def test_finds_a_word_in_the_text_with_its_offsets(store: ProjectStore) -> None:
    hits = search(store, "ferry")
    assert where(hits) == [(1, "text")]
    (hit,) = hits
    assert selected(store, hit) == "ferry"
    assert hit.title == "Harbour budget doubles"
    assert hit.annotation_id is None
    assert "ferry operator" in hit.snippet
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert len(hit.snippet) <= 70


def test_title_hits_come_first(store: ProjectStore) -> None:
    """ "budget" is in the title of article 1 and only in the text of article 2."""
    hits = search(store, "budget")
    assert where(hits) == [(1, "title"), (2, "text")]
    assert selected(store, hits[0]).casefold() == "budget"
    assert selected(store, hits[1]) == "budget"


def test_a_title_only_hit_has_an_empty_selection(store: ProjectStore) -> None:
    hits = search(store, "silent")
    assert where(hits) == [(2, "title")]
    assert (hits[0].start, hits[0].end) == (0, 0)
    assert hits[0].snippet.startswith("Reporters in São Paulo")


def test_every_word_must_match(store: ProjectStore) -> None:
    assert where(search(store, "ferry budget")) == [(1, "text")]
    assert search(store, "ferry ministry") == []


def test_blank_queries_find_nothing(store: ProjectStore) -> None:
    for query in ("", "   ", "\n\t", "()", '"', "*"):
        assert search(store, query) == []


@pytest.mark.parametrize(
    "query",
    [
        "Müller's \"budget",
        "AND OR (",
        "NOT",
        "NEAR(budget ferry, 2)",
        "budget*",
        "title:budget",
        "{title}: x",
        "-ferry",
        "^ferry",
        "'; DROP TABLE articles; --",
        '""""',
        "a + b",
    ],
)
def test_operators_and_quotes_are_searched_as_text(store: ProjectStore, query: str) -> None:
    search(store, query)  # never an SQL or FTS5 syntax error
    assert store.article_count() == 4


def test_an_apostrophe_searches_the_whole_word(store: ProjectStore) -> None:
    store.add_articles([article("Müller's plan was costed. Muller is another man.", "Plans")])
    hits = {hit.article_id: hit for hit in search(store, "Müller's")}
    assert selected(store, hits[5]) == "Müller's"
    # The last word is a prefix, so "Müller s*" also finds "Müller said" in article 1.
    assert selected(store, hits[1]) == "Müller s"
    hits = {hit.article_id: hit for hit in search(store, "Müller's plan")}
    assert list(hits) == [5]


def test_the_last_word_is_a_prefix(store: ProjectStore) -> None:
    (hit,) = search(store, "harbour budg")
    assert hit.where == "title"
    assert selected(store, hit) == "harbour"
    hits = search(store, "wednes")
    assert where(hits) == [(1, "text")]
    assert selected(store, hits[0]) == "Wednes"
    # Only the last word: an earlier one matches whole words.
    assert search(store, "wednes ferry") == []


def test_non_ascii_words(store: ProjectStore) -> None:
    (hit,) = search(store, "müller")
    assert selected(store, hit) == "Müller"
    (hit,) = search(store, "MÜLLER")
    assert selected(store, hit) == "Müller"
    (hit,) = search(store, "São Paulo")
    assert selected(store, hit) == "São"
    (hit,) = search(store, "москве")
    assert hit.where == "title"
    assert selected(store, hit) == "Москве"
    (hit,) = search(store, "БЮДЖЕТ")
    assert (hit.article_id, hit.where) == (3, "text")
    assert selected(store, hit) == "бюджет"


def test_accents_as_typed_else_ignored(store: ProjectStore) -> None:
    """SQLite ignores accents; the selection prefers the spelling the user typed."""
    store.add_articles([article("Muller met Müller and Mueller.", "Names")])
    hits = {hit.article_id: hit for hit in search(store, "Müller")}
    assert selected(store, hits[5]) == "Müller"
    hits = {hit.article_id: hit for hit in search(store, "muller")}
    assert selected(store, hits[5]) == "Muller"
    assert selected(store, hits[1]) == "Müller"  # only the accented form is in that text
    (hit,) = search(store, "sao paulo")
    assert selected(store, hit) == "São"


def test_offsets_count_code_points_after_emoji(store: ProjectStore) -> None:
    """Emoji (one code point, two UTF-16 units; ZWJ sequences of several) come before the hit."""
    for query, expected in (("bridge", "bridge"), ("JÜRGEN", "Jürgen"), ("weiß", "Weiß")):
        (hit,) = [hit for hit in search(store, query) if hit.article_id == 4]
        assert selected(store, hit) == expected
        assert selected(store, hit).casefold() == query.casefold()
        assert hit.start == EMOJI.index(expected)


def test_finds_notes_and_selects_the_annotated_span(store: ProjectStore) -> None:
    claim = "the harbour budget would double"
    annotation = store.add_annotation(1, span(HARBOUR, claim, note="Check with the treasurer"))
    hits = search(store, "treasurer")
    assert where(hits) == [(1, "note")]
    (hit,) = hits
    assert hit.annotation_id == annotation.id
    assert selected(store, hit) == claim
    assert hit.snippet == "Check with the treasurer"
    assert hit.title == "Harbour budget doubles"


def test_an_edited_note_is_found_by_its_new_words(store: ProjectStore) -> None:
    annotation = store.add_annotation(2, span(PAULO, "it did not reply", note="call back"))
    assert [hit.annotation_id for hit in search(store, "call")] == [annotation.id]
    store.update_annotation(annotation.id, note="Spokesperson confirmed on Friday")
    assert search(store, "call") == []
    assert [hit.annotation_id for hit in search(store, "spokesperson")] == [annotation.id]
    store.update_annotation(annotation.id, note=None)
    assert search(store, "spokesperson") == []
    store.update_annotation(annotation.id, note="Остаётся проверить")
    assert [hit.annotation_id for hit in search(store, "проверить")] == [annotation.id]
    store.delete_annotation(annotation.id)
    assert search(store, "проверить") == []


def test_text_title_and_note_hits_together(store: ProjectStore) -> None:
    store.add_annotation(2, span(PAULO, "the ministry", note="ministry budget figures pending"))
    hits = search(store, "budget")
    assert [hit.where for hit in hits] == ["title", "text", "note"]
    assert hits[2].article_id == 2


def test_limit(store: ProjectStore) -> None:
    store.add_articles([article(f"Budget item {n}.", f"Item {n}") for n in range(10)])
    assert len(search(store, "budget")) == 12
    assert len(search(store, "budget", limit=5)) == 5
    assert search(store, "budget", limit=0) == []


def test_version_2_project_is_migrated_and_its_notes_are_searchable(tmp_path: Path) -> None:
    path = tmp_path / f"old{PROJECT_SUFFIX}"
    with ProjectStore.create(path) as store:
        (article_id,) = store.add_articles(
            [article(HARBOUR, "Harbour", span(HARBOUR, "Katrin Müller", "PERSON", "Former mayor"))]
        )
        store.add_annotation(article_id, span(HARBOUR, "ferry operator", note="Ask for source"))
    connection = sqlite3.connect(path)
    with connection:
        for trigger in ("annotations_ai", "annotations_ad", "annotations_au"):
            connection.execute(f"DROP TRIGGER {trigger}")
        connection.execute("DROP TABLE annotations_fts")
    for trigger in ("entity_memory_insert", "entity_memory_update", "entity_memory_delete"):
        connection.execute(f"DROP TRIGGER {trigger}")  # version 5
    for table in ("reviews", "decisions", "entity_memory"):  # versions 4 and 5
        connection.execute(f"DROP TABLE {table}")
    connection.execute("PRAGMA user_version = 2")
    connection.close()

    with ProjectStore.open(path) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= 3
        assert "annotations_fts" in store.db.table_names()
        (mayor,) = search(store, "mayor")
        assert (mayor.where, selected(store, mayor)) == ("note", "Katrin Müller")
        (source,) = search(store, "source")
        assert selected(store, source) == "ferry operator"
        store.update_annotation(source.annotation_id, note="Operator's lawyer replied")
        assert [hit.annotation_id for hit in search(store, "lawyer")] == [source.annotation_id]
        assert search(store, "source") == []


def test_find_first_picks_the_earliest_term() -> None:
    text = "Bridge costs rise; the bridge opens in May."
    assert find_first(text, (("may",), ("bridge",))) == (0, 6)
    assert find_first(text, (("costs", "rise"),)) == (7, 17)
    assert find_first(text, (("bridg",),)) is None
    assert find_first(text, (("bridg",),), prefix_last=True) == (0, 5)
    assert find_first("", (("x",),)) is None


def test_find_first_treats_case_and_accents_as_sqlite_does() -> None:
    text = "Die STRASSE; Mu\u0308ller."
    # Like SQLite's tokenizer, "ß" is not "ss": the term is not there.
    assert find_first(text, (("straße",),)) is None
    assert find_first("Die Straße", (("STRASSE",),)) is None
    assert find_first("Die Straße", (("STRAẞE",),)) == (4, 10)
    start, end = find_first(text, (("müller",),)) or (0, 0)
    assert text[start:end] == "Mu\u0308ller"


def test_snippet() -> None:
    text = "word " * 40
    short = snippet(text, 100, 104)
    assert short.startswith("…") and short.endswith("…")
    assert "word" in short and len(short) <= 70
    assert snippet("Short note.", 0, 5) == "Short note."
    assert snippet("Line one\nline two", 0, 0) == "Line one line two"


def test_a_project_opened_read_only_is_searchable(store: ProjectStore) -> None:
    """Browsing a read-only file, or a colleague's, searches as an open project does."""
    store.add_annotation(1, span(HARBOUR, "ferry operator", note="verify with the port"))
    expected = where(search(store, "ferry")) + where(search(store, "verif"))
    for opening in (
        ProjectStore.open(store.path, read_only=True),
        ProjectStore.read_copy(store.path),
    ):
        with opening as other:
            assert where(search(other, "ferry")) + where(search(other, "verif")) == expected
