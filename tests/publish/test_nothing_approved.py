"""Publish with nothing to publish writes nothing; publish never deletes a folder it did not
create, and a refused or failed first publish leaves no new folder behind."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import insert

from translate_pub.cli import main
from translate_pub.config import Settings
from translate_pub.errors import PublishError
from translate_pub.model import NOTHING_APPROVED
from translate_pub.store import Store, schema

from .newsroom import build_newsroom, publish


def test_nothing_approved_writes_nothing_and_creates_no_folder(
    store: Store, site_settings: Settings, tmp_path: Path
) -> None:
    assert publish(store, site_settings, tmp_path / "new" / "site") == NOTHING_APPROVED
    assert not (tmp_path / "new").exists()


@pytest.mark.flow
def test_the_publish_command_with_nothing_approved_exits_0(
    settings: Settings,
    prefect_server: None,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    home = str(settings.home)
    assert main(["--home", home, "init"]) == 0
    capsys.readouterr()
    assert main(["--home", home, "publish", "--out", str(tmp_path / "site")]) == 0
    assert capsys.readouterr().out.strip() == NOTHING_APPROVED
    assert not (tmp_path / "site").exists() and not (tmp_path / ".site.builds").exists()


def test_an_empty_folder_is_refused_and_kept(
    store: Store, site_settings: Settings, tmp_path: Path
) -> None:
    build_newsroom(store)
    (tmp_path / "site").mkdir()
    with pytest.raises(
        PublishError, match="exists and is not a site built by translate-pub"
    ):
        publish(store, site_settings, tmp_path / "site")
    assert (tmp_path / "site").is_dir() and not (tmp_path / "site").is_symlink()
    assert not (tmp_path / ".site.builds").exists()


def test_a_failed_first_publish_leaves_no_folder(
    store: Store, site_settings: Settings, tmp_path: Path
) -> None:
    ids = build_newsroom(store)
    with (
        store.begin() as conn
    ):  # an edition whose body cannot be read: rendering fails midway
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
    with pytest.raises(PublishError, match="site build failed"):
        publish(store, site_settings, tmp_path / "new" / "site")
    assert not (tmp_path / "new").exists()
