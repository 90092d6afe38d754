"""Digest files: quote shortcodes resolved against approved editions, and `file:line` for every mistake."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import select

from tests.digest_newsroom import DIGEST, build_sources
from translate_pub.config import Settings
from translate_pub.ingest.digest_files import ingest_digests
from translate_pub.model import Status
from translate_pub.store import Store, schema
from translate_pub.store.db import alembic_config
from translate_pub.store.documents import archived_raw, current_segments
from translate_pub.store.queue import document_ids
from translate_pub.store.review import editor_rows
from translate_pub.store.translations import get_status

CLI = Path(sys.executable).with_name("translate-pub")


def write(tmp_path: Path, body: str, name: str = "weekly.md") -> Path:
    path = tmp_path / "digests" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(
        f"---\ntitle: Обзор недели\nauthor: Rights in Russia\ndate: 2017-06-26\n---\n{body}"
    )
    return path


def test_a_digest_file_becomes_a_document_whose_quotes_carry_their_approved_english(
    store: Store, settings: Settings
) -> None:
    ids = build_sources(store)
    done, errors = ingest_digests(store, DIGEST, settings)
    assert errors == [] and "created (revision 1)" in done[0]
    with store.begin() as conn:  # the quoted sources are approved; the digest is new
        [doc_id] = document_ids(conn, "en", (Status.NEW,))
        segs = current_segments(conn, doc_id)
        quotes = conn.execute(
            select(schema.digest_quotes).order_by(schema.digest_quotes.c.ordinal)
        ).all()
        english = {
            r.segment_id: r.text
            for r in editor_rows(conn, doc_id, "en")
            if r.translation_id
        }
        meta = conn.execute(select(schema.digests)).one()
        assert get_status(conn, doc_id, "en").status == Status.NEW
    assert (meta.author, meta.series) == (
        "Anna Compiler",
        "Правозащитная группа недели",
    )
    assert [(q.source_id, q.first, q.last) for q in quotes] == [
        (ids["2013-01-28-about.md"], 1, 1),
        (ids["2013-01-29-courts.md"], 1, 2),
        (ids["2013-01-29-courts.md"], 3, 3),
        (ids["2013-01-22-appeals.md"], 3, 3),
    ]
    quoted = [s for s in segs if s.block == "quote"]
    assert quoted[0].source.startswith(
        "ОВД-Инфо - независимый правозащитный медиа-проект"
    )
    assert english[quoted[0].id].startswith(
        "OVD-Info is an independent human rights media project"
    )
    # connecting text waits for MT or the editor: no translation yet
    assert not any(s.id in english for s in segs if s.block != "quote")


def test_reingesting_an_unchanged_file_is_a_no_op_and_a_changed_one_is_a_new_revision(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    build_sources(store)
    path = write(tmp_path, 'Текст.\n\n{{< quote doc="o-nas" segments="2" >}}\n')
    assert "created" in ingest_digests(store, path, settings)[0][0]
    assert "unchanged" in ingest_digests(store, path, settings)[0][0]
    path.write_text(path.read_text().replace('segments="2"', 'segments="2-3"'))
    assert "updated (revision 2)" in ingest_digests(store, path, settings)[0][0]


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        (
            'Текст.\n\n{{< quote doc="ovd-info/no-such-article" segments="2" >}}\n',
            8,
            'unknown document "ovd-info/no-such-article"',
        ),
        (
            '{{< quote doc="o-nas" segments="41-42" >}}\n',
            6,
            '"o-nas" has no sentences 41-42 to quote (its approved edition has sentences 1-15, numbered as in the editor)',
        ),
        (
            'Раз.\n{{< quote doc="o-nas" segments="4-2" >}}\n',
            7,
            "the range runs backwards",
        ),
        ('Раз, {{< quote doc="o-nas" segments="2" >} два.\n', 6, "bad shortcode"),
        (
            '{{< quote doc="o-nas" segment="1" >}}\n',
            6,
            "a quote takes doc and segments; got doc, segment",
        ),
        ('{{< quote doc="o-nas" segments="first" >}}\n', 6, 'bad segments="first"'),
        (
            '{{< quote doc="o-nas" segments="1-' + "9" * 5000 + '" >}}\n',
            6,
            'bad segments="1-999',
        ),
        (
            '{{< quote doc="o-nas" segments="' + "9" * 23 + '" >}}\n',
            6,
            'bad segments="999',
        ),
    ],
)
def test_shortcode_mistakes_name_the_file_and_line(
    store: Store, settings: Settings, tmp_path: Path, body: str, line: int, message: str
) -> None:
    build_sources(store)
    path = write(tmp_path, body)
    done, errors = ingest_digests(store, path.parent, settings)
    assert done == [] and len(errors) == 1
    assert errors[0].startswith(f"{path}:{line}: ") and message in errors[0]
    with store.begin() as conn:
        assert conn.execute(select(schema.digests)).all() == []  # nothing half-saved


def test_a_document_without_an_approved_translation_cannot_be_quoted(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    path = write(tmp_path, '{{< quote doc="o-nas" segments="2" >}}\n')
    build_sources(store)
    with store.begin() as conn:
        conn.execute(schema.editions.delete())
    assert ingest_digests(store, path, settings)[1] == [
        f'{path}:6: "o-nas" has no approved en translation to quote'
    ]


def test_the_cli_reports_file_line_without_a_traceback(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    build_sources(store)
    good = write(
        tmp_path, 'Текст.\n\n{{< quote doc="o-nas" segments="3" >}}\n', "good.md"
    )
    bad = write(
        tmp_path, 'Текст.\n\n{{< quote doc="nowhere" segments="3" >}}\n', "bad.md"
    )
    run = subprocess.run(
        [str(CLI), "--home", str(settings.home), "digest", str(good.parent)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 1
    assert (
        run.stderr.strip()
        == f'translate-pub: error: {bad}:8: unknown document "nowhere"'
    )
    assert f"{good}: digest" in run.stdout and "created" in run.stdout


def test_a_digest_given_to_plain_ingest_is_refused_with_the_right_command(
    tmp_path: Path,
) -> None:
    from translate_pub.errors import InputError
    from translate_pub.ingest.files import read_file

    path = write(tmp_path, 'Текст.\n\n{{< quote doc="o-nas" segments="2" >}}\n')
    with pytest.raises(InputError, match="ingest it with `translate-pub digest`"):
        read_file(path)


def test_the_numbering_migration_keeps_stored_digests_quoting_the_same_sentences(
    store: Store, settings: Settings
) -> None:
    build_sources(store)
    assert "created" in ingest_digests(store, DIGEST, settings)[0][0]
    new = DIGEST.read_bytes()
    # what the code before the migration stored: shortcodes counting from 0, hashed with the same quotes
    old = (
        new.replace(b'segments="2"', b'segments="1"')
        .replace(b'segments="2-3"', b'segments="1-2"')
        .replace(b'segments="4"', b'segments="3"')
    )
    with store.begin() as conn:
        doc = conn.execute(
            select(schema.documents).where(schema.documents.c.kind == "digest")
        ).one()
        refs = "|".join(
            f"{q.source_id}:{q.source_revision}:{q.first}-{q.last}"
            for q in conn.execute(
                select(schema.digest_quotes).order_by(schema.digest_quotes.c.ordinal)
            )
        )
    cfg = alembic_config(settings.db_url)
    command.downgrade(
        cfg,
        ScriptDirectory.from_config(cfg)
        .get_revision("0020_digest_numbering")
        .down_revision,
    )
    with store.begin() as conn:
        assert archived_raw(conn, doc.id, 1) == old
        assert (
            conn.execute(
                select(schema.documents.c.content_hash).where(
                    schema.documents.c.id == doc.id
                )
            ).scalar()
            == hashlib.sha256(old + f"\n{refs}".encode()).hexdigest()
        )
    command.upgrade(cfg, "head")
    with store.begin() as conn:
        assert archived_raw(conn, doc.id, 1) == new
    assert ingest_digests(store, DIGEST, settings)[0][0].endswith(
        "unchanged (revision 1)"
    )


def test_a_shortcode_inside_a_sentence_is_an_inline_quote_of_those_words(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    ids = build_sources(store)
    path = write(
        tmp_path,
        'Проект пишет о себе: {{< quote doc="o-nas" segments="2" >}}. Так и есть.\n',
    )
    done, errors = ingest_digests(store, path, settings)
    assert errors == [], errors
    with store.begin() as conn:
        [digest_id] = document_ids(conn, "en", (Status.NEW,))
        segs = current_segments(conn, digest_id)
        quotes = conn.execute(select(schema.digest_quotes)).all()
    assert [(s.block, s.source) for s in segs] == [
        ("title", "Обзор недели"),
        ("p", "Проект пишет о себе: <1/>."),
        ("p", "Так и есть."),
    ]
    mark = segs[1].markup["1"]
    assert (mark["tag"], mark["doc"], mark["at"]) == (
        "quote",
        str(ids["2013-01-28-about.md"]),
        "1",
    )
    assert mark["source"].startswith(
        "ОВД-Инфо - независимый правозащитный медиа-проект"
    )
    assert mark["target"].startswith(
        "OVD-Info is an independent human rights media project"
    )
    assert [(q.source_id, q.first, q.last) for q in quotes] == [
        (ids["2013-01-28-about.md"], 1, 1)
    ]
