"""Concordance: a word or phrase looked up in the approved translations (source or target),
answered as JSON pieces that the editor marks up with textContent, never as HTML."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse, Response

from translate_pub.review.deps import current, target_lang
from translate_pub.review.suggestions import marked
from translate_pub.store import memory as memory_store

router = APIRouter()
MAX_QUERY = 200  # characters


@router.get("/concordance/{lang}")
def concordance(request: Request, lang: str, q: str = "") -> Response:
    current(request)
    lang = target_lang(request, lang)
    if len(q) > MAX_QUERY:
        raise HTTPException(400, f"the search is longer than {MAX_QUERY} characters")
    with request.app.state.store.begin() as conn:
        hits = memory_store.concordance(conn, q, lang) if q.strip() else []
    return JSONResponse({"query": q, "hits": [{
        "source": marked(e.source, q), "target": marked(e.target, q), "title": e.title,
        "link": f"/doc/{e.document_id}/{lang}#seg-{e.position + 1}"} for e in hits]})
