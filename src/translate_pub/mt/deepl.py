"""`deepl`: the DeepL API, with the house glossary uploaded as a DeepL glossary.

    DEEPL_API_KEY    the key (keys ending ":fx" are Free-plan keys)
    DEEPL_API_URL    optional override of https://api.deepl.com / https://api-free.deepl.com

Called directly rather than through deep-translator 1.11.4: its DeeplTranslator
sends the key as the `auth_key` parameter, which DeepL has retired (the key now
goes in the `Authorization: DeepL-Auth-Key …` header), translates one text per
GET request, and has no tag handling or glossary support.
"""

from __future__ import annotations

import os
from typing import Any

import httpx

from translate_pub.errors import ConfigError, MTError
from translate_pub.mt.base import NATIVE
from translate_pub.mt.http import HttpEngine, raise_for
from translate_pub.mt.markup import from_markup, to_markup
from translate_pub.mt.pacing import Limits
from translate_pub.terms.glossary import Glossary

# DeepL takes up to 50 texts and 128 KiB a request; Cyrillic is two bytes a character in UTF-8.
DEFAULT_LIMITS = Limits(max_chars=30_000, max_items=50, concurrency=4, rate=5.0)
# Plain "EN" is deprecated as a target; the newsroom's house style is British.
_TARGETS = {"en": "EN-GB", "pt": "PT-PT"}


class DeepLEngine(HttpEngine):
    name = "deepl"
    version = "v2"
    glossary_mode = NATIVE

    def __init__(
        self,
        api_key: str,
        url: str | None = None,
        limits: Limits = DEFAULT_LIMITS,
        client: httpx.Client | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(limits, client, **kwargs)
        free = api_key.endswith(":fx")
        self.url = (
            url or ("https://api-free.deepl.com" if free else "https://api.deepl.com")
        ).rstrip("/")
        self.headers = {"Authorization": f"DeepL-Auth-Key {api_key}"}
        self.glossary_id: str | None = None
        self._glossary_langs: tuple[str, str] | None = None

    @classmethod
    def from_env(cls) -> DeepLEngine:
        key = os.environ.get("DEEPL_API_KEY", "").strip()
        if not key:
            raise ConfigError("deepl: set DEEPL_API_KEY")
        return cls(key, os.environ.get("DEEPL_API_URL") or None)

    def use_glossary(
        self, glossary: Glossary, source_lang: str, target_lang: str
    ) -> None:
        """Find or upload the DeepL glossary for this glossary version and language pair."""
        self.version = f"v2 glossary {glossary.version[:12]}"
        name = f"translate-pub {glossary.version[:16]} {source_lang}-{target_lang}"
        entries = _entries(glossary, target_lang)
        if not entries:
            self.glossary_id, self._glossary_langs = None, None
            return
        listing = self._call("GET", "/v2/glossaries")
        found = [
            g["glossary_id"]
            for g in listing.get("glossaries", [])
            if g.get("name") == name
        ]
        self.glossary_id = (
            found[0]
            if found
            else self._call(
                "POST",
                "/v2/glossaries",
                json={
                    "name": name,
                    "source_lang": source_lang,
                    "target_lang": target_lang,
                    "entries": entries,
                    "entries_format": "tsv",
                },
            )["glossary_id"]
        )
        self._glossary_langs = (source_lang, target_lang)

    def _call(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        try:
            response = self.client.request(
                method, f"{self.url}{path}", headers=self.headers, **kwargs
            )
        except httpx.TransportError as exc:
            raise MTError(
                f"{self.name}: cannot reach {self.url} ({type(exc).__name__})"
            ) from None
        raise_for(self.name, response)
        return dict(response.json())

    def request(
        self, texts: list[str], source_lang: str, target_lang: str
    ) -> list[str | None]:
        body: dict[str, Any] = {
            "text": [to_markup(t) for t in texts],
            "source_lang": source_lang.upper(),
            "target_lang": _TARGETS.get(target_lang, target_lang.upper()),
            "tag_handling": "xml",
        }
        if self.glossary_id and self._glossary_langs == (source_lang, target_lang):
            body["glossary_id"] = self.glossary_id
        response = self.post(
            f"{self.url}/v2/translate", json=body, headers=self.headers
        )
        raise_for(self.name, response)
        outs = [t.get("text") for t in response.json().get("translations", [])]
        if len(outs) != len(texts):
            raise MTError(
                f"{self.name}: answered {len(outs)} translations for {len(texts)} texts"
            )
        return [
            from_markup(o, t) if o else None for o, t in zip(outs, texts, strict=True)
        ]


def _entries(glossary: Glossary, target_lang: str) -> str:
    """TSV of source → house-style target; DeepL refuses duplicate sources and tabs or newlines."""
    rows: dict[str, str] = {}
    for term in glossary.terms:
        target = glossary.target(term.id, target_lang)
        if (
            target
            and term.ru not in rows
            and not any(c in term.ru + target for c in "\t\r\n")
        ):
            rows[term.ru] = target
    return "\n".join(f"{ru}\t{target}" for ru, target in rows.items())
