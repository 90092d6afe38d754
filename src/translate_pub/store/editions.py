"""Editions: approved translations frozen at approval (the workflow makes them); the publisher reads only these."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from datetime import UTC, datetime
from html import unescape
from typing import Any

from sqlalchemy import Connection, func, insert, select

from translate_pub.credits import MACHINE, MEMORY, is_person, lead_author, word_owners
from translate_pub.model import NAME_BLOCK, Edition, EditionSegment, Origin, Status
from translate_pub.store import schema as t
from translate_pub.store.db import any_of, inserted_id
from translate_pub.store.digests import freeze_quotes, with_digest_details
from translate_pub.store.review import EditorRow, Reading

# Built once, as the workflow's statements (building costs more than running them).
_CHANGES = (
    select(t.revisions.c.translation_id, t.revisions.c.user, t.revisions.c.after)
    .where(any_of(t.revisions.c.translation_id, "ids"))
    .order_by(t.revisions.c.id)
)
_FREEZE = insert(t.editions)


def create_edition(
    conn: Connection,
    doc_id: int,
    lang: str,
    approved_by: str,
    reading: Reading | None = None,
) -> int:
    """Freeze the current translation of a document as an edition, credits included; returns its id.
    `reading`: the document as the caller (an approval) already read it, read here when not given.

    Credit follows the text (see `credits`): translators are the people whose words survive,
    except that the approver's fixes make them the reviewer, not a translator, unless they
    wrote most of some segment; an engine is named only where its draft survives unedited.
    """
    doc = Reading.of(conn, doc_id, lang) if reading is None else reading
    rows, left_out = doc.rows, doc.omitted
    changes = _changes(conn, [r.translation_id for r in rows if r.translation_id])
    body, title, engines, glossary = [], doc.title, set(), ""
    names: dict[str, str] = {}
    authors: set[str] = set()  # people owning surviving words
    leads: set[str] = set()  # people owning most of some segment
    for s in rows:
        tr = s if s.translation_id is not None else None
        text = tr.text if tr else ""
        owned = _owners(tr, changes.get(s.translation_id or 0, [])) if tr else []
        if tr:
            glossary = glossary or tr.glossary_version
            if (
                tr.engine
                and tr.engine != "memory"
                and tr.mt_text
                and tr.text == tr.mt_text
            ):
                engines.add(tr.engine)
        words = Counter(o for _w, o in owned)  # owner → words owned (asked once each)
        people = [o for o in words if is_person(o)]
        authors.update(people)
        # one owner (a draft approved as it was) leads it without lead_author's tie-break
        leads.add(next(iter(words)) if len(words) == 1 else lead_author(owned) or "")
        if s.block == "title":
            title = text
            continue
        if (
            s.block == NAME_BLOCK
        ):  # a tag's or series' name: the pages' names, not the body
            names[unescape(s.source)] = unescape(text)
            continue
        body.append(
            {
                "paragraph": s.paragraph,
                "block": s.block,
                "source": s.source,
                "target": "" if s.segment_id in left_out else text,
                "markup": s.markup,
                "machine_words": words[MACHINE],
                "human_words": sum(words[o] for o in people),
                "n": s.position + 1,
            }
            | (
                {"omitted": left_out[s.segment_id].reason}
                if s.segment_id in left_out
                else {}
            )
        )
    if doc.kind == "digest":
        body = freeze_quotes(conn, body, lang)
    return inserted_id(
        conn.execute(
            _FREEZE,
            {
                "document_id": doc_id,
                "lang": lang,
                "source_revision": doc.revision,
                "approved_at": datetime.now(UTC),
                "approved_by": approved_by,
                "translated_by": sorted(
                    a for a in authors if a != approved_by or a in leads
                ),
                "engine": ", ".join(sorted(engines)),
                "glossary_version": glossary,
                "title": title,
                "body": body,
                "names": names,
                "untranslated": int(not title.strip())
                + sum(1 for name in names.values() if not name.strip())
                + sum(
                    1
                    for b in body
                    if not str(b["target"] or "").strip() and "omitted" not in b
                ),
            },
        )
    )


def _changes(
    conn: Connection, translation_ids: list[int]
) -> dict[int, list[tuple[str, str]]]:
    """Each translation's human changes in order: (author, text after)."""
    found: dict[int, list[tuple[str, str]]] = {}
    for i in range(0, len(translation_ids), 500):
        rows = conn.execute(_CHANGES, {"ids": translation_ids[i : i + 500]})
        for r in rows:
            found.setdefault(r.translation_id, []).append((r.user, r.after))
    return found


