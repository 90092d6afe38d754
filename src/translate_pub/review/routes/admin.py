"""Administration (admins only): users and their roles, and the audit log."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from translate_pub.model import Role
from translate_pub.passwords import hash_password
from translate_pub.review.auth import require
from translate_pub.review.deps import Form, current, posted, render, writing
from translate_pub.store import review as review_store
from translate_pub.store import users as user_store

router = APIRouter()
MIN_PASSWORD = 12


@router.get("/admin")
def admin_page(request: Request) -> Response:
    user, _session = current(request)
    require(user, Role.ADMIN)
    with request.app.state.store.begin() as conn:
        people, log = user_store.list_users(conn), review_store.audit_entries(conn, limit=200)
    glossaries = {lang: g.glossary for lang, g in request.app.state.glossaries.items() if g}
    return render(request, "admin.html", user=user, people=people, log=log, roles=list(Role),
                  glossaries=glossaries)


@router.post("/admin/users")
def add_user(request: Request, form: Form) -> Response:
    user, _session = posted(request, form)
    require(user, Role.ADMIN)
    name, password = str(form.get("name", "")).strip(), str(form.get("password", ""))
    try:
        role = Role.parse(str(form.get("role", "")))
    except ValueError as exc:
        raise HTTPException(400, str(exc)) from None
    if not name or len(name) > 100 or len(password) < MIN_PASSWORD:
        raise HTTPException(400, f"a user needs a name and a password of at least {MIN_PASSWORD} characters")
    with writing(request.app.state) as conn:
        user_store.add_user(conn, name, role, hash_password(password))
        user_store.audit(conn, user.name, "user-add", f"{name} as {role.label}")
    request.app.state.sessions.drop_user(name)
    return RedirectResponse("/admin", status_code=303)
