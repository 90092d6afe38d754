"""Only the workflow (store/workflow.py) changes a status, writes History, creates an edition or
decides an omission.

Read from the source of the package, the flows, the tests and the benchmarks, so a hand-assembled
approval anywhere (a route, an import, a test helper) fails here.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = "src/translate_pub/store/workflow.py"
# Tables only one module writes: status_changes is History, editions are frozen approvals.
WRITERS = {
    "status_changes": "src/translate_pub/store/status_log.py",
    "editions": "src/translate_pub/store/editions.py",
}
# Fault tests that write an unreadable edition row, which no approval could make, to fail a build midway.
CORRUPT_EDITIONS = {
    "tests/publish/test_atomic.py",
    "tests/publish/test_nothing_approved.py",
}


def _names(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)} | {
        n.attr for n in ast.walk(node) if isinstance(n, ast.Attribute)
    }


def _called(call: ast.Call) -> str:
    f = call.func
    return (
        f.attr
        if isinstance(f, ast.Attribute)
        else f.id
        if isinstance(f, ast.Name)
        else ""
    )


def _owned_call(call: ast.Call) -> str | None:
    """`create_edition(…)`, `status_log.record(…)` or `omissions.omit(…)` / `.unomit(…)`: what
    only the workflow may call (an omission is a reviewer's decision it checks)."""
    name = _called(call)
    if name == "record":
        return name if "status_log" in _names(call.func) else None
    if name in ("omit", "unomit"):
        return name if "omissions" in _names(call.func) else None
    return name if name == "create_edition" else None


def _status_update(call: ast.Call) -> bool:
    """`update(...)….values(status=…)` or `table.update()….values(status=…)`: a status written in place."""
    if _called(call) != "values" or not any(k.arg == "status" for k in call.keywords):
        return False
    return any(
        isinstance(n, ast.Call) and _called(n) == "update" for n in ast.walk(call.func)
    )


def _table_insert(call: ast.Call) -> str | None:
    """The table of `insert(t.x)` or `t.x.insert()`, if it is one of WRITERS'."""
    if _called(call) != "insert":
        return None
    target = (
        call.args[0]
        if call.args
        else call.func.value
        if isinstance(call.func, ast.Attribute)
        else None
    )
    found = _names(target) & WRITERS.keys() if target is not None else set()
    return next(iter(found), None)


def problems(rel: str, source: str) -> list[str]:
    """Every status write, History row or edition made outside the modules that own them."""
    out = []
    calls = sorted(
        (n for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Call)),
        key=lambda n: (n.lineno, n.col_offset),
    )
    for node in calls:
        where = f"{rel}:{node.lineno}"
        if (name := _owned_call(node)) and rel != WORKFLOW:
            out.append(f"{where}: calls {name}, which only the workflow may")
        if _status_update(node) and rel != WORKFLOW:
            out.append(f"{where}: writes a status outside the workflow")
        if (
            (table := _table_insert(node))
            and rel != WRITERS[table]
            and not (table == "editions" and rel in CORRUPT_EDITIONS)
        ):
            out.append(f"{where}: inserts into {table} outside {WRITERS[table]}")
    return out


def _sources() -> dict[str, str]:
    files = [
        *(ROOT / "src").rglob("*.py"),
        *(ROOT / "flows").glob("*.py"),
        *(ROOT / "tests").rglob("*.py"),
        *(ROOT / "benchmarks").glob("*.py"),
    ]
    return {
        f.relative_to(ROOT).as_posix(): f.read_text(encoding="utf-8")
        for f in files
        if "migrations" not in f.parts
    }


def test_only_the_workflow_changes_a_status_or_creates_an_edition() -> None:
    found = [p for rel, text in _sources().items() for p in problems(rel, text)]
    assert found == []


def test_a_hand_assembled_approval_is_found() -> None:
    route = """
from translate_pub.store import editions, status_log
def approve(conn, doc_id):
    conn.execute(update(t.doc_status).where(t.doc_status.c.document_id == doc_id).values(status=4, version=2))
    conn.execute(schema.doc_status.update().values(status=4))
    editions.create_edition(conn, doc_id, "en", approved_by="rita")
    status_log.record(conn, [doc_id], "en", user="rita", action="approve", status=4)
    conn.execute(insert(t.editions).values(document_id=doc_id))
    conn.execute(schema.status_changes.insert().values(document_id=doc_id))
    omissions.omit(conn, 7, "en", "too long", "rita")
"""
    assert [
        p.split(": ", 1)[1]
        for p in problems("src/translate_pub/review/routes/x.py", route)
    ] == [
        "writes a status outside the workflow",
        "writes a status outside the workflow",
        "calls create_edition, which only the workflow may",
        "calls record, which only the workflow may",
        "inserts into editions outside src/translate_pub/store/editions.py",
        "inserts into status_changes outside src/translate_pub/store/status_log.py",
        "calls omit, which only the workflow may",
    ]
    assert (
        problems(
            WORKFLOW,
            route.replace("t.editions", "t.x").replace("schema.status_changes", "t.x"),
        )
        == []
    )
