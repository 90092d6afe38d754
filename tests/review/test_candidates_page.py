"""The editors' page of glossary candidates: accept one (English edited) into terms.csv, reject another
for good; translators may not."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

from tests.mt.support import add_document
from tests.terms.test_terms_candidates import SENTENCES
from translate_pub.config import PROJECT_DIR
from translate_pub.terms.glossary import load_glossary

from .conftest import csrf_of, login


def test_editors_accept_and_reject_candidates_on_their_page(
    world, client, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    glossary = tmp_path / "glossary"
    shutil.copytree(PROJECT_DIR / "glossary", glossary)
    client.app.state.settings = replace(client.app.state.settings, glossary=glossary)
    add_document(world.store, SENTENCES)
    login(client, "tanya")
    assert client.get("/glossary/candidates").status_code == 403
    login(client, "ed")
    page = client.get("/glossary/candidates")
    assert (
        page.status_code == 200
        and 'data-ru="Сергей Самойлов"' in page.text
        and 'value="Sergey Samoylov"' in page.text
    )
    token = csrf_of(page.text)
    done = client.post(
        "/glossary/candidates",
        data={
            "csrf": token,
            "ru": "Сергей Самойлов",
            "kind": "PER",
            "count": "3",
            "en": "Sergei Samoilov",
            "action": "accept",
        },
    )
    assert (
        done.status_code == 200
        and "«Сергей Самойлов» → Sergei Samoilov added" in done.text
    )
    assert load_glossary(glossary).by_id["sergei-samoilov"].en == "Sergei Samoilov"
    assert 'data-ru="Сергей Самойлов"' not in done.text  # now in the glossary
    client.post(
        "/glossary/candidates",
        data={
            "csrf": token,
            "ru": "Анна Григорьева",
            "kind": "PER",
            "action": "reject",
        },
    )
    assert "Анна Григорьева" in (glossary / "rejected.txt").read_text(encoding="utf-8")
    assert 'data-ru="Анна Григорьева"' not in client.get("/glossary/candidates").text
