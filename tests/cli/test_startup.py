"""Commands that run no flow start fast: in a real process, they never import Prefect or FastAPI."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fresh import fresh_json

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

HEAVY = ("prefect", "fastapi", "uvicorn")
# Runs the command's `main` as the console script does, then names the heavy packages it loaded.
PROBE = """
import json, sys
from translate_pub.cli import main
heavy = sys.argv.pop().split(",")  # the last argument: the packages to look for
try:
    status = main(sys.argv[1:])
except SystemExit as exc:  # --help
    status = exc.code
print(json.dumps({"status": status, "loaded": [m for m in heavy if m in sys.modules]}))
"""


def loaded(
    *argv: str, stdin: str = "", heavy: tuple[str, ...] = HEAVY
) -> dict[str, object]:
    return dict(fresh_json(PROBE, *argv, ",".join(heavy), stdin=stdin))


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("startup") / "home"
    assert loaded("--home", str(home), "init") == {"status": 0, "loaded": []}
    return home


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["ingest", "--help"],
        ["server", "--help"],
        ["status"],
        ["review", "export", "--xliff", "{tmp}/out.xlf"],
        ["review", "export", "--tmx", "{tmp}/out.tmx"],
        ["glossary", "export", "--tbx", "{tmp}/out.tbx"],
        [
            "glossary",
            "match",
            "--glossary",
            str(FIXTURES / "review" / "terms.csv"),
            "--json",
            "{tmp}/ru.txt",
        ],
    ],
)
def test_commands_without_flows_never_import_prefect_or_fastapi(
    home: Path, argv: list[str]
):
    (home.parent / "ru.txt").write_text("Суд оштрафовал активиста.\n", encoding="utf-8")
    result = loaded(
        "--home", str(home), *(a.replace("{tmp}", str(home.parent)) for a in argv)
    )
    assert result == {"status": 0, "loaded": []}


def test_help_loads_no_database_layer_either(home: Path):
    assert loaded("--help", heavy=("sqlalchemy", "alembic")) == {
        "status": 0,
        "loaded": [],
    }


def test_user_add_never_imports_prefect_or_fastapi(home: Path):
    result = loaded(
        "--home",
        str(home),
        "user",
        "add",
        "anna",
        "--role",
        "editor",
        "--password-stdin",
        stdin="correct horse battery\n",
    )
    assert result == {"status": 0, "loaded": []}


def test_a_warm_glossary_match_loads_no_web_server_nor_the_tagger(home: Path):
    """http.server loads only for `preview`; the tagger's answers for a text matched before are
    kept under the home, so numpy and the model stay unloaded."""
    text = home.parent / "courts.txt"
    text.write_text("Решения апелляционных судов обжалованы.\n", encoding="utf-8")
    argv = (
        "--home",
        str(home),
        "glossary",
        "match",
        "--glossary",
        str(FIXTURES / "review" / "terms.csv"),
        "--json",
        str(text),
    )
    heavy = ("http.server", "email", "numpy")
    assert loaded(*argv, heavy=heavy) == {"status": 0, "loaded": ["numpy"]}
    assert loaded(*argv, heavy=heavy) == {"status": 0, "loaded": []}


def test_the_flows_load_only_what_a_local_run_needs() -> None:
    # A flow command on a SQLite home, of local files: no PostgreSQL dialect, no feed parser,
    # no Babel catalogue compiler (each loads with its first use).
    code = (
        "import json, sys\n"
        "import translate_pub_flows.ingest, translate_pub_flows.translate\n"
        "import translate_pub_flows.publish\n"
        "wanted = {'sqlalchemy', 'feedparser', 'sqlalchemy.dialects.postgresql',\n"
        "    'babel.messages'}\n"
        "print(json.dumps(sorted(wanted & set(sys.modules))))\n"
    )
    assert fresh_json(code) == ["sqlalchemy"]
