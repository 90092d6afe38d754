"""QA messages in the reader's UI language.

The checks word their findings in English (that text is also each issue's key, so a dismissal
holds whatever language its author used). `localize` matches a message against these patterns
and renders the catalog's translation of the pattern with the same values.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from fastapi import Request

from translate_pub.review.i18n import gettext_for

# (pattern of the English message, the catalog msgid it is rendered with)
PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), m)
    for p, m in (
        (r"^the translation is empty$", "the translation is empty"),
        (
            r"^the translation is the same as the source$",
            "the translation is the same as the source",
        ),
        (r"^the translation is mostly Cyrillic$", "the translation is mostly Cyrillic"),
        (
            r"^the translation contains Cyrillic letters$",
            "the translation contains Cyrillic letters",
        ),
        (
            r"^link/markup tag (?P<x>\S+) is missing$",
            "link/markup tag %(x)s is missing",
        ),
        (
            r"^link/markup tag (?P<x>\S+) is not in the source$",
            "link/markup tag %(x)s is not in the source",
        ),
        (r"^URL (?P<x>\S+) is missing$", "URL %(x)s is missing"),
        (r"^number (?P<x>\S+) is missing$", "number %(x)s is missing"),
        (r"^date (?P<x>.+) should read (?P<y>.+)$", "date %(x)s should read %(y)s"),
        (r"^date (?P<x>\S+) is missing$", "date %(x)s is missing"),
        (
            r"^the translation is (?P<x>\S+)× the length of the source$",
            "the translation is %(x)s× the length of the source",
        ),
        (r"^Use (?P<x>“.+”) for (?P<y>«.+»)$", "Use %(x)s for %(y)s"),
        (
            r"^(?P<x>“.+”) is not house style for (?P<y>«.+»): use (?P<z>“.+”)$",
            "%(x)s is not house style for %(y)s: use %(z)s",
        ),
        (
            r"^If (?P<y>«.+») is the glossary term here, use (?P<x>“.+”)$",
            "If %(y)s is the glossary term here, use %(x)s",
        ),
        (
            r"^If (?P<y>«.+») is the glossary term here, (?P<x>“.+”) is not house style: use (?P<z>“.+”)$",
            "If %(y)s is the glossary term here, %(x)s is not house style: use %(z)s",
        ),
        (
            r"^(?P<x>“.+”) is markup, not text: type the character it stands for$",
            "%(x)s is markup, not text: type the character it stands for",
        ),
        (
            r"^(?P<x>«.+») was (?P<y>“.+”) in (?P<n>\d+) approved translations; here (?P<z>“.+”)$",
            "%(x)s was %(y)s in %(n)s approved translations; here %(z)s",
        ),
    )
)


def for_request(request: Request) -> Callable[[str], str]:
    """`localize` in the UI language of this request."""
    gettext = gettext_for(request)
    return lambda message: localize(gettext, message)


def localize(gettext: Callable[[str], str], message: str) -> str:
    """`message` in the catalog's language; unchanged when no pattern knows it."""
    for pattern, msgid in PATTERNS:
        if found := pattern.match(message):
            return gettext(msgid) % found.groupdict()
    return message
