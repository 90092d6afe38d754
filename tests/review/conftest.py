"""Review-app fixtures: a real app over a real migrated SQLite store, users of every role,
and one machine-translated document; a client that logs in through the login form."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from translate_pub.config import Settings
from translate_pub.model import Document, Origin, Role, Segment
from translate_pub.orchestra.publisher import PrefectPublisher
from translate_pub.passwords import hash_password
from translate_pub.review.app import create_app
from translate_pub.store import Store, workflow
from translate_pub.store import documents as doc_store
from translate_pub.store import translations as tr_store
from translate_pub.store import users as user_store

PASSWORD = "correct horse battery"
ROLES = {
    "tanya": Role.TRANSLATOR,
    "rita": Role.REVIEWER,
    "ed": Role.EDITOR,
    "ada": Role.ADMIN,
}
FIXTURES = Path(__file__).parent.parent / "fixtures" / "review"
HASH = hash_password(PASSWORD)  # once: argon2 is deliberately slow

SOURCES = [
    ("title", "Суд оштрафовал активиста"),
    ("p", "Суд оштрафовал 12 человек 5 марта 2024 года."),
    ("p", "Подробнее <1>на сайте</1> https://ovd.info/news."),
]
TARGETS = [
    "Court fines activist",
    "The court fined 12 people on March 5, 2024.",
    "More <1>on the website</1> https://ovd.info/news.",
]


def make_document(
    conn, n: int = 0, sources=SOURCES, targets=TARGETS, outlet: str = "ovd-info"
) -> int:  # type: ignore[no-untyped-def]
    segs = tuple(
        Segment(
            position=i,
            paragraph=i,
            sentence=0,
            source=src,
            block=block,
            markup={"1": {"tag": "a", "href": "https://ovd.info/news"}}
            if "<1>" in src
            else {},
        )
        for i, (block, src) in enumerate(sources)
    )
    doc = Document(
        source_lang="ru",
        outlet=outlet,
        title=sources[0][1],
        url=f"https://ovd.info/news/{n}",
        canonical_url=f"https://ovd.info/news/{n}",
        content_hash=f"h{n}",
        segments=segs,
    )
    doc_id = doc_store.save_document(conn, doc, ("en",)).document_id
    for seg, text in zip(
        doc_store.current_segments(conn, doc_id), targets, strict=True
    ):
        tr_store.save_machine(
            conn,
            seg.id,
            "en",
            text,
            origin=Origin.MACHINE,
            engine="recorded",
            glossary_version="",
        )
    workflow.mark_machine_translated(conn, {doc_id}, "en")
    return doc_id


@dataclass
class World:
    settings: Settings
    store: Store
    doc_id: int


@pytest.fixture
def world(settings: Settings, store: Store) -> World:
    return populate(settings, store)


def populate(settings: Settings, store: Store) -> World:
    """The review tests' world: the test glossary, a user of each role, one document."""
    settings = replace(settings, glossary=FIXTURES / "terms.csv")
    with store.begin() as conn:
        for name, role in ROLES.items():
            user_store.add_user(conn, name, role, HASH)
        doc_id = make_document(conn)
    return World(settings, store, doc_id)


@pytest.fixture
def app(world: World):  # type: ignore[no-untyped-def]
    application = create_app(world.settings, PrefectPublisher())
    yield application
    application.state.store.dispose()


@pytest.fixture
def client(app) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    with TestClient(app, base_url="https://testserver", follow_redirects=False) as c:
        yield c


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html) or re.search(
        r'name="csrf-token" content="([^"]+)"', html
    )
    assert found, "no CSRF token in the page"
    return found.group(1)


def login(client: TestClient, name: str, password: str = PASSWORD):  # type: ignore[no-untyped-def]
    page = client.get("/login")
    return client.post(
        "/login", data={"csrf": csrf_of(page.text), "name": name, "password": password}
    )


def segments_of(html: str) -> list[tuple[int, int, str]]:
    """(translation id, version, save URL) of each editable segment on an editor page."""
    return [
        (int(t), int(v), u)
        for t, v, u in re.findall(
            r'data-tid="(\d+)" data-version="(\d+)"\s+data-save="([^"]+)"', html
        )
    ]


def editor(client: TestClient, world: World) -> str:
    """The world's document's English editor page, as its reader sees it now."""
    return client.get(f"/doc/{world.doc_id}/en").text


def save(  # type: ignore[no-untyped-def]
    client: TestClient,
    page: str,
    index: int,
    text: str,
    version: int | None = None,
    tab: str = "tab-1",
):
    """Save segment `index` as the editor `page` does (at its version unless told); `tab` is
    the page load's id, which autosave sends to join consecutive edits into one revision."""
    _tid, current, url = segments_of(page)[index]
    return client.post(
        url,
        json={
            "text": text,
            "version": current if version is None else version,
            "page": tab,
        },
        headers={"X-CSRF-Token": csrf_of(page)},
    )


def act(client: TestClient, world: World, action: str, reason: str = ""):  # type: ignore[no-untyped-def]
    """Press a status button (submit, approve, reject…) on the editor page."""
    page = editor(client, world)
    version = int(page.split('name="version" value="')[1].split('"')[0])
    return client.post(
        f"/doc/{world.doc_id}/en/status",
        data={
            "csrf": csrf_of(page),
            "action": action,
            "version": version,
            "reason": reason,
        },
    )


def submit(client: TestClient, world: World):  # type: ignore[no-untyped-def]
    """Submit, confirming the open QA errors if the app asks (it names their number in the form)."""
    asked = act(client, world, "submit")
    if asked.status_code != 409:
        return asked
    page = asked.text
    version = int(page.split('name="version" value="')[1].split('"')[0])
    confirm = page.split('name="confirm" value="')[1].split('"')[0]
    return client.post(
        f"/doc/{world.doc_id}/en/status",
        data={
            "csrf": csrf_of(page),
            "action": "submit",
            "version": version,
            "confirm": confirm,
        },
    )


def version_of(page: str) -> int:
    """The document's version an editor `page` shows (its forms send it back)."""
    return int(page.split('name="version" value="')[1].split('"')[0])
