"""Drives a publish run: plan, build into a fresh folder through the writer, swap it in atomically.

    OUT                  symlink → .OUT.builds/<build>/site   (what readers and deploys see)
    .OUT.builds/<build>/ site/ + manifest.json (path → input key and content hash)
                         + fragments.json (feed and sitemap entries, reused by the next build)

A build goes into a temporary folder; only when it is complete is the OUT symlink
replaced in one rename, so readers never see half a site and a failed build leaves
the previous one live. Incremental: a page whose inputs (its key) are unchanged is
hard-linked from the previous build instead of rendered; a page rendered to the same
bytes is linked too, so only pages whose content changed are written anew.

The build before the live one is the spare: the next build takes it over (renamed to
a temporary folder) and brings it up to date, replacing only the files that differ, so
an incremental build costs the pages that changed, not a link per page of the site.
Without a spare the build starts from an empty folder and links every unchanged page.
Other superseded builds are deleted by an `rm` process running beside the next build.
"""

from __future__ import annotations

import fcntl
import gc
import hashlib
import os
import shutil
import stat
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from translate_pub import lifeline
from translate_pub.catalogs import LOCALE_DIR
from translate_pub.config import Settings
from translate_pub.errors import PublishError, TranslatePubError
from translate_pub.model import PublishReport, SiteReport
from translate_pub.publish import build
from translate_pub.publish.plan import GLOSSARY_ID, Plan, make_plan
from translate_pub.publish.search import link_index
from translate_pub.publish.writer import Modes, Writer, manifest
from translate_pub.store import Store
from translate_pub.store.editions import any_edition, latest_edition_heads
from translate_pub.store.glossary import glossary_csvs, glossary_dates
from translate_pub.store.slugs import fix_page_slugs
from translate_pub.terms.glossary import parse_rows