def _owners(tr: EditorRow, changes: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Who owns each word of a translation: its draft's source, then each revision's author."""
    draft_owner = MEMORY if tr.engine == "memory" else MACHINE
    if (
        not changes or changes[-1][1] != tr.text
    ):  # a change without a revision row: its saver wrote it
        changes = [
            *changes,
            (
                tr.updated_by if tr.origin == Origin.HUMAN.value else draft_owner,
                tr.text,
            ),
        ]
    return word_owners(tr.mt_text or "", draft_owner, changes)


def latest_editions(conn: Connection, lang: str | None = None) -> list[Edition]:
    """The newest edition of every (document, language), with the document's provenance."""
    e, d, st = t.editions, t.documents, t.doc_status
    newest = select(func.max(e.c.id)).group_by(e.c.document_id, e.c.lang)
    query = (
        select(
            e,
            d.c.source_lang,
            d.c.outlet,
            d.c.title.label("title_source"),
            d.c.url,
            d.c.slug,
            d.c.published_at,
            d.c.tags,
            d.c.kind,
            st.c.status,
            st.c.id.label("status_id"),
        )
        .join(d, d.c.id == e.c.document_id)
        .join(st, (st.c.document_id == e.c.document_id) & (st.c.lang == e.c.lang))
        .where(e.c.id.in_(newest))
        .order_by(d.c.published_at.desc().nulls_last(), d.c.id)
    )
    if lang:
        query = query.where(e.c.lang == lang)
    return with_digest_details(
        conn, [_edition(r) for r in conn.execute(query).mappings()]
    )


def _edition(r: Mapping[Any, Any], with_body: bool = True) -> Edition:
    reviewers = (r["approved_by"],)
    return Edition(
        document_id=r["document_id"],
        lang=r["lang"],
        source_lang=r["source_lang"],
        outlet=r["outlet"],
        title_source=r["title_source"],
        title_target=r["title"],
        url=r["url"],
        slug=r["slug"],
        published_at=r["published_at"],
        approved_at=r["approved_at"],
        translated_by=tuple(r["translated_by"]),
        reviewed_by=reviewers,
        engine=r["engine"],
        glossary_version=r["glossary_version"],
        segments=tuple(
            EditionSegment(
                b["paragraph"],
                b["block"],
                b["source"],
                b["target"],
                b["markup"],
                b.get("machine_words", 0),
                b.get("human_words", 0),
                _number(b, i),
                b.get("omitted", ""),
            )
            for i, b in enumerate(r["body"] if with_body else ())
        ),
        tags=tuple(r["tags"] or ()),
        names=tuple(sorted((r.get("names") or {}).items())),
        stale=r["status"] == Status.STALE,
        source_revision=r["source_revision"],
        kind=r["kind"],
        page_slug=r.get("page_slug") or "",
        untranslated=r.get("untranslated") or 0,
    )


def _number(body_segment: dict[str, Any], index: int) -> int:
    """The editor's number of a body sentence. Editions frozen before numbers were stored did not
    record it; their bodies are every sentence after a one-sentence title (segment.py makes the
    title exactly one segment), so the index tells it."""
    return int(body_segment.get("n") or index + 2)


def _newest(with_body: bool):  # type: ignore[no-untyped-def]
    """The latest_editions query, optionally without the (large) body column."""
    e, d, st, ps = t.editions, t.documents, t.doc_status, t.page_slugs
    newest = select(func.max(e.c.id)).group_by(e.c.document_id, e.c.lang)
    cols = [c for c in e.c if with_body or c.name != "body"]
    return (
        select(
            *cols,
            d.c.source_lang,
            d.c.outlet,
            d.c.title.label("title_source"),
            d.c.url,
            d.c.slug,
            d.c.published_at,
            d.c.tags,
            d.c.kind,
            st.c.status,
            ps.c.slug.label("page_slug"),
        )
        .join(d, d.c.id == e.c.document_id)
        .join(st, (st.c.document_id == e.c.document_id) & (st.c.lang == e.c.lang))
        .outerjoin(ps, (ps.c.document_id == e.c.document_id) & (ps.c.lang == e.c.lang))
        .where(e.c.id.in_(newest))
        .order_by(d.c.published_at.desc().nulls_last(), d.c.id)
    )


def any_edition(conn: Connection) -> bool:
    """Whether anything was ever approved: one row, where `latest_edition_heads` reads them all."""
    return conn.execute(select(t.editions.c.id).limit(1)).first() is not None


def latest_edition_heads(conn: Connection) -> list[Edition]:
    """Like `latest_editions` but with `segments=()`: what indexes, feeds and change detection need.

    An edition row never changes once written, so (document, lang, approved_at) stands for its body.
    """
    return with_digest_details(
        conn,
        [
            _edition(r, with_body=False)
            for r in conn.execute(_newest(with_body=False)).mappings()
        ],
    )


def editions_for(conn: Connection, document_ids: list[int]) -> list[Edition]:
    """The newest edition of every language of these documents, bodies included."""
    found: list[Edition] = []
    for i in range(
        0, len(document_ids), 500
    ):  # stay under every backend's bound-parameter limit
        chunk = document_ids[i : i + 500]
        query = _newest(with_body=True).where(t.editions.c.document_id.in_(chunk))
        found.extend(_edition(r) for r in conn.execute(query).mappings())
    return with_digest_details(conn, found)
