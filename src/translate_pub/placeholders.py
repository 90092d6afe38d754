"""The placeholder grammar every stage shares: `<1>…</1>` stands for inline markup, `<2/>` for a void tag.

`segment` writes placeholders, MT engines carry them through, review checks them and
publishing turns them back into elements; the numbers refer to a segment's `markup`.
"""

from __future__ import annotations

import re

PLACEHOLDER = re.compile(r"<(/?)(\d+)(/?)>")


def balanced(text: str) -> bool:
    """Whether every opening placeholder in `text` has its closing one."""
    depth: dict[str, int] = {}
    for closing, n, void in PLACEHOLDER.findall(text):
        if void:
            continue
        depth[n] = depth.get(n, 0) + (-1 if closing else 1)
    return all(v == 0 for v in depth.values())


def restore_markup(
    text: str, markup: dict[str, dict[str, str]]
) -> list[tuple[str, str | dict[str, str]]]:
    """Split translated text into ('text', s) / ('open', attrs) / ('close', tag) / ('void', attrs) events.

    The publisher turns these into elements; unknown placeholder numbers stay as text.
    """
    events: list[tuple[str, str | dict[str, str]]] = []
    pos = 0
    for m in PLACEHOLDER.finditer(text):
        n = m.group(2)
        if n not in markup:
            continue
        if m.start() > pos:
            events.append(("text", text[pos : m.start()]))
        kind = "void" if m.group(3) else "close" if m.group(1) else "open"
        events.append((kind, markup[n]))
        pos = m.end()
    if pos < len(text):
        events.append(("text", text[pos:]))
    return events
