"""Prefect's API clients and the home's server, which speaks plain HTTP on 127.0.0.1.

Every Prefect API client makes a TLS context from a CA bundle (PREFECT_API_SSL_CERT_FILE,
else certifi's 140 roots) whether or not its URL is https: a flow command makes four or
five (the run's client, the events client and its version check, the log sender, a
concurrency slot's), about 25 ms of CPU each to read the bundle. For the home's own server
`supervisor.connecting` names a bundle of one certificate instead (certifi's first, kept in the home's
Prefect folder): nothing is ever encrypted on that connection, and one root is less trust
than the default's, never more. A server the user configured (PREFECT_API_URL), or a
bundle of their own, is left alone.

Each client also asks the server's version before its first request (Prefect's check that
client and server are compatible): a round trip on the way to a run's first state and to a
task's concurrency slot. When the home's server says (whoami) it runs this installation's
own Prefect build, there is nothing to check: `supervisor.connecting` turns the check off
(PREFECT_CLIENT_SERVER_VERSION_CHECK_ENABLED); a server started before an upgrade keeps it.
Likewise each client fetches a CSRF token before its first POST, which a server without
CSRF protection (Prefect's default, and the home's unless configured) refuses (422): when
whoami says the server has none, PREFECT_CLIENT_CSRF_SUPPORT_ENABLED is turned off.
"""

from __future__ import annotations

import contextlib
import re
from importlib.util import find_spec
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


def prefect_build() -> str | None:
    """This installation's Prefect version and commit, read from its build file without importing
    Prefect (a command asks before it imports it); None when it cannot be read."""
    spec = find_spec("prefect")
    if spec is None or spec.origin is None:
        return None
    try:
        text = (Path(spec.origin).parent / "_build_info.py").read_text(encoding="utf-8")
    except OSError:
        return None
    found = dict(re.findall(r'^(__version__|__git_commit__) = "([^"]*)"', text, re.M))
    if len(found) < 2:
        return None
    return f"{found['__version__']} {found['__git_commit__']}"


def same_prefect(answer: dict[str, object]) -> bool:
    """Whether a whoami `answer` names this installation's Prefect build."""
    build = prefect_build()
    return build is not None and answer.get("prefect") == build
