"""The digest composer (editors): write a roundup in Markdown, find approved sentences, insert them as quotes.

Saving goes through the same parser as digest files, so a composed digest and a file are one thing;
the saved digest then opens in the ordinary editor to be translated, submitted and reviewed.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import yaml
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from sqlalchemy import Connection

from translate_pub import msgids as ids
from translate_pub.errors import ParseError
from translate_pub.ingest.digest import QuoteCall, digest_from
from translate_pub.ingest.digest_files import resolver
from translate_pub.ingest.encoding import decode
from translate_pub.ingest.markdown import split_front_matter
from translate_pub.model import QuoteRef, Role, User
from translate_pub.review.auth import require
from translate_pub.review.deps import Form, Id, current, posted, render, writing
from translate_pub.review.i18n import gettext_for, ui_language
from translate_pub.review.preview import Quoted, editions
from translate_pub.review.refusals import Refused
from translate_pub.slugs import slugify
from translate_pub.store import documents as doc_store
from translate_pub.store import users as user_store
from translate_pub.store.digests import QuotedSegment
from translate_pub.store.quote_search import Found, Query, search
from translate_pub.store.workflow import save_digest
from translate_pub.terms.names import NamedByGlossary, named_by_glossary

router = APIRouter()
FIELDS = (
    *("title", "author", "date", "lang", "series", "series_en", "tags", "tags_en"),
    "body",
)
MAX_BODY = 100_000  # characters of Markdown


def _editor(request: Request) -> User:
    user, _session = current(request)
    require(user, Role.EDITOR)
    return user


def _page(
    request: Request,
    user: User,
    values: dict[str, str],
    doc_id: int | None = None,
    error: str = "",
    status_code: int = 200,
) -> Response:
    return render(
        request,
        "compose.html",
        status_code=status_code,
        user=user,
        values=values,
        doc_id=doc_id,
        error=error,
        lang=request.app.state.settings.targets[0],
        source_lang=request.app.state.settings.source_lang,
    )


@router.get("/digests/new")
def new_digest(request: Request) -> Response:
    user = _editor(request)
    return _page(
        request,
        user,
        {"author": user.name, "date": datetime.now(UTC).date().isoformat()},
    )


@router.get("/digests/{doc_id}/edit")
def edit_digest(request: Request, doc_id: Id) -> Response:
    user = _editor(request)
    with request.app.state.store.begin() as conn:
        doc = doc_store.get_document(conn, doc_id)
        if doc is None or doc.kind != "digest":
            raise Refused(404, ids.NO_DIGEST())
        raw = doc_store.archived_raw(conn, doc_id, doc.revision)
    meta, body = split_front_matter(decode(raw, f"digest {doc_id}"), f"digest {doc_id}")
    values = (
        {k: str(meta.get(k) or "") for k in FIELDS}
        | {"body": body}
        | {k: ", ".join(str(x) for x in meta.get(k) or ()) for k in ("tags", "tags_en")}
    )
    return _page(request, user, values, doc_id)


@router.get("/digests/search")
def search_quotes(
    request: Request,
    q: str = "",
    outlet: str = "",
    tag: str = "",
    day: str = "",
    term: str = "",
) -> Response:
    _editor(request)
    lang = request.app.state.settings.targets[0]
    try:
        on = date.fromisoformat(day) if day else None
    except ValueError:
        raise Refused(400, ids.BAD_DATE(date=repr(day))) from None
    query = Query(
        text=q.strip(),
        outlet=outlet.strip(),
        tag=tag.strip(),
        day=on,
        sentence=_term_test(request, lang, term),
    )
    with request.app.state.store.begin() as conn:
        found = search(conn, lang, query)
    return JSONResponse(
        {"results": [_found(f) for f in found], "summary": _summary(request, found)}
    )


def _summary(request: Request, found: list[Found]) -> str:
    """ "3 sentences in 2 articles", in the reader's language."""
    ngettext = request.app.state.catalogs[ui_language(request)].ngettext
    sentences = sum(len(f.segments) for f in found)
    if not found:
        return ngettext("No sentence found.", "No sentences found.", 0)
    articles = ngettext("%(n)s article", "%(n)s articles", len(found)) % {
        "n": len(found)
    }
    return ngettext(
        "%(n)s sentence in %(articles)s", "%(n)s sentences in %(articles)s", sentences
    ) % {"n": sentences, "articles": articles}


def _term_test(request: Request, lang: str, term: str):  # type: ignore[no-untyped-def]
    """Sentences containing (in any inflection) a glossary term whose id, Russian or English contains `term`."""
    glossary = request.app.state.glossaries.get(lang)
    if not term.strip():
        return None
    needle = term.strip().casefold()
    ids = (
        {
            x.id
            for x in glossary.glossary.terms
            if needle in x.id.casefold()
            or needle in x.ru.casefold()
            or needle in x.en.casefold()
        }
        if glossary
        else set()
    )
    return lambda source: (
        any(m.term_id in ids for m in glossary.matches(source)) if glossary else False
    )


def _found(f: Found) -> dict[str, object]:
    return {
        "key": f.key,
        "title": f.title,
        "outlet": f.outlet,
        "tags": list(f.tags),
        "date": f.published_at.date().isoformat() if f.published_at else "",
        "segments": [
            {"n": s.position + 1, "source": s.source, "target": s.target}
            for s in f.segments
        ],
    }


