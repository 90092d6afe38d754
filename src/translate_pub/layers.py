"""The parts of translate-pub and what each may import: the one picture of the layering.

Lowest first. A part holds files and folders (paths from the project's root; the longest
path that contains a file places it) and may import its own modules and the parts it
`uses`, nothing else. tests/test_imports.py holds every import of the code (deferred and
TYPE_CHECKING ones too) to this table, and fails for a module on no part or an allowed
arrow the code no longer has. README's "Layout" section is `layout()`; a test fails when
they differ (`python -m translate_pub.layers` prints it).
"""

from __future__ import annotations

import textwrap
from typing import NamedTuple


class Part(NamedTuple):
    name: str
    holds: tuple[str, ...]
    uses: tuple[str, ...]
    says: str


_SRC = "src/translate_pub/"
CORE_MODULES = (
    "__init__",
    "model",
    "errors",
    "config",
    "placeholders",
    "sentences",
    "entities",
    "links",
    "slugs",
    "stems",
    "names",
    "messages",
    "msgids",
    "catalogs",
    "credits",
    "passwords",
    "tracking",
    "files",
    "net",
    "lifeline",
    "arenas",
    "layers",
)
PARTS = (
    Part(
        "core",
        tuple(f"{_SRC}{m}.py" for m in CORE_MODULES),
        (),
        "the nouns (model), errors, settings and the small helpers every part shares",
    ),
    Part(
        "store",
        (f"{_SRC}store/",),
        ("core",),
        "the only code that talks to the database; Alembic migrations",
    ),
    Part(
        "segment",
        (f"{_SRC}segment.py",),
        ("core",),
        "paragraphs → sentences, inline markup as placeholders",
    ),
    Part(
        "ingest",
        (f"{_SRC}ingest/",),
        ("core", "store", "segment"),
        "pages, feeds, files and digests → documents (fetching through net)",
    ),
    Part(
        "terms",
        (f"{_SRC}terms/",),
        ("core",),
        "the glossary: load, validate, match by lemma, check, TBX",
    ),
    Part(
        "mt",
        (f"{_SRC}mt/",),
        ("core", "store", "terms"),
        "machine translation: engines, drafts, evaluation",
    ),
    Part(
        "review",
        (f"{_SRC}review/",),
        ("core", "store", "ingest", "terms"),
        "the review web app: routes, templates, QA, XLIFF/TMX",
    ),
    Part(
        "publish",
        (f"{_SRC}publish/",),
        ("core", "store", "terms", "mt"),
        "editions → the bilingual static site (render is pure; site writes)",
    ),
    Part(
        "guard",
        (f"{_SRC}orchestra/guard.py",),
        ("core", "store"),
        "what a deployment's flow run may be asked to do: its home and site checked, refusals audited",
    ),
    Part(
        "flows",
        ("flows/",),
        ("core", "store", "ingest", "terms", "mt", "publish", "guard"),
        "Prefect flows (installed as translate_pub_flows): thin wrappers over the stages",
    ),
    Part(
        "orchestra",
        (f"{_SRC}orchestra/",),
        ("core", "review", "guard", "flows"),
        "Prefect at the edge: the home's server, the Publish button's runs, the seed database",
    ),
    Part(
        "cli",
        (f"{_SRC}cli/",),
        (
            "core",
            "store",
            "ingest",
            "terms",
            "mt",
            "review",
            "publish",
            "flows",
            "orchestra",
        ),
        "the `translate-pub` command",
    ),
)
# What the Layout section shows beside the parts.
OTHERS = (
    ("glossary/", "the controlled termbase (CSV) and its README"),
    ("tests/", "mirrors the package; fixtures are real files with their attribution"),
    ("benchmarks/", "scripts that print figures beside their baselines"),
)


def part_of(path: str) -> str | None:
    """The name of the part that holds `path` (from the project's root), or None."""
    best = max(
        (
            (len(h), p.name)
            for p in PARTS
            for h in p.holds
            if path == h or (h.endswith("/") and path.startswith(h))
        ),
        default=None,
    )
    return best[1] if best else None


def layout() -> str:
    """The README's Layout section: each part, what it holds and what it may import."""
    lines = []
    for p in PARTS:
        holds = " ".join(
            h.removeprefix(_SRC) if p.name == "core" else h for h in p.holds
        )
        holds = f"{_SRC} {holds}" if p.name == "core" else holds
        lines += textwrap.wrap(
            holds, 100, initial_indent=f"{p.name:<10} ", subsequent_indent=" " * 11
        )
        lines += [
            f"{'':<10} {p.says}",
            f"{'':<10} imports: {', '.join(p.uses) or 'nothing of ours'}",
        ]
    lines += [f"{path:<12} {says}" for path, says in OTHERS]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(layout(), end="")
