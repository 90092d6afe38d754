"""Who wrote an approved text: each word belongs to whoever typed it, as long as it survives.

Followed through a segment's revisions in order (a word-level diff per revision):
unchanged words keep their author, inserted or replaced words belong to the reviser.
A segment is credited to whoever owns most of its words, so a reviewer's one-word fix
does not make the reviewer its translator, and a draft rewritten by hand is no longer
the engine's. Words an engine drafted are owned by `MACHINE`; reused translation
memory by `MEMORY`, which credits no one.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Sequence

MACHINE = "\x00machine"
MEMORY = "\x00memory"


def word_owners(
    draft: str, draft_owner: str, changes: Sequence[tuple[str, str]]
) -> list[tuple[str, str]]:
    """(word, owner) of the text after `changes`, each (author, text after the change), in order."""
    owned = [(w, draft_owner) for w in draft.split()]
    for author, after in changes:
        words = after.split()
        if words == [w for w, _o in owned]:
            continue  # nothing changed hands (a draft approved as it was)
        matcher = difflib.SequenceMatcher(
            None, [w for w, _o in owned], words, autojunk=False
        )
        new: list[tuple[str, str]] = []
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            new += (
                owned[i1:i2] if tag == "equal" else [(w, author) for w in words[j1:j2]]
            )
        owned = new
    return owned


def lead_author(owned: Sequence[tuple[str, str]]) -> str | None:
    """Who owns most of a segment's words (on a tie, the owner of the later word); None if it has none."""
    counts = Counter(owner for _w, owner in owned)
    order = {owner: i for i, (_w, owner) in enumerate(owned)}
    return max(counts, key=lambda o: (counts[o], order[o])) if counts else None


def is_person(owner: str | None) -> bool:
    return bool(owner) and owner not in (MACHINE, MEMORY)
