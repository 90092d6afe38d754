"""Canonical URLs: one address per article, whatever link or campaign brought us to it."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from lxml import etree

# Parameters that identify a click or campaign, never the article itself.
TRACKING = {
    "fbclid",
    "gclid",
    "dclid",
    "gbraid",
    "wbraid",
    "msclkid",
    "yclid",
    "ysclid",
    "_openstat",
    "mc_cid",
    "mc_eid",
    "igshid",
    "_hsenc",
    "_hsmi",
    "mkt_tok",
    "spm",
    "rb_clickid",
}
TRACKING_PREFIXES = ("utm_", "__hs", "pk_", "mtm_")


def clean_url(url: str) -> str:
    """`url` without tracking parameters or fragment, with scheme and host lower-cased."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except (
        ValueError
    ):  # a bad port or bracketed host: nothing to clean; the fetch names the error
        return url.strip()
    if parts.scheme not in ("http", "https"):
        return url.strip()
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.lower() not in TRACKING and not k.lower().startswith(TRACKING_PREFIXES)
    ]
    host = (parts.hostname or "").lower()
    if port and (parts.scheme, port) not in (("http", 80), ("https", 443)):
        host = f"{host}:{port}"
    return urlunsplit(
        (parts.scheme.lower(), host, parts.path or "/", urlencode(query), "")
    )


def canonical_url(tree: etree._Element | None, page_url: str) -> str:
    """The page's rel=canonical (or og:url) resolved and cleaned, else the page URL cleaned.

    A canonical pointing at a site's front page is a common CMS misconfiguration; trusting
    it would merge every article into one, so it is ignored. So is a relative canonical in
    a saved local page, which has no site to be relative to.
    """
    if tree is not None:
        for xpath in (
            '//link[@rel="canonical"]/@href',
            '//meta[@property="og:url"]/@content',
        ):
            found = [str(v).strip() for v in tree.xpath(xpath) if str(v).strip()]
            if found:
                try:
                    candidate = urlsplit(clean_url(urljoin(page_url, found[0])))
                    candidate.port  # noqa: B018 -- raises for a bad port
                except (
                    ValueError
                ):  # an unparsable canonical on the page is no canonical
                    continue
                front_page = candidate.path in ("", "/") and urlsplit(
                    page_url
                ).path not in ("", "/")
                if candidate.scheme in ("http", "https") and not front_page:
                    return candidate.geturl()
    return clean_url(page_url)
