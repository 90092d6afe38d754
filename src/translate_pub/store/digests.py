"""Digests in the store: what can be quoted, saving a digest, and its quotes seen from both sides.

A digest is a document of kind "digest" (so it has revisions, statuses, review and editions
like any other) plus a `digests` row (author, series) and one `digest_quotes` row per quote
block of each revision. A quote's English is the approved English of the source edition it
was taken from; approval freezes it again from that edition, so an edit in review cannot
change what a source said. An English-first digest's Russian quotes are their sources' original
text, frozen the same way from the revision quoted.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import Connection, delete, insert, select

from translate_pub.model import Digest, Edition, Origin, QuoteRef, Status
from translate_pub.slugs import slugify
from translate_pub.store import progress
from translate_pub.store import schema as t
from translate_pub.store.documents import (
    Saved,
    current_segments,
    find_by_url,
    save_document,
)
from translate_pub.store.rows import StoredDocument
from translate_pub.store.translations import now


@dataclass(frozen=True)
class QuotedSegment:
    """One approved sentence of a source: its position, Russian (with markup) and approved target."""

    position: int
    source: str
    markup: dict[str, dict[str, str]]
    target: str


@dataclass(frozen=True)
class Quotable:
    """A document with an approved edition in one language, as a digest may quote it."""

    document_id: int
    revision: int  # the source revision of that edition
    slug: str
    outlet: str
    segments: tuple[
        QuotedSegment, ...
    ]  # the title (position 0, the editor's sentence 1), then the body in order

    def run(self, first: int, last: int) -> tuple[QuotedSegment, ...]:
        """Segments first–last (positions), or () if that is not a run of this edition's sentences."""
        picked = tuple(s for s in self.segments if first <= s.position <= last)
        return picked if picked and len(picked) == last - first + 1 else ()


def find_document(conn: Connection, key: str) -> StoredDocument | None:
    """A document by slug, "outlet/slug" (outlet slugged) or URL; None if there is none."""
    if "://" in key:
        return find_by_url(conn, key)
    outlet, _, slug = key.strip().rpartition("/")
    row = conn.execute(select(t.documents).where(t.documents.c.slug == slug)).first()
    if row is None or (outlet and slugify(row.outlet) != outlet):
        return None
    return StoredDocument.of(row)


def quotable(conn: Connection, doc_id: int, lang: str) -> Quotable | None:
    """The newest approved edition of a document in `lang`, sentence by sentence; None if never approved."""
    e = t.editions
    ed = conn.execute(
        select(e)
        .where(e.c.document_id == doc_id, e.c.lang == lang)
        .order_by(e.c.id.desc())
        .limit(1)
    ).first()
    if ed is None:
        return None
    doc = conn.execute(select(t.documents).where(t.documents.c.id == doc_id)).one()
    rows = conn.execute(
        select(t.segments)
        .where(
            t.segments.c.document_id == doc_id,
            t.segments.c.revision == ed.source_revision,
        )
        .order_by(t.segments.c.position)
    ).all()
    titles = [
        QuotedSegment(r.position, r.source, r.markup or {}, ed.title)
        for r in rows
        if r.block == "title"
    ]
    body = [r for r in rows if r.block != "title"]
    segs = tuple(
        QuotedSegment(r.position, r.source, r.markup or {}, b["target"])
        for r, b in zip(body, ed.body, strict=False)
    )
    return Quotable(
        doc_id, ed.source_revision, doc.slug, doc.outlet, (*titles[:1], *segs)
    )


def save_digest(conn: Connection, digest: Digest, targets: tuple[str, ...]) -> Saved:
    """Save a digest like any document, then its author, series and quotes for the new revision."""
    saved = save_document(conn, digest.document, targets)
    values = {"author": digest.author, "series": digest.series, "names": digest.names}
    if conn.execute(
        select(t.digests.c.document_id).where(
            t.digests.c.document_id == saved.document_id
        )
    ).first():
        conn.execute(
            t.digests.update()
            .where(t.digests.c.document_id == saved.document_id)
            .values(**values)
        )
    else:
        conn.execute(insert(t.digests).values(document_id=saved.document_id, **values))
    if saved.outcome == "unchanged":
        return saved
    conn.execute(
        delete(t.digest_quotes).where(
            t.digest_quotes.c.digest_id == saved.document_id,
            t.digest_quotes.c.revision == saved.revision,
        )
    )
    if digest.quotes:
        conn.execute(
            insert(t.digest_quotes),
            [
                {
                    "digest_id": saved.document_id,
                    "revision": saved.revision,
                    "ordinal": n,
                    "source_id": q.document_id,
                    "source_revision": q.source_revision,
                    "first": q.first,
                    "last": q.last,
                }
                for n, q in enumerate(digest.quotes)
            ],
        )
    for lang in targets:
        _fill_quotes(conn, saved.document_id, lang)
    progress.refresh(conn, [saved.document_id])  # quotes arrive translated
    return saved


