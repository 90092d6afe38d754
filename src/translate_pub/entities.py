"""Character references (`&amp;`, `&#39;`) in text: what a reader would see as an artefact.

Engines' output is decoded once (`mt.clean`); what is left that the source does not say
itself is flagged, by the recorded engine and by the review app's QA.
"""

from __future__ import annotations

import re

# A named, decimal or hex character reference.
ENTITY = re.compile(
    r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});"
)


def stray_entities(source: str, target: str) -> list[str]:
    """Entity-like text in `target` that `source` does not contain itself, in order, once each."""
    own = set(ENTITY.findall(source))
    return list(dict.fromkeys(e for e in ENTITY.findall(target) if e not in own))
