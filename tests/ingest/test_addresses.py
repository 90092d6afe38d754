"""Links found in feeds, and every redirect, go only to public addresses unless the outlets file
or a setting allows the host; a URL the user gives directly may be private. The check is made
on the resolved address, and the connection goes to that address."""

from __future__ import annotations

from dataclasses import replace

import pytest

from translate_pub.config import Settings
from translate_pub.errors import BlockedAddress
from translate_pub.ingest.fetch import Fetcher, HostLimiter
from translate_pub.ingest.run import ingest
from translate_pub.net import Policy, non_public
from translate_pub.store import Store

from .conftest import Reply, Site

ARTICLE = "<html><body><article><h1>Суд</h1><p>Суд оштрафовал активиста на 10 000 рублей.</p></article></body></html>"
PRIVATE = "http://10.255.255.1/internal"


def _feed(site: Site) -> str:
    site.add("/secret", Reply(ARTICLE.encode()))
    items = "".join(
        f"<item><title>{n}</title><link>{link}</link></item>"
        for n, link in (("loopback", f"{site.base}/secret"), ("private", PRIVATE))
    )
    return site.add(
        "/feed.xml",
        Reply(
            f"<rss version='2.0'><channel><title>t</title>{items}</channel></rss>".encode(),
            content_type="application/rss+xml",
        ),
    )


def test_feed_entries_pointing_at_loopback_and_private_addresses_are_refused(
    store: Store, settings: Settings, site: Site
) -> None:
    report = ingest(
        store, settings, [_feed(site)], "OVD-Info"
    )  # the feed itself: given by the user
    assert report.count("created") == 0
    assert report.errors == [
        f"[OVD-Info] {site.base}/secret: refused: 127.0.0.1 resolves to 127.0.0.1, a loopback address; "
        "allow the host in the outlets file (allow_hosts) or TRANSLATE_PUB_ALLOW_HOSTS",
        f"[OVD-Info] {PRIVATE}: refused: 10.255.255.1 resolves to 10.255.255.1, a private address; "
        "allow the host in the outlets file (allow_hosts) or TRANSLATE_PUB_ALLOW_HOSTS",
    ]
    assert site.hits("/secret") == []  # never asked


def test_an_allowed_host_may_be_reached(
    store: Store, settings: Settings, site: Site
) -> None:
    by_outlet = ingest(
        store, settings, [_feed(site)], "OVD-Info", allow_hosts=["127.0.0.1"]
    )
    assert (
        by_outlet.count("created") == 1 and len(by_outlet.errors) == 1
    )  # 10.255.255.1 is still refused
    by_setting = ingest(
        store, replace(settings, allow_hosts=("127.0.0.1",)), [_feed(site)], "OVD-Info"
    )
    assert by_setting.count("unchanged") == 1


def test_a_redirect_to_a_private_address_is_refused_even_from_the_users_url(
    site: Site,
) -> None:
    url = site.add(
        "/moved", Reply(b"", status=302, headers={"Location": f"{site.base}/secret"})
    )
    site.add("/secret", Reply(ARTICLE.encode()))
    with (
        Fetcher(limiter=HostLimiter(0), retries=0) as fetcher,
        pytest.raises(BlockedAddress, match="loopback"),
    ):
        fetcher.get(url, direct=True)
    assert site.hits("/secret") == []


def test_a_host_name_is_checked_on_its_resolved_address(site: Site) -> None:
    url = site.add("/secret", Reply(ARTICLE.encode())).replace("127.0.0.1", "localhost")
    with (
        Fetcher(limiter=HostLimiter(0), retries=0) as fetcher,
        pytest.raises(BlockedAddress, match="loopback"),
    ):
        fetcher.get(url)
    with Fetcher(
        limiter=HostLimiter(0), retries=0, policy=Policy(frozenset({"localhost"}))
    ) as fetcher:
        assert (
            fetcher.get(url).status == 200
        )  # connected to the address it checked, with the name kept


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("10.1.2.3", "private"),
        ("192.168.0.1", "private"),
        ("169.254.169.254", "link-local"),
        ("::ffff:127.0.0.1", "loopback"),
        ("0.0.0.0", "unspecified"),
        ("240.0.0.1", "reserved"),
        ("100.64.0.1", "non-public"),
        ("224.0.0.1", "multicast"),
        ("93.184.216.34", None),
    ],
)
def test_address_kinds(address: str, kind: str | None) -> None:
    assert non_public(address) == kind
