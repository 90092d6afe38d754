"""QA while translating: checks of a text being typed, and dismissing a false alarm on one segment."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from translate_pub import msgids as ids
from translate_pub.model import User
from translate_pub.review import gate
from translate_pub.review.auth import check_csrf
from translate_pub.review.deps import Body, Id, current, target_lang, writing
from translate_pub.review.i18n import gettext_for
from translate_pub.review.refusals import Refused
from translate_pub.review.routes.documents import json_body, may_edit, segment, text_of
from translate_pub.store import dismissals as dismissal_store
from translate_pub.store import review as review_store

router = APIRouter()
MAX_REASON = 1_000


@router.post("/doc/{doc_id}/{lang}/qa/{translation_id}")
def live_qa(
    request: Request, doc_id: Id, lang: str, translation_id: Id, raw: Body
) -> Response:
    """QA of a text being typed, without saving it (dismissals count only for the text they were made for)."""
    _user, session = current(request)
    check_csrf(request, session.csrf)
    lang, body = target_lang(request, lang), json_body(raw)
    with request.app.state.store.begin() as conn:
        ref = segment(conn, doc_id, lang, translation_id)
        dismissed = dismissal_store.dismissals(conn, [translation_id]).get(
            translation_id, []
        )
        known = gate.known_names(conn, [ref.source], lang)
    qa = gate.segment_qa(
        request.app.state.glossaries,
        lang,
        ref.source,
        text_of(body),
        dismissed,
        known=known,
    )
    return JSONResponse(
        {"issues": [f.as_dict(gettext_for(request)) for f in qa.findings]}
    )


@router.post("/doc/{doc_id}/{lang}/dismiss/{translation_id}")
def dismiss(
    request: Request, doc_id: Id, lang: str, translation_id: Id, raw: Body
) -> Response:
    """Declare one issue of the segment's saved text a false alarm, with a reason; with `undo`,
    take a dismissal back (History keeps both)."""
    user, session = current(request)
    check_csrf(request, session.csrf)
    lang, body = target_lang(request, lang), json_body(raw)
    key, reason = body.get("key"), body.get("reason")
    if body.get("undo") is True and isinstance(key, str):
        return _undismiss(request, doc_id, lang, translation_id, key, user)
    if not isinstance(reason, str) or not reason.strip() or len(reason) > MAX_REASON:
        raise Refused(400, ids.DISMISS_REASON(n=MAX_REASON))
    with writing(request.app.state) as conn:
        may_edit(conn, doc_id, lang, user)
        ref = segment(conn, doc_id, lang, translation_id)
        text = review_store.translation_text(conn, translation_id)
        known = gate.known_names(conn, [ref.source], lang)
        qa = gate.segment_qa(
            request.app.state.glossaries, lang, ref.source, text, known=known
        )
        found = {gate.issue_key(f.issue): f.issue for f in qa.findings}
        if key not in found:
            raise Refused(409, ids.DISMISS_GONE())
        if not gate.dismissable(found[key]):
            raise Refused(409, ids.DISMISS_MISSING())
        dismissal_store.dismiss(
            conn, translation_id, str(key), text, reason.strip(), user.name
        )
        dismissed = dismissal_store.dismissals(conn, [translation_id]).get(
            translation_id, []
        )
    qa = gate.segment_qa(
        request.app.state.glossaries, lang, ref.source, text, dismissed, known=known
    )
    return JSONResponse(
        {"issues": [f.as_dict(gettext_for(request)) for f in qa.findings]}
    )


def _undismiss(
    request: Request, doc_id: int, lang: str, translation_id: int, key: str, user: User
) -> Response:
    with writing(request.app.state) as conn:
        may_edit(conn, doc_id, lang, user)
        ref = segment(conn, doc_id, lang, translation_id)
        dismissal_store.undismiss(conn, translation_id, key, user.name)
        text = review_store.translation_text(conn, translation_id)
        dismissed = dismissal_store.dismissals(conn, [translation_id]).get(
            translation_id, []
        )
        known = gate.known_names(conn, [ref.source], lang)
    qa = gate.segment_qa(
        request.app.state.glossaries, lang, ref.source, text, dismissed, known=known
    )
    return JSONResponse(
        {"issues": [f.as_dict(gettext_for(request)) for f in qa.findings]}
    )
