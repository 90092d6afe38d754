"""UI languages: the `review` gettext catalogs under translate_pub/locale, read with Babel.

The .po files are the source of truth; they are compiled in memory at start-up, so
there is no build step and no .mo file to forget. Messages are extracted with
`pybabel extract -F src/translate_pub/locale/babel.cfg`; status, role and action labels
are computed in code, so their entries are kept in the catalogs by hand (a test checks).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from fastapi import Request

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "review"
UI_LANGUAGES = ("en", "ru")
LANG_COOKIE = "tp_ui"


def load_catalogs() -> dict[str, NullTranslations]:
    catalogs: dict[str, NullTranslations] = {}
    for lang in UI_LANGUAGES:
        po = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        if not po.exists():
            catalogs[lang] = NullTranslations()
            continue
        with po.open("rb") as fh:
            catalog = read_po(fh, locale=lang, domain=DOMAIN)
        buf = io.BytesIO()
        write_mo(buf, catalog)
        buf.seek(0)
        catalogs[lang] = Translations(buf, domain=DOMAIN)
    return catalogs


def ui_language(request: Request) -> str:
    """The cookie's choice, else the best of Accept-Language, else English."""
    chosen = request.cookies.get(LANG_COOKIE)
    if chosen in UI_LANGUAGES:
        return chosen
    for part in request.headers.get("accept-language", "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in UI_LANGUAGES:
            return code
    return "en"


def gettext_for(request: Request) -> Callable[[str], str]:
    return request.app.state.catalogs[ui_language(request)].gettext
