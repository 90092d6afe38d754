"""babel dates, numbers and plurals per language, and the catalogs."""

from __future__ import annotations

from datetime import date

from babel.messages.pofile import read_po

from translate_pub.catalogs import LOCALE_DIR
from translate_pub.publish import i18n


def test_long_dates_in_house_style() -> None:
    assert i18n.long_date(date(2017, 6, 26), "en") == "26 June 2017"
    assert (
        i18n.long_date(date(2017, 6, 26), "ru") == "26 июня 2017\u202fг."
    )  # narrow no-break space


def test_numbers_and_language_names() -> None:
    assert i18n.number(5000, "en") == "5,000"
    assert i18n.number(5000, "ru") == "5\xa0000"
    assert i18n.language_name("ru", "en") == "Russian"
    assert i18n.autonym("ru") == "Русский"


def test_russian_plurals_come_from_the_catalog() -> None:
    ru = i18n.translations("ru")
    forms = {
        n: ru.ngettext("%(count)s article", "%(count)s articles", n) % {"count": n}
        for n in (1, 2, 5, 21)
    }
    assert forms == {1: "1 статья", 2: "2 статьи", 5: "5 статей", 21: "21 статья"}


def test_every_template_message_is_translated() -> None:
    """Fails when publish.pot gained a message that a language's .po lacks (see i18n.py)."""
    with open(LOCALE_DIR / "publish.pot", "rb") as pot:
        wanted = {
            m.id if isinstance(m.id, str) else tuple(m.id) for m in read_po(pot) if m.id
        }
    for po_path in LOCALE_DIR.glob("*/LC_MESSAGES/publish.po"):
        with open(po_path, "rb") as po:
            done = {
                m.id if isinstance(m.id, str) else tuple(m.id)
                for m in read_po(po)
                if m.id and m.string and not m.fuzzy
            }
        assert wanted <= done, (po_path, wanted - done)


def test_language_without_catalog_falls_back_to_english() -> None:
    assert i18n.translations("uk").gettext("Original updated") == "Original updated"
