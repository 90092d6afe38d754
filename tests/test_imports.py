"""The parts import as `translate_pub.layers` says, with no cycle: every import counts, deferred and
TYPE_CHECKING ones too. The table in layers.py is the one picture of the layering (README's Layout
section is written from it); this file holds the code to it. Within one part any import is
allowed, as long as no module cycle results.
"""

from __future__ import annotations

import ast
from pathlib import Path

from translate_pub import layers

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "translate_pub"
FLOWS = "translate_pub_flows"  # the flows/ folder's package name
USES = {p.name: set(p.uses) for p in layers.PARTS}
# Imports against the graph that a named open change removes; each must still exist, so the entry
# goes when the import does.
KNOWN: dict[tuple[str, str], str] = {}


def _modules() -> dict[str, Path]:
    files = {f: "translate_pub" for f in PACKAGE.rglob("*.py")} | {
        f: FLOWS for f in (ROOT / "flows").glob("*.py")
    }
    out = {}
    for f, top in files.items():
        base = (
            PACKAGE if top == "translate_pub" else ROOT / "flows"
        )  # installed as FLOWS (setup.py)
        parts = [top, *f.relative_to(base).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        if "migrations" not in parts:
            out[".".join(parts)] = f
    return out


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """Every module of ours that `name` imports, anywhere in the file."""
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = name.split(".")[
                    : len(name.split(".")) - node.level + (1 if is_package else 0)
                ]
                base = ".".join([*anchor, *([base] if base else [])])
            found |= {
                f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base
                for a in node.names
            }
    return {m for m in found if m in MODULES and m != name}


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def part(module: str) -> str | None:
    return (
        layers.part_of(MODULES[module].relative_to(ROOT).as_posix())
        if module in MODULES
        else None
    )


def allowed(importer: str, imported: str) -> bool:
    a, b = part(importer), part(imported)
    return a is not None and b is not None and (a == b or b in USES[a])


def cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle in `graph`, as a path that ends where it starts; [] when there is none."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(m: str) -> list[str]:
        state[m] = 1
        path.append(m)
        for n in sorted(graph[m]):
            if state.get(n) == 1:
                return [*path[path.index(n) :], n]
            if n not in state and (found := visit(n)):
                return found
        state[m] = 2
        path.pop()
        return []

    for m in sorted(graph):
        if m not in state and (found := visit(m)):
            return found
    return []


def test_every_module_is_seen_with_its_deferred_imports() -> None:
    assert (
        "translate_pub.publish.site" in MODULES
        and "translate_pub_flows.publish" in MODULES
    )
    assert (
        "translate_pub.terms.tbx" in GRAPH["translate_pub.cli.glossary"]
    )  # imported inside a function
    assert (
        "translate_pub.terms.glossary" in GRAPH["translate_pub.mt.base"]
    )  # under TYPE_CHECKING


def test_no_import_cycle() -> None:
    assert cycle(GRAPH) == []


def test_a_cycle_is_found() -> None:
    assert cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == [
        "a",
        "b",
        "c",
        "a",
    ]
    assert cycle({"a": {"b"}, "b": set()}) == []


def test_every_module_belongs_to_a_part() -> None:
    assert sorted(m for m in MODULES if part(m) is None) == []


def test_every_path_of_the_table_exists_and_is_held_once() -> None:
    holds = [h for p in layers.PARTS for h in p.holds]
    assert [h for h in holds if not (ROOT / h).exists()] == []
    assert len(holds) == len(set(holds))


def test_the_table_is_written_lowest_first() -> None:
    seen: set[str] = set()
    for p in layers.PARTS:
        assert USES[p.name] <= seen, (
            f"{p.name} uses a part listed after it: {USES[p.name] - seen}"
        )
        seen.add(p.name)


def test_every_allowed_arrow_is_in_the_code() -> None:
    """The table draws the code as built: an arrow nothing needs any more is struck from it."""
    arrows = {(part(a), part(b)) for a, deps in GRAPH.items() for b in deps}
    assert sorted((p, u) for p in USES for u in USES[p] if (p, u) not in arrows) == []


def test_the_readme_layout_is_the_table() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Layout\n", 1)[1].split("```\n", 2)[1]
    assert section == layers.layout(), (
        "README's Layout is out of date: paste `python -m translate_pub.layers`"
    )


def test_imports_follow_the_table() -> None:
    against = sorted(
        f"{a} imports {b}"
        for a, deps in GRAPH.items()
        for b in deps
        if not allowed(a, b) and (a, b) not in KNOWN
    )
    assert against == []


def test_known_exceptions_still_exist() -> None:
    assert [pair for pair in KNOWN if pair[1] not in GRAPH[pair[0]]] == []


def test_the_rules_catch_what_they_forbid() -> None:
    assert not allowed(
        "translate_pub.mt.draft", "translate_pub.review.qa"
    )  # earlier stage → later
    assert not allowed(
        "translate_pub.store.documents", "translate_pub.terms.glossary"
    )  # store → stage
    assert not allowed("translate_pub.model", "translate_pub.store")  # core → store
    assert not allowed(
        "translate_pub.review.serve", "translate_pub_flows.publish"
    )  # a part → the edge
    assert not allowed(
        "translate_pub.terms.match", "translate_pub.store.db"
    )  # no arrow in the table
    assert allowed("translate_pub.publish.plan", "translate_pub.terms.glossary")
    assert allowed("translate_pub.cli.core", "translate_pub_flows.publish")
    assert not allowed("translate_pub_flows.publish", "translate_pub.cli.core")
