"""`translate-pub glossary …` as scripts call it: JSON lines on stdout, one-line errors."""

from __future__ import annotations

import gc
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from translate_pub.cli import main

RULES = Path(__file__).resolve().parent.parent / "fixtures" / "terms" / "rules.csv"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[dict], str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    lines = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    return code, lines, err


def test_match_prints_one_object_per_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    segments = tmp_path / "ru.txt"
    segments.write_text(
        "Из <1>Чечни</1> вывезли людей.\n\nСотрудники Российской ЛГБТ-сети\r\n",
        encoding="utf-8",
    )
    code, lines, _ = run(
        capsys, "glossary", "match", "--glossary", str(RULES), "--json", str(segments)
    )
    assert code == 0
    assert lines == [
        {
            "line": 1,
            "matches": [
                {
                    "id": "chechnya",
                    "start": 6,
                    "end": 11,
                    "surface": "Чечни",
                    "en": "Chechnya",
                    "possible": False,
                }
            ],
        },
        {"line": 2, "matches": []},
        {
            "line": 3,
            "matches": [
                {
                    "id": "russian-lgbt-network",
                    "start": 11,
                    "end": 31,
                    "surface": "Российской ЛГБТ-сети",
                    "en": "Russian LGBT Network",
                    "possible": False,
                }
            ],
        },
    ]


def test_check_prints_sorted_ids_and_exits_1_on_violations(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "ru.txt").write_text(
        "Сотрудники Российской ЛГБТ-сети уехали из Чечни.\nВ Грозном.\n",
        encoding="utf-8",
    )
    (tmp_path / "en.txt").write_text(
        "Russian LGBT-network staff left Chechnia.\nIn Grozny.\n", encoding="utf-8"
    )
    args = [
        "glossary",
        "check",
        "--glossary",
        str(RULES),
        "--source",
        str(tmp_path / "ru.txt"),
        "--target",
        str(tmp_path / "en.txt"),
        "--json",
    ]
    code, lines, _ = run(capsys, *args)
    assert code == 1
    assert lines == [
        {
            "line": 1,
            "missing": ["chechnya", "russian-lgbt-network"],
            "forbidden": ["chechnya", "russian-lgbt-network"],
            "possible": [],
        },
        {"line": 2, "missing": [], "forbidden": [], "possible": []},
    ]
    (tmp_path / "en.txt").write_text(
        "Russian LGBT Network staff left Chechnya.\nIn Grozny.\n", encoding="utf-8"
    )
    assert run(capsys, *args)[0] == 0


