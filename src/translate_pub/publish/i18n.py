"""UI strings (gettext domain `publish`) and babel formatting of dates, numbers and language names.

Catalogs live in `translate_pub/locale/<lang>/LC_MESSAGES/publish.po`; message ids are
English, so English needs no catalog and a language without one falls back to English.
they are compiled in memory by `translate_pub.catalogs`. Update them with babel (from
the project root)::

    .venv/bin/pybabel extract -F src/translate_pub/publish/babel.cfg \\
        -o src/translate_pub/locale/publish.pot src/translate_pub/publish
    .venv/bin/pybabel update -D publish -i src/translate_pub/locale/publish.pot -d src/translate_pub/locale
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import cache, lru_cache

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal
from babel.support import NullTranslations

from translate_pub import catalogs

DOMAIN = "publish"
# House style is British English: "26 June 2017", not "June 26, 2017".
_BABEL_LOCALE = {"en": "en_GB"}


def babel_locale(lang: str) -> Locale:
    return Locale.parse(_BABEL_LOCALE.get(lang, lang))


def translations(lang: str) -> NullTranslations:
    return catalogs.translations(DOMAIN, lang)


def utc(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; everything we store is UTC."""
    return (
        moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    )


@lru_cache(maxsize=65536)
def long_date(day: date, lang: str) -> str:
    return format_date(day, "long", locale=babel_locale(lang))


@lru_cache(maxsize=65536)
def number(value: int, lang: str) -> str:
    return format_decimal(value, locale=babel_locale(lang))


@cache
def language_name(code: str, in_lang: str) -> str:
    """`ru` in English is "Russian"; in its own language ("autonym") capitalised for menus."""
    name = babel_locale(in_lang).languages.get(code, code)
    return name[:1].upper() + name[1:] if code == in_lang else name


@cache
def autonym(code: str) -> str:
    return language_name(code, code)


# CLDR's delimiters for the languages we publish (babel does not expose them); others get “…”.
_QUOTES = {"ru": ("«", "»"), "uk": ("«", "»"), "en": ("“", "”")}


def quotation_marks(lang: str) -> tuple[str, str]:
    """The language's outer quotation marks: «…» in Russian, “…” in English."""
    return _QUOTES.get(lang, ("“", "”"))
