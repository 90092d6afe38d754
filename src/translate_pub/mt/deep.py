"""`google`, `yandex`, `mymemory`: providers used through deep-translator, one text a request.

    YANDEX_API_KEY     Yandex Translate key (deep-translator speaks its v1.5 API)
    MYMEMORY_EMAIL     optional: MyMemory's daily quota is larger with a contact address

These sit behind the same limits, retries and circuit breaker as every provider.
deep-translator sends plain text one segment at a time over `requests` without a
timeout: its calls are the one outbound HTTP that does not go through
`translate_pub.net`, so each runs in a thread we stop waiting for after `TIMEOUT`
(a call that never returns keeps its thread, and a few such calls open the circuit
breaker). These are for light use; prefer libretranslate, deepl or microsoft for
whole reports.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any

from deep_translator import GoogleTranslator, MyMemoryTranslator, YandexTranslator
from deep_translator import exceptions as dt
from deep_translator.constants import MY_MEMORY_LANGUAGES_TO_CODES

from translate_pub.errors import ConfigError, RateLimited
from translate_pub.mt.base import HTML, TEXT, Rejected
from translate_pub.mt.http import HttpEngine, Unavailable
from translate_pub.mt.pacing import Limits

TIMEOUT = 60.0  # seconds, as net.TIMEOUT's read timeout with a long text's margin
_CALLS = ThreadPoolExecutor(max_workers=4, thread_name_prefix="deep-translator")
_REFUSED = (
    dt.ApiKeyException,
    dt.AuthorizationException,
    dt.LanguageNotSupportedException,
    dt.InvalidSourceOrTargetLanguage,
    dt.NotValidLength,
    dt.NotValidPayload,
)


class DeepTranslatorEngine(HttpEngine):
    """One deep-translator class behind our limits; `make(source, target)` builds a translator."""

    def __init__(
        self,
        name: str,
        make: Callable[[str, str], Any],
        limits: Limits,
        *,
        output_format: str = TEXT,
        **kwargs: Any,
    ) -> None:
        self.name = name
        self.output_format = output_format
        self.version = "deep-translator 1.11.4"
        super().__init__(limits, **kwargs)
        self.make = make

    def request(
        self, texts: list[str], source_lang: str, target_lang: str
    ) -> list[str | None]:
        call = _CALLS.submit(
            lambda: self.make(source_lang, target_lang).translate(texts[0])
        )
        try:
            out = call.result(timeout=TIMEOUT)
        except FutureTimeout:
            raise Unavailable(f"{self.name}: no answer within {TIMEOUT:g} s") from None
        except dt.TooManyRequests:
            raise RateLimited(f"{self.name}: rate limited") from None
        except _REFUSED as exc:
            raise Rejected(f"{self.name}: {type(exc).__name__}") from None
        except dt.TranslationNotFound:
            return [None]
        except (dt.RequestError, dt.ServerException, OSError) as exc:
            raise Unavailable(f"{self.name}: {type(exc).__name__}") from None
        return [out if isinstance(out, str) else None]


def google() -> DeepTranslatorEngine:
    # The web endpoint takes 5,000 characters and throttles bursts; stay slow and single-file.
    # Its answers are HTML-escaped plain text ("minister&#39;s").
    return DeepTranslatorEngine(
        "google",
        lambda s, t: GoogleTranslator(source=s, target=t),
        Limits(max_chars=5000, max_items=1, concurrency=1, rate=1.0),
        output_format=HTML,
    )


def yandex() -> DeepTranslatorEngine:
    key = os.environ.get("YANDEX_API_KEY", "").strip()
    if not key:
        raise ConfigError("yandex: set YANDEX_API_KEY")
    return DeepTranslatorEngine(
        "yandex",
        lambda s, t: YandexTranslator(source=s, target=t, api_key=key),
        Limits(max_chars=10_000, max_items=1, concurrency=2, rate=5.0),
    )


def mymemory_code(lang: str) -> str:
    """deep-translator's MyMemory wants locale codes (ru-RU), not the ISO codes everyone else takes."""
    return next(
        (
            code
            for code in MY_MEMORY_LANGUAGES_TO_CODES.values()
            if code.split("-")[0] == lang
        ),
        lang,
    )


def mymemory() -> DeepTranslatorEngine:
    email = os.environ.get("MYMEMORY_EMAIL") or None
    return DeepTranslatorEngine(
        "mymemory",
        lambda s, t: MyMemoryTranslator(
            source=mymemory_code(s), target=mymemory_code(t), email=email
        ),
        Limits(max_chars=500, max_items=1, concurrency=1, rate=1.0),
        output_format=HTML,
    )  # escaped, like Google
