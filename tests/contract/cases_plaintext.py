"""Corpus cases for .txt and .md: encodings, byte order marks, NUL bytes, odd characters and
line endings, sizes, and front matter (only a closed `---` block of `key: value` lines)."""

from __future__ import annotations

import codecs
import random

from .case import Case, file, generated, unique

HEADLINE = "Ferry service resumes"
BODY = "The council confirmed on Tuesday that the Skarholm ferry will sail twice a day from March."
ARTICLE = f"{HEADLINE}\n\n{BODY}\n"
GERMAN = "Bürgermeisterin Jürgen Müller sagte, die Fähre fahre ab März wieder über den Fjord."
#: Right-to-left text ("the ferry returns" in Arabic, "hello" in Hebrew), letters outside the
#: Basic Multilingual Plane (mathematical bold "Ferry", a hieroglyph), spelled by code point.
ARABIC = "\u0627\u0644\u0639\u0628\u0627\u0631\u0629 \u062a\u0639\u0648\u062f"
HEBREW = "\u05e9\u05dc\u05d5\u05dd"
ASTRAL = "\U0001d405\U0001d41e\U0001d42b\U0001d42b\U0001d432 \U00013000"
#: Over spaCy's default max_length (1,000,000 characters): refused with the limit, or usable.
LIMITS = ("1,000,000", "1000000", "1 000 000", "max_length")


def _random_bytes() -> bytes:
    return random.Random(12).randbytes(4096)


def _nul_after_8kb() -> bytes:
    # 400 lines of 25 bytes: the NUL opens line 401, past the 8 KB a binary sniff looks at.
    return ("The ferry sails at nine.\n" * 400 + "\x00 and at noon.\n").encode()


def _huge_line() -> bytes:
    return ("ferry " * 170_000).encode()  # 1,020,000 characters, no line break


def _many_lines() -> bytes:
    return "".join(f"Line {n}: the ferry sailed.\n" for n in range(10_000)).encode()


def _front(body: str) -> str:
    return (
        f"---\ntitle: Coffee exports climb\noutlet: The Ledger\npublished: 2024-05-02\n---\n{body}"
    )


