"""Standard checks of pages, shared by every test that checks HTML: the W3C Nu HTML checker and axe-core.

Both come from npm (`package.json` at the project root; `python3 dev.py test` runs `npm ci`):
`vnu-jar` needs java (Debian's default-jre-headless), `axe-core` is injected into a page
opened in Debian's chromium. A test needing one skips with a reason when it is missing.

    from tests.standards import needs_vnu, vnu_errors
    @needs_vnu
    def test_pages_are_valid(tmp_path): assert vnu_errors(paths) == []

`vnu_errors` checks any number of files in one java run (a start costs seconds);
`axe_violations` runs axe at 1280 and 390 px on a loaded page of an `axe_context`, so one
browser serves many pages.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
JAVA = shutil.which("java")
# WCAG 2.1 A and AA, plus axe's best practices (landmarks, one h1, headings in order).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]

needs_vnu = pytest.mark.skipif(
    not (JAVA and VNU_JAR.is_file()),
    reason="the Nu HTML checker needs java and `npm ci` (node_modules/vnu-jar)",
)
needs_axe = pytest.mark.skipif(
    not AXE_JS.is_file(), reason="axe-core is not installed (`npm ci`)"
)


def vnu_errors(paths: Iterable[Path], root: Path | None = None) -> list[str]:
    """Every error the Nu HTML checker finds in these HTML files, as "file:line: message" lines.

    Paths are shown relative to `root` when given. Warnings and info messages are left out.
    """
    files = [str(Path(p).resolve()) for p in paths]
    if not files:
        return []
    done = subprocess.run(
        [
            "java",
            "-Xss1m",
            "-jar",
            str(VNU_JAR),
            "--errors-only",
            "--format",
            "json",
            "--exit-zero-always",
            *files,
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    report = json.loads(done.stderr or done.stdout)
    return [
        _vnu_line(m, root)
        for m in report["messages"]
        if m.get("type") in ("error", "non-document-error")
    ]


def _vnu_line(message: dict[str, Any], root: Path | None) -> str:
    where = message.get("url", "").removeprefix("file:")
    if root is not None and where.startswith(str(root.resolve())):
        where = Path(where).relative_to(root.resolve()).as_posix()
    return f"{where}:{message.get('lastLine', '?')}: {message.get('message', '')}"


def axe_context(browser: Any, **options: Any) -> Any:
    """A Playwright browser context whose every page carries axe-core, CSP bypassed (the app's forbids it).

    An init script costs half of injecting the script into each page after it loads.
    """
    context = browser.new_context(bypass_csp=True, **options)
    context.add_init_script(path=str(AXE_JS))
    return context


def axe_violations(page: Any, widths: Iterable[int] = (1280, 390)) -> list[str]:
    """axe-core's violations on a page of an `axe_context`, as it is now, at each width in turn.

    One line per width, rule and element. The viewport is left at the last width.
    """
    found = []
    for width in widths:
        page.set_viewport_size({"width": width, "height": 900})
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
            " resultTypes: ['violations']})",
            AXE_TAGS,
        )
        found += [
            f"{page.url} at {width}px {v['id']}: {node['target']} ({v['help']})"
            for v in result["violations"]
            for node in v["nodes"]
        ]
    return found
