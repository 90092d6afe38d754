"""The Publish button (editors): start the publish deployment and show its run's state.

These routes stay async because they await the Prefect API; their database work and page
rendering run in the threadpool.
"""

from __future__ import annotations

import shlex
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from translate_pub import config
from translate_pub.config import Settings
from translate_pub.model import SITE_PUBLISHED, Role, SiteReport, User
from translate_pub.review.auth import require
from translate_pub.review.deps import Form, current, posted, render, writing
from translate_pub.store import review as review_store
from translate_pub.store import users as user_store

router = APIRouter()
PREVIEW_URL = f"http://127.0.0.1:{config.PREVIEW_PORT}/"  # `translate-pub preview` (cli/preview.py)


def _editor(request: Request) -> User:
    user, _session = current(request)
    require(user, Role.EDITOR)
    return user


def _page(
    request: Request,
    user: User,
    run_id: str | None = None,
    state: str | None = None,
    reason: str = "",
) -> Response:
    with request.app.state.store.begin() as conn:
        runs = review_store.audit_entries(conn, "publish", limit=20)
        built = review_store.audit_entries(conn, SITE_PUBLISHED, limit=1)
    report = SiteReport.from_json(built[0].detail) if built else None
    return render(
        request,
        "publish.html",
        user=user,
        runs=runs,
        run_id=run_id,
        state=state,
        reason=reason,
        report=report,
        **_where(request.app.state.settings, report),
    )


def _where(settings: Settings, report: SiteReport | None) -> dict[str, Any]:
    """Where readers find the site: its configured URL; else the folder and the command that previews it."""
    out = shlex.quote(report.out) if report and report.out else "DIR"
    return {
        "site_url_set": settings.site_url != Settings.site_url,
        "preview_url": PREVIEW_URL,
        "preview_command": f"translate-pub --home {shlex.quote(str(settings.home))} preview --out {out}",
    }


@router.get("/publish")
def publish_page(request: Request) -> Response:
    return _page(request, _editor(request))


def _posting_editor(request: Request, form: Form) -> User:
    user, _session = posted(request, form)
    require(user, Role.EDITOR)
    return user


def _audit_run(request: Request, user: User, run_id: str) -> None:
    with writing(request.app.state) as conn:
        user_store.audit(conn, user.name, "publish", run_id)


@router.post("/publish")
async def publish(request: Request, form: Form) -> Response:
    user = await run_in_threadpool(_posting_editor, request, form)
    run_id = await request.app.state.publisher.trigger(request.app.state.settings)
    await run_in_threadpool(_audit_run, request, user, run_id)
    return RedirectResponse(f"/publish/{run_id}", status_code=303)


@router.get("/publish/{run_id}")
async def publish_run(request: Request, run_id: str) -> Response:
    user = await run_in_threadpool(_editor, request)
    state, reason = await request.app.state.publisher.state(run_id)
    if "application/json" in request.headers.get("accept", ""):
        return JSONResponse({"run_id": run_id, "state": state, "reason": reason})
    return await run_in_threadpool(_page, request, user, run_id, state, reason)
