"""Keystrokes and clicks to translate a 20-segment document from MT drafts, before and after.

    .venv/bin/python benchmarks/keystrokes.py --before /path/to/old/src [--after src]

Each `src` tree (e.g. a worktree of the commit before the workbench, f3866a3) serves its own
review app in a child process over a fresh SQLite store holding one document of 20 segments:
10 good MT drafts, 4 whose MT dropped a link tag pair, 4 with one wrong word, and 2 the engine
left empty whose exact translation is in memory. Debian's chromium, driven by Playwright,
does the same work in both: visit every segment with Alt+↓, place the caret with a click where
a tag goes, select the wrong word with a double click and type the right one, fill the empty
ones, then submit. Only the ways each UI offers differ: before, tags and memory text are typed
(the memory sits in a collapsed panel under a label); after, Alt+T inserts the next missing
tag and Alt+2 uses the memory suggestion. Every key press (a chord counts once) and click is
counted, and the stored texts are checked against the intended translation in both runs.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Page, expect, sync_playwright

CHROMIUM = "/usr/bin/chromium"
PASSWORD = "benchmark password"
GOOD, TAGS, WORD, EMPTY = range(4)
KINDS = [GOOD] * 10 + [TAGS] * 4 + [WORD] * 4 + [EMPTY] * 2
ORDER = [
    KINDS[(i * 7) % 20] for i in range(20)
]  # spread the kinds through the document


def texts(i: int, kind: int) -> tuple[str, str, str]:
    """(source, MT draft, the translation the translator wants) of segment i."""
    n = 10 + i
    if kind == TAGS:
        return (
            f"Суд <1>оштрафовал</1> {n} человек.",
            f"The court fined {n} people.",
            f"The court <1>fined</1> {n} people.",
        )
    if kind == WORD:
        return (
            f"Суд оштрафовал {n} человек в Москве.",
            f"The court penalised {n} people in Moscow.",
            f"The court fined {n} people in Moscow.",
        )
    if kind == EMPTY:
        return (
            f"Задержаны {n} участников пикета у здания суда.",
            "",
            f"{n} people at the picket outside the court building were detained.",
        )
    return (
        f"В Москве задержали {n} человек.",
        f"{n} people were detained in Moscow.",
        f"{n} people were detained in Moscow.",
    )


SEGMENTS = [texts(i, k) for i, k in enumerate(ORDER)]

# Run by the child with PYTHONPATH set to the tree under test: populate a store, serve the app.
SERVER = r"""
import json, sys, inspect
from pathlib import Path
import uvicorn
from translate_pub import config
from translate_pub.model import Document, Origin, Role, Segment, Status
from translate_pub.passwords import hash_password
from translate_pub.review.app import create_app
from translate_pub.store import Store
from translate_pub.store import documents as doc_store, translations as tr_store, users as user_store
try:
    from translate_pub.store import workflow
except ImportError:
    workflow = None
home, port, segments = Path(sys.argv[1]), int(sys.argv[2]), json.loads(sys.argv[3])
settings = config.load(home)
store = Store(settings.db_url)
store.migrate()

def document(n, pairs, outlet="ovd-info"):
    segs = tuple(Segment(position=i, paragraph=i, sentence=0, source=s, block="p",
                         markup={"1": {"tag": "a", "href": "https://ovd.info/"}} if "<1>" in s else {})
                 for i, (s, _mt) in enumerate(pairs))
    doc = Document(source_lang="ru", outlet=outlet, title=pairs[0][0], url=f"https://ovd.info/{n}",
                   canonical_url=f"https://ovd.info/{n}", content_hash=f"h{n}", segments=segs)
    with store.begin() as conn:
        doc_id = doc_store.save_document(conn, doc, ("en",)).document_id
        for seg, (_s, mt) in zip(doc_store.current_segments(conn, doc_id), pairs):
            tr_store.save_machine(conn, seg.id, "en", mt, origin=Origin.MACHINE, engine="recorded", glossary_version="")
        (workflow or tr_store).mark_machine_translated(conn, {doc_id}, "en")
    return doc_id

# Memory: an approved human translation of each empty segment's source, in another document.
memory = [(s, want) for s, mt, want in segments if not mt]
old = document(1, [(s, "draft") for s, _w in memory])
with store.begin() as conn:
    from translate_pub.store import review as review_store
    for row, (_s, want) in zip(review_store.editor_rows(conn, old, "en"), memory):
        tr_store.edit_translation(conn, row.translation_id, want, user="ann", expected_version=row.version)
    if workflow:
        from tests import steps  # the tree under test's approval, through its workflow
        steps.approve(conn, old, "en", "ann")
    else:  # a tree from before the workflow (a baseline)
        st = tr_store.get_status(conn, old, "en")
        tr_store.set_status(conn, old, "en", Status.APPROVED, expected_version=st.version)
    user_store.add_user(conn, "tanya", Role.TRANSLATOR, hash_password("benchmark password"))
