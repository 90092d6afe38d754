"""A digest's body as HTML (pure): connecting text as any article's, quote blocks with their provenance.

Each quote block shows the quoted sentences (the original Russian on the Russian page, the
approved translation on a target page, whichever language the digest is written in), then the outlet, the original's date
(babel, in the page's language), a link to the quoted sentence in the article's page of this
page's language (its anchor is the sentence's number, see body.py), one to the original at its
source (when it has a web address), and a notice when the source has changed since it was quoted.

A list of sources closes the body, in the model page's form: ‘Title,’ Outlet, date — one line
per quoted article in the order first quoted, its title in the page's language and linked to
the article's page in that language.
"""

from __future__ import annotations

from collections.abc import Callable

import nh3
from markupsafe import escape

from translate_pub.links import web_url
from translate_pub.model import EditionSegment
from translate_pub.publish import body, i18n
from translate_pub.publish.plan import Article, Plan

ALLOWED_TAGS = body.ALLOWED_TAGS | {"footer", "time", "span", "section"}
ALLOWED_ATTRIBUTES = {
    **body.ALLOWED_ATTRIBUTES,
    "a": {"href", "title", "hreflang", "lang"},
    "blockquote": {"class", "cite", "lang"},
    "time": {"datetime"},
    "span": {"class", "id"},
    "footer": {"class"},
    "section": {"class"},
}
Link = Callable[
    [str], str
]  # a site path → the href to use on this page (relative, or absolute in feeds)


def sanitize(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https"},
        link_rel="noopener noreferrer",
    )


def quote_source(segment: EditionSegment) -> tuple[int, int]:
    """(quoted document id, its revision when quoted) of a quote sentence."""
    ref = segment.markup["q"]
    return int(ref["doc"]), int(ref["rev"])


def quoted_number(segment: EditionSegment) -> int:
    """The editor's number of the source sentence a quote sentence took."""
    return int(segment.markup["q"]["at"]) + 1


def source_updated(plan: Plan, doc_id: int, revision: int) -> bool:
    """The quoted original changed after it was quoted: revised and re-approved, or STALE now."""
    a = plan.article(doc_id)
    return a is not None and (
        a.lead.source_revision > revision or any(e.stale for e in a.heads.values())
    )


def digest_html(
    plan: Plan,
    segments: tuple[EditionSegment, ...],
    side: str,
    lang: str,
    link: Link,
    written: str = "",
) -> str:
    """The whole body in one language; `side` is "source" or "target" as for articles;
    `written`: the digest's own language (default the source language; en if English-first)."""
    parts: list[str] = []
    text: list[
        EditionSegment
    ] = []  # connecting text since the last quote, rendered as one run
    inline = _inline(plan, side, lang, link, written or plan.settings.source_lang)
    for _kind, segs in body.paragraphs(segments):
        if segs[0].block != "quote":
            text.extend(segs)
            continue
        parts.append(body.unsanitized_html(tuple(text), side, inline) if text else "")
        parts.append(_quote(plan, segs, side, lang, link))
        text = []
    parts.append(body.unsanitized_html(tuple(text), side, inline) if text else "")
    parts.append(_sources(plan, segments, lang, link))
    return sanitize("\n".join(p for p in parts if p))


def quoted_documents(segments: tuple[EditionSegment, ...]) -> list[int]:
    """The documents a digest quotes (block and inline), in the order first quoted."""
    ids: dict[int, None] = {}
    for s in segments:
        refs = (
            [s.markup["q"]]
            if s.block == "quote"
            else [m for m in s.markup.values() if m.get("tag") == "quote"]
        )
        ids.update((int(r["doc"]), None) for r in refs)
    return list(ids)


