"""Ingest a batch of sources (files, folders, page URLs, feed URLs) into the store.

Each document is saved in its own transaction, together with the conditional-GET
validators of the URL it came from, so a failure loses nothing else and leaves
nothing half-written. A bad item becomes one error line naming outlet, URL and reason.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy.exc import IntegrityError

from translate_pub.config import Settings
from translate_pub.errors import InputError
from translate_pub.ingest.feeds import Entry, is_feed, parse_feed
from translate_pub.ingest.fetch import Fetched, Fetcher
from translate_pub.ingest.files import expand, read_file
from translate_pub.ingest.page import page_document
from translate_pub.ingest.urls import clean_url
from translate_pub.model import Document
from translate_pub.net import Policy
from translate_pub.store import Store
from translate_pub.store.documents import Saved, find_by_url
from translate_pub.store.fetch_state import get_validators, set_validators
from translate_pub.store.workflow import save_document
from translate_pub.tracking import Tracker


@dataclass
class IngestReport:
    saved: list[Saved] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    not_modified: list[str] = field(
        default_factory=list
    )  # feeds the server said had not changed
    skipped: list[str] = field(
        default_factory=list
    )  # folder entries left alone: links, FIFOs, devices

    def count(self, outcome: str) -> int:
        return sum(1 for s in self.saved if s.outcome == outcome)

    def summary(self) -> str:
        text = (
            f"{self.count('created')} new, {self.count('updated')} updated, "
            f"{self.count('unchanged')} unchanged, {len(self.errors)} failed"
        )
        return (
            f"{text}, {len(self.not_modified)} feeds not modified"
            if self.not_modified
            else text
        )


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def ingest(
    store: Store,
    settings: Settings,
    sources: Iterable[str],
    outlet: str = "local",
    *,
    source_lang: str | None = None,
    fetcher: Fetcher | None = None,
    allow_hosts: Iterable[str] = (),
    named: Callable[[str, str], bool] | None = None,
) -> IngestReport:
    """Ingest every source; `fetcher` defaults to a polite one, closed at the end, that follows
    feeds' links and redirects to public addresses and to `allow_hosts` and the settings' only."""
    policy = Policy(frozenset(h.lower() for h in (*settings.allow_hosts, *allow_hosts)))
    batch = _Batch(
        store,
        settings.targets,
        outlet,
        source_lang or settings.source_lang,
        fetcher or Fetcher(max_bytes=settings.max_bytes, policy=policy),
        settings.max_bytes,
        named=named,
    )
    try:
        for source in sources:
            batch.source(source)
    finally:
        if fetcher is None:
            batch.fetcher.close()
    return batch.report


def read_document(
    source: str, settings: Settings, lang: str, fetcher: Fetcher
) -> Document:
    """One file or page URL read and segmented as `ingest` reads it, without storing it (for
    `memory align`, which reads both versions of a past translation)."""
    if is_url(source):
        return page_document(
            fetcher.get(source, direct=True), "local", lang, where=source
        )
    return read_file(Path(source), source_lang=lang, max_bytes=settings.max_bytes)


@dataclass
class _Batch:
    store: Store
    targets: tuple[str, ...]
    outlet: str
    lang: str
    fetcher: Fetcher
    max_bytes: int
    named: Callable[[str, str], bool] | None = (
        None  # tags the glossary names (no segment)
    )
    report: IngestReport = field(default_factory=IngestReport)
    tracker: Tracker = field(
        default_factory=lambda: Tracker("ingest")
    )  # files, pages and feed entries

    def source(self, source: str) -> None:
        try:
            if (
                not source.strip()
            ):  # Path("") is the current folder: never read it unasked
                raise InputError(
                    repr(source), "an empty name is no file, folder or URL"
                )
            if is_url(source):
                self.tracker.grow(1)
                self.url(source)
                self.tracker.advance(1)
            else:
                self.files(source)
        except InputError as exc:
            self.fail(exc)

    def fail(self, exc: InputError) -> None:
        self.report.errors.append(f"[{self.outlet}] {exc}")

    def files(self, source: str) -> None:
        paths, notes = expand(Path(source))
        self.report.skipped.extend(notes)
        self.tracker.grow(len(paths))
        for path in paths:
            try:
                self.save(
                    read_file(
                        path,
                        outlet=self.outlet,
                        source_lang=self.lang,
                        max_bytes=self.max_bytes,
                        named=self.named,
                    )
                )
            except InputError as exc:
                self.fail(exc)
            self.tracker.advance(1)

    def url(
        self,
        url: str,
        title: str | None = None,
        published_at: datetime | None = None,
        *,
        in_feed: bool = False,
    ) -> None:
        """A page or a feed, told apart by content type or root element."""
        with self.store.begin() as conn:
            known = get_validators(conn, url)
        fetched = self.fetcher.get(
            url,
            etag=known.etag if known else None,
            last_modified=known.last_modified if known else None,
            direct=not in_feed,
        )
        if fetched.not_modified:
            self.unchanged(url)
        elif is_feed(fetched.mime, fetched.content):
            if (
                in_feed
            ):  # a feed linking to a feed would recurse; an entry must be an article
                raise InputError(
                    url, "feed entry links to another feed, not an article"
                )
            self.feed(url, fetched)
        else:
            doc = page_document(
                fetched,
                self.outlet,
                self.lang,
                title=title,
                published_at=published_at,
                where=url,
            )
            self.save(doc, url, fetched)

    def feed(self, url: str, fetched: Fetched) -> None:
        """Every entry; the feed's validators are kept only once every linked page was ingested,
        so a page that failed is tried again at the next poll instead of hiding behind a 304."""
        entries, broken = parse_feed(fetched.content, fetched.content_type, url)
        for exc in broken:
            self.fail(exc)
        self.tracker.grow(len(entries))
        failures = sum(not self.entry(entry) for entry in entries)
        truncated = any(
            exc.where == url for exc in broken
        )  # a 304 must not hide the entries cut off
        if not failures and not truncated:
            with self.store.begin() as conn:
                set_validators(
                    conn, url, fetched.etag, fetched.last_modified, fetched.fetched_at
                )

    def entry(self, entry: Entry) -> bool:
        try:
            return self._entry(entry)
        finally:
            self.tracker.advance(1)

    def _entry(self, entry: Entry) -> bool:
        with self.store.begin() as conn:
            row = find_by_url(conn, entry.link, clean_url(entry.link))
        if row is not None and not _newer(
            entry.updated_at or entry.published_at, row.fetched_at
        ):
            # Known and not updated since we fetched it: no need to ask the site again.
            self.report.saved.append(Saved(row.id, "unchanged", row.revision))
            return True
        try:
            self.url(
                entry.link,
                entry.title or None,
                entry.published_at or entry.updated_at,
                in_feed=True,
            )
        except InputError as exc:
            self.fail(exc)
            return False
        return True

    def unchanged(self, url: str) -> None:
        with self.store.begin() as conn:
            row = find_by_url(conn, url, clean_url(url))
        if row is None:
            self.report.not_modified.append(url)
        else:
            self.report.saved.append(Saved(row.id, "unchanged", row.revision))

    def save(
        self, doc: Document, url: str | None = None, fetched: Fetched | None = None
    ) -> None:
        try:
            saved = self._save_once(doc, url, fetched)
        except IntegrityError:
            # Another task (two feeds of one outlet polled at once) stored this article, or took
            # its slug, between our look-up and our insert: save again, now against their row.
            saved = self._save_once(doc, url, fetched)
        self.report.saved.append(saved)

    def _save_once(
        self, doc: Document, url: str | None, fetched: Fetched | None
    ) -> Saved:
        with self.store.begin() as conn:
            saved = save_document(conn, doc, self.targets)
            if url and fetched:
                set_validators(
                    conn, url, fetched.etag, fetched.last_modified, fetched.fetched_at
                )
        return saved


def _newer(when: datetime | None, than: datetime | None) -> bool:
    if when is None or than is None:
        return False
    return when > than