doc = document(2, [(s, mt) for s, mt, _w in segments])
print(doc, flush=True)
params = inspect.signature(create_app).parameters
if "publisher" in params and params["publisher"].default is inspect.Parameter.empty:
    from translate_pub.orchestra.publisher import PrefectPublisher  # never used: submitting does not publish
    app = create_app(settings, PrefectPublisher())
else:
    app = create_app(settings)
uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")
"""


class Counter:
    """The page, with every key press and click counted."""

    def __init__(self, page: Page) -> None:
        self.page, self.keys, self.clicks = page, 0, 0

    def press(self, chord: str) -> None:
        self.keys += 1
        self.page.keyboard.press(chord)

    def type(self, text: str) -> None:
        self.keys += len(text)
        self.page.keyboard.type(text)

    def click(self, selector: str) -> None:
        self.clicks += 1
        self.page.click(selector)

    def caret(self, box: str, start: int, end: int | None = None) -> None:
        """A click (or a double click on a word: two) that puts the caret or selection there."""
        self.clicks += 1 if end is None else 2
        self.page.eval_on_selector(
            box,
            "(b, r) => { b.focus(); b.setSelectionRange(r[0], r[1]); }",
            [start, start if end is None else end],
        )


def translate(c: Counter, new_ui: bool) -> None:
    boxes = c.page.locator("textarea")
    for i, (_source, mt, want) in enumerate(SEGMENTS):
        box = f"textarea >> nth={i}"
        if i == 0:
            c.click(box)
        else:
            c.press("Alt+ArrowDown")
        expect(boxes.nth(i)).to_be_focused()
        if "<1>" in want and "<1>" not in mt:
            at = mt.index("fined")
            c.caret(box, at)
            c.press("Alt+t") if new_ui else c.type("<1>")
            c.caret(box, at + len("<1>fined"))
            c.press("Alt+t") if new_ui else c.type("</1>")
        elif "penalised" in mt:
            at = mt.index("penalised")
            c.caret(box, at, at + len("penalised"))
            c.type("fined")
        elif not mt:
            c.press("Alt+2") if new_ui else c.type(want)
        expect(boxes.nth(i)).to_have_value(want)
    c.press("Alt+ArrowUp")  # leaving the last box saves it
    for i in range(len(SEGMENTS)):
        expect(c.page.locator(".save-state").nth(i)).not_to_have_text("…")
    c.click("#action-submit")
    expect(c.page.locator("#doc-status")).to_have_text("in review")


def _wait_for(port: int) -> None:
    """uvicorn listens once the child's app is built (a few seconds after the store is filled)."""
    for _ in range(600):
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise SystemExit(f"the review app on port {port} did not start")


def run(src: Path, new_ui: bool) -> tuple[int, int]:
    import json

    with tempfile.TemporaryDirectory(prefix="tp-keys-") as home:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        env = {
            **os.environ,
            "PYTHONPATH": f"{src}:{src.parent}",
            "TRANSLATE_PUB_HOME": home,
        }
        child = subprocess.Popen(
            [sys.executable, "-c", SERVER, home, str(port), json.dumps(SEGMENTS)],
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            doc = int(child.stdout.readline())  # type: ignore[union-attr]
            base = f"http://127.0.0.1:{port}"
            with sync_playwright() as pw:
                browser = pw.chromium.launch(
                    executable_path=CHROMIUM, args=["--no-sandbox"]
                )
                page = browser.new_page()
                _wait_for(port)
                page.goto(f"{base}/login")
                page.fill('input[name="name"]', "tanya")
                page.fill('input[name="password"]', PASSWORD)
                page.click('button[type="submit"]')
                page.wait_for_url(f"{base}/queue")
                page.goto(f"{base}/doc/{doc}/en")
                counter = Counter(page)
                translate(counter, new_ui)
                browser.close()
            return counter.keys, counter.clicks
        finally:
            child.terminate()
            child.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--before",
        type=Path,
        required=True,
        help="src/ of the old UI (e.g. a worktree of f3866a3)",
    )
    parser.add_argument(
        "--after", type=Path, default=Path(__file__).resolve().parents[1] / "src"
    )
    args = parser.parse_args()
    before, after = run(args.before, new_ui=False), run(args.after, new_ui=True)
    print(
        f"20-segment document from MT drafts ({KINDS.count(GOOD)} good, {KINDS.count(TAGS)} lost tags, "
        f"{KINDS.count(WORD)} wrong word, {KINDS.count(EMPTY)} empty with a memory match)"
    )
    print(f"{'':8}{'keystrokes':>12}{'clicks':>8}")
    print(f"{'before':8}{before[0]:>12}{before[1]:>8}")
    print(f"{'after':8}{after[0]:>12}{after[1]:>8}")
    print(f"ratio   {after[0] / before[0]:>12.2f}{after[1] / before[1]:>8.2f}")


if __name__ == "__main__":
    main()
