"""The editor shows one 100% match per segment (#22 item 4), with where it came from: the unit
approved here wins over the same sentence imported from a TMX file, which names its file when
it is the only exact match. Run on SQLite and PostgreSQL (the `store` fixture)."""

from __future__ import annotations

from datetime import UTC, datetime

from lxml import html

from translate_pub.review.tmx_read import TmxUnit
from translate_pub.store import imported

from .test_memory import HERE, approve, editor_of

ALONE = "Суд продлил арест журналисту Иванову."  # only in the imported file


def _units(*pairs: tuple[str, str]) -> list[TmxUnit]:
    stamp = datetime(2026, 1, 1, tzinfo=UTC)
    return [TmxUnit(1, "en", s, t, "omegat", stamp) for s, t in pairs]


def _exact(page: str, n: int) -> list[str]:
    """The 100% matches under segment n: their text and their provenance."""
    doc = html.fromstring(page)
    return [
        " / ".join(
            " ".join(span.text_content().split())
            for span in li.xpath("span[@class!='tm-diff']")
        )
        for li in doc.xpath(f"//section[@id='seg-{n}']//li[contains(@class, 'memory')]")
        if li.xpath(".//span[@class='score'][text()='100%']")
    ]


def test_an_exact_match_shows_once_with_its_best_provenance(client, world):
    with world.store.begin() as conn:
        approve(conn, 1, [(HERE, "Kazan court arrests journalist Petrov")])
        imported.save(
            conn,
            _units(
                (HERE, "Kazan court arrests journalist Petrov"),  # the same words
                (HERE, "A Kazan court arrested journalist Petrov"),  # older words
                (ALONE, "The court extended journalist Ivanov's arrest."),
            ),
            "omegat.tmx",
        )
    page = editor_of(client, world, [("title", "Новости"), ("p", HERE), ("p", ALONE)])
    day = datetime.now(UTC).strftime("%Y-%m-%d")
    assert _exact(page, 2) == [
        "Kazan court arrests journalist Petrov / "
        f"approved human translation, rita, {day}"
    ]
    assert _exact(page, 3) == [
        "The court extended journalist Ivanov's arrest. / imported from omegat.tmx"
    ]
