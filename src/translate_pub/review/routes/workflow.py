"""Status changes, assignment, comments and history of one document in one language."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from translate_pub import msgids as ids
from translate_pub.model import Role
from translate_pub.review import gate
from translate_pub.review.auth import require
from translate_pub.review.deps import (
    Form,
    Id,
    current,
    posted,
    render,
    target_lang,
    writing,
)
from translate_pub.review.refusals import Refused
from translate_pub.review.routes.documents import editor_page, load_status
from translate_pub.store import review as review_store
from translate_pub.store import translations as tr_store
from translate_pub.store import users as user_store
from translate_pub.store import workflow

router = APIRouter()
MAX_COMMENT = 5_000


def _version(form) -> int:  # type: ignore[no-untyped-def]
    value = str(form.get("version", ""))
    if not value.isdigit():
        raise Refused(400, ids.NO_VERSION())
    return int(value)


def _back(doc_id: int, lang: str) -> RedirectResponse:
    return RedirectResponse(f"/doc/{doc_id}/{lang}", status_code=303)


@router.post("/doc/{doc_id}/{lang}/status")
def change_status(request: Request, doc_id: Id, lang: str, form: Form) -> Response:
    user, _session = posted(request, form)
    lang = target_lang(request, lang)
    name, reason = (
        str(form.get("action", "")),
        str(form.get("reason", ""))[:MAX_COMMENT].strip(),
    )
    glossaries, refused, confirm, note = request.app.state.glossaries, "", [], ""
    with writing(request.app.state) as conn:
        load_status(conn, doc_id, lang)
        if (
            name == "submit"
        ):  # open errors go to review only once the translator confirms them
            qa = gate.stored_qa(conn, glossaries, doc_id, lang)
            if (errors := gate.open_errors(qa)) and form.get("confirm") != str(errors):
                confirm = gate.blocking_segments(qa)
            note = f"submitted with {errors} open errors" if errors else ""
        try:
            if not confirm:
                workflow.act(
                    conn,
                    doc_id,
                    lang,
                    name,
                    user=user,
                    expected_version=_version(form),
                    reason=reason,
                    gate=gate.qa_gate(glossaries),
                    note=note,
                )
        except (workflow.GateClosed, workflow.Incomplete):
            qa = gate.stored_qa(conn, glossaries, doc_id, lang)
            return render(
                request,
                "blocked.html",
                status_code=409,
                user=user,
                doc_id=doc_id,
                lang=lang,
                title=review_store.document_title(conn, doc_id),
                blocking=gate.blocking_segments(qa),
                errors=gate.open_errors(qa),
            )
        except workflow.ReasonNeeded:
            refused = name
    if (
        refused or confirm
    ):  # the document again: the reason field marked, or the errors to confirm
        return editor_page(
            request,
            user,
            doc_id,
            lang,
            refused=refused,
            confirm=confirm,
            status_code=400 if refused else 409,
        )
    return _back(doc_id, lang)


@router.post("/doc/{doc_id}/{lang}/assign")
def assign(request: Request, doc_id: Id, lang: str, form: Form) -> Response:
    user, _session = posted(request, form)
    require(user, Role.EDITOR)
    lang, assignee = target_lang(request, lang), str(form.get("assignee", "")).strip()
    with writing(request.app.state) as conn:
        load_status(conn, doc_id, lang)
        if assignee and user_store.get_user(conn, assignee) is None:
            raise Refused(400, ids.NO_USER(name=repr(assignee)))
        tr_store.assign(conn, doc_id, lang, assignee, expected_version=_version(form))
        user_store.audit(
            conn,
            user.name,
            "assign",
            f"document {doc_id} ({lang}) → {assignee or 'nobody'}",
        )
    return _back(doc_id, lang)


@router.post("/doc/{doc_id}/{lang}/comment")
def comment(request: Request, doc_id: Id, lang: str, form: Form) -> Response:
    user, _session = posted(request, form)
    lang, text = target_lang(request, lang), str(form.get("text", "")).strip()
    if not text or len(text) > MAX_COMMENT:
        raise Refused(400, ids.COMMENT_LENGTH(n=MAX_COMMENT))
    number = str(form.get("segment", ""))
    with writing(request.app.state) as conn:
        load_status(conn, doc_id, lang)
        segment_id = None
        if number:  # "" is the whole document; otherwise the segment's number as the editor shows it
            rows = review_store.editor_rows(conn, doc_id, lang)
            found = [r.segment_id for r in rows if str(r.position + 1) == number]
            if not found:
                raise Refused(400, ids.NO_SEGMENT_NUMBER(n=number))
            segment_id = found[0]
        review_store.add_comment(
            conn, doc_id, lang, user.name, text, segment_id=segment_id
        )
    if segment_id is not None:
        return RedirectResponse(f"/doc/{doc_id}/{lang}#seg-{number}", status_code=303)
    return RedirectResponse(f"/doc/{doc_id}/{lang}/history", status_code=303)


@router.post("/doc/{doc_id}/{lang}/omit")
def omit(request: Request, doc_id: Id, lang: str, form: Form) -> Response:
    """A reviewer leaves a sentence out, saying why; `undo` takes an omission back."""
    user, _session = posted(request, form)
    lang, number = target_lang(request, lang), str(form.get("number", ""))
    if not number.isdigit():
        raise Refused(400, ids.OMIT_NO_NUMBER())
    seen = _version(form)
    with writing(request.app.state) as conn:
        load_status(conn, doc_id, lang)
        if form.get("undo"):
            workflow.unomit(
                conn, doc_id, lang, int(number), user=user, expected_version=seen
            )
        else:
            reason = str(form.get("reason", ""))[:MAX_COMMENT]
            workflow.omit(
                conn,
                doc_id,
                lang,
                int(number),
                user=user,
                reason=reason,
                expected_version=seen,
            )
    return RedirectResponse(f"/doc/{doc_id}/{lang}#seg-{number}", status_code=303)


@router.get("/doc/{doc_id}/{lang}/history")
def history(request: Request, doc_id: Id, lang: str) -> Response:
    user, _session = current(request)
    lang = target_lang(request, lang)
    with request.app.state.store.begin() as conn:
        st = load_status(conn, doc_id, lang)
        doc = review_store.document_title(conn, doc_id)
        events = review_store.history(conn, doc_id, lang)
    return render(
        request,
        "history.html",
        user=user,
        doc_id=doc_id,
        title=doc,
        lang=lang,
        status=st.status,
        events=events,
    )
