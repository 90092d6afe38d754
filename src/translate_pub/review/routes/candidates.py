"""Glossary candidates for editors: names in the stored sources the glossary lacks; accept one
(its English edited if need be) into terms.csv through the glossary's validation, or reject it
for good. The app loads a new glossary version when restarted, as after any glossary edit."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from translate_pub import msgids as ids
from translate_pub.model import Role
from translate_pub.review.auth import require
from translate_pub.review.candidates import find
from translate_pub.review.deps import Form, current, posted, render, writing
from translate_pub.review.refusals import Refused
from translate_pub.store import users as user_store
from translate_pub.terms import candidates as cand

router = APIRouter()
SHOWN = 50


@router.get("/glossary/candidates")
def candidates_page(request: Request, min: int = 2) -> Response:  # noqa: A002 (the query's name)
    user, _session = current(request)
    require(user, Role.EDITOR)
    return _page(request, user, max(1, min), "")


def _page(request: Request, user: object, minimum: int, done: str) -> Response:
    state = request.app.state
    found = find(state.store, state.settings, state.settings.glossary, minimum)
    return render(
        request,
        "candidates.html",
        user=user,
        found=found[:SHOWN],
        total=len(found),
        minimum=minimum,
        done=done,
    )


@router.post("/glossary/candidates")
def decide(request: Request, form: Form) -> Response:
    user, _session = posted(request, form)
    require(user, Role.EDITOR)
    ru, kind, action = (
        str(form.get("ru", "")).strip(),
        str(form.get("kind", "")),
        str(form.get("action", "")),
    )
    english = str(form.get("en", "")).strip()
    if (
        not ru
        or kind not in cand.KINDS
        or action not in ("accept", "reject")
        or (action == "accept" and not english)
    ):
        raise Refused(400, ids.CHOOSE_CANDIDATE())
    glossary = request.app.state.settings.glossary
    if action == "reject":
        cand.reject(glossary, ru)
        done = f"«{ru}» rejected"
    else:
        count = str(form.get("count", ""))
        term, version = cand.accept(
            glossary,
            cand.Candidate(
                kind, ru, english, count=int(count) if count.isdigit() else 0
            ),
        )
        done = f"«{term.ru}» → {term.en} added (glossary version {version[:12]}; restart the app to load it)"
    with writing(request.app.state) as conn:
        user_store.audit(conn, user.name, "glossary-candidate", done)
    return _page(request, user, 2, done)
