"""Administration (admins only): users and their roles, TMX files into the translation memory,
and the audit log."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import UploadFile

from translate_pub import msgids as ids
from translate_pub.model import Role
from translate_pub.passwords import account_name, check_new_password, hash_password
from translate_pub.review.auth import require
from translate_pub.review.deps import Form, current, posted, render, writing
from translate_pub.review.limits import TMX_PATH
from translate_pub.review.refusals import Refused
from translate_pub.review.tmx_import import import_memory
from translate_pub.store import imported as imported_store
from translate_pub.store import review as review_store
from translate_pub.store import users as user_store

router = APIRouter()


@router.get("/admin")
def admin_page(request: Request) -> Response:
    user, _session = current(request)
    require(user, Role.ADMIN)
    with request.app.state.store.begin() as conn:
        people, log = (
            user_store.list_users(conn),
            review_store.audit_entries(conn, limit=200),
        )
        memory = {
            lang: imported_store.count(conn, lang)
            for lang in request.app.state.settings.targets
        }
    glossaries = {
        lang: g.glossary for lang, g in request.app.state.glossaries.items() if g
    }
    return render(
        request,
        "admin.html",
        user=user,
        people=people,
        log=log,
        roles=list(Role),
        glossaries=glossaries,
        memory=memory,
    )


@router.post("/admin/users")
def add_user(request: Request, form: Form) -> Response:
    user, _session = posted(request, form)
    require(user, Role.ADMIN)
    name, password = (
        account_name(str(form.get("name", ""))),
        str(form.get("password", "")),
    )
    check_new_password(password)
    raw = str(form.get("role", ""))
    try:
        role = Role.parse(raw)
    except ValueError:
        known = ", ".join(r.label for r in Role)  # the form's values, not words
        raise Refused(400, ids.UNKNOWN_ROLE(name=repr(raw), known=known)) from None
    with writing(request.app.state) as conn:
        user_store.add_user(conn, name, role, hash_password(password))
        user_store.audit(
            conn, user.name, "user-add", f"{name} as {role.label}"
        )  # their sessions ended
    return RedirectResponse("/admin", status_code=303)


@router.post(TMX_PATH)
def upload_memory(request: Request, form: Form) -> Response:
    """A TMX file (or a reviewed alignment, .tsv) into the translation memory: every usable unit
    imported, each refused one listed."""
    user, _session = posted(request, form)
    require(user, Role.ADMIN)
    sent = form.get("file")
    if not isinstance(sent, UploadFile) or not sent.filename:
        raise Refused(400, ids.CHOOSE_TMX())
    name, state = Path(sent.filename).name, request.app.state
    with (
        tempfile.TemporaryDirectory() as folder
    ):  # the reader streams from a regular file, as on the CLI
        path = Path(folder) / (
            "upload.tsv" if name.lower().endswith(".tsv") else "upload.tmx"
        )
        with path.open("wb") as out:
            shutil.copyfileobj(sent.file, out)
        with (
            state.write_lock
        ):  # SQLite's one writer: this process's saves wait here, not in its busy loop
            report = import_memory(state.store, path, state.settings, name)
    with writing(state) as conn:
        user_store.audit(conn, user.name, "memory-import", str(report))
    status = (
        422
        if report.failed or (report.refused and not report.added + report.merged)
        else 200
    )
    return render(
        request, "memory_import.html", status_code=status, user=user, report=report
    )
