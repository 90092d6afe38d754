"""Every page of the review app reads in Russian when the UI language is Russian: besides content
(marked with its own lang), names and codes, no Latin word is left on screen."""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from tests import steps
from translate_pub.store import review as review_store
from translate_pub.store import translations as tr_store

from .conftest import csrf_of, login

# The brand, language codes, format and key names, people (and the machine, "mt"), outlets, our engine.
ALLOWED = {
    "translate",
    "pub",
    "EN",
    "RU",
    "en",
    "ru",
    "XLIFF",
    "TMX",
    "CAT",
    "Markdown",
    "Alt",
    "Ctrl",
    "Enter",
    "Escape",
    "tanya",
    "rita",
    "tara",
    "ed",
    "ada",
    "mt",
    "ovd",
    "info",
    "recorded",
}


def latin_leftovers(page: str) -> set[str]:
    """Latin words a Russian reader sees: text, placeholders and aria labels, without scripts, styles,
    code, URLs, and content in another language (elements with a lang of their own, like translations)."""
    root = lxml.html.fromstring(page)
    for el in root.xpath("//script | //style | //code | //*[@lang and @lang != 'ru']"):
        el.drop_tree()
    shown = [
        *root.itertext(),
        *(
            v
            for el in root.iter(etree.Element)
            for k, v in el.attrib.items()
            if k in ("placeholder", "aria-label")
        ),
    ]
    return (
        set(re.findall(r"[A-Za-z]{2,}", re.sub(r"https?://\S+", " ", " ".join(shown))))
        - ALLOWED
    )


def test_every_page_reads_in_russian(client, world):
    client.cookies.set("tp_ui", "ru")
    pages = {"login": client.get("/login").text}
    login(client, "tanya")
    pages["queue"] = client.get("/queue").text
    pages["editor"] = client.get(f"/doc/{world.doc_id}/en").text
    login(client, "ada")
    with world.store.begin() as conn:
        tid = review_store.editor_rows(conn, world.doc_id, "en")[1].translation_id
        tr_store.edit_translation(conn, tid, "", user="tanya", expected_version=1)
        steps.submit(conn, world.doc_id)
    editor = client.get(f"/doc/{world.doc_id}/en").text
    pages["editor (admin, in review)"] = editor
    for url in (
        f"/doc/{world.doc_id}/en/history",
        "/admin",
        "/publish",
        "/digests/new",
    ):
        pages[url] = client.get(url).text
    pages["xliff upload"] = _upload_with_a_stray_unit(client, world)
    pages["refusal"] = client.post(
        f"/doc/{world.doc_id}/en/status",
        data={
            "csrf": csrf_of(editor),
            "action": "approve",
            "version": editor.split('name="version" value="')[1].split('"')[0],
        },
    ).text
    leftovers = {name: latin_leftovers(page) for name, page in pages.items()}
    assert {name: words for name, words in leftovers.items() if words} == {}


def _upload_with_a_stray_unit(client, world) -> str:  # type: ignore[no-untyped-def]
    data = client.get(f"/doc/{world.doc_id}/en/xliff").content
    data = re.sub(rb'trans-unit id="\d+"', b'trans-unit id="99999"', data, count=1)
    page = client.post(
        "/xliff",
        data={"csrf": csrf_of(client.get("/queue").text)},
        files={"file": ("doc.xlf", data, "application/xml")},
    ).text
    assert "не сегмент текущей редакции документа" in page
    return page
