"""Builds swap in whole or not at all; a failed or refused build leaves the live site alone."""

from __future__ import annotations

import fcntl
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import insert

from translate_pub.config import Settings
from translate_pub.errors import PublishError
from translate_pub.store import Store, schema

from .newsroom import build_newsroom, publish


def _snapshot(site: Path) -> dict[str, bytes]:
    root = site.resolve()
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file()
    }


def test_failing_build_leaves_previous_site_live(
    store: Store, site_settings: Settings, tmp_path: Path
) -> None:
    ids = build_newsroom(store)
    site = tmp_path / "site"
    publish(store, site_settings, site)
    before, target = _snapshot(site), site.resolve()
    with (
        store.begin() as conn
    ):  # a newer edition whose body cannot be read: rendering fails midway
        conn.execute(
            insert(schema.editions).values(
                document_id=ids["lgbt-chechnya"],
                lang="en",
                source_revision=1,
                approved_at=datetime.now(UTC),
                approved_by="rev",
                translated_by=[],
                engine="",
                glossary_version="",
                title="Broken",
                body=[{"paragraph": 1}],
            )
        )
    with pytest.raises(PublishError, match="previous site stays live"):
        publish(store, site_settings, site)
    assert site.resolve() == target and _snapshot(site) == before
    assert [
        p.name
        for p in (tmp_path / ".site.builds").iterdir()
        if p.name.startswith(".tmp")
    ] == []


def test_out_is_swapped_by_one_rename(
    store: Store, site_settings: Settings, tmp_path: Path
) -> None:
    build_newsroom(store)
    site = tmp_path / "site"
    publish(store, site_settings, site)
    first = site.resolve()
    publish(store, site_settings, site)
    assert site.is_symlink() and site.resolve() != first
    assert (
        first.exists()
    )  # the previous build stays for readers still on it; older ones go
    publish(
        store, site_settings, site.resolve()
    )  # as the CLI passes it: resolved through the link
    assert not first.exists() and site.is_symlink()


def test_refuses_to_replace_a_folder_it_did_not_build(
    store: Store, site_settings: Settings, tmp_path: Path
) -> None:
    build_newsroom(store)
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "precious.txt").write_text("keep me")
    with pytest.raises(PublishError, match="not a site built by translate-pub"):
        publish(store, site_settings, tmp_path / "site")
    assert (tmp_path / "site" / "precious.txt").read_text() == "keep me"


def test_refuses_to_replace_a_link_it_did_not_make(
    store: Store, site_settings: Settings, tmp_path: Path
) -> None:
    build_newsroom(store)
    (tmp_path / "www").mkdir()
    (tmp_path / "www" / "index.html").write_text("a person's own site")
    (tmp_path / "site").symlink_to(tmp_path / "www")
    with pytest.raises(
        PublishError,
        match=r"site is a symbolic link to .*www, not to a site built by translate-pub",
    ):
        publish(store, site_settings, tmp_path / "site")
    assert (tmp_path / "site").readlink() == tmp_path / "www"
    assert (tmp_path / "www" / "index.html").read_text() == "a person's own site"


def test_one_build_at_a_time(
    store: Store, site_settings: Settings, tmp_path: Path
) -> None:
    build_newsroom(store)
    (tmp_path / ".site.builds").mkdir()
    with open(tmp_path / ".site.builds" / "lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(PublishError, match="another publish"):
            publish(store, site_settings, tmp_path / "site")
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("where", ["/proc/self/site", "/proc/version/site", "long"])
def test_an_out_no_site_can_go_to_is_one_error(
    store: Store, site_settings: Settings, tmp_path: Path, where: str
) -> None:
    build_newsroom(store)
    out = tmp_path / ("s" * 300) if where == "long" else Path(where)
    with pytest.raises(PublishError, match="name is too long|cannot publish there"):
        publish(store, site_settings, out)
    assert [
        p for p in tmp_path.iterdir() if p.name != "home"
    ] == []  # nothing of a site


def test_the_homes_site_is_its_link_across_publishes(
    store: Store, site_settings: Settings
) -> None:
    """Found in review: site_dir once named the build the link pointed at, so a publish queued
    behind another, and the preview, were sent to a build that was about to be replaced."""
    from translate_pub.config import site_dir

    build_newsroom(store)
    out = Path(site_dir(site_settings))
    publish(store, site_settings, out)
    assert Path(site_dir(site_settings)) == out and out.is_symlink()
    publish(store, site_settings, Path(site_dir(site_settings)))
    assert out.is_symlink() and (out / "index.html").is_file()
