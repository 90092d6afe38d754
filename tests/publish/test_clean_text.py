"""No entity text reaches readers: an escaping engine's output, through the pipeline, onto every page.

Google's web endpoint answers HTML-escaped text ("prime minister&#39;s"); once such a
draft is approved as it stands, no page body, page title or feed entry may show an entity.
"""

from __future__ import annotations

from pathlib import Path

from lxml import html

from translate_pub.config import Settings
from translate_pub.entities import ENTITY
from translate_pub.mt.pipeline import translate_pending
from translate_pub.mt.recorded import RecordedEngine
from translate_pub.store import Store
from translate_pub.terms.glossary import Glossary

from . import sitecheck
from .newsroom import Story, approve, ingest, publish

STORY = Story(
    key="premier",
    title='Заявление премьер-министра о "проверках"',
    title_en="",
    paragraphs=[
        (
            "p",
            'По данным <a href="https://ovd.info/data">ОВД-Инфо</a>, задержаны сотрудники "AT&amp;T".',
            "",
        )
    ],
)
# As Google's web endpoint returned it: escaped plain text.
RECORDING = (
    'Заявление премьер-министра о "проверках"\tThe prime minister&#39;s statement on &quot;checks&quot;\n'
    'По данным <1>ОВД-Инфо</1>, задержаны сотрудники "AT&T".\t'
    "According to <1>OVD-Info</1>, &quot;AT&amp;T&quot; employees were detained.\n"
)


def _texts(root: Path) -> dict[str, str]:
    """What a reader sees: each page's text and title, each feed entry's title and text."""
    seen = {path: doc.text_content() for path, doc in sitecheck.pages(root).items()}
    for lang in ("ru", "en"):
        for n, entry in enumerate(sitecheck.feed(root, lang).entries):
            seen[f"{lang}/atom.xml#{n}"] = (
                entry.title
                + " "
                + html.fromstring(entry.content[0].value).text_content()
            )
    return seen


def test_no_entity_text_on_any_page_title_or_feed(
    store: Store, site_settings: Settings, tmp_path: Path
) -> None:
    recording = tmp_path / "google.tsv"
    recording.write_text(RECORDING, encoding="utf-8")
    doc = ingest(store, STORY)
    report = translate_pending(
        store, RecordedEngine(recording), Glossary(terms=(), version="none"), "ru", "en"
    )
    assert (report.machine, report.missed) == (2, 0)
    approve(store, doc)
    publish(store, site_settings, tmp_path / "site")
    seen = _texts((tmp_path / "site").resolve())
    assert {
        path: ENTITY.findall(text) for path, text in seen.items() if ENTITY.search(text)
    } == {}
    [page] = [text for path, text in seen.items() if path.startswith("en/articles/")]
    assert (
        'The prime minister\'s statement on "checks"' in page
        and '"AT&T" employees' in page
    )
    home = seen["en/index.html"]
    assert "The prime minister's statement" in home
    assert any(
        "prime minister's" in text
        for path, text in seen.items()
        if path.startswith("en/atom.xml#")
    )