PUBLISH_DIR = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of everything besides the data that shapes a page: code, templates, styles, catalogs."""
    digest = hashlib.sha256()
    files = [
        *PUBLISH_DIR.rglob("*.py"),
        *PUBLISH_DIR.rglob("templates/*"),
        *PUBLISH_DIR.rglob("static/*"),
        *LOCALE_DIR.glob("*/LC_MESSAGES/publish.po"),
    ]
    for f in sorted(p for p in files if p.is_file()):
        digest.update(f.name.encode() + f.read_bytes())
    return digest.hexdigest()[:16]


def publish_site(
    store: Store,
    settings: Settings,
    out: str | Path,
    *,
    parallel: bool = True,
    workers: int | None = None,
    search: bool = False,
) -> PublishReport:
    """Build the site from the latest editions into `out` (a symlink we manage); what it built, for
    `workflow.published` to record (the publish flow does).

    With no approved edition nothing is written: the report has no `site` (its summary says
    NOTHING_APPROVED) and no folder is created. `parallel` adds the side-by-side view; `workers` > 1
    renders articles in that many processes (default: one per usable core; a build forks only for
    more than 200 pages, so an incremental publish stays in one process). `search` links the build
    to the readers' search index, which `publish.search.index_site` builds once the site is live.
    """
    started = time.perf_counter()
    out = _link_path(Path(out).absolute())
    with store.begin() as conn:
        if not any_edition(conn):
            return PublishReport()
    builds = check_out(out)
    previous = _current_build(out, builds)  # refuses before anything is made
    try:
        created = _make_folders(builds)
    except OSError as exc:
        raise PublishError(
            f"{out}: cannot publish there ({exc.strerror or exc})"
        ) from None
    for folder in created:  # the web server reaches the build through them
        Modes.for_group(settings.site_group).apply(folder, 0o755)
    # A second publish is refused, never queued, and leaves the folders alone: the first one uses them.
    with _locked(builds), _heap_frozen():
        try:
            plan, refused = _plan(store, settings)
            writer = _build_and_swap(
                store,
                plan,
                builds,
                previous,
                parallel,
                workers or len(os.sched_getaffinity(0)),
                out,
                search,
            )
        except BaseException:
            for folder in created:  # a failed first publish leaves no new folder behind
                shutil.rmtree(folder, ignore_errors=True)
            raise
    built = tuple((a.doc_id, lang) for a in plan.articles for lang in a.heads)
    return PublishReport(
        site=_report(plan, writer, out),
        articles=len(plan.articles),
        langs=tuple(plan.langs),
        seconds=time.perf_counter() - started,
        out=str(out),
        built=built,
        refused=refused,
    )


def check_out(out: Path) -> Path:
    """The builds folder beside `out`, once `out` is a place a site can go: a name short enough for
    its builds folder, in a folder we may write to (not /proc, not read-only). PublishError if not."""
    builds = out.parent / f".{out.name}.builds"
    if len(os.fsencode(builds.name)) > 255:
        raise PublishError(
            f"{str(out)[:80]}…: the name is too long (the site's builds folder adds 9 characters)"
        )
    existing = (
        out.parent
    )  # the folders a first publish makes are made inside the nearest one there
    while not os.path.lexists(existing) and existing != existing.parent:
        existing = existing.parent
    try:
        parent = os.stat(existing)
    except OSError as exc:
        raise PublishError(
            f"{out}: cannot publish there ({exc.strerror or exc})"
        ) from None
    if (
        not stat.S_ISDIR(parent.st_mode)
        or not os.access(existing, os.W_OK | os.X_OK)
        or os.statvfs(existing).f_flag & os.ST_RDONLY
    ):
        raise PublishError(
            f"{out}: cannot publish there ({existing} is not a folder we may write to)"
        )
    return builds


def _plan(store: Store, settings: Settings) -> tuple[Plan, tuple[str, ...]]:
    """What to build, and why an edition was left out; page slugs are fixed here, under the lock, so two
    publishes never race for one. An edition with an untranslated sentence is never published."""
    try:
        with store.begin() as conn:
            heads = latest_edition_heads(conn)
            refused = tuple(
                f"document {e.document_id} ({e.lang}) not published: {e.untranslated} sentence(s) of its "
                "approved edition have no translation; reopen it and translate them"
                for e in heads
                if e.untranslated
            )
            heads = [e for e in heads if not e.untranslated]
            unfixed = {
                (e.document_id, e.lang): e.title_target
                for e in heads
                if not e.page_slug
            }
            if unfixed:
                slugs = fix_page_slugs(conn, unfixed)
                heads = [
                    e
                    if e.page_slug
                    else replace(e, page_slug=slugs[e.document_id, e.lang])
                    for e in heads
                ]
            csvs = glossary_csvs(conn, (e.glossary_version for e in heads))
            loaded = glossary_dates(conn, csvs)
    except TranslatePubError as exc:
        raise PublishError(
            f"{exc}; nothing was built, the previous site stays live"
        ) from exc
    rows = {
        v: parse_rows(text, f"glossary {v[:GLOSSARY_ID]}") for v, text in csvs.items()
    }
    return make_plan(heads, settings, rows, loaded), refused


def _report(plan: Plan, writer: Writer, out: Path) -> SiteReport:
    """Pages new, changed and removed, and the newest approval among the articles rewritten."""
    written = set(writer.written)
    new = sum(1 for p in written if p not in writer.old)
    rewritten = [
        (e, a)
        for a in plan.articles
        for e in a.heads.values()
        if a.path(e.lang) in written
    ]
    e, a = max(
        rewritten,
        key=lambda ea: (ea[0].approved_at, ea[0].document_id),
        default=(None, None),
    )
    trigger: dict[str, Any] = (
        {
            "trigger_id": e.document_id,
            "trigger_lang": e.lang,
            "trigger_title": e.title_target,
            "trigger_path": a.path(e.lang),
        }
        if e and a
        else {}
    )
    return SiteReport(
        at=datetime.now(UTC),
        site_url=plan.settings.site_url,
        pages=len(writer.pages),
        new=new,
        changed=len(written) - new,
        removed=len(writer.old.keys() - writer.pages.keys()),
        out=str(out),
        **trigger,
    )


def _build_and_swap(
    store: Store,
    plan: Plan,
    builds: Path,
    previous: Path | None,
    parallel: bool,
    workers: int,
    out: Path,
    search: bool,
) -> Writer:
    spare = _spare(builds, previous)
    cleaner = _remove(_stale(builds, previous, spare))
    try:
        final, writer = _build(
            store, plan, builds, previous, spare, parallel, workers, search
        )
        _swap(out, final)
    finally:
        if cleaner:
            cleaner.wait()
    return writer


def _make_folders(folder: Path) -> list[Path]:
    """Make `folder` and its missing parents; those this call made (not another process), outermost first."""
    made = []
    for path in [*reversed(folder.parents), folder]:
        try:
            path.mkdir()
        except FileExistsError:
            continue
        made.append(path)
    return made


def _build(
    store: Store,
    plan: Plan,
    builds: Path,
    previous: Path | None,
    spare: Spare | None,
    parallel: bool,
    workers: int,
    search: bool,
) -> tuple[Path, Writer]:
    tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=builds))
    present: dict[str, dict[str, str]] = {}
    if spare:  # taken over whole: a failed build deletes it like any temporary folder
        (spare.folder / "site").rename(tmp / "site")
        shutil.rmtree(spare.folder)
        present = spare.pages
    # Every link in a page is absolute or relative to the site URL: a new URL makes every page new.
    modes = Modes.for_group(plan.settings.site_group)
    modes.apply(
        tmp, modes.folder
    )  # mkdtemp makes it 0700: a web server running as another user must enter
    writer = Writer(
        tmp / "site",
        previous,
        f"{code_version()} {plan.settings.site_url}",
        present,
        modes,
    )
    try:
        build.write_site(store, plan, writer, parallel=parallel, workers=workers)
        writer.save_manifest(tmp)
        if search:
            link_index(tmp / "site")
        final = builds / datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
        tmp.rename(final)
        return final, writer
    except Exception as exc:
        with suppress(Exception):
            writer.flush()  # let queued writes finish before their folder goes
        shutil.rmtree(tmp, ignore_errors=True)
        if isinstance(exc, TranslatePubError):
            raise
        raise PublishError(
            f"site build failed, the previous site stays live: {exc!r}"
        ) from exc


@contextmanager
def _heap_frozen() -> Iterator[None]:
    """Collections during the build skip the objects that existed before it (the app, the imports):
    a plan holds an object per article and page, and every full collection would rescan them all."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@contextmanager
