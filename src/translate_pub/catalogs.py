"""UI gettext catalogs under translate_pub/locale/<lang>/LC_MESSAGES/<domain>.po.

The .po files are the source of truth, compiled in memory on first use, so there is
no build step and no stale .mo file. Domains: `review` (the web app) and `publish`
(the static site). Message ids are English; a missing catalog falls back to them.
"""

from __future__ import annotations

import io
from functools import cache

from babel.support import NullTranslations, Translations

from translate_pub.config import PACKAGE_DIR

LOCALE_DIR = PACKAGE_DIR / "locale"


@cache
def translations(domain: str, lang: str) -> NullTranslations:
    po = LOCALE_DIR / lang / "LC_MESSAGES" / f"{domain}.po"
    if not po.exists():
        return NullTranslations()
    # Babel's catalogue tools load with the first catalogue compiled, not with every
    # command that names LOCALE_DIR (publish checks its files for the site's code version)
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as fh:
        catalog = read_po(fh, locale=lang, domain=domain)
    buf = io.BytesIO()
    write_mo(buf, catalog)
    buf.seek(0)
    return Translations(buf, domain=domain)
