"""A tag or series name that is a glossary term gets no name segment: every page calls it by
the glossary's rendering (publish/names.py), so a reviewed translation of it would never show."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.digest_newsroom import build_sources
from translate_pub.cli import main
from translate_pub.config import Settings
from translate_pub.model import Edition
from translate_pub.publish.names import localised
from translate_pub.store import Store
from translate_pub.store.documents import current_segments
from translate_pub.terms.glossary import load_glossary
from translate_pub.terms.names import glossary_names, named_by_glossary

GLOSSARY = Path(__file__).parent.parent / "fixtures" / "review" / "terms.csv"


def test_a_digest_tag_that_is_a_term_gets_no_name_segment(
    store: Store,
    settings: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    build_sources(store)
    monkeypatch.setenv("TRANSLATE_PUB_GLOSSARY", str(GLOSSARY))
    path = tmp_path / "weekly.md"
    path.write_text(
        "---\ntitle: Обзор недели\nauthor: ed\ndate: 2017-06-26\n"
        "tags: [суды, митинги]\nseries: Активисты недели\n---\n"
        'Текст.\n\n{{< quote doc="o-nas" segments="2" >}}\n'
    )
    assert main(["--home", str(settings.home), "digest", str(path)]) == 0
    doc_id = int(capsys.readouterr().out.split("digest ")[1].split()[0])
    with store.begin() as conn:
        names = [s.source for s in current_segments(conn, doc_id) if s.block == "name"]
    # «суды» is the term «суд», «Активисты недели» is not a term (only «активист» is)
    assert names == ["митинги", "Активисты недели"]


def test_the_test_is_the_one_publish_names_by() -> None:
    terms = load_glossary(GLOSSARY).terms
    named = named_by_glossary(terms, lambda w: ("ru",) if w == "en" else ("en",))
    assert named("суды", "ru") and named("Суд", "ru") and not named("митинги", "ru")
    assert named("courts", "en") and not named("rallies", "en")  # English-first digests
    assert not named_by_glossary(terms, lambda w: ())("суды", "ru")  # no other language
    edition = object.__new__(Edition)
    edition.__dict__.update(tags=("суды",), series="", names=())
    assert localised(edition, glossary_names(terms, "en")).names == (("суды", "court"),)


def test_an_article_tag_that_is_a_term_gets_no_name_segment(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    """As the ingest flow calls it: the tags of a Markdown file, «суды» the glossary's."""
    from translate_pub.ingest.run import ingest
    from translate_pub.terms.names import named_in

    path = tmp_path / "news.md"
    path.write_text("---\ntitle: Суд\ntags: [суды, митинги]\n---\nСуд отказал.\n")
    named = named_in(GLOSSARY, settings.targets_of)
    report = ingest(store, settings, [str(path)], named=named)
    assert report.errors == []
    with store.begin() as conn:
        segs = current_segments(conn, report.saved[0].document_id)
    assert [s.source for s in segs if s.block == "name"] == ["митинги"]
    assert named_in(tmp_path / "none", settings.targets_of)("суды", "ru") is False
