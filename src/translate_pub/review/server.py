"""The review app under uvicorn, as `translate-pub serve` runs it (flows/publisher.py adds the
Publish button's Prefect side)."""

from __future__ import annotations

import uvicorn
from fastapi import FastAPI


def run(app: FastAPI, host: str, port: int) -> None:
    """Serve `app` until interrupted."""
    # proxy_headers: behind a TLS-terminating proxy on this host, cookies become Secure.
    uvicorn.run(app, host=host, port=port, proxy_headers=True, forwarded_allow_ips="127.0.0.1",
                log_level="info")
