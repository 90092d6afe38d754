"""One document in one target language: the side-by-side editor, segment saves and live QA.

All plain `def` routes (database and QA work run in the threadpool); JSON bodies arrive as
bytes through the `Body` dependency and are parsed here, after the login and CSRF checks.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy import Connection

from translate_pub import msgids as ids
from translate_pub.errors import StateError
from translate_pub.model import DocStatus, User
from translate_pub.review import gate, states
from translate_pub.review.auth import check_csrf
from translate_pub.review.deps import Body, Id, current, render, target_lang, writing
from translate_pub.review.diff import word_diff
from translate_pub.review.i18n import gettext_for
from translate_pub.review.limits import MAX_JSON_DEPTH, MAX_TEXT, TooDeep, load_json
from translate_pub.review.refusals import Refused
from translate_pub.review.suggestions import exact, fuzzy
from translate_pub.store import digests as digest_store
from translate_pub.store import dismissals as dismissal_store
from translate_pub.store import documents as doc_store
from translate_pub.store import exact_memory, status_log
from translate_pub.store import imported as imported_store
from translate_pub.store import memory as memory_store
from translate_pub.store import omissions as omission_store
from translate_pub.store import review as review_store
from translate_pub.store import translations as tr_store
from translate_pub.store import users as user_store
from translate_pub.store.progress import Progress, words

router = APIRouter()


def load_status(
    conn: Connection, doc_id: int, lang: str, share: bool = False
) -> DocStatus:
    row = tr_store.get_status(conn, doc_id, lang, share=share)
    if row is None:
        raise Refused(404, ids.NO_DOCUMENT())
    return row


def may_edit(conn: Connection, doc_id: int, lang: str, user: User) -> None:
    """StateError unless this user may change the document's text (or its QA's dismissals)
    now: the workflow's rule, as the editor shows it. The status row is held until the
    transaction ends, so an approval under way finishes first (store/workflow.act)."""
    if refusal := states.edit_refusal(
        load_status(conn, doc_id, lang, share=True).status, user.role
    ):
        raise StateError(refusal)


@router.get("/doc/{doc_id}/{lang}")
def editor(request: Request, doc_id: Id, lang: str) -> Response:
    user, _session = current(request)
    return editor_page(request, user, doc_id, target_lang(request, lang))


def editor_page(
    request: Request,
    user: User,
    doc_id: int,
    lang: str,
    *,
    refused: str = "",
    confirm: list[gate.SegmentQa] | None = None,
    status_code: int = 200,
) -> Response:
    """The editor; after a refused action, with what it needs marked (`refused`: the action whose
    reason field was empty; `confirm`: the open errors a submission must be confirmed over)."""
    with request.app.state.store.begin() as conn:
        st = load_status(conn, doc_id, lang)
        doc = doc_store.get_document(conn, doc_id)
        assert doc is not None  # load_status found the document's status row
        rows = review_store.editor_rows(conn, doc_id, lang)
        memory = exact_memory.exact_units(conn, [r.source for r in rows], lang, doc_id)
        usable = (
            [r.source for r in rows if r.block != "quote"]
            if states.editable(st.status, user.role)
            else []
        )
        similar = memory_store.similar(
            conn, usable, lang, doc_id
        )  # fuzzy: only where a match can be used
        for src, found in imported_store.similar(conn, usable, lang).items():
            similar[src] = similar.get(src, []) + found
        people = [u.name for u in user_store.list_users(conn)]
        changes = (
            digest_store.changed_sources(conn, doc_id) if doc.kind == "digest" else []
        )
        dismissed = dismissal_store.dismissals(
            conn, [r.translation_id for r in rows if r.translation_id]
        )
        left_out = omission_store.omitted_in(conn, doc_id, lang)
        notes = review_store.segment_comments(conn, doc_id, lang)
        last = status_log.last_changes(conn, [doc_id], lang).get(doc_id)
        known = gate.known_names(conn, [r.source for r in rows if r.text], lang)
    status, glossary = st.status, request.app.state.glossaries.get(lang)
    qa = gate.document_qa(
        request.app.state.glossaries, lang, rows, dismissed, known, left_out
    )
    segments = [
        {
            "row": r,
            "memory": exact(memory.get(r.source)),
            "qa": found,
            "fuzzy": fuzzy(
                r.source,
                similar.get(r.source, []),
                memory[r.source].target if r.source in memory else None,
            ),
            "words": words(r.source),
            "comments": notes.get(r.segment_id, []),
            "omitted": left_out.get(r.segment_id),
            "spans": glossary.spans(r.source) if glossary else [(r.source, None)],
            "terms": glossary.panel(r.source) if glossary else [],
            "diff": word_diff(r.mt_text, r.text) if r.mt_text != r.text else [],
        }
        for r, found in zip(rows, qa, strict=True)
    ]
    progress = Progress(st.translated, st.segments, st.words_left)
    return render(
        request,
        "editor.html",
        user=user,
        doc=doc,
        lang=lang,
        st=st,
        status=status,
        progress=progress,
        segments=segments,
        glossary=glossary,
        editable=states.editable(status, user.role),
        actions=states.available(status, user.role),
        may_omit=states.may_omit(status, user.role) and doc.kind != "digest",
        people=people,
        changes=changes,
        errors=gate.open_errors(qa),
        returned=states.returned(status, last),
        refused=refused,
        confirm=confirm,
        status_code=status_code,
    )


def _page_of(body: dict) -> str:  # type: ignore[type-arg]
    """The editor page (tab) a save comes from: a random id the page picks when it loads."""
    page = body.get("page")
    return page if isinstance(page, str) and 0 < len(page) <= 64 else ""


def json_body(raw: bytes) -> dict:  # type: ignore[type-arg]
    try:
        body = load_json(raw)
    except TooDeep:
        raise Refused(422, ids.TOO_DEEP(n=MAX_JSON_DEPTH)) from None
    except ValueError:
        raise Refused(400, ids.NOT_JSON()) from None
    if not isinstance(body, dict):
        raise Refused(400, ids.NOT_OBJECT())
    return body


def text_of(body: dict) -> str:  # type: ignore[type-arg]
    text = body.get("text")
    if not isinstance(text, str) or len(text) > MAX_TEXT:
        raise Refused(400, ids.TEXT_TOO_LONG(n=MAX_TEXT))
    return text.replace("\r\n", "\n")


def segment(
    conn: Connection, doc_id: int, lang: str, translation_id: int
) -> review_store.SegmentRef:
    ref = review_store.segment_ref(conn, translation_id)
    if ref is None or ref.document_id != doc_id or ref.lang != lang:
        raise Refused(404, ids.NO_SEGMENT())
    if not ref.current:
        raise StateError(ids.OLD_REVISION())
    return ref


@router.post("/doc/{doc_id}/{lang}/segment/{translation_id}")
def save_segment(
    request: Request, doc_id: Id, lang: str, translation_id: Id, raw: Body
) -> Response:
    """Save one segment (autosave); 409 with a clear message if someone saved it first."""
    user, session = current(request)
    check_csrf(request, session.csrf)
    lang, body = target_lang(request, lang), json_body(raw)
    text, version = text_of(body), body.get("version")
    if not isinstance(version, int):
        raise Refused(400, ids.BAD_VERSION())
    with writing(request.app.state) as conn:
        may_edit(conn, doc_id, lang, user)
        ref = segment(conn, doc_id, lang, translation_id)
        if "q" in ref.markup:
            raise StateError(ids.QUOTE())
        if omission_store.left_out(conn, lang, translation_id=translation_id):
            raise StateError(ids.OMITTED())
        known = gate.known_names(conn, [ref.source], lang)
        raised = {
            gate.issue_key(f.issue)
            for f in gate.segment_qa(
                request.app.state.glossaries, lang, ref.source, text, known=known
            ).findings
        }
        try:
            new_version = tr_store.edit_translation(
                conn,
                translation_id,
                text,
                user=user.name,
                expected_version=version,
                page=_page_of(body),
                raised=raised,
            )
        except tr_store.EditConflict as clash:
            return JSONResponse(
                {
                    "error": (clash.said or ids.TEXT(text=str(clash))).render(
                        gettext_for(request)
                    ),
                    "theirs": clash.theirs,
                    "version": clash.version,
                    "by": clash.user,
                    "diff": word_diff(clash.theirs, text),
                },
                status_code=409,
            )
        dismissed = dismissal_store.dismissals(conn, [translation_id]).get(
            translation_id, []
        )
    qa = gate.segment_qa(
        request.app.state.glossaries, lang, ref.source, text, dismissed, known=known
    )
    return JSONResponse(
        {
            "version": new_version,
            "issues": [f.as_dict(gettext_for(request)) for f in qa.findings],
            "diff": word_diff(ref.mt_text, text) if ref.mt_text != text else [],
        }
    )


@router.post("/doc/{doc_id}/{lang}/translate/{segment_id}")
def first_translation(
    request: Request, doc_id: Id, lang: str, segment_id: Id, raw: Body
) -> Response:
    """A person translates a segment that has no draft yet (MT not run, or new in a revised source)."""
    user, session = current(request)
    check_csrf(request, session.csrf)
    lang, body = target_lang(request, lang), json_body(raw)
    text = text_of(body)
    with writing(request.app.state) as conn:
        may_edit(conn, doc_id, lang, user)
        seg = review_store.current_segment(conn, doc_id, segment_id)
        if seg is None:
            raise Refused(404, ids.NO_SEGMENT())
        if omission_store.left_out(conn, lang, segment_id=segment_id):
            raise StateError(ids.OMITTED())
        qa = gate.segment_qa(request.app.state.glossaries, lang, seg.source, text)
        tid = review_store.add_human_translation(
            conn, segment_id, lang, text, user=user.name
        )
    base = f"/doc/{doc_id}/{lang}"
    return JSONResponse(
        {
            "version": 1,
            "issues": [f.as_dict(gettext_for(request)) for f in qa.findings],
            "diff": [],
            "translation_id": tid,
            "save": f"{base}/segment/{tid}",
            "qa": f"{base}/qa/{tid}",
        }
    )
