"""TMX import into the translation memory: CAT tools' exports (OmegaT, memoQ, Trados, Weblate),
inline codes as placeholders, merged duplicates, and every kind of bad input refused in one
line with nothing lost; imported units serve exact, fuzzy and concordance lookups."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from translate_pub.cli import main
from translate_pub.config import Settings
from translate_pub.model import Provenance
from translate_pub.review.tmx_import import import_memory
from translate_pub.store import Store, imported, memory
from translate_pub.store import schema as t
from translate_pub.store import translations as tr_store

TMX = Path(__file__).parent.parent / "fixtures" / "memory"
PILOT = "Личность пилота была установлена. Им оказался командир эскадрильи Дилокрит Паттави."


def units(store: Store) -> list:  # type: ignore[type-arg]
    with store.begin() as conn:
        return list(conn.execute(select(t.memory_units).order_by(t.memory_units.c.id)))


def tmx(
    tmp_path: Path,
    body: str,
    srclang: str = "ru-RU",
    prolog: str = "",
    name: str = "in.tmx",
) -> Path:
    path = tmp_path / name
    path.write_text(
        f'<?xml version="1.0" encoding="UTF-8"?>\n{prolog}<tmx version="1.4">\n'
        f'<header creationtool="test" segtype="sentence" adminlang="en" srclang="{srclang}" '
        f'datatype="plaintext" o-tmf="x"/>\n<body>\n{body}\n</body>\n</tmx>\n',
        encoding="utf-8",
    )
    return path


def tu(
    source: str, target: str, date: str = "20240101T000000Z", who: str = "anna"
) -> str:
    return (
        f'<tu changedate="{date}" changeid="{who}"><tuv xml:lang="ru-RU"><seg>{source}</seg></tuv>'
        f'<tuv xml:lang="en-US"><seg>{target}</seg></tuv></tu>'
    )


@pytest.mark.parametrize(
    ("name", "count", "sample", "creator"),
    [
        (
            "omegat.tmx",
            2,
            (
                "Местные СМИ сообщают, что в аэропорту по пути на вызов перевернулась <1>пожарная машина</1>.",
                "Local media reports an airport <1>fire vehicle</1> rolled over while responding.",
            ),
            "anna",
        ),
        (
            "memoq.tmx",
            2,
            (
                "Приблизительно в 9:30 по местному времени (02:30 UTC) <1>JAS 39C Gripen</1> упал на "
                "взлетно-посадочную полосу и взорвался.<2/>Аэропорт пришлось закрыть для коммерческих рейсов.",
                "The <1>JAS 39C Gripen</1> crashed onto a runway at around 9:30 am local time (0230 UTC) and "
                "exploded,<2/>closing the airport to commercial flights.",
            ),
            "boris",
        ),
        (
            "trados.tmx",
            2,
            (
                "В понедельник ученые из <1>Медицинской школы Стэнфордского университета</1> объявили об "
                "изобретении нового диагностического инструмента.",
                "On Monday, scientists from the <1>Stanford University School of Medicine</1> announced the "
                "invention of a new diagnostic tool.",
            ),
            "TRADOS\\ivan",
        ),
        (
            "weblate.tmx",
            2,
            ("Личность пилота была установлена.", "The pilot was identified."),
            "",
        ),
    ],
)
def test_cat_tool_exports_become_imported_memory(
    store: Store,
    settings: Settings,
    name: str,
    count: int,
    sample: tuple[str, str],
    creator: str,
) -> None:
    report = import_memory(store, TMX / name, settings)
    assert (report.added, report.merged, report.refused, report.failed) == (
        count,
        0,
        [],
        None,
    )
    found = {(u.source, u.target): u for u in units(store)}
    unit = found[sample]
    assert (unit.lang, unit.origin, unit.file, unit.creator) == (
        "en",
        Provenance.IMPORTED.value,
        name,
        creator,
    )
    assert (unit.changed_at is None) == (name == "weblate.tmx")


def test_duplicates_merge_newest_first_and_exact_lookup_prefers_the_newest(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    old = tmx(
        tmp_path,
        tu("Суд арестовал его.", "The court remanded him.", "20200101T000000Z", "old")
        + tu(
            "Суд арестовал его.", "The court remanded him.", "20220101T000000Z", "mid"
        ),
        name="old.tmx",
    )
    new = tmx(
        tmp_path,
        tu("Суд арестовал его.", "The court remanded him.", "20230101T000000Z", "new")
        + tu(
            "Суд арестовал его.",
            "A court remanded him in custody.",
            "20240101T000000Z",
            "newest",
        ),
        name="new.tmx",
    )
    first, second = (
        import_memory(store, old, settings),
        import_memory(store, new, settings),
    )
    assert (first.added, first.merged, second.added, second.merged) == (1, 1, 1, 1)
    merged = {u.target: (u.creator, u.file) for u in units(store)}
    assert merged == {
        "The court remanded him.": ("new", "new.tmx"),
        "A court remanded him in custody.": ("newest", "new.tmx"),
    }
    with store.begin() as conn:
        assert tr_store.memory_lookups(
            conn, ["Суд арестовал его.", "Нет такого."], "en"
        ) == {"Суд арестовал его.": "A court remanded him in custody."}


def test_imported_units_serve_fuzzy_and_concordance(
    store: Store, settings: Settings
) -> None:
    import_memory(store, TMX / "omegat.tmx", settings)
    near = "Личность пилота была установлена. Им оказался командир эскадрильи Паттави."
    with store.begin() as conn:
        [entry] = imported.similar(conn, [near], "en")[near]
        hits = imported.concordance(conn, "командир эскадрильи", "en")
        assert (
            memory.concordance(conn, "командир эскадрильи", "en") == []
        )  # not approved here
    assert (entry.source, entry.provenance, entry.title) == (
        PILOT,
        Provenance.IMPORTED,
        "omegat.tmx",
    )
    assert [h.target for h in hits] == [
        "The pilot was identified as Squadron Leader Dilokrit Pattavee."
    ]


def test_cli_imports_a_folder_and_says_what_it_did(
    store: Store, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--home", str(settings.home), "memory", "import", str(TMX)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 4 and all(
        "2 unit(s) added to memory, 0 merged" in line for line in out
    )
    assert len(units(store)) == 8


# Bad input: one line each, and nothing lost (every unit is in memory or in the report; a file
# refused whole leaves the memory as it was).


def _cli(
    settings: Settings, path: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[int, list[str]]:
    status = main(["--home", str(settings.home), "memory", "import", str(path)])
    return status, capsys.readouterr().err.splitlines()


def test_malformed_xml_imports_nothing_from_that_file(
    store: Store, settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import_memory(store, TMX / "weblate.tmx", settings)
    before = units(store)
    good = tu("Первое.", "First.")
    bad = tmx(
        tmp_path,
        "\n".join([good] * 3 + ["<tu><tuv xml:lang='ru'><seg>оборвано</tuv></tu>"]),
    )
    status, err = _cli(settings, bad, capsys)
    assert status == 1
    assert err[0].startswith(f"{bad}:8: not well-formed XML") and err[0].endswith(
        "nothing imported"
    )
    assert "Traceback" not in "\n".join(err)
    assert units(store) == before


def test_entities_are_neither_expanded_nor_fetched(
    store: Store, settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    prolog = (
        f'<!DOCTYPE tmx [<!ENTITY l0 "ha"><!ENTITY l1 "&l0;&l0;"><!ENTITY leak SYSTEM "file://{secret}">'
        '<!ENTITY far SYSTEM "http://127.0.0.1:9/x">]>\n'
    )
    path = tmx(
        tmp_path,
        tu("Смех &l1;", "Laughs")
        + "\n"
        + tu("Утечка &leak;", "Leak &far;")
        + "\n"
        + tu("Обычное предложение.", "An ordinary sentence."),
        prolog=prolog,
    )
    status, err = _cli(settings, path, capsys)
    assert status == 1
    assert [line.split(": ", 1)[0] for line in err[:2]] == [f"{path}:6", f"{path}:7"]
    assert all("entity reference" in line for line in err[:2])
    assert len(err) == 3 and err[2].startswith(
        f"translate-pub: error: {path}: 2 problem(s), listed above"
    )
    assert [(u.source, u.target) for u in units(store)] == [
        ("Обычное предложение.", "An ordinary sentence.")
    ]


def test_billion_laughs_is_refused_whole_without_expanding(
    store: Store, settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    laughs = "".join(f'<!ENTITY l{k} "{f"&l{k - 1};" * 10}">' for k in range(1, 10))
    path = tmx(
        tmp_path,
        tu("Смех &l9;", "Laughs") + "\n" + tu("Обычное.", "Ordinary."),
        prolog=f'<!DOCTYPE tmx [<!ENTITY l0 "ha">{laughs}]>\n',
    )
    status, err = _cli(settings, path, capsys)
    assert status == 1
    assert err[0].startswith(
        f"{path}:1: not well-formed XML (Maximum entity amplification"
    )
    assert units(store) == []


def test_a_unit_with_one_side_missing_is_refused_and_the_rest_imported(
    store: Store, settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lonely = '<tu><tuv xml:lang="ru"><seg>Без перевода.</seg></tuv></tu>'
    german = '<tu><tuv xml:lang="ru"><seg>По-немецки.</seg></tuv><tuv xml:lang="de"><seg>Deutsch.</seg></tuv></tu>'
    empty = '<tu><tuv xml:lang="ru"><seg>Пусто.</seg></tuv><tuv xml:lang="en"><seg> </seg></tuv></tu>'
    path = tmx(
        tmp_path,
        "\n".join(
            [tu("Первое.", "First."), lonely, german, empty, tu("Второе.", "Second.")]
        ),
    )
    status, err = _cli(settings, path, capsys)
    assert status == 1
    assert err[:3] == [
        f"{path}:6: the unit has no en side (it has: ru)",
        f"{path}:7: the unit has no en side (it has: de, ru)",
        f"{path}:8: the unit's en side is empty",
    ]
    assert [u.source for u in units(store)] == ["Первое.", "Второе."]


def test_a_foreign_source_language_is_refused_whole(
    store: Store, settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmx(tmp_path, tu("Первое.", "First."), srclang="en-US")
    status, err = _cli(settings, path, capsys)
    assert (status, err[0]) == (
        1,
        f"{path}: its source language is 'en-US', not 'ru': nothing imported",
    )
    assert units(store) == []


def test_a_file_over_the_cap_is_refused_whole(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    path = tmx(
        tmp_path,
        "\n".join(tu(f"Предложение {n}.", f"Sentence {n}.") for n in range(3000)),
    )
    report = import_memory(store, path, replace(settings, max_tmx=100_000))
    assert str(report.failed) == (
        f"{path}: file too large ({path.stat().st_size:,} bytes; the cap is 100,000 bytes)"
        ": nothing imported"
    )
    assert units(store) == []
    assert (
        import_memory(store, path, settings).added == 3000
    )  # under the default cap: streamed in batches


def test_not_tmx_and_missing_paths_are_one_line(
    store: Store, settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    xliff = tmp_path / "x.tmx"
    xliff.write_text('<?xml version="1.0"?><xliff version="1.2"/>', encoding="utf-8")
    status, err = _cli(settings, xliff, capsys)
    assert (status, err[0]) == (1, f"{xliff}: not a TMX document (its root is <xliff>)")
    status, err = _cli(settings, tmp_path / "nope.tmx", capsys)
    assert (status, len(err)) == (1, 1)
    assert err[0].startswith(
        f"translate-pub: error: {tmp_path / 'nope.tmx'}: no such file or folder"
    )


def test_the_editor_shows_imported_exact_and_fuzzy_matches_and_concordance(
    client, world
) -> None:  # type: ignore[no-untyped-def]
    from .test_memory import editor_of, suggestions

    import_memory(world.store, TMX / "omegat.tmx", world.settings)
    import_memory(world.store, TMX / "weblate.tmx", world.settings)
    near = "Личность пилота была установлена. Им оказался командир эскадрильи Паттави."
    page = editor_of(
        client, world, [("title", "Личность пилота была установлена."), ("p", near)]
    )
    assert (
        "100%" in suggestions(page, 1)[0]
        and "The pilot was identified." in suggestions(page, 1)[0]
    )
    [fuzzy] = suggestions(page, 2)
    assert "Memory 94%" in fuzzy and "Squadron Leader Dilokrit Pattavee" in fuzzy
    assert "imported from omegat.tmx" in fuzzy
    hits = client.get("/concordance/en", params={"q": "эскадрильи"}).json()["hits"]
    assert [(h["title"], h["link"]) for h in hits] == [("imported from omegat.tmx", "")]


def test_a_fifo_is_refused_unread(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    fifo = tmp_path / "pipe.tmx"
    os.mkfifo(fifo)
    report = import_memory(store, fifo, settings)  # would hang if opened blocking
    assert (
        str(report.failed) == f"{fifo}: not a regular file (a FIFO): nothing imported"
    )


def _upload(client, name: str, data: bytes):  # type: ignore[no-untyped-def]
    from .conftest import csrf_of

    token = csrf_of(client.get("/admin").text)
    return client.post(
        "/admin/memory",
        data={"csrf": token},
        files={"file": (name, data, "application/x-tmx+xml")},
    )


def test_an_admin_uploads_a_tmx_and_sees_what_was_refused(
    client, world, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from .conftest import login

    login(client, "ada")
    lonely = '<tu><tuv xml:lang="ru"><seg>Без перевода.</seg></tuv></tu>'
    data = tmx(tmp_path, "\n".join([tu("Первое.", "First."), lonely])).read_bytes()
    page = _upload(client, "old-tm.tmx", data)
    assert page.status_code == 200
    assert (
        "1 unit(s) added to memory, 0 merged with one already there, 1 refused."
        in page.text
    )
    assert (
        "old-tm.tmx:6" in page.text
        and "the unit has no en side (it has: ru)" in page.text
    )
    assert [(u.source, u.file) for u in units(world.store)] == [
        ("Первое.", "old-tm.tmx")
    ]
    assert "en: 1 imported units" in client.get("/admin").text
    broken = _upload(client, "broken.tmx", b"<tmx><body><tu>")
    assert (
        broken.status_code == 422
        and "Nothing was imported from this file" in broken.text
    )


def test_only_admins_upload_memory_and_the_page_reads_in_russian(
    client, world, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from .conftest import csrf_of, login

    login(client, "ed")
    token = csrf_of(client.get("/queue").text)
    refused = client.post(
        "/admin/memory",
        data={"csrf": token},
        files={"file": ("a.tmx", (TMX / "weblate.tmx").read_bytes(), "text/xml")},
    )
    assert refused.status_code == 403 and units(world.store) == []
    login(client, "ada")
    client.cookies.set("tp_ui", "ru")
    lonely = '<tu><tuv xml:lang="ru"><seg>Без перевода.</seg></tuv></tu>'
    page = _upload(client, "old.tmx", tmx(tmp_path, lonely).read_bytes())
    assert "в единице нет стороны en (есть: ru)" in page.text
