"""Ingest digest files from a file or folder: each resolved against the store's approved editions."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Connection

from translate_pub import msgids as ids
from translate_pub.config import Settings
from translate_pub.errors import InputError, ParseError
from translate_pub.files import read_capped
from translate_pub.ingest.digest import QuoteCall, Resolver, parse_digest
from translate_pub.ingest.encoding import decode
from translate_pub.ingest.files import expand
from translate_pub.model import Digest, QuoteRef
from translate_pub.store import Store
from translate_pub.store.digests import Quotable, QuotedSegment, find_document, quotable
from translate_pub.store.rows import StoredDocument
from translate_pub.store.workflow import save_digest

Named = Callable[[str, str], bool]  # (name, written in) → the glossary names it


def resolver(conn: Connection, lang: str, max_quotes: int) -> Resolver:
    """Shortcodes resolved against the newest approved edition (in `lang`) of the named document;
    each document is read once however often it is quoted, and a digest quotes at most `max_quotes`
    times (TRANSLATE_PUB_MAX_QUOTES)."""
    sources: dict[str, tuple[StoredDocument | None, Quotable | None]] = {}
    count = 0

    def resolve(call: QuoteCall) -> tuple[QuoteRef, tuple[QuotedSegment, ...]]:
        nonlocal count
        count += 1
        if count > max_quotes:
            raise ParseError(
                call.where,
                ids.MAX_QUOTES(n=max_quotes),
            )
        if call.doc not in sources:
            row = find_document(conn, call.doc)
            sources[call.doc] = (
                row,
                quotable(conn, row.id, lang) if row and row.kind != "digest" else None,
            )
        row, source = sources[call.doc]
        if row is None or row.kind == "digest":
            raise ParseError(call.where, ids.UNKNOWN_SOURCE(doc=call.doc))
        if source is None:
            raise ParseError(call.where, ids.NOT_APPROVED(doc=call.doc, lang=lang))
        first, last = call.positions
        run = source.run(first, last)
        if not run:
            have = (
                f"{source.segments[0].position + 1}-{source.segments[-1].position + 1}"
                if source.segments
                else "none"
            )
            asked = (
                str(call.first)
                if call.first == call.last
                else f"{call.first}-{call.last}"
            )
            raise ParseError(
                call.where,
                ids.NO_SENTENCES(doc=call.doc, asked=asked, have=have),
            )
        return QuoteRef(row.id, source.revision, first, last), run

    return resolve


def read_digest(
    conn: Connection, path: Path, settings: Settings, named: Named | None = None
) -> Digest:
    where = str(path)
    raw = read_capped(path, settings.max_bytes)
    return parse_digest(
        decode(raw, where),
        where,
        resolver(conn, settings.targets[0], settings.max_quotes),
        canonical=f"digest:{path.stem}",
        source_lang=settings.source_lang,
        quote_lang=settings.targets[0],
        raw=raw,
        named=named,
    )


def ingest_digests(
    store: Store, path: Path, settings: Settings, named: Named | None = None
) -> tuple[list[str], list[str]]:
    """(one summary line per digest saved, one error line per file that failed); a bad file stops only itself.
    `named`: the names the glossary names (terms/names.py), which get no name segment."""
    done, errors = [], []
    files, notes = expand(path)
    done.extend(notes)
    for f in files:
        if f.suffix.lower() not in (".md", ".markdown"):
            continue
        try:
            with (
                store.begin() as conn
            ):  # read and resolved before the write transaction, which stays short
                digest = read_digest(conn, f, settings, named)
            with store.begin() as conn:
                saved = save_digest(
                    conn, digest, settings.targets_of(digest.document.source_lang)
                )
        except InputError as exc:
            errors.append(str(exc))
            continue
        done.append(
            f"{f}: digest {saved.document_id} {saved.outcome} (revision {saved.revision})"
        )
    return done, errors
