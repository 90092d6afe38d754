"""Administration (admins only): users and their roles, and the audit log."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from translate_pub.model import Role
from translate_pub.passwords import account_name, check_new_password, hash_password
from translate_pub.review.auth import require
from translate_pub.review.deps import Form, current, posted, render, writing
from translate_pub.store import review as review_store
from translate_pub.store import users as user_store

router = APIRouter()


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
    name, password = account_name(str(form.get("name", ""))), str(form.get("password", ""))
    check_new_password(password)
    try:
        role = Role.parse(str(form.get("role", "")))
    except ValueError as exc:
        raise HTTPException(400, str(exc)) from None
    with writing(request.app.state) as conn:
        user_store.add_user(conn, name, role, hash_password(password))
        user_store.audit(conn, user.name, "user-add", f"{name} as {role.label}")  # their sessions ended
    return RedirectResponse("/admin", status_code=303)
