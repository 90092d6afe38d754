"""The review app under uvicorn, as `translate-pub serve` runs it (src/translate_pub/orchestra/publisher.py adds the
Publish button's Prefect side).

With several workers uvicorn starts that many processes on one socket; each builds its own
app from the settings in the environment, and they share everything through the store
(sessions included). Proxy headers are believed only from the proxies the settings list.
"""

from __future__ import annotations

import os
from typing import Any

import uvicorn
from fastapi import FastAPI

from translate_pub import arenas, lifeline
from translate_pub.config import Settings

WORKER_STARTUP = (
    120  # seconds a worker may take to build its app and answer uvicorn's health check
)


def run(
    app: FastAPI,
    settings: Settings,
    host: str,
    port: int,
    workers: int = 1,
    factory: str = "",
) -> None:
    """Serve `app` until interrupted; with `workers` > 1, serve that many processes, each calling
    `factory` ("module:function") to build its own app."""
    if workers > 1:
        os.environ["TRANSLATE_PUB_HOME"] = str(
            settings.home.absolute()
        )  # for the workers' settings
        lifeline.mark_parent()  # the workers end with this process, even a SIGKILLed one
        arenas.share_with_children()  # the workers' threads share one malloc arena
    # A worker builds its app (glossary, morphology) before it answers the supervisor's health
    # checks; on a busy machine that takes longer than uvicorn's 5 s, which would kill it in a loop.
    uvicorn.run(
        app if workers == 1 else factory,
        factory=workers > 1,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
        timeout_worker_healthcheck=WORKER_STARTUP,
        **proxy_options(settings),
    )


def proxy_options(settings: Settings) -> dict[str, Any]:
    """Believe X-Forwarded-For/-Proto (client address for throttling, https for Secure cookies)
    only from the proxies listed in the settings; from anyone else they are ignored."""
    if not settings.trusted_proxies:
        return {"proxy_headers": False}
    return {
        "proxy_headers": True,
        "forwarded_allow_ips": list(settings.trusted_proxies),
    }