def _fill_quotes(conn: Connection, digest_id: int, lang: str) -> None:
    """Give each quote segment without a translation the approved text of its source: MT never sees it.
    Each quoted edition is read once and the rows go in one statement: a digest of many quotes must
    not hold the write lock for a query per quote."""
    have = set(
        conn.execute(
            select(t.translations.c.segment_id).where(
                t.translations.c.lang == lang,
                t.translations.c.segment_id.in_(
                    select(t.segments.c.id).where(t.segments.c.document_id == digest_id)
                ),
            )
        ).scalars()
    )
    stamp, targets = now(), _QuotedTargets(conn, lang)
    rows = [
        {
            "segment_id": seg.id,
            "lang": lang,
            "text": targets.of(seg.markup),
            "origin": Origin.MEMORY.value,
            "engine": "",
            "glossary_version": "",
            "mt_text": "",
            "version": 1,
            "updated_at": stamp,
            "updated_by": "",
        }
        for seg in current_segments(conn, digest_id)
        if seg.block == "quote" and seg.id not in have
    ]
    if rows:
        conn.execute(insert(t.translations), rows)


class _QuotedTargets:
    """The approved target text of the source sentence each quote segment stands for, each source
    edition read once."""

    def __init__(self, conn: Connection, lang: str) -> None:
        self.conn, self.lang = conn, lang
        self.editions: dict[tuple[str, str], dict[int, str]] = {}

    def of(self, markup: dict[str, dict[str, str]]) -> str:
        ref = markup["q"]
        key = (ref["doc"], ref["rev"])
        if key not in self.editions:
            self.editions[key] = _targets_by_position(
                self.conn, int(ref["doc"]), int(ref["rev"]), self.lang
            )
        return self.editions[key].get(int(ref["at"]), "")


def _targets_by_position(
    conn: Connection, doc_id: int, revision: int, lang: str
) -> dict[int, str]:
    """The approved target text of each sentence (by position) of one edition of a document; in
    the document's own language (an English-first digest's ru), that revision's original text."""
    d, s = t.documents, t.segments
    if lang == conn.execute(select(d.c.source_lang).where(d.c.id == doc_id)).scalar():
        originals = conn.execute(
            select(s.c.position, s.c.source).where(
                s.c.document_id == doc_id, s.c.revision == revision
            )
        )
        return {r.position: str(r.source) for r in originals}
    e = t.editions
    edition = conn.execute(
        select(e.c.body, e.c.title)
        .where(
            e.c.document_id == doc_id, e.c.lang == lang, e.c.source_revision == revision
        )
        .order_by(e.c.id.desc())
        .limit(1)
    ).first()
    if edition is None:
        return {}
    rows = conn.execute(
        select(t.segments.c.position, t.segments.c.block)
        .where(t.segments.c.document_id == doc_id, t.segments.c.revision == revision)
        .order_by(t.segments.c.position)
    ).all()
    titles = {r.position: str(edition.title) for r in rows if r.block == "title"}
    body = [r.position for r in rows if r.block != "title"]
    return {
        **titles,
        **{p: str(b["target"]) for p, b in zip(body, edition.body, strict=False)},
    }


def freeze_quotes(conn: Connection, body: list[dict], lang: str) -> list[dict]:  # type: ignore[type-arg]
    """An edition body whose quote sentences, and inline quotes, carry their sources' approved text,
    whatever review did and whatever was approved in the source since the digest was saved."""
    targets = _QuotedTargets(conn, lang)
    return [
        {**b, "target": targets.of(b["markup"])}
        if b["block"] == "quote"
        else _freeze_inline(b, targets)
        for b in body
    ]


