"""Installed libraries' versions and data files, for cache keys, read without importlib.metadata.

A warm `glossary match` must know the versions its cache files are keyed by, but
importing importlib.metadata (and the email package it parses metadata with) costs
more start-up than the whole lookup. A wheel installs a `<name>-<version>.dist-info`
folder on sys.path; its name is the answer. A library installed another way is asked
of importlib.metadata.
"""

from __future__ import annotations

import os
import re
import sys
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

_SUFFIX = ".dist-info"


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


@lru_cache(maxsize=1)
def _dist_infos() -> dict[str, str]:
    """Normalised distribution name → version; the first folder on sys.path wins, as for imports."""
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if name.endswith(_SUFFIX) and "-" in name:
                dist, _, ver = name.removesuffix(_SUFFIX).partition("-")
                found.setdefault(_normal(dist), ver)
    return found


def version(distribution: str) -> str:
    """The installed version of a distribution (PyPI name)."""
    found = _dist_infos().get(_normal(distribution))
    if found is None:
        from importlib.metadata import version as metadata_version

        return metadata_version(distribution)
    return found


def data_file(package: str, relative: str) -> Path:
    """A file shipped inside a package, found without importing the package (natasha's own
    import is broken here; its data is all that is used)."""
    spec = find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"{package} is not installed")
    return Path(next(iter(spec.submodule_search_locations)), relative)