@router.post("/digests")
def save(request: Request, form: Form) -> Response:
    user, _session = posted(request, form)
    require(user, Role.EDITOR)
    values = {k: str(form.get(k, "")).replace("\r\n", "\n") for k in FIELDS}
    doc_id = _doc_id(str(form.get("doc_id") or ""))
    if len(values["body"]) > MAX_BODY:
        raise Refused(400, ids.DIGEST_TOO_LONG(n=MAX_BODY))
    settings = request.app.state.settings
    try:
        with (
            request.app.state.store.begin() as conn
        ):  # parsed and resolved outside the write lock
            canonical = _canonical(conn, doc_id, values["title"])
            digest = digest_from(
                _meta(values),
                values["body"],
                "body",
                resolver(conn, settings.targets[0], settings.max_quotes),
                canonical=canonical,
                source_lang=settings.source_lang,
                quote_lang=settings.targets[0],
                raw=_raw(values),
                named=_named(request),
            )
        with writing(request.app.state) as conn:
            saved = save_digest(
                conn, digest, settings.targets_of(digest.document.source_lang)
            )
            user_store.audit(
                conn,
                user.name,
                "digest",
                f"document {saved.document_id} {saved.outcome}",
            )
    except ParseError as exc:
        said = (exc.said or ids.TEXT(text=str(exc))).render(gettext_for(request))
        return _page(request, user, values, doc_id, error=said, status_code=400)
    into = settings.targets_of(digest.document.source_lang)[0]
    return RedirectResponse(f"/doc/{saved.document_id}/{into}", status_code=303)


def _named(request: Request) -> NamedByGlossary:
    """The names the loaded glossary names (they get no name segment: terms/names.py)."""
    settings = request.app.state.settings
    loaded = next((g for g in request.app.state.glossaries.values() if g), None)
    return named_by_glossary(
        loaded.glossary.terms if loaded else (), settings.targets_of
    )


@router.post("/digests/preview")
def preview(request: Request, form: Form) -> Response:
    """Both editions of the digest being written, as the composer shows them live; a mistake as its body:line."""
    user, _session = posted(request, form)
    require(user, Role.EDITOR)
    values = {k: str(form.get(k, "")).replace("\r\n", "\n") for k in FIELDS}
    if len(values["body"]) > MAX_BODY:
        raise Refused(400, ids.DIGEST_TOO_LONG(n=MAX_BODY))
    settings = request.app.state.settings
    lang = settings.targets[0]
    quoted: Quoted = {}
    try:
        with request.app.state.store.begin() as conn:
            base = resolver(conn, lang, settings.max_quotes)

            def recording(
                call: QuoteCall,
            ) -> tuple[QuoteRef, tuple[QuotedSegment, ...]]:
                ref, run = base(call)
                quoted.update(((ref.document_id, q.position), q) for q in run)
                return ref, run

            digest = digest_from(
                _meta(
                    values
                    | {
                        "title": values["title"] or "—",
                        "author": values["author"] or "—",
                    }
                ),
                values["body"],
                "body",
                recording,
                canonical="digest:preview",
                source_lang=settings.source_lang,
                quote_lang=settings.targets[0],
                raw=b"",
            )
    except ParseError as exc:
        said = (exc.said or ids.TEXT(text=str(exc))).render(gettext_for(request))
        return JSONResponse({"error": said}, status_code=400)
    written = digest.document.source_lang
    other = settings.targets_of(written)[0]
    flip = written != settings.source_lang
    return JSONResponse(
        {"editions": editions(digest, quoted, written, other, flip=flip)}
    )


def _doc_id(sent: str) -> int | None:
    """The digest being edited, or None for a new one; what no id of ours looks like is no digest."""
    if not sent:
        return None
    if not (
        sent.isascii() and sent.isdigit() and len(sent) <= 19 and 0 < int(sent) <= 2**62
    ):
        raise Refused(404, ids.NO_DIGEST())
    return int(sent)


def _canonical(conn: Connection, doc_id: int | None, title: str) -> str:
    """An edited digest keeps its identity; a new one gets its own, from its title and the time."""
    if doc_id is None:
        return f"digest:{slugify(title)}-{datetime.now(UTC):%Y%m%d%H%M%S%f}"
    doc = doc_store.get_document(conn, doc_id)
    if doc is None or doc.kind != "digest":
        raise Refused(404, ids.NO_DIGEST())
    return str(doc.canonical_url)


def _meta(values: dict[str, str]) -> dict[str, object]:
    """The front matter the fields make. An English digest (lang en) names its tags and series
    in English: their Russian names come from the glossary or are translated with it."""
    english = values["lang"].strip() == "en"
    if english and (values["series_en"].strip() or values["tags_en"].strip()):
        raise ParseError("lang", ids.DIGEST_ENGLISH_NAMES())
    meta: dict[str, object] = {
        k: values[k].strip()
        for k in ("title", "author", "series", "series_en")
        if values[k].strip() or k != "series_en"
    }
    if values["lang"].strip():
        meta["lang"] = values["lang"].strip()
    for k in ("tags", "tags_en"):
        if values[k].strip() or k == "tags":
            meta[k] = [t.strip() for t in values[k].split(",") if t.strip()]
    if values["date"].strip():
        try:
            meta["date"] = date.fromisoformat(values["date"].strip())
        except ValueError:
            raise ParseError("date", ids.BAD_DATE(date=repr(values["date"]))) from None
    return meta


def _raw(values: dict[str, str]) -> bytes:
    """The digest as a Markdown file with front matter: what is archived, and what a later edit starts from."""
    meta = _meta(values)
    return f"---\n{yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)}---\n{values['body']}".encode()
