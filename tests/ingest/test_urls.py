"""Canonical URLs: tracking parameters gone, rel=canonical trusted unless it points at the front page."""

from __future__ import annotations

from lxml import html

from translate_pub.ingest.urls import canonical_url, clean_url


def test_tracking_parameters_and_fragments_are_removed() -> None:
    url = (
        "HTTPS://OVD.info:443/news/2013/1?id=5&utm_source=rss&utm_medium=feed&fbclid=x&gclid=y"
        "&yclid=z&page=2#comments"
    )
    assert clean_url(url) == "https://ovd.info/news/2013/1?id=5&page=2"


def test_rel_canonical_wins_and_is_resolved_against_the_page() -> None:
    tree = html.fromstring(
        '<html><head><link rel="canonical" href="/a/1?utm_campaign=c"></head></html>'
    )
    assert canonical_url(tree, "http://ovd.info/a/1?from=feed") == "http://ovd.info/a/1"


def test_a_canonical_pointing_at_the_front_page_is_ignored() -> None:
    tree = html.fromstring(
        '<html><head><link rel="canonical" href="https://ovd.info/"></head></html>'
    )
    assert (
        canonical_url(tree, "https://ovd.info/news/7?utm_source=x")
        == "https://ovd.info/news/7"
    )


def test_og_url_is_the_fallback() -> None:
    tree = html.fromstring(
        '<html><head><meta property="og:url" content="https://ovd.info/n/9"></head></html>'
    )
    assert canonical_url(tree, "https://m.ovd.info/n/9") == "https://ovd.info/n/9"


def test_an_unparsable_canonical_is_ignored_not_a_crash() -> None:
    tree = html.fromstring(
        '<html><head><link rel="canonical" href="http://ovd.info:abc/n/9">'
        '<meta property="og:url" content="https://ovd.info/n/9"></head></html>'
    )
    assert canonical_url(tree, "https://m.ovd.info/n/9") == "https://ovd.info/n/9"
    assert clean_url("http://[bad/x") == "http://[bad/x"
