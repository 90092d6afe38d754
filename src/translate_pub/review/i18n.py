"""UI languages: the `review` gettext catalogs under translate_pub/locale, read with Babel.

Catalogs are compiled in memory by `translate_pub.catalogs`. Messages are extracted with
`pybabel extract -F src/translate_pub/locale/babel.cfg`; status, role and action labels
are computed in code, so their entries are kept in the catalogs by hand (a test checks).
Messages built in code (QA findings, refusals, error pages) are ids declared in `msgids`,
rendered through these catalogs by `Message.render` (tests/test_msgids.py checks each).
"""

from __future__ import annotations

from collections.abc import Callable

from babel.support import NullTranslations
from fastapi import Request

from translate_pub.catalogs import translations

DOMAIN = "review"
UI_LANGUAGES = ("en", "ru")
LANG_COOKIE = "tp_ui"


def load_catalogs() -> dict[str, NullTranslations]:
    return {lang: translations(DOMAIN, lang) for lang in UI_LANGUAGES}


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
