"""Ingest digest files from a file or folder: each resolved against the store's approved editions."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Connection

from translate_pub.config import Settings
from translate_pub.errors import InputError, ParseError
from translate_pub.files import read_capped
from translate_pub.ingest.digest import QuoteCall, Resolver, parse_digest
from translate_pub.ingest.encoding import decode
from translate_pub.ingest.files import expand
from translate_pub.model import Digest, QuoteRef
from translate_pub.store import Store
from translate_pub.store.digests import QuotedSegment, find_document, quotable
from translate_pub.store.workflow import save_digest


def resolver(conn: Connection, lang: str) -> Resolver:
    """Shortcodes resolved against the newest approved edition (in `lang`) of the named document."""
    def resolve(call: QuoteCall) -> tuple[QuoteRef, tuple[QuotedSegment, ...]]:
        row = find_document(conn, call.doc)
        if row is None or row.kind == "digest":
            raise ParseError(call.where, f'unknown document "{call.doc}"')
        source = quotable(conn, row.id, lang)
        if source is None:
            raise ParseError(call.where, f'"{call.doc}" has no approved {lang} translation to quote')
        first, last = call.positions
        run = source.run(first, last)
        if not run:
            have = f"{source.segments[0].position + 1}-{source.segments[-1].position + 1}" if source.segments else "none"
            asked = str(call.first) if call.first == call.last else f"{call.first}-{call.last}"
            raise ParseError(call.where, f'"{call.doc}" has no sentences {asked} to quote '
                                         f"(its approved edition has sentences {have}, numbered as in the editor)")
        return QuoteRef(row.id, source.revision, first, last), run
    return resolve


def read_digest(conn: Connection, path: Path, settings: Settings) -> Digest:
    where = str(path)
    raw = read_capped(path, settings.max_bytes)
    return parse_digest(decode(raw, where), where, resolver(conn, settings.targets[0]),
                        canonical=f"digest:{path.stem}", source_lang=settings.source_lang, raw=raw)


def ingest_digests(store: Store, path: Path, settings: Settings) -> tuple[list[str], list[str]]:
    """(one summary line per digest saved, one error line per file that failed); a bad file stops only itself."""
    done, errors = [], []
    files, notes = expand(path)
    done.extend(notes)
    for f in files:
        if f.suffix.lower() not in (".md", ".markdown"):
            continue
        try:
            with store.begin() as conn:
                saved = save_digest(conn, read_digest(conn, f, settings), settings.targets)
        except InputError as exc:
            errors.append(str(exc))
            continue
        done.append(f"{f}: digest {saved.document_id} {saved.outcome} (revision {saved.revision})")
    return done, errors
