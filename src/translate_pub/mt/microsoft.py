"""`microsoft`: Azure AI Translator (v3), HTML mode, many texts a request.

    MICROSOFT_API_KEY      the resource key
    MICROSOFT_REGION       its region (needed for regional and multi-service resources)
    MICROSOFT_API_URL      optional override of https://api.cognitive.microsofttranslator.com

Called directly rather than through deep-translator 1.11.4, whose MicrosoftTranslator
downloads the language list over the network in its constructor, sends one text
per request in plain-text mode, and on a network error calls `.json()` on None.
"""

from __future__ import annotations

import os
from typing import Any

import httpx

from translate_pub.errors import ConfigError, MTError
from translate_pub.mt.http import HttpEngine, raise_for
from translate_pub.mt.markup import from_markup, to_markup
from translate_pub.mt.pacing import Limits

# The API takes 1,000 texts and 50,000 characters a request; smaller requests share the rate better.
DEFAULT_LIMITS = Limits(max_chars=10_000, max_items=100, concurrency=4, rate=5.0)


class MicrosoftEngine(HttpEngine):
    name = "microsoft"
    version = "v3"

    def __init__(
        self,
        api_key: str,
        region: str | None = None,
        url: str | None = None,
        limits: Limits = DEFAULT_LIMITS,
        client: httpx.Client | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(limits, client, **kwargs)
        self.url = (url or "https://api.cognitive.microsofttranslator.com").rstrip("/")
        self.headers = {"Ocp-Apim-Subscription-Key": api_key}
        if region:
            self.headers["Ocp-Apim-Subscription-Region"] = region

    @classmethod
    def from_env(cls) -> MicrosoftEngine:
        key = os.environ.get("MICROSOFT_API_KEY", "").strip()
        if not key:
            raise ConfigError("microsoft: set MICROSOFT_API_KEY (and MICROSOFT_REGION)")
        return cls(
            key,
            os.environ.get("MICROSOFT_REGION") or None,
            os.environ.get("MICROSOFT_API_URL") or None,
        )

    def request(
        self, texts: list[str], source_lang: str, target_lang: str
    ) -> list[str | None]:
        params = {
            "api-version": "3.0",
            "from": source_lang,
            "to": target_lang,
            "textType": "html",
        }
        response = self.post(
            f"{self.url}/translate",
            params=params,
            headers=self.headers,
            json=[{"Text": to_markup(t)} for t in texts],
        )
        raise_for(self.name, response)
        items = response.json()
        if not isinstance(items, list) or len(items) != len(texts):
            raise MTError(
                f"{self.name}: answered {len(items)} items for {len(texts)} texts"
            )
        outs = [(item.get("translations") or [{}])[0].get("text") for item in items]
        return [
            from_markup(o, t) if o else None for o, t in zip(outs, texts, strict=True)
        ]
