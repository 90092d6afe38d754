"""How a home's Prefect server proves itself: the home's API secret (a 0600 file in its Prefect folder),
and (with lifeline.start_time, which tells a recycled pid from the server) the server's own
answer on its port (`prefect_app.WHOAMI`: its pid and its home, behind the secret).

Nothing here imports Prefect.
"""

from __future__ import annotations

import base64
import contextlib
import os
import secrets
import stat
from pathlib import Path

import httpx

from translate_pub.errors import ConfigError
from translate_pub.orchestra.prefect_app import WHOAMI

SECRET_FILE = "api-secret"


def api_secret(folder: Path) -> str:
    """The home's Prefect API secret, made (random, mode 0600) the first time it is asked for."""
    path = folder / SECRET_FILE
    folder.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(FileExistsError):
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(secrets.token_urlsafe(32) + "\n")
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError as exc:
        raise ConfigError(
            f"cannot read the Prefect API secret {path}: {exc.strerror}"
        ) from None
    with os.fdopen(fd) as file:
        mode = os.fstat(file.fileno()).st_mode
        if not stat.S_ISREG(mode) or mode & 0o077:
            raise ConfigError(
                f"{path}: the Prefect API secret must be a regular file only its owner reads "
                "(chmod 600)"
            )
        secret = file.read(1024).strip()
    if len(secret) < 32:
        raise ConfigError(
            f"{path}: the Prefect API secret is shorter than 32 characters; delete the file "
            "to make a new one"
        )
    return secret


def auth_header(secret: str) -> dict[str, str]:
    """The header Prefect's API auth (PREFECT_SERVER_API_AUTH_STRING) expects."""
    return {"Authorization": "Basic " + base64.b64encode(secret.encode()).decode()}


def whoami(client: httpx.Client, api: str, secret: str) -> dict[str, object] | None:
    """What answers at `api` says it is (pid, home), if it is a translate-pub Prefect server that knows
    `secret`; None when nothing, or something else, answers."""
    url = api.removesuffix("/api") + WHOAMI
    try:
        answer = client.get(url, headers=auth_header(secret))
    except httpx.HTTPError:
        return None
    if answer.status_code != 200:
        return None
    try:
        found = answer.json()
    except ValueError:
        return None
    return found if isinstance(found, dict) else None
