"""Corpus cases for saved web pages (.html, .htm): empty, binary, huge, bodiless, broken and
mislabelled pages."""

from __future__ import annotations

import codecs
import random

from .case import Case, file, generated, unique
from .cases_plaintext import LIMITS

PARAGRAPH = (
    "<p>The council confirmed on Tuesday that the Skarholm ferry will sail twice a day from "
    "March, ending a winter without a crossing, harbour officials said on {n} occasions.</p>\n"
)
PARAGRAPHS = "".join(PARAGRAPH.format(n=n) for n in range(4))
HEAD = (
    '<head><meta charset="utf-8"><title>Ferry service resumes | The Harbour Post</title>'
    '<meta property="og:site_name" content="The Harbour Post"></head>'
)
PAGE = (
    f'<!DOCTYPE html><html lang="en">{HEAD}<body><nav><a href="/">Home</a></nav>'
    f"<article><h1>Ferry service resumes</h1>{PARAGRAPHS}</article>"
    "<footer>The Harbour Post</footer></body></html>"
)
GERMAN = (
    "<p>Bürgermeisterin Jürgen Müller sagte am Dienstag, die Fähre nach Skarholm fahre ab März "
    "wieder zweimal täglich über den Fjord, nach einem Winter ohne Überfahrt.</p>\n"
)


def page(**fields: str) -> str:
    """A page with this metadata (lang, title, date, author, url) around the paragraphs."""
    values = {
        "lang": "en",
        "title": "Ferry service resumes",
        "date": "2024-05-02",
        "author": "Maren Olsen",
        "url": "https://example.org/ferry",
    } | fields
    return (
        f'<html lang="{values["lang"]}"><head><title>{values["title"]}</title>'
        f'<meta property="article:published_time" content="{values["date"]}">'
        f'<meta name="author" content="{values["author"]}">'
        f'<link rel="canonical" href="{values["url"]}"></head>'
        f"<body><article>{PARAGRAPHS}</article></body></html>"
    )


def _binary() -> bytes:
    return random.Random(7).randbytes(4096)


def _huge() -> bytes:
    body = "".join(PARAGRAPH.format(n=n) for n in range(8000))  # about 1,190,000 characters
    return f"<html><body><article><h1>Ferry</h1>{body}</article></body></html>".encode()


def _nested() -> bytes:
    depth = 20_000
    return f"<html><body>{'<div>' * depth}{PARAGRAPHS}{'</div>' * depth}</body></html>".encode()


def _nul_after_8kb() -> bytes:
    body = "".join(PARAGRAPH.format(n=n) for n in range(60))
    return f"<html><body><article>{body}<p>late\x00nul</p></article></body></html>".encode()


METADATA = [
    Case(f"html-metadata-{name}", file("meta.html", page(**{field: value})), "accepted")
    for name, field, value in [
        ("lang-japanese", "lang", "ja"),
        ("lang-path", "lang", "../../etc"),
        ("lang-300-characters", "lang", "x" * 300),
        ("date-year-99999", "date", "99999-99-99"),
        ("date-year-0", "date", "0000-00-00T00:00:00Z"),
        ("author-control-character", "author", "Maren\x01 Olsen"),
        ("url-javascript", "url", "javascript:alert(1)"),
        ("url-broken", "url", "http://[::1"),
        ("title-100000-characters", "title", "T" * 100_000),
        ("title-nul-reference", "title", "Ferry &#0; returns"),
    ]
]

CASES = unique(
    [
        *METADATA,
        Case("html-article", file("page.html", PAGE), "accepted"),
        Case("htm-article", file("page.htm", PAGE), "accepted"),
        Case("html-empty", file("empty.html", b""), "refused"),
        Case("html-whitespace-only", file("blank.html", "\n \t\n"), "refused"),
        Case("html-binary", generated("noise.html", _binary), "refused"),
        Case(
            "html-pdf-renamed",
            file("paper.html", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n\x00\x01"),
            "refused",
        ),
        Case("html-head-only", file("head.html", f"<html>{HEAD}</html>"), "refused"),
        Case(
            "html-scripts-only",
            file(
                "scripts.html",
                "<html><body><script>var a = 'ferry';</script><style>p{}</style></body></html>",
            ),
            "refused",
        ),
        Case(
            "html-image-only",
            file("image.html", '<html><body><img src="ferry.jpg"></body></html>'),
            "refused",
        ),
        Case(
            "html-comments-only",
            file("comments.html", "<html><!-- ferry --><body><!-- news --></body></html>"),
            "refused",
        ),
        Case(
            "html-frameset",
            file("frames.html", '<html><frameset><frame src="story.html"></frameset></html>'),
            "refused",
        ),
        Case(
            "html-json-ld-only",
            file(
                "jsonld.html",
                '<html><head><script type="application/ld+json">{"@type": "NewsArticle", '
                '"headline": "Ferry service resumes", "articleBody": "The council confirmed on '
                'Tuesday that the Skarholm ferry will sail twice a day."}</script></head>'
                "<body></body></html>",
            ),
            "either",
        ),
        Case(
            "html-broken-markup",
            file(
                "broken.html",
                "<html><body><article><h1>Ferry service resumes</p></h2><div class=x <p>"
                + PARAGRAPHS.replace("</p>", "")
                + "</td></table><b><i>unclosed",
            ),
            "accepted",
        ),
        Case(
            "html-declares-shift-jis-is-utf8",
            file(
                "declared.html",
                '<html><head><meta charset="shift_jis"></head>'
                f"<body><article>{GERMAN * 3}</article></body></html>",
            ),
            "accepted",
        ),
        Case(
            "html-declares-utf8-is-cp1252",
            file(
                "cp1252.html",
                '<html><head><meta charset="utf-8"></head>'
                f"<body><article>{GERMAN * 3}</article></body></html>",
                "cp1252",
            ),
            "either",
        ),
        Case(
            "html-xml-declaration-utf16-is-utf8",
            file(
                "xhtml.html",
                f'<?xml version="1.0" encoding="UTF-16"?><html xmlns="http://www.w3.org/1999/xhtml"><body><article>{PARAGRAPHS}</article></body></html>',
            ),
            "either",
        ),
        Case("html-utf16-bom", file("u16.html", "\ufeff" + PAGE, "utf-16-le"), "accepted"),
        Case(
            "html-bom-and-nothing",
            file("bom.html", codecs.BOM_UTF8 + b"<html></html>"),
            "refused",
        ),
        Case(
            "html-nul-after-8kb",
            generated("late-nul.html", _nul_after_8kb),
            "either",
            forbidden=("\x00",),
        ),
        Case("html-20000-nested-divs", generated("nested.html", _nested), "either"),
        Case("html-huge", generated("huge.html", _huge), "either", mentions=LIMITS),
        Case(
            "html-entity-expansion",
            file(
                "entities.html",
                '<!DOCTYPE html [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
                '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]><html><body><article><p>&c;&c;</p>'
                f"{PARAGRAPHS}</article></body></html>",
            ),
            "either",
        ),
        Case(
            "html-external-entity",
            file(
                "xxe.html",
                '<?xml version="1.0"?><!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                f"<html><body><article><p>&x;</p>{PARAGRAPHS}</article></body></html>",
            ),
            "either",
            forbidden=("root:",),
        ),
    ]
)
