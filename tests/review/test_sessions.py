"""Sessions live in the store: hashed tokens, expiry, last seen; logout, password reset and role
change (from the CLI or the app) end them at once."""

from __future__ import annotations

import hashlib
import io
import sys
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update

from translate_pub.cli import main
from translate_pub.store import schema as t
from translate_pub.store.sessions import IDLE

from .conftest import login


def _rows(world) -> list:  # type: ignore[no-untyped-def]
    with world.store.begin() as conn:
        return list(conn.execute(select(t.sessions)))


def test_the_store_keeps_only_a_hash_of_the_token(client, world) -> None:  # type: ignore[no-untyped-def]
    token = login(client, "tanya").cookies["tp_session"]
    (row,) = _rows(world)
    assert row.token_hash == hashlib.sha256(
        token.encode()
    ).hexdigest() and token not in str(tuple(row))
    assert row.expires_at - row.created_at == timedelta(hours=8)


@pytest.mark.parametrize(
    "role", ["translator", "editor"]
)  # a password reset, or a role change too
def test_user_add_from_the_cli_ends_the_web_session_at_once(
    client, world, monkeypatch, role
) -> None:  # type: ignore[no-untyped-def]
    login(client, "tanya")
    assert client.get("/queue").status_code == 200
    monkeypatch.setattr(sys, "stdin", io.StringIO("a brand new passphrase\n"))
    assert (
        main(
            [
                "--home",
                str(world.settings.home),
                "user",
                "add",
                "tanya",
                "--role",
                role,
                "--password-stdin",
            ]
        )
        == 0
    )
    assert client.get("/queue").headers.get("location") == "/login"
    assert _rows(world) == []


@pytest.mark.parametrize("column", ["expires_at", "last_seen"])
def test_an_expired_or_idle_session_is_over(client, world, column) -> None:  # type: ignore[no-untyped-def]
    login(client, "tanya")
    past = datetime.now(UTC) - IDLE - timedelta(seconds=1)
    with world.store.begin() as conn:
        conn.execute(update(t.sessions).values({column: past}))
    assert client.get("/queue").headers.get("location") == "/login"


def test_last_seen_follows_use(client, world) -> None:  # type: ignore[no-untyped-def]
    login(client, "tanya")
    with world.store.begin() as conn:
        conn.execute(
            update(t.sessions).values(
                last_seen=datetime.now(UTC) - timedelta(minutes=30)
            )
        )
    before = datetime.now(UTC)
    assert client.get("/queue").status_code == 200
    assert _rows(world)[0].last_seen >= before - timedelta(seconds=1)
