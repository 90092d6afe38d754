"""babel dates, numbers and plurals per language, and the compiled catalogs."""

from __future__ import annotations

from datetime import date

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from translate_pub.publish import i18n


def test_long_dates_in_house_style() -> None:
    assert i18n.long_date(date(2017, 6, 26), "en") == "26 June 2017"
    assert i18n.long_date(date(2017, 6, 26), "ru") == "26 июня 2017\u202fг."  # narrow no-break space


def test_numbers_and_language_names() -> None:
    assert i18n.number(5000, "en") == "5,000"
    assert i18n.number(5000, "ru") == "5\xa0000"
    assert i18n.language_name("ru", "en") == "Russian"
    assert i18n.autonym("ru") == "Русский"


def test_russian_plurals_come_from_the_catalog() -> None:
    ru = i18n.translations("ru")
    forms = {n: ru.ngettext("%(count)s article", "%(count)s articles", n) % {"count": n} for n in (1, 2, 5, 21)}
    assert forms == {1: "1 статья", 2: "2 статьи", 5: "5 статей", 21: "21 статья"}


def test_compiled_catalogs_match_their_sources() -> None:
    """Fails when a .po was edited without `pybabel compile` (see i18n.py)."""
    for po_path in i18n.LOCALE_DIR.glob("*/LC_MESSAGES/publish.po"):
        with open(po_path, "rb") as po, open(po_path.with_suffix(".mo"), "rb") as mo:
            source, compiled = read_po(po), read_mo(mo)
        expected = {_key(m.id): _key(m.string) for m in source if m.id and m.string}
        assert {_key(m.id): _key(m.string) for m in compiled if m.id} == expected, po_path


def _key(value: str | list[str] | tuple[str, ...]) -> str | tuple[str, ...]:
    return value if isinstance(value, str) else tuple(value)


def test_language_without_catalog_falls_back_to_english() -> None:
    assert i18n.translations("uk").gettext("Original updated") == "Original updated"
