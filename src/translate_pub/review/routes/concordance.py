"""Concordance: a word or phrase looked up in the approved translations (source or target),
then in imported memory, answered as JSON pieces that the editor marks up with textContent, never as HTML."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from translate_pub import msgids as ids
from translate_pub.model import Provenance
from translate_pub.review.deps import current, target_lang
from translate_pub.review.i18n import gettext_for
from translate_pub.review.refusals import Refused
from translate_pub.review.suggestions import marked
from translate_pub.store import imported as imported_store
from translate_pub.store import memory as memory_store
from translate_pub.store.memory import Entry

router = APIRouter()
MAX_QUERY = 200  # characters
LIMIT = 20  # hits: approved ones first, then imported


@router.get("/concordance/{lang}")
def concordance(request: Request, lang: str, q: str = "") -> Response:
    current(request)
    lang = target_lang(request, lang)
    if len(q) > MAX_QUERY:
        raise Refused(400, ids.SEARCH_TOO_LONG(n=MAX_QUERY))
    with request.app.state.store.begin() as conn:
        hits = memory_store.concordance(conn, q, lang) if q.strip() else []
        if len(hits) < LIMIT and q.strip():
            hits += imported_store.concordance(conn, q, lang, LIMIT - len(hits))
    _ = gettext_for(request)
    return JSONResponse(
        {
            "query": q,
            "hits": [
                {
                    "source": marked(e.source, q),
                    "target": marked(e.target, q),
                    **_origin(e, lang, _),
                }
                for e in hits
            ],
        }
    )


def _origin(e: Entry, lang: str, _: Callable[[str], str]) -> dict[str, str]:
    """Where a hit came from: its document (a link), or the TMX file it was imported from."""
    if e.provenance is Provenance.IMPORTED:
        return {"title": _("imported from %(file)s") % {"file": e.title}, "link": ""}
    return {
        "title": e.title,
        "link": f"/doc/{e.document_id}/{lang}#seg-{e.position + 1}",
    }
