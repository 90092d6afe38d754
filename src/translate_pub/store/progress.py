"""How far along each document is in each target language, kept on its `doc_status` row.

`segments` is the number of sentences in the current revision, `translated` those whose
translation has text (a recorded engine miss does not count) or that a reviewer left out,
`words_left` the source words of the rest. Every write that can change these calls `refresh`, so the queue can show and
sort by progress without counting 300,000 segments per page. The same writes change what
the queue's search finds (a new revision, a title's translation), so `refresh` reindexes too.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import Connection, and_, bindparam, exists, select, update

from translate_pub.placeholders import PLACEHOLDER
from translate_pub.store import schema as t
from translate_pub.store import search
from translate_pub.store.db import any_of

WORD = re.compile(r"\S*\w\S*")  # a URL or "12,5" is one word


@lru_cache(maxsize=20_000)
def words(source: str) -> int:
    """Words of a source sentence, markup placeholders left out."""
    return len(WORD.findall(PLACEHOLDER.sub(" ", source)))


@dataclass(frozen=True)
class Progress:
    """Segments translated out of the total, and the source words still untranslated."""

    translated: int
    segments: int
    words_left: int

    @property
    def untranslated(self) -> bool:
        return self.translated == 0 and self.segments > 0


def untouched(sources: Iterable[str]) -> Progress:
    """The progress of a new document's sentences in any language: none translated (what
    `refresh` counts before a draft or an omission exists, without reading them back)."""
    counts = [words(source) for source in sources]
    return Progress(0, len(counts), sum(counts))


def refresh(conn: Connection, doc_ids: Collection[int]) -> None:
    """Recount the progress of these documents in every target language, and reindex their search terms."""
    _recount(conn, doc_ids)
    search.reindex(conn, doc_ids)


def refresh_segments(conn: Connection, segment_ids: Collection[int]) -> None:
    """Recount the documents these segments belong to after their translations changed. Of a
    translation only a title's is searchable, so only documents whose title is among them are
    reindexed (stemming a whole document per saved draft was most of a store load's time)."""
    if segment_ids:
        docs = conn.execute(_OWNERS, {"ids": [int(i) for i in segment_ids]}).all()
        _recount(conn, {r.document_id for r in docs})
        search.reindex(conn, {r.document_id for r in docs if r.block == "title"})


d, s, tr, st, o = t.documents, t.segments, t.translations, t.doc_status, t.omissions
# Each status row of the documents with each current sentence (none: NULL) and whether it is
# done in that row's language: one statement, built once (building a select costs more than
# SQLite running it).
_SENTENCES = (
    select(
        st.c.id,
        s.c.source,
        (
            exists().where(
                tr.c.segment_id == s.c.id, tr.c.lang == st.c.lang, tr.c.text != ""
            )
            # a sentence a reviewer left out is done too: nothing is left to translate
            | exists().where(o.c.segment_id == s.c.id, o.c.lang == st.c.lang)
        ).label("done"),
    )
    .select_from(
        st.join(d, d.c.id == st.c.document_id).outerjoin(
            s, and_(s.c.document_id == d.c.id, s.c.revision == d.c.revision)
        )
    )
    .where(any_of(st.c.document_id, "docs"))
)
_OWNERS = select(s.c.document_id, s.c.block).where(any_of(s.c.id, "ids"))
_SET = (
    update(st)
    .where(st.c.id == bindparam("sid"))
    .values(
        translated=bindparam("n_done"),
        segments=bindparam("n_all"),
        words_left=bindparam("n_words"),
    )
)


def _recount(conn: Connection, doc_ids: Collection[int]) -> None:
    if not doc_ids:
        return
    counts: dict[int, list[int]] = {}  # status row → [done, all, words left]
    for r in conn.execute(_SENTENCES, {"docs": [int(i) for i in doc_ids]}):
        n = counts.setdefault(r.id, [0, 0, 0])
        if r.source is None:
            continue
        n[1] += 1
        if r.done:
            n[0] += 1
        else:
            n[2] += words(r.source)
    if counts:
        conn.execute(
            _SET,
            [
                {"sid": sid, "n_done": done, "n_all": n_all, "n_words": left}
                for sid, (done, n_all, left) in counts.items()
            ],
        )
