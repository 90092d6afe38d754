"""The compiled matcher tables on disk, under the home, so a large glossary is compiled once.

One JSON file per key: the glossary version (sha256 of its CSV) plus the versions of
every library whose output the tables hold (pymorphy3 and its dictionaries,
pyahocorasick) and the tables' own format. A new glossary or a library upgrade is a
new key, so the file is rebuilt; old files are removed when a new one is written.
JSON, not pickle: loading a cache file can never run code, whoever wrote it. A file
that does not parse, or holds tables for another key, is rebuilt and replaced.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from importlib.metadata import version
from pathlib import Path

from translate_pub.terms.compile import FORMAT, Tables, compile_glossary
from translate_pub.terms.glossary import Glossary

LIBRARIES = ("pymorphy3", "pymorphy3-dicts-ru", "pyahocorasick")
_PREFIX = "matcher-"
log = logging.getLogger(__name__)


def cache_key(glossary: Glossary) -> str:
    parts = [f"format={FORMAT}", f"glossary={glossary.version}", *(f"{lib}={version(lib)}" for lib in LIBRARIES)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]


def _read(path: Path, key: str) -> Tables | None:
    try:
        tables = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        log.warning("glossary cache %s is unreadable (%s); rebuilding it", path, exc)
        return None
    if not isinstance(tables, dict) or tables.get("key") != key:
        log.warning("glossary cache %s does not hold key %s; rebuilding it", path, key)
        return None
    return tables


def _write(folder: Path, path: Path, tables: Tables) -> None:
    """Write atomically (a reader never sees half a file), then drop the files of other keys."""
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(tables, f, ensure_ascii=False, separators=(",", ":"))
    os.replace(tmp, path)
    for old in folder.glob(f"{_PREFIX}*.json"):
        if old != path:
            old.unlink(missing_ok=True)


def _path(glossary: Glossary, folder: Path) -> Path:
    return folder / f"{_PREFIX}{cache_key(glossary)}.json"


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
    if tables is None:
        tables = {**compile_glossary(glossary), "key": key}
        try:
            _write(folder, path, tables)
        except OSError as exc:  # a read-only home still matches, only slower next time
            log.warning("cannot write the glossary cache %s (%s)", path, exc)
    return tables
