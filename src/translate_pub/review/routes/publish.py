"""The Publish button (editors): start the publish deployment and show its run's state."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from translate_pub.model import Role
from translate_pub.review.auth import require
from translate_pub.review.web import current, posted, render
from translate_pub.store import review as review_store
from translate_pub.store import users as user_store

router = APIRouter()


@router.get("/publish")
def publish_page(request: Request) -> Response:
    user, _session = current(request)
    require(user, Role.EDITOR)
    with request.app.state.store.begin() as conn:
        runs = review_store.audit_entries(conn, "publish", limit=20)
    return render(request, "publish.html", user=user, runs=runs, run_id=None, state=None)


@router.post("/publish")
async def publish(request: Request) -> Response:
    user, _session, _form = await posted(request)
    require(user, Role.EDITOR)
    run_id = await request.app.state.publisher.trigger(request.app.state.settings)
    with request.app.state.store.begin() as conn:
        user_store.audit(conn, user.name, "publish", run_id)
    return RedirectResponse(f"/publish/{run_id}", status_code=303)


@router.get("/publish/{run_id}")
async def publish_run(request: Request, run_id: str) -> Response:
    user, _session = current(request)
    require(user, Role.EDITOR)
    state = await request.app.state.publisher.state(run_id)
    if "application/json" in request.headers.get("accept", ""):
        return JSONResponse({"run_id": run_id, "state": state})
    with request.app.state.store.begin() as conn:
        runs = review_store.audit_entries(conn, "publish", limit=20)
    return render(request, "publish.html", user=user, runs=runs, run_id=run_id, state=state)