CASES = unique(
    [
        Case("txt-plain", file("story.txt", ARTICLE), "accepted"),
        Case("txt-one-character", file("x.txt", "x"), "accepted"),
        Case("txt-uppercase-extension", file("STORY.TXT", ARTICLE), "accepted"),
        Case("txt-empty", file("empty.txt", b""), "refused"),
        Case("txt-whitespace-only", file("blank.txt", " \n\t\n  \r\n\u00a0\n"), "refused"),
        Case("txt-bom-only", file("bom.txt", codecs.BOM_UTF8), "refused"),
        Case("txt-bom-and-whitespace", file("bom.txt", codecs.BOM_UTF8 + b"\r\n \n"), "refused"),
        Case("txt-utf8-bom", file("bom.txt", "\ufeff" + ARTICLE), "accepted"),
        Case("txt-utf16le-bom", file("u16.txt", "\ufeff" + ARTICLE, "utf-16-le"), "accepted"),
        Case("txt-utf16be-bom", file("u16.txt", "\ufeff" + ARTICLE, "utf-16-be"), "accepted"),
        Case("txt-utf32le-bom", file("u32.txt", "\ufeff" + ARTICLE, "utf-32-le"), "accepted"),
        Case(
            "txt-utf16-without-bom",
            file("u16.txt", ARTICLE, "utf-16-le"),
            "either",
        ),
        Case(
            "txt-utf16-odd-byte-count",
            file("odd.txt", codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le") + b"A"),
            "refused",
            line=4,
        ),
        Case(
            "txt-utf16-lone-surrogate",
            file(
                "lone.txt",
                codecs.BOM_UTF16_LE
                + "Ferry\n".encode("utf-16-le")
                + b"\x00\xd8"
                + "x\n".encode("utf-16-le"),
            ),
            "refused",
            line=2,
        ),
        Case(
            "txt-utf32-beyond-unicode",
            file(
                "big.txt",
                codecs.BOM_UTF32_LE
                + "Ferry\n".encode("utf-32-le")
                + (0x110000).to_bytes(4, "little"),
            ),
            "refused",
            line=2,
        ),
        Case("txt-windows-1252", file("cp1252.txt", GERMAN + "\n", "cp1252"), "accepted"),
        Case(
            "txt-shift-jis",
            file(
                "sjis.txt",
                "市議会は火曜日、フェリーが三月から一日二便で運航すると発表した。\n",
                "shift_jis",
            ),
            "either",
        ),
        Case(
            "txt-utf8-with-one-latin1-byte",
            file(
                "stray.txt",
                f"{HEADLINE}\n\nMaren Müller said the ".encode() + b"caf\xe9 reopened.\n",
            ),
            "refused",
            line=3,
        ),
        Case(
            "txt-utf8-encoded-surrogate", file("cesu.txt", b"Ferry \xed\xa0\x80 news\n"), "either"
        ),
        Case("txt-overlong-utf8", file("overlong.txt", b"Ferry \xc0\xaf news\n"), "either"),
        Case("txt-random-binary", generated("noise.txt", _random_bytes), "refused"),
        Case("txt-nul-early", file("nul.txt", b"Ferry news\x00 from the harbour\n"), "refused"),
        Case(
            "txt-nul-after-8kb",
            generated("late-nul.txt", _nul_after_8kb),
            "either",
            line=401,
            forbidden=("\x00",),
        ),
        Case(
            "txt-nul-in-utf16",
            file("u16nul.txt", "\ufeffFerry news\n\x00 harbour\n", "utf-16-le"),
            "either",
            line=2,
        ),
        Case("txt-huge-single-line", generated("huge.txt", _huge_line), "either", mentions=LIMITS),
        Case("txt-10000-lines", generated("lines.txt", _many_lines), "accepted"),
        Case(
            "txt-5000-character-headline",
            file("long.txt", "Ferry " * 1000 + "\n\n" + BODY),
            "accepted",
        ),
        Case("txt-lone-cr-line-endings", file("cr.txt", ARTICLE.replace("\n", "\r")), "accepted"),
        Case(
            "txt-mixed-line-endings",
            file("mixed.txt", f"{HEADLINE}\r\n\r{BODY}\n\r\nSecond paragraph.\r"),
            "accepted",
        ),
        Case(
            "txt-unicode-line-separators",
            file("sep.txt", f"{HEADLINE}\u2028{BODY}\u2029Next\u0085paragraph.\n"),
            "accepted",
        ),
        Case(
            "txt-emoji",
            file("emoji.txt", "Ferry 🚢 back 👨‍👩‍👧‍👦 for families 🇳🇴, fares 💶 unchanged 🏳️‍🌈.\n"),
            "accepted",
        ),
        Case(
            "txt-combining-marks",
            file("zalgo.txt", "Fe" + "\u0301\u0308\u0323" * 60 + "rry café cafe\u0301 news.\n"),
            "accepted",
        ),
        Case(
            "txt-rtl-marks",
            file(
                "rtl.txt",
                f"\u200f{ARABIC}\u200e Ferry \u202eyrreF\u202c returns, {HEBREW} \u2067x\u2069.\n",
            ),
            "accepted",
        ),
        Case(
            "txt-zero-width-no-break-inside",
            file("zw.txt", "Ferry\ufeff news\u200b here.\n"),
            "accepted",
        ),
        Case("txt-astral-characters", file("astral.txt", f"{ASTRAL} returns.\n"), "accepted"),
        Case(
            "txt-control-characters",
            file("ctrl.txt", "Ferry\x01 news\x07 from\x1b[31m the\x7f harbour\x0b\x0c.\n"),
            "either",
        ),
        Case(
            "txt-noncharacters",
            file("nonchar.txt", "Ferry \ufffe\uffff news \U0010ffff.\n"),
            "either",
        ),
        Case("md-plain", file("story.md", f"# {HEADLINE}\n\n{BODY}\n"), "accepted"),
        Case(
            "md-markdown-extension", file("story.markdown", f"# {HEADLINE}\n\n{BODY}\n"), "accepted"
        ),
        Case("md-heading-only", file("heading.md", "# Ferry\n"), "accepted"),
        Case(
            "md-front-matter",
            file("front.md", _front(BODY)),
            "accepted",
            stdout_has=("'Coffee exports climb'",),
        ),
        Case(
            "md-front-matter-crlf",
            file("crlf.md", _front(BODY).replace("\n", "\r\n")),
            "accepted",
            stdout_has=("'Coffee exports climb'",),
        ),
        Case(
            "md-front-matter-after-bom",
            file("bom.md", "\ufeff" + _front(BODY)),
            "accepted",
            stdout_has=("'Coffee exports climb'",),
        ),
        Case(
            "md-front-matter-url-with-colons",
            file(
                "url.md",
                "---\ntitle: Ferry: the return\nurl: https://example.org:8080/a?b=c\n---\n" + BODY,
            ),
            "accepted",
            stdout_has=("'Ferry: the return'",),
        ),
        Case(
            "md-front-matter-empty-block", file("empty-front.md", f"---\n---\n{BODY}\n"), "accepted"
        ),
        Case("md-front-matter-only", file("no-body.md", _front("")), "refused"),
        Case(
            "md-front-matter-never-closed",
            file("open.md", "---\ntitle: Coffee exports climb\n\n" + BODY + "\n"),
            "accepted",
        ),
        Case(
            "md-starts-with-horizontal-rule",
            file("rule.md", f"---\n\n{BODY}\n\nAnother paragraph.\n"),
            "accepted",
        ),
        Case(
            "md-dashes-around-prose",
            file("prose.md", f"---\n{BODY}\n---\nMore text after the rule.\n"),
            "accepted",
        ),
        Case(
            "md-front-matter-yaml-list",
            file("yaml.md", f"---\ntitle: Ferry\ntags:\n  - ports\n  - weather\n---\n{BODY}\n"),
            "accepted",
        ),
        Case(
            "md-front-matter-huge-value",
            file("hugetitle.md", "---\ntitle: " + "Ferry " * 20_000 + f"\n---\n{BODY}\n"),
            "either",
        ),
        Case(
            "md-front-matter-repeated-key",
            file("repeat.md", f"---\ntitle: One\ntitle: Two\n---\n{BODY}\n"),
            "accepted",
        ),
        Case("txt-front-matter-block", file("front.txt", _front(BODY)), "accepted"),
        Case(
            "txt-dashes-around-prose",
            file("prose.txt", f"---\n{BODY}\n---\nMore text.\n"),
            "accepted",
        ),
    ]
)
