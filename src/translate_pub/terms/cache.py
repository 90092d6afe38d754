"""The compiled matcher tables on disk, under the home, so a large glossary is compiled once.

A version is compiled once for all of this user's homes: a home that lacks it reads it from the
shared cache (`shared_folder`, under $XDG_CACHE_HOME) and keeps a copy; a first compile
writes both.

One file per key: the glossary version (sha256 of its CSV), the versions of every
library whose output the tables hold (pymorphy3 and its dictionaries, pyahocorasick),
the tables' own format and a digest of the code that compiles them. A new glossary, a
library upgrade or changed matching code is a new key, so the file is rebuilt; old files are removed when a new one is written.

A file is a header, a CRC-32 of the rest and the tables in marshal's format: it loads
several times faster than JSON and, unlike pickle, loading it never runs code. The
checksum is verified before marshal reads a byte (marshal is not made for damaged
data); a file that fails it, does not parse or holds tables for another key is
rebuilt and replaced. The files are written by this machine for this machine (the
packed rows use its byte order).

The validated terms are kept the same way (`terms-<key>.bin`, keyed by the glossary
version, the validating code's source and the libraries it uses), so a warm run reads
them instead of validating the CSV again.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import os
import zlib
from functools import lru_cache
from itertools import chain
from pathlib import Path

from translate_pub.files import write_atomic
from translate_pub.terms.compile import FORMAT, Tables, compile_glossary
from translate_pub.terms.glossary import Glossary, Term, parse_rows, read_csv
from translate_pub.terms.installed import version

LIBRARIES = ("pymorphy3", "pymorphy3-dicts-ru", "pyahocorasick")
VALIDATORS = (
    "glossary.py",
    "morph.py",
    "phrases.py",
)  # the code whose verdict the terms file keeps
# The code whose output the matcher tables hold: compile.py and what it imports from this stage
# (a test keeps the list whole), so a change to morphology rebuilds every home's tables.
MATCHING = ("compile.py", "glossary.py", "morph.py", "phrases.py", "verify.py")
_PREFIX = "matcher-"
_NONE = "\x00"  # no file name starts with it: `_write` removes nothing
SHARED = 8  # glossary versions the shared cache keeps, newest first
_TERMS = "terms-"
log = logging.getLogger(__name__)


def cache_key(glossary: Glossary) -> str:
    parts = [
        f"format={FORMAT}",
        f"glossary={glossary.version}",
        *(f"{lib}={version(lib)}" for lib in LIBRARIES),
        f"code={_code(MATCHING)}",
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]


@lru_cache
def _code(names: tuple[str, ...]) -> str:
    """A digest of the source of these modules of the terms stage: changed code, new key."""
    here = Path(__file__).parent
    return hashlib.sha256(
        b"".join(hashlib.sha256((here / n).read_bytes()).digest() for n in names)
    ).hexdigest()


_MAGIC = b"translate-pub cache\n"


def _read(path: Path, key: str) -> dict | None:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        log.warning("glossary cache %s is unreadable (%s); rebuilding it", path, exc)
        return None
    # A view, not a copy: copying megabytes of tables costs more than reading them.
    head, body = data[: len(_MAGIC) + 4], memoryview(data)[len(_MAGIC) + 4 :]
    if head[: len(_MAGIC)] != _MAGIC or int.from_bytes(
        head[len(_MAGIC) :], "little"
    ) != zlib.crc32(body):
        log.warning(
            "glossary cache %s is damaged (bad header or checksum); rebuilding it", path
        )
        return None
    try:
        tables = marshal.loads(body)
    except (EOFError, ValueError, TypeError) as exc:
        log.warning("glossary cache %s is unreadable (%s); rebuilding it", path, exc)
        return None
    if not isinstance(tables, dict) or tables.get("key") != key:
        log.warning("glossary cache %s does not hold key %s; rebuilding it", path, key)
        return None
    return tables


def _write(folder: Path, path: Path, tables: dict, prefix: str = _PREFIX) -> None:
    """Write atomically (a reader never sees half a file), then drop the files of other keys."""
    folder.mkdir(parents=True, exist_ok=True)
    body = marshal.dumps(tables)
    write_atomic(
        path, _MAGIC + zlib.crc32(body).to_bytes(4, "little") + body, perms=0o600
    )
    for old in folder.glob(f"{prefix}*"):  # other keys, and files of earlier formats
        if old != path:
            old.unlink(missing_ok=True)


def _path(glossary: Glossary, folder: Path) -> Path:
    return folder / f"{_PREFIX}{cache_key(glossary)}.bin"


def discard(glossary: Glossary, folder: Path | None) -> None:
    """Remove the glossary's cache file (found damaged), so the next load compiles it afresh."""
    if folder is not None:
        _path(glossary, folder).unlink(missing_ok=True)