def empty_quotes(
    conn: Connection, doc_id: int, lang: str
) -> list[tuple[int, str, int]]:
    """The quotes of a digest's current revision that would freeze with no words in `lang` (their
    source sentence empty, or left out, in the edition quoted): each as (the editor's number of
    the digest's sentence, its source's shortcode key, the number of the sentence quoted)."""
    targets, found = _QuotedTargets(conn, lang), []
    for seg in current_segments(conn, doc_id):
        refs = [seg.markup["q"]] if seg.block == "quote" else []
        refs += [
            {**m, "at": str(at)}
            for m in seg.markup.values()
            if m.get("tag") == "quote"
            for at in range(int(m["at"]), int(m.get("last", m["at"])) + 1)
        ]
        found += [
            (seg.position + 1, _key(conn, int(r["doc"])), int(r["at"]) + 1)
            for r in refs
            if not targets.of({"q": r}).strip()
        ]
    return found


def _key(conn: Connection, doc_id: int) -> str:
    d = t.documents
    row = conn.execute(select(d.c.outlet, d.c.slug).where(d.c.id == doc_id)).one()
    return f"{slugify(row.outlet)}/{row.slug}"


def _freeze_inline(b: dict, targets: _QuotedTargets) -> dict:  # type: ignore[type-arg]
    """A sentence whose inline quotes (void placeholders, see ingest/digest.py) hold the approved words now."""
    inline = {n: m for n, m in b["markup"].items() if m.get("tag") == "quote"}
    if not inline:
        return b
    frozen = {
        n: {
            **m,
            "target": " ".join(
                targets.of({"q": {"doc": m["doc"], "rev": m["rev"], "at": str(at)}})
                for at in range(int(m["at"]), int(m.get("last", m["at"])) + 1)
            ),
        }
        for n, m in inline.items()
    }
    return {**b, "markup": {**b["markup"], **frozen}}


def with_digest_details(conn: Connection, editions: list[Edition]) -> list[Edition]:
    """Editions of digests with their author, series and quotes (for the revision each froze)."""
    ids = [e.document_id for e in editions if e.kind == "digest"]
    if not ids:
        return editions
    meta = {
        r.document_id: r
        for r in conn.execute(select(t.digests).where(t.digests.c.document_id.in_(ids)))
    }
    quotes: dict[tuple[int, int], list[QuoteRef]] = {}
    q = t.digest_quotes
    for r in conn.execute(
        select(q).where(q.c.digest_id.in_(ids)).order_by(q.c.digest_id, q.c.ordinal)
    ):
        quotes.setdefault((r.digest_id, r.revision), []).append(
            QuoteRef(r.source_id, r.source_revision, r.first, r.last)
        )
    return [
        replace(
            e,
            author=meta[e.document_id].author,
            series=meta[e.document_id].series,
            quotes=tuple(quotes.get((e.document_id, e.source_revision), ())),
            # names the digest gives, over those translated with it (frozen in the edition)
            names=tuple(
                sorted(
                    {
                        **dict(e.names),
                        **((meta[e.document_id].names or {}).get(e.lang) or {}),
                    }.items()
                )
            ),
        )
        if e.kind == "digest" and e.document_id in meta
        else e
        for e in editions
    ]


@dataclass(frozen=True)
class SourceChange:
    """A quote whose source has moved on since it was taken: revised, or STALE in a language."""

    document_id: int
    title: str
    quoted_revision: int
    revision: int


def changed_sources(conn: Connection, digest_id: int) -> list[SourceChange]:
    """For the editor: the sources quoted by the current revision that were revised or went STALE."""
    d, q, st = t.documents, t.digest_quotes, t.doc_status
    rev = conn.execute(select(d.c.revision).where(d.c.id == digest_id)).scalar_one()
    rows = conn.execute(
        select(q.c.source_id, q.c.source_revision, d.c.title, d.c.revision)
        .join(d, d.c.id == q.c.source_id)
        .where(q.c.digest_id == digest_id, q.c.revision == rev)
        .order_by(q.c.ordinal)
    ).all()
    stale = set(
        conn.execute(
            select(st.c.document_id).where(st.c.status == int(Status.STALE))
        ).scalars()
    )
    found: dict[int, SourceChange] = {}
    for r in rows:
        if r.revision > r.source_revision or r.source_id in stale:
            found.setdefault(
                r.source_id,
                SourceChange(r.source_id, r.title, r.source_revision, r.revision),
            )
    return list(found.values())
