"""Engine output → clean text, in one place, before anything is stored or shown.

Providers differ in what they hand back. Google's web endpoint (and its recordings)
returns plain text HTML-escaped (`prime minister&#39;s`); the markup providers' modules
decode their HTML/XML already (`markup.from_markup`). Each engine declares which
(`output_format`, see `mt.base`), so entities are decoded exactly once: a source that
really says `&amp;` (an article about HTML) keeps it. Stray tags the provider added
are dropped, and whitespace runs become one space.
"""

from __future__ import annotations

import html
import re

from translate_pub.mt.base import HTML

_TAG = re.compile(
    r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>"
)  # a real tag; placeholders are <1>, not tags
_SPACE = re.compile(r"[ \t\r\n\u200b]+")


def clean(output: str, source: str, output_format: str) -> str:
    """`output` as literal text: tags not in `source` dropped, entities decoded if the format says so."""
    kept = set(_TAG.findall(source))
    text = _TAG.sub(lambda m: m.group() if m.group() in kept else "", output)
    if output_format == HTML:
        text = html.unescape(text)
    return _SPACE.sub(" ", text).strip()
