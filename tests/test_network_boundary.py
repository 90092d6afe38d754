"""One way out to the network: no module but `translate_pub.net` opens an HTTP connection or a
socket (deep-translator's own calls, in `mt/deep.py`, are the one exception, wrapped in a timeout)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ALLOWED = {"src/translate_pub/net.py"}
DEEP_TRANSLATOR = {"src/translate_pub/mt/deep.py"}
# Calls that open connections, by the module they come from.
OPENERS = {
    "httpx": {
        "Client",
        "AsyncClient",
        "HTTPTransport",
        "AsyncHTTPTransport",
        "get",
        "post",
        "put",
        "patch",
        "delete",
        "head",
        "options",
        "request",
        "stream",
    },
    "httpcore": {"ConnectionPool", "AsyncConnectionPool", "request", "stream"},
    "socket": {
        "create_connection"
    },  # a socket bound to find a free port opens no connection
    "urllib.request": {"urlopen", "build_opener", "Request"},
    "http.client": {"HTTPConnection", "HTTPSConnection"},
    "requests": None,
    "urllib3": None,
    "aiohttp": None,
    "boto3": None,  # None: anything from them
    "botocore.session": None,
    "botocore.client": None,
    "botocore.endpoint": None,
}


def connections_opened(source: str) -> list[str]:
    """`module.name` of every call in `source` that opens a connection."""
    tree = ast.parse(source)
    names: dict[str, str] = {}  # local name → dotted origin
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(
                {
                    (a.asname or a.name.split(".")[0]): (
                        a.name if a.asname else a.name.split(".")[0]
                    )
                    for a in node.names
                }
            )
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.update(
                {(a.asname or a.name): f"{node.module}.{a.name}" for a in node.names}
            )
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and (dotted := _dotted(node.func, names)):
            module, _, name = dotted.rpartition(".")
            for opener, calls in OPENERS.items():
                if (module == opener or module.startswith(opener + ".")) and (
                    calls is None or name in calls
                ):
                    found.append(dotted)
    return found


def _dotted(func: ast.expr, names: dict[str, str]) -> str | None:
    parts = []
    while isinstance(func, ast.Attribute):
        parts.append(func.attr)
        func = func.value
    if not isinstance(func, ast.Name) or func.id not in names:
        return None
    return ".".join([names[func.id], *reversed(parts)])


def _modules() -> list[Path]:
    return sorted(
        [
            *(ROOT / "src" / "translate_pub").rglob("*.py"),
            *(ROOT / "flows").rglob("*.py"),
        ]
    )


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_but_net_opens_a_connection(path: Path) -> None:
    name = str(path.relative_to(ROOT))
    source = path.read_text(encoding="utf-8")
    if name not in ALLOWED:
        assert connections_opened(source) == [], (
            f"{name} opens connections itself: use translate_pub.net.client()"
        )
    if name not in DEEP_TRANSLATOR:
        assert "deep_translator" not in source, (
            f"{name} uses deep-translator outside mt/deep.py"
        )


def test_the_check_sees_every_way_of_importing() -> None:
    assert connections_opened("import httpx\nhttpx.get('http://x')") == ["httpx.get"]
    assert connections_opened("import httpx as h\nwith h.Client() as c: pass") == [
        "httpx.Client"
    ]
    assert connections_opened(
        "from socket import create_connection as cc\ncc(('x', 1))"
    ) == ["socket.create_connection"]
    assert connections_opened("import urllib.request\nurllib.request.urlopen('x')") == [
        "urllib.request.urlopen"
    ]
    assert connections_opened("import requests\nrequests.Session().get('x')") == [
        "requests.Session"
    ]
    assert (
        connections_opened("import httpx\nhttpx.Timeout(3)\nhttpx.Response(200)") == []
    )
