"""Every page of both golden sites has its own <title>, in its own language: a reader's tabs, history
and bookmarks, and a search engine's results, tell the pages apart."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from lxml import html

HERE = Path(__file__).parent
TREES = ("golden", "golden_digest")


def titles(root: Path) -> dict[str, list[str]]:
    """Each <title> and the pages that carry it."""
    found: dict[str, list[str]] = defaultdict(list)
    for page in sorted(root.rglob("*.html")):
        title = html.fromstring(page.read_bytes()).findtext(".//head/title") or ""
        found[" ".join(title.split())].append(page.relative_to(root).as_posix())
    return found


@pytest.mark.parametrize("tree", TREES)
def test_every_page_has_its_own_title(tree: str) -> None:
    found = titles(HERE / tree)
    assert sum(map(len, found.values())) > 20
    assert {title: pages for title, pages in found.items() if len(pages) > 1} == {}
    assert "" not in found


def test_titles_name_what_the_page_is() -> None:
    found = {pages[0]: title for title, pages in titles(HERE / "golden").items()}
    site = " · Rights reporting in translation"
    assert found["en/index.html"] == "Latest translations" + site
    assert found["en/outlets/index.html"] == "Outlets" + site
    assert found["en/tags/index.html"] == "Topics" + site
    assert found["en/outlets/ovd-info/index.html"] == "From OVD-Info" + site
    assert found["en/parallel/detentions-at-a-protest-in-moscow.html"] == (
        "Detentions at a protest in Moscow, side by side with the original" + site
    )
    assert found["ru/tags/index.html"] == "Темы · Правозащитные новости в переводе"
    assert found["ru/search.html"] == "Поиск · Правозащитные новости в переводе"