def _locked(builds: Path) -> Iterator[None]:
    with open(builds / "lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise PublishError(
                f"another publish is building into {builds.parent}; try again later"
            ) from None
        yield


def _link_path(out: Path) -> Path:
    """A caller may pass OUT already resolved (…/.OUT.builds/<build>/site): publish to OUT itself."""
    builds = out.parent.parent
    if (
        out.name == "site"
        and builds.name.startswith(".")
        and builds.name.endswith(".builds")
    ):
        return builds.parent / builds.name[1 : -len(".builds")]
    return out


def _current_build(out: Path, builds: Path) -> Path | None:
    """The build folder `out` points at now; refuses to replace a folder that is not ours."""
    if out.is_symlink():
        site = out.resolve()
        if (
            site.parent.parent != builds.resolve()
        ):  # a person's link: never replaced, nor followed
            raise PublishError(
                f"{out} is a symbolic link to {os.readlink(out)}, not to a site built by "
                "translate-pub; choose another --out or remove the link"
            )
        return site.parent if site.is_dir() else None
    if (
        out.exists()
    ):  # even an empty folder: it is someone else's, and only a link can be swapped
        raise PublishError(
            f"{out} exists and is not a site built by translate-pub; "
            "choose another --out or remove it"
        )
    return None


def _swap(out: Path, final: Path) -> None:
    """Point `out` at the new build in one rename: readers see the old site or the new one."""
    link = out.with_name(f".{out.name}.swap-{os.getpid()}")
    link.unlink(missing_ok=True)
    os.symlink(os.path.relpath(final / "site", out.parent), link)
    os.replace(link, out)


@dataclass(frozen=True)
class Spare:
    """A finished build that is not live, and its manifest: the pages it holds."""

    folder: Path
    pages: dict[str, dict[str, str]]


def _builds(builds: Path) -> list[Path]:
    """Finished builds, oldest first (their names are UTC timestamps)."""
    return sorted(e for e in builds.iterdir() if e.name[:1].isdigit() and e.is_dir())


def _spare(builds: Path, previous: Path | None) -> Spare | None:
    """The newest finished build besides the live one, if its manifest says what it holds."""
    for folder in reversed(_builds(builds)):
        if folder != previous:
            pages = manifest(folder)
            return (
                Spare(folder, pages) if pages and (folder / "site").is_dir() else None
            )
    return None


def _stale(builds: Path, previous: Path | None, spare: Spare | None) -> list[Path]:
    """Every build but the live one (kept for readers mid-page until the next swap) and the spare,
    and tmp leftovers."""
    keep = {previous, spare.folder if spare else None}
    return [
        e
        for e in builds.iterdir()
        if e.is_dir()
        and e not in keep
        and (e.name[:1].isdigit() or e.name.startswith(".tmp-"))
    ]


def _remove(folders: list[Path]) -> subprocess.Popen[bytes] | None:
    """Delete folders in a separate `rm` process, on the other core and outside our GIL, while the
    new build renders: unlinking a whole site costs more here than an incremental build."""
    if not folders:
        return None
    return subprocess.Popen(
        ["rm", "-rf", "--", *map(str, folders)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=lifeline.preexec(),
    )