def load_tables(glossary: Glossary, folder: Path | None) -> Tables:
    """The glossary's compiled tables: from `folder` when cached there, else compiled (and cached)."""
    if folder is None:
        return compile_glossary(glossary)
    key = cache_key(glossary)
    path = _path(glossary, folder)
    tables = _read(path, key)
    if tables is not None:
        return tables
    shared = shared_folder()
    tables = (
        _read(shared / path.name, key) if shared else None
    )  # compiled for another home
    if tables is None:
        tables = {**compile_glossary(glossary), "key": key}
        if shared:
            _keep(shared, path.name, tables)
    _keep(folder, path.name, tables, prune=True)
    return tables


def shared_folder() -> Path | None:
    """The cache every home of this user shares, so a glossary version compiles once for all of
    them: $XDG_CACHE_HOME/translate-pub/glossary (~/.cache/...); None without a home folder."""
    base = os.environ.get("XDG_CACHE_HOME")
    try:
        return Path(base or Path.home() / ".cache") / "translate-pub" / "glossary"
    except RuntimeError:  # no home directory known for this user
        return None


def _keep(folder: Path, name: str, tables: dict, prune: bool = False) -> None:
    """Write the tables into `folder` (a home's: only its current key is kept; the shared one keeps
    the newest SHARED files), or say why not: a read-only place still matches, only slower next time."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        _write(folder, folder / name, tables, _PREFIX if prune else _NONE)
        if not prune:
            for old in sorted(folder.glob(f"{_PREFIX}*"), key=_mtime, reverse=True)[
                SHARED:
            ]:
                old.unlink(missing_ok=True)
    except OSError as exc:
        log.warning("cannot write the glossary cache %s (%s)", folder / name, exc)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _terms_key(glossary_version: str) -> str:
    parts = [
        f"format={FORMAT}",
        "terms=columns",
        f"glossary={glossary_version}",
        *(f"{lib}={version(lib)}" for lib in ("babel", "lemminflect")),
        f"code={_code(VALIDATORS)}",
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]


def _term_columns(terms: tuple[Term, ...]) -> list[list]:
    """The terms as one list per field: read back by C loops, not Python code per term."""
    return [
        [t.id for t in terms],
        [t.ru for t in terms],
        [t.en for t in terms],
        [list(t.en_forbidden) for t in terms],
        [t.note for t in terms],
        [t.extra for t in terms],
    ]


def _terms_of(columns: list) -> tuple[Term, ...]:
    ids, rus, ens, forbidden, notes, extras = columns
    if len({*map(len, columns)}) != 1:
        raise ValueError("term fields of different lengths")
    # marshal makes exact types: one set of them per field, not a Python check per term
    if {*map(type, forbidden)} - {list} or {*map(type, extras)} - {dict}:
        raise TypeError("a term's forbidden forms or extra fields of the wrong type")
    texts = chain(
        ids,
        rus,
        ens,
        notes,
        chain.from_iterable(forbidden),
        chain.from_iterable(extras),
        chain.from_iterable(map(dict.values, extras)),
    )
    if {*map(type, texts)} - {str}:
        raise TypeError("a term field is not text")
    fields = (ids, rus, ens, map(tuple, forbidden), notes, map(dict, extras))
    return tuple(map(Term, *fields))


def cached_glossary(path: Path, folder: Path | None) -> Glossary:
    """`load_glossary`, validating each version once: a warm run reads the validated terms from `folder`."""
    where, glossary_version, text = read_csv(path)
    if folder is None:
        return Glossary(
            terms=parse_rows(text, where), version=glossary_version, csv=text
        )
    key = _terms_key(glossary_version)
    file = folder / f"{_TERMS}{key}.bin"
    stored = _read(file, key)
    if stored is not None:
        try:
            return Glossary(
                terms=_terms_of(stored["terms"]),
                version=glossary_version,
                csv=text,
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            log.warning(
                "glossary cache %s is damaged (%r); validating the glossary again",
                file,
                exc,
            )
    glossary = Glossary(
        terms=parse_rows(text, where), version=glossary_version, csv=text
    )
    try:
        _write(
            folder,
            file,
            {"key": key, "terms": _term_columns(glossary.terms)},
            _TERMS,
        )
    except OSError as exc:
        log.warning("cannot write the glossary cache %s (%s)", file, exc)
    return glossary