def _sources(
    plan: Plan, segments: tuple[EditionSegment, ...], lang: str, link: Link
) -> str:
    _ = i18n.translations(lang).gettext
    start, end = (
        ("‘", "’") if lang == "en" else i18n.quotation_marks(lang)
    )  # the model page: 'Title,' Outlet
    lines = []
    for a in filter(None, map(plan.article, quoted_documents(segments))):
        own = lang if lang in a.langs else a.source_lang
        other = f' lang="{escape(own)}"' if own != lang else ""
        # English puts the comma inside the quotation marks ('Title,' Outlet); Russian outside («Title», …)
        comma_in, comma_out = (",", "") if lang == "en" else ("", ",")
        title = (
            f'<a href="{escape(link(a.path(own)))}"{other}>{escape(a.title(own))}</a>'
        )
        day = (
            f", {escape(i18n.long_date(a.lead.published_at.date(), lang))}"
            if a.lead.published_at
            else ""
        )
        lines.append(
            f"<li>{start}{title}{comma_in}{end}{comma_out} {escape(a.lead.outlet)}{day}</li>"
        )
    if not lines:
        return ""
    return (
        f'<section class="sources"><h2>{escape(_("Sources"))}</h2>'
        f"<ul>{''.join(lines)}</ul></section>"
    )


def _inline(plan: Plan, side: str, lang: str, link: Link, written: str) -> body.Inline:
    """An inline quote: its words in this language's quotation marks, linked to the quoted sentence."""
    start, end = i18n.quotation_marks(lang)

    def render(m: dict[str, str]) -> str:
        own = side == "source" or not m.get("target")
        words = (m.get("source", "") if own else m["target"]).rstrip().removesuffix(".")
        text_lang = written if own else lang
        marked = f' lang="{escape(text_lang)}"' if text_lang != lang else ""
        a = plan.article(int(m["doc"]))
        if a is None:
            return (
                f"{start}<span{marked}>{escape(words)}</span>{end}"
                if marked
                else f"{start}{escape(words)}{end}"
            )
        page = lang if lang in a.langs else a.source_lang
        href = f"{link(a.path(page))}#{body.anchor(int(m['at']) + 1)}"
        return f'{start}<a href="{escape(href)}"{marked}>{escape(words)}</a>{end}'

    return render


def _quote(
    plan: Plan, segs: list[EditionSegment], side: str, lang: str, link: Link
) -> str:
    doc_id, revision = quote_source(segs[0])
    quoted = plan.article(doc_id)
    # The quote is in the page's language on either side: the original on the page in its
    # language, the approved translation on the other (an English-first digest holds them swapped).
    text_lang = lang
    inner = body.block_html(segs, side)
    updated = source_updated(plan, doc_id, revision)
    footer = (
        _footer(plan, quoted, quoted_number(segs[0]), lang, link, updated)
        if quoted
        else ""
    )
    return f'<blockquote class="quote" lang="{escape(text_lang)}"><p>{inner}</p>{footer}</blockquote>'


def _footer(
    plan: Plan, a: Article, number: int, lang: str, link: Link, updated: bool
) -> str:
    _ = i18n.translations(lang).gettext
    lead = a.lead
    when = (
        (
            f', <time datetime="{i18n.utc(lead.published_at).isoformat()}">'
            f"{escape(i18n.long_date(lead.published_at.date(), lang))}</time>"
        )
        if lead.published_at
        else ""
    )
    own = (
        lang if lang in a.langs else a.source_lang
    )  # the article's page in this page's language
    other = f' lang="{escape(own)}"' if own != lang else ""
    href = f"{link(a.path(own))}#{body.anchor(number)}"
    links = [
        f'<a href="{escape(href)}" hreflang="{escape(own)}"{other}>{escape(a.title(own))}</a>'
    ]
    if web_url(lead.url):
        links.append(
            f'<a href="{escape(lead.url)}" hreflang="{escape(a.source_lang)}">{escape(_("original"))}</a>'
        )
    note = (
        f' <span class="updated">{escape(_("The original has been updated"))}</span>'
        if updated
        else ""
    )
    return f"<footer>— {escape(lead.outlet)}{when}: {' · '.join(links)}{note}</footer>"
