"""A fake machine-translation service on 127.0.0.1: LibreTranslate-, DeepL- and Microsoft-compatible.

It "translates" deterministically (a tiny lexicon, then transliteration of any
Cyrillic left; into Russian, the lexicon the other way round and Latin letters spelt in Cyrillic), keeps tags in HTML/XML mode like the real services, and can be
told to be slow (`latency`), to rate-limit (`rate`, answering 429 + Retry-After),
to fail at random (`failure_rate`, half 429 and half 500), to fail on script
(`script`: the next responses' status codes) and to refuse big requests
(`max_chars`, 413). MyMemory's GET /get is there too, for deep-translator. Everything it saw is counted in `stats`.
"""

from __future__ import annotations

import html
import json
import random
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import iuliia

LEXICON = {
    "Москве": "Moscow",
    "Москва": "Moscow",
    "задержали": "detained",
    "в": "in",
    "и": "and",
    "Мемориал": "Memorial",
    "Кавказский узел": "Caucasian Node",
    "Чечне": "Chechnya",
}
_WORD = re.compile(
    r"(?<!\w)(?:"
    + "|".join(sorted(map(re.escape, LEXICON), key=len, reverse=True))
    + r")(?!\w)"
)
_TAG = re.compile(r"(<[^>]*>)")
LEXICON_RU = {"Moscow": "Москве", "detained": "задержали", "in": "в", "and": "и"}
_WORD_EN = re.compile(r"(?<!\w)(?:" + "|".join(LEXICON_RU) + r")(?!\w)")
_CYRILLIC = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "абцдефгхийклмнопкрстуввкызАБЦДЕФГХИЙКЛМНОПКРСТУВВКЫЗ",
)


def fake_translate(
    text: str, html: bool, glossary: dict[str, str] | None = None, target: str = "en"
) -> str:
    if target.lower() == "ru":
        return _into_russian(text, html)
    parts = _TAG.split(text) if html else [text]
    out = []
    for i, part in enumerate(parts):
        if html and i % 2:
            out.append(part)  # a tag: kept exactly, as real services do in HTML mode
            continue
        for src, tgt in (glossary or {}).items():
            part = part.replace(src, tgt)
        part = _WORD.sub(lambda m: LEXICON[m.group()], part)
        out.append(iuliia.WIKIPEDIA.translate(part))
    return "".join(out)


def _into_russian(text: str, html: bool) -> str:
    """English into "Russian": the lexicon, then every Latin letter spelt in Cyrillic; tags and
    Cyrillic already there (a glossary term shielded in its Russian form) kept."""
    parts = _TAG.split(text) if html else [text]
    return "".join(
        part
        if html and i % 2
        else _WORD_EN.sub(lambda m: LEXICON_RU[m.group()], part).translate(_CYRILLIC)
        for i, part in enumerate(parts)
    )


@dataclass
class Behaviour:
    latency: float = 0.0
    rate: float | None = None  # requests per second the server accepts
    burst: int = 2
    failure_rate: float = 0.0
    retry_after: str | None = "0"  # Retry-After sent with injected 429s
    script: list[int] = field(
        default_factory=list
    )  # status codes for the next requests
    max_chars: int | None = None
    libre_key: str | None = None
    deepl_key: str = "secret:fx"
    empty_for: str | None = (
        None  # a text the service answers with "" (a silent failure)
    )
    seed: int = 8
    languages: tuple[str, ...] = (
        "ru",
        "en",
        "en-gb",
        "uk",
    )  # others are refused with 400


@dataclass
class Stats:
    requests: int = 0
    translated: int = 0  # requests answered with translations
    in_flight: int = 0
    max_in_flight: int = 0  # most requests being handled at once
    texts: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    bodies: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)


