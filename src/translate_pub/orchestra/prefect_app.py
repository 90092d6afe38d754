"""The process of a home's Prefect server: Prefect's own app (REST API, UI, services) under uvicorn, as
`prefect server start` runs it, with two additions the supervisor (`supervisor.py`) relies on:

- only Host headers naming its own address are answered (400 otherwise), so a web page that rebinds
  a foreign name to 127.0.0.1 reaches nothing;
- `GET /translate-pub/whoami`, behind the same secret as the API, answers this process's pid and the
  home's Prefect folder, so that a caller knows the port answers as this home's server, not as
  whatever else listens there, its Prefect build (`plain.prefect_build`) and whether it wants
  CSRF tokens.

The secret (PREFECT_SERVER_API_AUTH_STRING) and the one allowed CORS origin (the UI's own) come from
the environment the supervisor gives it.

    python -m translate_pub.orchestra.prefect_app --port PORT    (the supervisor runs it)
"""

from __future__ import annotations

import argparse
import base64
import hmac
import os

from translate_pub.orchestra.plain import prefect_build

WHOAMI = "/translate-pub/whoami"
HOST = "127.0.0.1"


def create_app(port: int):  # type: ignore[no-untyped-def]
    """Prefect's app, answering only to its own Host, with the whoami route."""
    from fastapi.responses import JSONResponse
    from prefect.server.api.server import create_app as prefect_app
    from prefect.settings import get_current_settings
    from starlette.middleware.trustedhost import TrustedHostMiddleware
    from starlette.requests import Request
    from starlette.routing import Route

    app = prefect_app(final=True)
    secret = os.environ["PREFECT_SERVER_API_AUTH_STRING"]
    folder = os.environ["PREFECT_HOME"]
    build = prefect_build()
    csrf = get_current_settings().server.api.csrf_protection_enabled

    async def whoami(request: Request) -> JSONResponse:
        if not _authorised(request.headers.get("authorization", ""), secret):
            return JSONResponse({"exception_message": "Unauthorized"}, status_code=401)
        return JSONResponse(
            {
                "pid": os.getpid(),
                "home": folder,
                "port": port,
                "prefect": build,
                "csrf": csrf,
            }
        )

    app.router.routes.insert(
        0, Route(WHOAMI, whoami)
    )  # before the UI's mount at "/", which takes any path
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=[HOST])
    return app


def _authorised(header: str, secret: str) -> bool:
    scheme, _, creds = header.partition(" ")
    try:
        given = base64.b64decode(creds, validate=True).decode()
    except ValueError:
        return False
    return scheme == "Basic" and hmac.compare_digest(given.encode(), secret.encode())


def main() -> None:
    import uvicorn

    parser = argparse.ArgumentParser(
        prog="python -m translate_pub.orchestra.prefect_app"
    )
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    os.environ["PREFECT__SERVER_FINAL"] = "1"
    uvicorn.run(
        create_app(args.port),
        host=HOST,
        port=args.port,
        log_level="warning",
        timeout_keep_alive=5,
    )


if __name__ == "__main__":
    main()