def test_check_refuses_files_that_are_not_line_aligned(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "ru.txt").write_text("один\nдва\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text("one\n", encoding="utf-8")
    code, lines, err = run(
        capsys,
        "glossary",
        "check",
        "--glossary",
        str(RULES),
        "--source",
        str(tmp_path / "ru.txt"),
        "--target",
        str(tmp_path / "en.txt"),
        "--json",
    )
    assert code == 1 and lines == []
    assert err.count("\n") == 1 and "en.txt: 1 lines" in err and "line-aligned" in err


def test_errors_are_one_line_naming_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(
        capsys,
        "glossary",
        "match",
        "--glossary",
        str(RULES),
        "--json",
        str(tmp_path / "no.txt"),
    )
    # One line; it names the log file too when the command runs in an existing home.
    assert (
        code == 1
        and err.startswith(f"translate-pub: error: {tmp_path / 'no.txt'}: no such file")
        and err.count("\n") == 1
    )
    bad = tmp_path / "terms.csv"
    bad.write_text("id,ru,en,en_forbidden,note\nx,,X,,\n", encoding="utf-8")
    (tmp_path / "ru.txt").write_text("текст\n", encoding="utf-8")
    code, _, err = run(
        capsys,
        "glossary",
        "match",
        "--glossary",
        str(bad),
        "--json",
        str(tmp_path / "ru.txt"),
    )
    assert code == 1 and "terms.csv:2: empty 'ru'" in err and err.count("\n") == 1


def test_glossary_defaults_to_the_configured_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRANSLATE_PUB_GLOSSARY", str(RULES))
    (tmp_path / "ru.txt").write_text("на митинге\n", encoding="utf-8")
    _, lines, _ = run(capsys, "glossary", "match", "--json", str(tmp_path / "ru.txt"))
    assert lines[0]["matches"][0]["id"] == "rally"
    monkeypatch.delenv("TRANSLATE_PUB_GLOSSARY")
    _, lines, _ = run(capsys, "glossary", "match", "--json", str(tmp_path / "ru.txt"))
    assert (
        lines[0]["matches"][0]["id"] == "rally"
        and lines[0]["matches"][0]["en"] == "rally"
    )


def test_export_then_import_round_trip(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(RULES, tmp_path / "terms.csv")
    tbx = tmp_path / "out.tbx"
    assert (
        main(["glossary", "export", "--glossary", str(tmp_path), "--tbx", str(tbx)])
        == 0
    )
    assert (
        "exported 18 terms" in capsys.readouterr().out
        and b"termEntry" in tbx.read_bytes()
    )
    before = (tmp_path / "terms.csv").read_bytes()
    assert main(["glossary", "import", "--glossary", str(tmp_path), str(tbx)]) == 0
    assert "0 added, 0 updated" in capsys.readouterr().out
    assert (tmp_path / "terms.csv").read_bytes() == before


def test_match_starts_without_the_server_stacks(tmp_path: Path) -> None:
    """A script's `glossary match` pays for the termbase only: no database, Prefect or web stack."""
    segments = tmp_path / "ru.txt"
    segments.write_text("Из Чечни вывезли людей.\n", encoding="utf-8")
    probe = (
        "import sys\nfrom translate_pub.cli import main\n"
        f"main(['--home', {str(tmp_path / 'home')!r}, 'glossary', 'match', '--glossary', {str(RULES)!r}, "
        f"'--json', {str(segments)!r}])\n"
        "print(sorted(m for m in ('sqlalchemy', 'alembic', 'prefect', 'fastapi', 'httpx') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], check=True, capture_output=True, text=True
    ).stdout
    assert out.splitlines()[-1] == "[]"


def _matching() -> bool:
    """Whether a matcher is at work somewhere up the stack."""
    frame = sys._getframe()
    while frame is not None and frame.f_code.co_name != "find_many":
        frame = frame.f_back  # type: ignore[assignment]
    return frame is not None


@pytest.mark.parametrize("command", ["match", "check"])
def test_a_batch_runs_without_cycle_collection_and_leaves_the_collector_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    text = tmp_path / "ru.txt"
    text.write_text(
        "Из <1>Чечни</1> вывезли людей, сотрудники Российской ЛГБТ-сети.\n" * 50,
        encoding="utf-8",
    )
    (tmp_path / "en.txt").write_text(
        "People were taken out of Chechnya.\n" * 50, encoding="utf-8"
    )
    argv = [
        "--home",
        str(tmp_path / "home"),
        "glossary",
        command,
        "--glossary",
        str(RULES),
        *{
            "match": ["--json", str(text)],
            "check": [
                "--source",
                str(text),
                "--target",
                str(tmp_path / "en.txt"),
                "--json",
            ],
        }[command],
    ]
    during: list[bool] = []
    threshold = gc.get_threshold()
    gc.set_threshold(100)  # a collection every hundred objects, were the collector on
    gc.callbacks.append(lambda phase, _info: during.append(_matching()))
    try:
        main(argv)
        assert (
            during and not any(during) and gc.isenabled()
        )  # collections before, none while matching
        gc.disable()
        main(argv)
        assert not gc.isenabled()
    finally:
        gc.enable()
        gc.set_threshold(*threshold)
        gc.callbacks.pop()
    capsys.readouterr()


def test_the_console_script_spares_the_interpreter_its_last_walk_over_the_loaded_tables(
    tmp_path: Path,
) -> None:
    text = tmp_path / "ru.txt"
    text.write_text("Из Чечни вывезли людей.\n", encoding="utf-8")
    script = (
        "import atexit, gc, sys\n"
        "atexit.register(lambda: print('frozen', gc.get_freeze_count(), file=sys.stderr))\n"
        "from translate_pub.cli import console\n"
        "console()\n"
    )
    argv = [
        "--home",
        str(tmp_path / "home"),
        "glossary",
        "match",
        "--glossary",
        str(RULES),
        "--json",
        str(text),
    ]
    done = subprocess.run(
        [sys.executable, "-c", script, *argv],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and '"id": "chechnya"' in done.stdout
    frozen = int(done.stderr.split("frozen ")[1].split()[0])
    assert (
        frozen > 10_000
    )  # every object alive at the end: the last collection skips them


def test_a_match_is_written_as_json_writes_it() -> None:
    """The match line is put together from strings; it is the JSON encoder's own output."""
    from translate_pub.cli.glossary import _MATCHES, _match_json
    from translate_pub.terms.match import Match

    tricky = [
        Match('a"b', 0, 9, 'закон о "гей\\пропаганде"', "law\n«x» ☃ 𝄞", True),
        Match("court", 3, 7, "суда", "court", False),
    ]
    expected = {
        "line": 7,
        "matches": [
            {k: getattr(m, a) for k, a in zip(KEYS, FIELDS, strict=True)}
            for m in tricky
        ],
    }
    line = _MATCHES % (7, ", ".join(map(_match_json, tricky)))
    assert line == json.dumps(expected, ensure_ascii=False) + "\n"


KEYS = ("id", "start", "end", "surface", "en", "possible")
FIELDS = ("term_id", "start", "end", "surface", "en", "possible")
