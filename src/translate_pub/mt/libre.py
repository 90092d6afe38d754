"""`libretranslate`: a LibreTranslate server, normally self-hosted so unpublished text stays in-house.

    LIBRETRANSLATE_URL       the server, e.g. http://127.0.0.1:5000 (required)
    LIBRETRANSLATE_API_KEY   its API key, if the server wants one

We call the HTTP API directly rather than through deep-translator 1.11.4, whose
LibreTranslator hard-codes `format=text` (placeholders and links get translated
or mangled), sends one text per request although the API takes a list, puts the
text and key in the URL query, and hides 429/Retry-After behind a generic error.
"""

from __future__ import annotations

import os
from typing import Any

import httpx

from translate_pub.errors import ConfigError, MTError
from translate_pub.mt.http import HttpEngine, raise_for
from translate_pub.mt.markup import from_markup, to_markup
from translate_pub.mt.pacing import Limits

DEFAULT_LIMITS = Limits(max_chars=5000, max_items=50, concurrency=4, rate=5.0)


class LibreEngine(HttpEngine):
    name = "libretranslate"

    def __init__(
        self,
        url: str,
        api_key: str | None = None,
        limits: Limits = DEFAULT_LIMITS,
        client: httpx.Client | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(limits, client, **kwargs)
        self.url = url.rstrip("/")
        self.api_key = api_key
        self.version = (
            httpx.URL(self.url).host or self.url
        )  # the server decides the models

    @classmethod
    def from_env(cls) -> LibreEngine:
        url = os.environ.get("LIBRETRANSLATE_URL", "").strip()
        if not url:
            raise ConfigError(
                "libretranslate: set LIBRETRANSLATE_URL to your server, e.g. http://127.0.0.1:5000"
            )
        return cls(url, os.environ.get("LIBRETRANSLATE_API_KEY") or None)

    def request(
        self, texts: list[str], source_lang: str, target_lang: str
    ) -> list[str | None]:
        body: dict[str, Any] = {
            "q": [to_markup(t) for t in texts],
            "source": source_lang,
            "target": target_lang,
            "format": "html",
        }
        if self.api_key:
            body["api_key"] = self.api_key
        response = self.post(f"{self.url}/translate", json=body)
        raise_for(self.name, response)
        outs = response.json().get("translatedText")
        if not isinstance(outs, list) or len(outs) != len(texts):
            raise MTError(
                f"{self.name}: answered {type(outs).__name__} for {len(texts)} texts"
            )
        return [
            from_markup(o, t) if o else None for o, t in zip(outs, texts, strict=True)
        ]