class FakeMT:
    def __init__(self, behaviour: Behaviour | None = None) -> None:
        self.behaviour = behaviour or Behaviour()
        self.stats = Stats()
        self.glossaries: dict[str, dict[str, Any]] = {}
        self.lock = threading.Lock()
        self._random = random.Random(self.behaviour.seed)
        self._tokens, self._at = float(self.behaviour.burst), time.monotonic()
        self.url = ""

    def admit(self) -> tuple[int, dict[str, str]] | None:
        """A refusal (status, headers) decided before looking at the request, or None."""
        b = self.behaviour
        with self.lock:
            if b.script and b.script[0] == 200:
                b.script.pop(0)
            elif b.script:
                code = b.script.pop(0)
                return (
                    code,
                    {"Retry-After": b.retry_after}
                    if code == 429 and b.retry_after
                    else {},
                )
            if b.rate:
                now = time.monotonic()
                self._tokens = min(b.burst, self._tokens + (now - self._at) * b.rate)
                self._at = now
                if self._tokens < 1:
                    return 429, {"Retry-After": f"{(1 - self._tokens) / b.rate:.3f}"}
                self._tokens -= 1
            if b.failure_rate and self._random.random() < b.failure_rate:
                code = self._random.choice((429, 500))
                return (
                    code,
                    {"Retry-After": b.retry_after}
                    if code == 429 and b.retry_after
                    else {},
                )
        return None


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._handle("GET")

    def do_POST(self) -> None:
        self._handle("POST")

    def _handle(self, method: str) -> None:
        fake = self.server.fake
        url = urlsplit(self.path)
        query = {k: v[-1] for k, v in parse_qs(url.query).items()}
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        body = self._body(raw)
        with fake.lock:
            fake.stats.requests += 1
            fake.stats.bodies.append(body)
            fake.stats.headers.append(dict(self.headers))
            fake.stats.in_flight += 1
            fake.stats.max_in_flight = max(
                fake.stats.max_in_flight, fake.stats.in_flight
            )
        self._in_flight = True
        try:
            self._answer(method, url.path, query, body)
        finally:
            self._done()

    def _done(self) -> None:
        """Count this request as finished before its answer leaves, so a client that sends its
        next request on receipt never meets this one still counted."""
        if self._in_flight:
            self._in_flight = False
            with self.server.fake.lock:
                self.server.fake.stats.in_flight -= 1

    def _answer(
        self, method: str, path: str, query: dict[str, str], body: dict[str, Any]
    ) -> None:
        fake = self.server.fake
        time.sleep(
            fake.behaviour.latency
        )  # the simulated service's own work, not test synchronisation
        refusal = fake.admit()
        if refusal:
            return self._send(refusal[0], {"error": "injected"}, refusal[1])
        route = {
            ("POST", "/translate"): self._microsoft
            if "api-version" in query
            else self._libre,
            ("POST", "/v2/translate"): self._deepl,
            ("GET", "/v2/translate"): self._deepl,
            ("GET", "/v2/glossaries"): self._list_glossaries,
            ("GET", "/get"): self._mymemory,
            ("POST", "/v2/glossaries"): self._create_glossary,
        }.get((method, path))
        if route is None:
            return self._send(404, {"error": "not found"})
        status, payload = route(body, query)
        self._send(status, payload)

    @staticmethod
    def _body(raw: bytes) -> dict[str, Any]:
        if not raw:
            return {}
        try:
            data = json.loads(raw)
            return data if isinstance(data, dict) else {"items": data}
        except json.JSONDecodeError:
            return {
                k: v if len(v) > 1 else v[0] for k, v in parse_qs(raw.decode()).items()
            }

    def _texts(
        self,
        texts: list[str],
        html: bool,
        glossary: dict[str, str] | None = None,
        target: str = "en",
    ) -> tuple[int, list[str]] | tuple[int, dict[str, str]]:
        fake = self.server.fake
        if fake.behaviour.max_chars and sum(map(len, texts)) > fake.behaviour.max_chars:
            return 413, {"error": "request too large"}
        with fake.lock:
            fake.stats.translated += 1
            fake.stats.texts += len(texts)
        return 200, [
            ""
            if t == fake.behaviour.empty_for
            else fake_translate(t, html, glossary, target)
            for t in texts
        ]

    def _libre(self, body: dict[str, Any], query: dict[str, str]) -> tuple[int, Any]:
        key = self.server.fake.behaviour.libre_key
        if key and body.get("api_key") != key:
            return 403, {"error": "Invalid API key"}
        if body.get("target", "").lower() not in self.server.fake.behaviour.languages:
            return 400, {"error": "target language not supported"}
        q = body.get("q", "")
        status, out = self._texts(
            q if isinstance(q, list) else [q],
            body.get("format") == "html",
            target=body.get("target", "en"),
        )
        if status != 200:
            return status, out
        return 200, {"translatedText": out if isinstance(q, list) else out[0]}  # type: ignore[index]

    def _deepl_auth(self, body: dict[str, Any], query: dict[str, str]) -> bool:
        if "auth_key" in body or "auth_key" in query:
            return (
                False  # the retired form parameter, as deep-translator 1.11.4 sends it
            )
        return (
            self.headers.get("Authorization")
            == f"DeepL-Auth-Key {self.server.fake.behaviour.deepl_key}"
        )

    def _deepl(self, body: dict[str, Any], query: dict[str, str]) -> tuple[int, Any]:
        if not self._deepl_auth(body, query):
            return 403, {"message": "Authorization failure"}
        if (
            body.get("target_lang", "").lower()
            not in self.server.fake.behaviour.languages
        ):
            return 400, {"message": "Value for 'target_lang' not supported."}
        texts = body.get("text", [])
        glossary = self.server.fake.glossaries.get(body.get("glossary_id", ""), {}).get(
            "entries_map"
        )
        status, out = self._texts(
            texts if isinstance(texts, list) else [texts],
            body.get("tag_handling") in ("xml", "html"),
            glossary,
            body.get("target_lang", "en"),
        )
        if status != 200:
            return status, out
        return 200, {
            "translations": [{"detected_source_language": "RU", "text": t} for t in out]
        }

    def _list_glossaries(
        self, body: dict[str, Any], query: dict[str, str]
    ) -> tuple[int, Any]:
        if not self._deepl_auth(body, query):
            return 403, {"message": "Authorization failure"}
        return 200, {
            "glossaries": [
                {k: v for k, v in g.items() if k != "entries_map"}
                for g in self.server.fake.glossaries.values()
            ]
        }

    def _create_glossary(
        self, body: dict[str, Any], query: dict[str, str]
    ) -> tuple[int, Any]:
        if not self._deepl_auth(body, query):
            return 403, {"message": "Authorization failure"}
        entries = dict(
            line.split("\t", 1) for line in body["entries"].splitlines() if line
        )
        gid = f"g{len(self.server.fake.glossaries) + 1}"
        self.server.fake.glossaries[gid] = {
            "glossary_id": gid,
            "name": body["name"],
            "ready": True,
            "entry_count": len(entries),
            "entries_map": entries,
        }
        return 201, self.server.fake.glossaries[gid] | {"entries_map": None}

    def _mymemory(self, body: dict[str, Any], query: dict[str, str]) -> tuple[int, Any]:
        if (
            query.get("langpair", "").split("|")[-1].split("-")[0]
            not in self.server.fake.behaviour.languages
        ):
            return 400, {"responseDetails": "INVALID TARGET LANGUAGE"}
        status, out = self._texts([query.get("q", "")], False)
        if status != 200:
            return status, out
        # Like the real MyMemory (and Google's web endpoint), it answers HTML-escaped text.
        return 200, {
            "responseData": {"translatedText": html.escape(out[0])},
            "matches": [],
        }  # type: ignore[index]

    def _microsoft(
        self, body: dict[str, Any], query: dict[str, str]
    ) -> tuple[int, Any]:
        if self.headers.get("Ocp-Apim-Subscription-Key") != "ms-key":
            return 401, {"error": {"code": 401000, "message": "bad key"}}
        if query.get("to", "").lower() not in self.server.fake.behaviour.languages:
            return 400, {
                "error": {
                    "code": 400036,
                    "message": "The target language is not valid.",
                }
            }
        status, out = self._texts(
            [i["Text"] for i in body["items"]], query.get("textType") == "html"
        )
        if status != 200:
            return status, out
        return 200, [{"translations": [{"text": t, "to": query["to"]}]} for t in out]

    def _send(
        self, status: int, payload: Any, headers: dict[str, str] | None = None
    ) -> None:
        data = json.dumps(payload, ensure_ascii=False).encode()
        with self.server.fake.lock:
            self.server.fake.stats.statuses[status] = (
                self.server.fake.stats.statuses.get(status, 0) + 1
            )
        self._done()
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    fake: FakeMT


@contextmanager
def serve(behaviour: Behaviour | None = None) -> Iterator[FakeMT]:
    """Run a fake service on a free port of 127.0.0.1 for the duration of the block."""
    fake = FakeMT(behaviour)
    server = _Server(("127.0.0.1", 0), _Handler)
    server.fake = fake
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
    )
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
