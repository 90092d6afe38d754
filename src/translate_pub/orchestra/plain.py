"""Prefect's API clients and the home's server, which speaks plain HTTP on 127.0.0.1.

Every Prefect API client makes a TLS context from a CA bundle (PREFECT_API_SSL_CERT_FILE,
else certifi's 140 roots) whether or not its URL is https: a flow command makes four or
five (the run's client, the events client and its version check, the log sender, a
concurrency slot's), about 25 ms of CPU each to read the bundle. For the home's own server
`prefect_env` names a bundle of one certificate instead (certifi's first, kept in the home's
Prefect folder): nothing is ever encrypted on that connection, and one root is less trust
than the default's, never more. A server the user configured (PREFECT_API_URL), or a
bundle of their own, is left alone.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from translate_pub.files import write_atomic

BUNDLE = "loopback-ca.pem"
_BEGIN, _END = "-----BEGIN CERTIFICATE-----", "-----END CERTIFICATE-----"


def one_certificate_bundle(folder: Path) -> Path | None:
    """The home's one-certificate bundle (made the first time); None if it cannot be made, when
    Prefect keeps its default."""
    path = folder / BUNDLE
    if path.is_file():
        return path
    import certifi

    with contextlib.suppress(OSError, ValueError):
        text = Path(certifi.where()).read_text(encoding="ascii")
        start = text.index(_BEGIN)
        write_atomic(path, text[start : text.index(_END, start) + len(_END)] + "\n")
        return path
    return None
