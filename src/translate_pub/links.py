"""Links fit to render: only http(s) addresses ever become an href, in the app or on the site."""

from __future__ import annotations

from urllib.parse import urlsplit


def web_url(url: str | None) -> str:
    """`url` if it is fit for an href, else "": only http(s) links are ever rendered. Stored URLs can
    come from files' front matter, and autoescaping does not stop a `javascript:` link."""
    try:
        scheme = urlsplit((url or "").strip()).scheme.lower()
    except ValueError:
        return ""
    return url if url and scheme in ("http", "https") else ""
