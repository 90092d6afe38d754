"""The queue: documents of one target language by status, filtered, counted, paginated."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import Response

from translate_pub.model import Status, User
from translate_pub.review import states
from translate_pub.review.deps import current, render, target_lang
from translate_pub.store import status_log
from translate_pub.store.documents import status_counts
from translate_pub.store.queue import SORTS, QueueFilter, outlets, queue_page
from translate_pub.store.users import list_users

router = APIRouter()
MAX_SEARCH = 200  # characters of a search


def _status(value: str) -> Status | None:
    try:
        return Status[value.upper()] if value else None
    except KeyError:
        return None


def _page(value: str) -> int:
    return int(value) if value.isdigit() and 0 < int(value) < 10**6 else 1


@router.get("/queue")
def queue(
    request: Request,
    lang: str = "",
    status: str = "",
    outlet: str = "",
    assignee: str = "",
    stale: str = "",
    sort: str = "newest",
    q: str = "",
    page: str = "1",
) -> Response:
    user, _session = current(request)
    filt = queue_filter(request, lang, status, outlet, assignee, stale, sort, q, page)
    return queue_view(request, user, filt)


def queue_view(request: Request, user: User, filt: QueueFilter) -> Response:
    """The queue page of `filt` as `user` sees it."""
    lang = filt.lang
    with request.app.state.store.begin() as conn:
        result = queue_page(conn, filt)
        last = status_log.last_changes(conn, [r.document_id for r in result.rows], lang)
        counts = status_counts(conn, lang)[lang]
        all_outlets, people = outlets(conn), [u.name for u in list_users(conn)]
    return render(
        request,
        "queue.html",
        user=user,
        filt=filt,
        result=result,
        counts=counts,
        outlets=all_outlets,
        assignees=people,
        statuses=list(Status),
        query=_query(filt),
        unpaged=_query(filt, sort=""),
        returned={
            r.document_id
            for r in result.rows
            if states.returned(r.status, last.get(r.document_id))
        },
    )


def queue_filter(
    request: Request,
    lang: str = "",
    status: str = "",
    outlet: str = "",
    assignee: str = "",
    stale: str = "",
    sort: str = "newest",
    q: str = "",
    page: str = "1",
) -> QueueFilter:
    """The queue's filter from its query parameters (the queue page and its XLIFF download)."""
    lang = target_lang(request, lang or request.app.state.settings.targets[0])
    return QueueFilter(
        lang=lang,
        status=_status(status),
        outlet=outlet or None,
        assignee=assignee or None,
        stale=stale == "1",
        sort=sort if sort in SORTS else "newest",
        search=q[:MAX_SEARCH],
        page=_page(page),
    )


def _query(f: QueueFilter, sort: str | None = None) -> str:
    """The filter as a query string without the page (pagination links) or also without the sort
    (`sort=""`, for the sortable column heads)."""
    params = {
        "lang": f.lang,
        "status": f.status.name.lower() if f.status else "",
        "outlet": f.outlet or "",
        "assignee": f.assignee or "",
        "stale": "1" if f.stale else "",
        "q": f.search,
        "sort": f.sort if sort is None else sort,
    }
    return urlencode({k: v for k, v in params.items() if v})
