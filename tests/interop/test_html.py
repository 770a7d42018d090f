"""Importing saved web pages: the article body without boilerplate, and the page's metadata."""

from pathlib import Path

import pytest

from annotator.errors import UserError
from annotator.interop.html import read_html

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
