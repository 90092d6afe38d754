"""Every piece of text on the golden sites sits in an element whose `lang` is the language it is in.

Walks every page of both golden trees (kept identical to a fresh build by the golden tests):
Cyrillic text must be inside lang="ru"; Latin prose (three or more Latin words, no Cyrillic)
must be inside an English element. Names of one or two words (outlets, "Atom"), e-mail
addresses and URLs are left alone. Attributes a reader meets (title, aria-label, alt) count as
their element's text.

The document <title> can hold no markup, so it is checked on its own: it is in the page's
language (<html lang>), and a name in the other script it holds (an English page "From
Кавказский узел", a Russian one «Rights in Russia», the root page "Русский · English") is the
text of an element the page marks with that language, in its h1.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import html

HERE = Path(__file__).parent
PAGES = sorted(
    p for tree in ("golden", "golden_digest") for p in (HERE / tree).rglob("*.html")
)
CYRILLIC = re.compile(r"[А-Яа-яЁё]")
LATIN_WORD = re.compile(r"\b[A-Za-z][a-z]+\b")
NOT_PROSE = re.compile(r"\S+@\S+|https?://\S+")
READ_ATTRIBUTES = ("title", "aria-label", "alt")
SCRIPT_RUNS = {  # runs of words in one script, as a name in a title is written
    "ru": re.compile(r"[А-Яа-яЁё]+(?:[\s-]+[А-Яа-яЁё]+)*"),
    "en": re.compile(r"[A-Za-z]+(?:[\s-]+[A-Za-z]+)*"),
}


def _lang(element: html.HtmlElement) -> str:
    found = element.xpath("ancestor-or-self::*[@lang][1]/@lang")
    return str(found[0]).split("-")[0] if found else ""


def _texts(page: Path) -> list[tuple[str, str, str]]:
    """(text, its language by markup, where) for every text node and read attribute of the body and title."""
    doc = html.fromstring(page.read_bytes())
    found = []
    for element in doc.iter():
        if not isinstance(element.tag, str) or element.tag in (
            "script",
            "style",
            "title",
        ):
            continue
        where = f"<{element.tag} class={element.get('class')!r}>"
        if element.text and element.text.strip():
            found.append((element.text.strip(), _lang(element), where))
        if element.tail and element.tail.strip() and element.getparent() is not None:
            found.append(
                (element.tail.strip(), _lang(element.getparent()), f"after {where}")
            )
        found += [
            (element.get(a, "").strip(), _lang(element), f"{where} @{a}")
            for a in READ_ATTRIBUTES
            if element.get(a, "").strip()
        ]
    return found


def _language(text: str) -> str:
    """ "ru" for Cyrillic text, "en" for Latin prose, "" for what the check leaves alone."""
    if CYRILLIC.search(text):
        return "ru"
    return "en" if len(LATIN_WORD.findall(NOT_PROSE.sub("", text))) >= 3 else ""


def mislabelled(page: Path) -> list[str]:
    return [
        f"{where} lang={lang!r}: {text[:60]!r}"
        for text, lang, where in _texts(page)
        if _language(text) not in ("", lang)
    ]


@pytest.mark.parametrize(
    "page", PAGES, ids=[p.relative_to(HERE).as_posix() for p in PAGES]
)
def test_text_carries_the_lang_of_its_language(page: Path) -> None:
    assert mislabelled(page) == []


def test_the_check_sees_a_mislabelled_tag(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        '<html lang="en"><head><meta charset="utf-8"></head><body><p>Read the whole report here</p><a href="t.html">задержания</a>'
        '<a href="m.html" lang="ru">Москва</a><p lang="ru">Read the whole report here</p></body></html>'
    )
    assert mislabelled(page) == [
        "<a class=None> lang='en': 'задержания'",
        "<p class=None> lang='ru': 'Read the whole report here'",
    ]


def title_in_other_language(page: Path) -> list[str]:
    """The runs of the page's <title> in the other language that its h1 does not mark as such."""
    doc = html.fromstring(page.read_bytes())
    lang = doc.get("lang", "")
    title = " ".join((doc.findtext(".//head/title") or "").split())
    other = {"en": "ru", "ru": "en"}.get(lang, "")
    marked = {
        " ".join(e.text_content().split())
        for e in doc.xpath(f"//body//h1/descendant-or-self::*[@lang='{other}']")
    }
    return [
        f"{lang}: {run!r} in {title!r}"
        for run in SCRIPT_RUNS.get(other, re.compile("$^")).findall(title)
        if run not in marked
    ] + ([] if title and lang in ("en", "ru") else [f"lang={lang!r} title={title!r}"])


@pytest.mark.parametrize(
    "page", PAGES, ids=[p.relative_to(HERE).as_posix() for p in PAGES]
)
def test_the_title_is_in_the_page_language(page: Path) -> None:
    assert title_in_other_language(page) == []


def test_the_title_check_sees_an_unmarked_name(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        '<html lang="en"><head><meta charset="utf-8"><title>From Кавказский узел · Site</title>'
        "</head><body><h1>From Кавказский узел</h1></body></html>"
    )
    assert title_in_other_language(page) == [
        "en: 'Кавказский узел' in 'From Кавказский узел · Site'"
    ]
    page.write_text(
        page.read_text().replace(
            "<h1>From Кавказский узел",
            '<h1>From <span lang="ru">Кавказский узел</span>',
        )
    )
    assert title_in_other_language(page) == []
