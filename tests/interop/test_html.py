"""Importing saved web pages: the article body without boilerplate, the page's metadata, and
pages too big for trafilatura to read in seconds refused before it starts."""

import time
from pathlib import Path

import pytest

from annotator.errors import UserError
from annotator.interop.html import (
    MAX_ATTRIBUTES,
    MAX_ELEMENT_ATTRIBUTES,
    MAX_ELEMENTS,
    MAX_HTML_BYTES,
    MAX_TEXT_CHARACTERS,
    read_html,
)

ARTICLE = Path(__file__).resolve().parents[1] / "data" / "interop" / "article.html"


@pytest.fixture(scope="module")
def draft():
    (article,) = read_html(ARTICLE).articles
    return article


def page(body: str, head: str = "", charset: str = "utf-8") -> str:
    return (
        f'<!DOCTYPE html>\n<html><head><meta charset="{charset}">{head}</head>\n'
        f"<body>{body}</body></html>\n"
    )


def test_body_text_is_kept_in_paragraphs(draft) -> None:
    sentences = [
        "Aldermouth's council approved a plan for protected bike lanes on three of the town's "
        "busiest roads late on Saturday, after a six-hour session that ran past ten o'clock.",
        "The vote was 31 to 24.",
        "The Aldermouth Traders' Association said its members had not been consulted properly",
        "cycling trips in the town rose by 18 per cent last year",
        "A public consultation on the detailed designs opens next month.",
    ]
    for sentence in sentences:
        assert sentence in draft.text
    paragraphs = draft.text.split("\n\n")
    assert len(paragraphs) >= 5
    assert all(p.strip() == p and p and "\n" not in p for p in paragraphs)
    assert paragraphs[-1].startswith("The plan, which will cost an estimated £4.2 million")
    assert "\r" not in draft.text


@pytest.mark.parametrize(
    "boilerplate",
    [
        "Crossword",  # navigation
        "Horoscopes",
        "Subscribe from",
        "trackPageView",  # scripts
        "ledgerAnalytics",
        "cookie",  # the consent banner
        "Accept all",
        "Ferry fares rise again",  # related stories
        "Related stories",
        "Share on social media",
        "Registered in Aldermouth",  # the footer
        "All rights reserved",
        "Contact the newsroom",
    ],
)
def test_boilerplate_is_dropped(draft, boilerplate: str) -> None:
    assert boilerplate.lower() not in draft.text.lower()


def test_metadata(draft) -> None:
    assert draft.title == "Aldermouth council backs protected bike lanes after marathon session"
    assert draft.outlet == "The Harbour Ledger"
    assert draft.author == "Mara Okonkwo"
    assert draft.url == "https://www.harbourledger.example/local/2024/03/16/aldermouth-bike-lanes"
    assert draft.published == "2024-03-16"  # published, not modified (17 March)
    assert draft.language == "en-GB"
    assert draft.source == "article.html"
    assert draft.meta == {}
    assert draft.spans == ()


def test_page_without_an_article(tmp_path: Path) -> None:
    """Menus, a cookie notice and a footer around a video player are not an article."""
    html = page(
        '<div id="cookie-banner"><p>We use cookies to personalise adverts.</p>'
        "<button>Accept all</button></div>"
        '<nav><ul><li><a href="/">Home</a></li><li><a href="/sport">Sport</a></li></ul></nav>'
        '<main><video src="/media/fireworks.mp4" controls></video></main>'
        "<footer><p>© 2024 Harbour Ledger Media Ltd. All rights reserved.</p></footer>",
        head="<title>Watch: harbour fireworks</title><script>var autoplay = true;</script>",
    )
    path = tmp_path / "video.html"
    path.write_text(html, encoding="utf-8")
    with pytest.raises(UserError, match="no article text found in this web page") as error:
        read_html(path)
    assert str(path) in str(error.value)


@pytest.mark.parametrize("content", [b"", b"   \n"], ids=["empty", "blank"])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.htm"
    path.write_bytes(content)
    with pytest.raises(UserError, match="no article text found"):
        read_html(path)


