"""XLIFF for CAT tools in the app: download a document or the queue's current filter, upload it back.

Downloads are `review.xliff.export_xliff`, the file the CLI writes: one XLIFF 1.2 file with one
<file> per document. Uploads go through the CLI's validation (`xliff_import.plan_import`, the one
QA gate included); unlike the CLI, the app writes every valid unit and lists each refused one,
so a long file is not lost to one bad unit, and a document with a refused unit keeps its status.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.datastructures import UploadFile

from translate_pub import msgids
from translate_pub.errors import ParseError
from translate_pub.model import User
from translate_pub.review.deps import (
    Form,
    Id,
    current,
    posted,
    render,
    target_lang,
    writing,
)
from translate_pub.review.i18n import gettext_for
from translate_pub.review.limits import UPLOAD_PATH
from translate_pub.review.refusals import Refused
from translate_pub.review.routes.documents import load_status
from translate_pub.review.routes.queue import queue_filter
from translate_pub.review.xliff import Problem, Problems, export_xliff
from translate_pub.review.xliff_import import apply_valid, plan_import
from translate_pub.store import review as review_store
from translate_pub.store.queue import filtered_ids

router = APIRouter()
_UPLOADING: set[str] = set()  # users with an upload being applied in this process
_UPLOADING_LOCK = threading.Lock()
MAX_DOCUMENTS = 250  # per queue download: more is a batch for the CLI (`translate-pub review export`)
XLIFF_TYPE = "application/x-xliff+xml"


def _download(data: bytes, name: str) -> Response:
    return Response(
        data,
        media_type=XLIFF_TYPE,
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "X-Content-Type-Options": "nosniff",
        },
    )


@router.get("/doc/{doc_id}/{lang}/xliff")
def document_xliff(request: Request, doc_id: Id, lang: str) -> Response:
    current(request)
    lang = target_lang(request, lang)
    with request.app.state.store.begin() as conn:
        load_status(conn, doc_id, lang)
        data = export_xliff(conn, lang, [doc_id])
    return _download(data, f"doc-{doc_id}-{lang}.xlf")


@router.get("/queue/xliff")
def queue_xliff(
    request: Request,
    lang: str = "",
    status: str = "",
    outlet: str = "",
    assignee: str = "",
    stale: str = "",
    sort: str = "newest",
    q: str = "",
) -> Response:
    """Every document the queue's filter finds (all its pages), in the queue's order."""
    current(request)
    filt = queue_filter(request, lang, status, outlet, assignee, stale, sort, q)
    with request.app.state.store.begin() as conn:
        ids = filtered_ids(conn, filt, MAX_DOCUMENTS)
        if len(ids) > MAX_DOCUMENTS:
            raise Refused(413, msgids.FILTER_TOO_WIDE(n=MAX_DOCUMENTS))
        if not ids:
            raise Refused(404, msgids.FILTER_EMPTY())
        data = export_xliff(conn, filt.lang, ids)
    return _download(data, f"queue-{filt.lang}-{len(ids)}-documents.xlf")


@router.post(UPLOAD_PATH)
def upload(request: Request, form: Form) -> Response:
    user, _session = posted(request, form)
    sent = form.get("file")
    if not isinstance(sent, UploadFile) or not sent.filename:
        raise Refused(400, msgids.CHOOSE_XLIFF())
    with _one_upload_at_a_time(user.name):
        return _apply_upload(request, user, sent)


def _apply_upload(request: Request, user: User, sent: UploadFile) -> Response:
    """Parse the upload as it streams from its spooled file, apply the valid units, and report
    the first MAX_PROBLEMS refused ones with the count of the rest."""
    name, gettext, state = (
        str(sent.filename),
        gettext_for(request),
        request.app.state,
    )
    with writing(state) as conn:
        try:
            plans, problems = plan_import(
                conn, sent.file, name, user, state.settings.languages, state.glossaries
            )
        except ParseError as exc:
            plans, problems = [], Problems()
            problems.append(Problem(exc.where, exc.why))
        report = apply_valid(conn, plans, problems, user, state.glossaries)
        titles = {p.doc_id: review_store.document_title(conn, p.doc_id) for p in plans}
    refused = [{"problem": p, "message": p.said.render(gettext)} for p in problems]
    return render(
        request,
        "xliff.html",
        status_code=422 if problems and not report.units_changed else 200,
        user=user,
        file=name,
        report=report,
        plans=plans,
        titles=titles,
        refused=refused,
        refused_count=len(problems),
        unlisted=problems.unlisted,
        lang=plans[0].lang if plans else "",
    )


@contextmanager
def _one_upload_at_a_time(name: str) -> Iterator[None]:
    """One XLIFF upload per user at a time in this process: a second is refused (429), not queued."""
    with _UPLOADING_LOCK:
        if name in _UPLOADING:
            raise Refused(429, msgids.UPLOAD_BUSY())
        _UPLOADING.add(name)
    try:
        yield
    finally:
        with _UPLOADING_LOCK:
            _UPLOADING.discard(name)
