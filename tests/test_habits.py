"""Habits of the test suite that a reviewer would otherwise have to remember.

Every test checks something: its body (or a helper it calls, at any depth) holds an
`assert`, a `pytest.raises`/`pytest.warns`/`pytest.fail`, or calls an `assert_*`/`expect*`
function (Playwright's `expect`). A test that only runs code passes whatever the code does.
"""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent
Function = ast.FunctionDef | ast.AsyncFunctionDef
CHECKS = ("raises", "warns", "fail")


def _name(call: ast.Call) -> str:
    fn = call.func
    return (
        fn.attr
        if isinstance(fn, ast.Attribute)
        else fn.id
        if isinstance(fn, ast.Name)
        else ""
    )


def _checks_itself(node: ast.AST) -> bool:
    for n in ast.walk(node):
        if isinstance(n, ast.Assert):
            return True
        if isinstance(n, ast.Call) and (
            (name := _name(n)) in CHECKS or name.startswith(("assert", "expect"))
        ):
            return True
    return False


def _uses(node: ast.AST) -> set[str]:
    return {_name(n) for n in ast.walk(node) if isinstance(n, ast.Call)} | {
        n.id for n in ast.walk(node) if isinstance(n, ast.Name)
    }


def unchecked(sources: dict[str, str]) -> list[str]:
    """`file:line name` of each test function in `sources` (file → code) that checks nothing."""
    functions: dict[str, list[tuple[str, Function]]] = {}
    for file, code in sources.items():
        for node in ast.walk(ast.parse(code)):
            if isinstance(node, Function):
                functions.setdefault(node.name, []).append((file, node))
    checking = {
        name
        for name, defs in functions.items()
        if any(_checks_itself(d) for _, d in defs)
    }
    grew = True
    while grew:  # a helper that calls a checking helper checks too
        grown = {
            name
            for name, defs in functions.items()
            if any(_uses(d) & checking for _, d in defs)
        }
        grew = not grown <= checking
        checking |= grown
    return [
        f"{file}:{d.lineno} {name}"
        for name, defs in functions.items()
        for file, d in defs
        if name.startswith("test") and name not in checking
    ]


def test_every_test_checks_something() -> None:
    sources = {
        str(f.relative_to(TESTS)): f.read_text(encoding="utf-8")
        for f in TESTS.rglob("*.py")
    }
    assert unchecked(sources) == []


def test_a_test_that_checks_nothing_is_found() -> None:
    code = """
def helper(x):
    assert x

def indirect(x):
    helper(x)

def test_runs_only():
    run()

def test_asserts():
    assert run()

def test_through_a_helper():
    indirect(run())

def test_raises():
    with pytest.raises(ValueError):
        run()

def test_expect(page):
    expect(page).to_have_title("x")
"""
    assert unchecked({"t.py": code}) == ["t.py:8 test_runs_only"]


def test_quick_runs_leave_out_the_browser_and_prefect_tests() -> None:
    import subprocess
    import sys

    picked = [
        TESTS / "test_flows.py",
        TESTS / "review" / "test_browser_memory.py",
        Path(__file__),
    ]
    out = subprocess.run(
        [
            sys.executable,
            str(TESTS.parent / "dev.py"),
            "test",
            "--quick",
            "--collect-only",
            "-q",
            *map(str, picked),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    assert "test_habits.py::test_every_test_checks_something" in out
    assert "test_flows.py::" not in out and "test_browser_memory.py::" not in out
