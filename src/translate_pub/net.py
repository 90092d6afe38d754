"""The one way out to the network: every outbound HTTP request of translate-pub is sent by a
client made here (ingest's fetches, the MT providers, the S3 deploy, the demo's check).

- Timeouts everywhere: `TIMEOUT` unless the caller names another.
- The address policy: a client made with a `Policy` connects only to public addresses, or
  to hosts the policy allows. The check is made on the resolved address and the
  connection goes to that very address, so a second DNS answer cannot redirect it.
- `retry_after`: a Retry-After header as seconds, whether a number or an HTTP date.
- `retrying`: the one retry loop, for errors that say how long to wait (`Retryable`).
"""

from __future__ import annotations

import functools
import ipaddress
import socket
import ssl
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, TypeVar

import httpcore
import httpx

from translate_pub.errors import BlockedAddress

TIMEOUT = httpx.Timeout(30.0, connect=10.0)
T = TypeVar("T")


@dataclass(frozen=True)
class Policy:
    """Which addresses a client may connect to: public ones, and any address of `allowed_hosts`."""

    allowed_hosts: frozenset[str] = frozenset()

    def addresses(self, host: str, port: int) -> list[str]:
        """The addresses to connect to for `host`; BlockedAddress if any of them is not public."""
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except OSError as exc:
            raise httpcore.ConnectError(f"cannot resolve {host} ({exc})") from None
        found = list(dict.fromkeys(str(info[4][0]) for info in infos))
        if host.lower().strip("[]") in self.allowed_hosts:
            return found
        for address in found:
            kind = non_public(address)
            if kind:
                raise BlockedAddress(
                    host,
                    f"resolves to {address}, a {kind} address; allow the host in "
                    "the outlets file (allow_hosts) or TRANSLATE_PUB_ALLOW_HOSTS",
                )
        return found


def non_public(address: str) -> str | None:
    """What kind of non-public address this is (loopback, private…), or None for a public one."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    for kind in (
        "loopback",
        "link_local",
        "multicast",
        "unspecified",
        "reserved",
        "private",
    ):
        if getattr(ip, f"is_{kind}"):
            return kind.replace("_", "-")
    return None if ip.is_global else "non-public"


class _PinnedBackend(httpcore.SyncBackend):
    """Resolves and checks the host itself, then connects to the checked address only."""

    def __init__(self, policy: Policy) -> None:
        self.policy = policy

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        last: Exception | None = None
        for address in self.policy.addresses(host, port):
            try:
                return super().connect_tcp(
                    address, port, timeout, local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        raise last or httpcore.ConnectError(f"no address for {host}")


def client(
    policy: Policy | None = None,
    *,
    timeout: httpx.Timeout | float = TIMEOUT,
    **options: Any,
) -> httpx.Client:
    """An HTTP client with timeouts; with a `policy`, one that connects only where it allows.
    TLS still verifies the certificate against the host name, not the pinned address."""
    if policy is None:
        return httpx.Client(timeout=timeout, verify=_tls(), **options)
    transport = httpx.HTTPTransport(verify=_tls())
    # httpx takes no network backend of its own; its connection pool does.
    transport._pool = httpcore.ConnectionPool(
        ssl_context=_tls(), network_backend=_PinnedBackend(policy)
    )
    return httpx.Client(
        timeout=timeout, transport=transport, trust_env=False, **options
    )


def loopback_client(timeout: float) -> httpx.Client:
    """A client for this machine's own plain-HTTP servers (the home's Prefect server, asked by
    every flow command): its TLS context trusts no certificate, since nothing is encrypted, and
    costs nothing to make (reading the CA bundle costs a command about 25 ms)."""
    return httpx.Client(timeout=timeout, verify=ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT))


@functools.cache
def _tls() -> ssl.SSLContext:
    """One TLS context for every client (certifi's CAs, or SSL_CERT_FILE/SSL_CERT_DIR): making one
    reads the CA bundle, which costs tens of milliseconds."""
    return httpx.create_ssl_context()


def retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Retry-After as seconds: either a number or an HTTP date (None when absent or unreadable)."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class Retryable(Exception):
    """A failure worth another try; `retry_after` is the server's word on when (seconds), if any."""

    retry_after: float | None = None


def retrying(
    call: Callable[[], T],
    *,
    retries: int,
    delay: Callable[[int, Any], float],
    sleep: Callable[[float], None],
    retry_on: tuple[type[Exception], ...] = (Retryable,),
) -> T:
    """`call()` until it succeeds or `retries` more attempts failed, sleeping `delay(attempt, error)`
    between attempts; the last error is raised."""
    for attempt in range(retries + 1):
        try:
            return call()
        except retry_on as exc:
            if attempt == retries:
                raise
            sleep(delay(attempt, exc))
    raise AssertionError("unreachable")