def test_windows_1252_page(tmp_path: Path) -> None:
    body = (
        "<article><h1>Café owners fight the new parking rules</h1>"
        "<p>“We were never asked,” said Renée Martin, who has run the café on Quay Road for "
        "twenty years. She fears the loss of parking will cost her half of her customers.</p>"
        "<p>The council says the rules are needed to make room for the new bike lanes, which "
        "are due to open in the spring after a consultation with residents and traders.</p>"
        "</article>"
    )
    path = tmp_path / "cafe.html"
    path.write_bytes(page(body, charset="windows-1252").encode("cp1252"))
    (draft,) = read_html(path).articles
    assert "“We were never asked,” said Renée Martin" in draft.text
    assert draft.title == "Café owners fight the new parking rules"


def test_no_date_is_guessed_and_title_falls_back(tmp_path: Path) -> None:
    """Without date metadata there is no date (not 2024-01-01 from "© 2024"); without a
    headline the title comes from the opening words."""
    body = (
        "<div class='content'><p>The island ferry will run only twice a day from May, the "
        "operator said on Monday, blaming the rising cost of fuel and a shortage of crew.</p>"
        "<p>Commuters say the change will make it hard to reach work on the mainland on "
        "time, and the island's council has asked for an urgent meeting.</p></div>"
        "<div class='footer'>© 2024 Island Times</div>"
    )
    path = tmp_path / "ferry.html"
    path.write_text(page(body), encoding="utf-8")
    (draft,) = read_html(path).articles
    assert draft.published is None
    assert draft.title == "The island ferry will run only twice a day from May, the…"
    assert draft.url is None
    assert draft.language is None


# -- bounds ---------------------------------------------------------------------------------

STORY = (
    "<article><h1>Ferry returns to Skarholm</h1><p>The ferry sails twice a day from March, "
    "the council confirmed on Tuesday after months of talks with the operator.</p>"
    "<p>Harbour officials expect four thousand passengers a week once the timetable "
    "settles, and the island's traders welcomed the news.</p></article>"
)


def refusal(path: Path) -> str:
    with pytest.raises(UserError) as error:
        read_html(path)
    message = str(error.value)
    assert message.startswith(f"{path}: ")
    assert "\n" not in message
    return message


def spans(count: int, attributes: int = 0) -> str:
    names = " ".join(f'data-a{n}="x"' for n in range(attributes))
    return f"<span {names}>.</span>" * count


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (spans(1, MAX_ELEMENT_ATTRIBUTES + 1), "an element has 101 attributes (limit 100)"),
        (spans(1, 300_000), "an element has 300,000 attributes (limit 100)"),
        (spans(MAX_ELEMENTS), "more than 30,000 elements"),
        (spans(MAX_ATTRIBUTES // 100 + 1, 100), "more than 100,000 attributes"),
        (
            "<p>" + "Words and more words. " * (MAX_TEXT_CHARACTERS // 22 + 1) + "</p>",
            "more than 2,000,000 characters of text",
        ),
    ],
    ids=["attributes-101", "attributes-300k", "elements", "attributes-total", "text"],
)
def test_pages_beyond_the_bounds(tmp_path: Path, extra: str, expected: str) -> None:
    """Counted by lxml's tokenizer without building a tree: 300,000 attributes on one element
    would take lxml's tree and trafilatura half an hour; refused in about a second."""
    path = tmp_path / "page.html"
    path.write_text(page(STORY + extra), encoding="utf-8")
    started = time.perf_counter()
    message = refusal(path)
    assert time.perf_counter() - started < 15
    assert message == f"{path}: {expected}; annotator does not read a page this large"


def test_script_and_style_text_does_not_count(tmp_path: Path) -> None:
    """A page's inline scripts can be megabytes: they are not text."""
    script = (
        "<script>var x = 'data';" + "x += 'more data';" * (MAX_TEXT_CHARACTERS // 15) + "</script>"
    )
    path = tmp_path / "scripted.html"
    path.write_text(page(STORY, head=script + "<style>p {}</style>"), encoding="utf-8")
    (draft,) = read_html(path).articles
    assert "The ferry sails twice a day from March" in draft.text


def test_a_page_over_the_size_bound_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.html"
    with path.open("wb") as handle:
        handle.truncate(MAX_HTML_BYTES + 1024**2)
    assert "is too large to import (21 MB; the limit is 20 MB)" in refusal(path)


def test_a_trafilatura_failure_is_the_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import trafilatura

    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("unexpected markup")

    monkeypatch.setattr(trafilatura, "bare_extraction", broken)
    path = tmp_path / "odd.html"
    path.write_text(page(STORY), encoding="utf-8")
    assert refusal(path) == f"{path}: could not be read as a web page (ValueError)"
