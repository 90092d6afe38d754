"""Digest files: Markdown with front matter and quote shortcodes → a `Digest` (its segments in order).

    ---
    title: "Правозащитная группа недели: Российская ЛГБТ-сеть"   # a value holding ": " needs quotes
    author: Rights in Russia
    date: 2017-06-26
    series: Обзор недели                  # optional
    series_en: Weekly review              # optional: the series' English name
    tags: [протесты, суды]                # optional
    tags_en: [protests, courts]           # optional: their English names, in the same order
    lang: ru                              # optional: en for English text (names: series_ru, tags_ru)
    numbering: 1                          # optional: sentences counted from 1 (0: old files)
    ---
    Connecting text in Markdown …

    {{< quote doc="kavkazskiy-uzel/slug-of-the-article" segments="3-5" >}}

A shortcode on a line of its own is a block quote of one sentence ("3") or a run ("3-5") of an
approved edition, numbered as the editor numbers them (1 is the title, so the body starts at 2);
`doc` is a document's slug, "outlet/slug" or URL. A shortcode inside a sentence is an inline
quote: the sentence gets a void placeholder (`<3/>`, carried through MT and review like a line
break) whose markup names the quoted run and holds its words, which the page shows in its
language's quotation marks. Raw HTML in the Markdown
is not allowed through: it is shown as text. Every problem is reported as `file:line`.

`lang: en` in the front matter makes an English-first digest: its connecting text is English,
its document's source language is en and it is translated into the source language (ru) like
any draft. Its quote sentences then hold the approved English of their sources as their own
text, and the original Russian as their ru translation (ingest never sends them to MT).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from markdown_it import MarkdownIt

from translate_pub import msgids as ids
from translate_pub.errors import ParseError
from translate_pub.ingest.html import blocks_from_html, escape_text
from translate_pub.ingest.markdown import front_matter_date, split_front_matter
from translate_pub.model import Digest, Document, QuoteRef, Segment
from translate_pub.placeholders import PLACEHOLDER
from translate_pub.segment import Block, segment_blocks, with_names
from translate_pub.store.digests import QuotedSegment

SHORTCODE = re.compile(r"\{\{<\s*quote\s+((?:\w+=\"[^\"]*\"\s*)+)>\}\}")
_INLINE = re.compile(
    "\ue000(\\d+)\ue001"
)  # an inline quote's stand-in until its sentence is known
_ARG = re.compile(r"(\w+)=\"([^\"]*)\"")
_RANGE = re.compile(
    r"([0-9]{1,9})(?:\s*-\s*([0-9]{1,9}))?"
)  # no article has a billion segments
_md = MarkdownIt("commonmark", {"html": False})
MARKER = "numbering"  # front matter: 1, or 0 for a file still counting from 0 (digest_renumber.py)


@dataclass(frozen=True)
class QuoteCall:
    """One shortcode as written: which document, which sentences (the editor's numbers, from 1), and where."""

    doc: str
    first: int
    last: int
    where: str  # file:line

    @property
    def positions(self) -> tuple[int, int]:
        """The run as stored segment positions (the title is position 0, the editor's 1)."""
        return self.first - 1, self.last - 1


# Resolves a shortcode to the quoted run (raising ParseError naming `call.where` if it cannot).
Resolver = Callable[[QuoteCall], tuple[QuoteRef, tuple[QuotedSegment, ...]]]


def parse_digest(
    text: str,
    where: str,
    resolve: Resolver,
    *,
    canonical: str,
    source_lang: str,
    quote_lang: str = "",
    raw: bytes = b"",
    named: Callable[[str, str], bool] | None = None,
) -> Digest:
    """The digest a file describes; `canonical` identifies it across re-ingests. `quote_lang`
    (the language quotes are taken in, en) is the other language a digest may be written in."""
    meta, body = split_front_matter(text, where)
    offset = text[: len(text) - len(body)].count("\n")
    return digest_from(
        meta,
        body,
        where,
        resolve,
        canonical=canonical,
        source_lang=source_lang,
        quote_lang=quote_lang,
        raw=raw or text.encode(),
        first_line=offset + 1,
        named=named,
    )


def digest_from(
    meta: dict,
    body: str,
    where: str,
    resolve: Resolver,
    *,
    canonical: str,  # type: ignore[type-arg]
    source_lang: str,
    raw: bytes,
    quote_lang: str = "",
    first_line: int = 1,
    named: Callable[[str, str], bool] | None = None,
) -> Digest:
    """A digest from its metadata and Markdown body (whose first line is `first_line` of `where`)."""
    title, author = (str(meta.get(k) or "").strip() for k in ("title", "author"))
    for name, value in (("title", title), ("author", author)):
        if not value:
            raise ParseError(f"{where}:1", ids.DIGEST_NEEDS(field=name))
    if MARKER in meta and meta[MARKER] != 1:
        raise ParseError(
            f"{where}:1",
            ids.DIGEST_OLD_NUMBERS(marker=MARKER, value=str(meta[MARKER]), where=where),
        )
    lang = str(meta.get("lang") or source_lang).strip()
    written = tuple(dict.fromkeys(x for x in (source_lang, quote_lang) if x))
    if lang not in written:
        raise ParseError(
            f"{where}:1",
            ids.DIGEST_LANG(lang=lang, written=" or ".join(written)),
        )
    segments, quotes = _segments(
        title, body, where, first_line - 1, resolve, flip=lang != source_lang
    )
    if not quotes:
        raise ParseError(where, ids.DIGEST_NO_QUOTE())
    refs = "|".join(
        f"{q.document_id}:{q.source_revision}:{q.first}-{q.last}" for q in quotes
    )
    tags = tuple(str(x) for x in meta.get("tags") or ())
    series = str(meta.get("series") or "").strip()
    other = next((x for x in written if x != lang), "")
    names = _names(meta, series, tags, other)
    # A name the front matter does not give in the other language is translated with the digest.
    unnamed = tuple(n for n in (*tags, series) if n not in names.get(other, {}))
    doc = Document(
        source_lang=lang,
        outlet=str(meta.get("outlet") or author),
        title=title,
        url=canonical,
        canonical_url=canonical,
        content_hash=hashlib.sha256(raw + f"\n{refs}".encode()).hexdigest(),
        segments=with_names(segments, unnamed, lang, named),
        published_at=front_matter_date(meta),
        tags=tags,
        raw=raw,
        raw_content_type="text/markdown",
        kind="digest",
    )
    return Digest(doc, author, series, quotes, names)


def _names(
    meta: dict,  # type: ignore[type-arg]
    series: str,
    tags: tuple[str, ...],
    lang: str,
) -> dict[str, dict[str, str]]:
    """The names the front matter gives the series and tags in the other language `lang`:
    `series_en` and `tags_en` (in order) for a Russian digest, `series_ru`, `tags_ru` for an English one."""
    given = [str(x).strip() for x in meta.get(f"tags_{lang}") or ()]
    names = {tag: name for tag, name in zip(tags, given, strict=False) if name}
    if series and str(meta.get(f"series_{lang}") or "").strip():
        names[series] = str(meta[f"series_{lang}"]).strip()
    return {lang: names} if names and lang else {}


def _segments(
    title: str, body: str, where: str, offset: int, resolve: Resolver, *, flip: bool
) -> tuple[tuple[Segment, ...], tuple[QuoteRef, ...]]:
    """`flip`: written in the quotes' language, so a quote's own text is its approved translation."""
    out: list[Segment] = []
    quotes: list[QuoteRef] = []
    _add_blocks(out, [Block("title", escape_text(title))])
    text: list[str] = []
    inline: list[
        dict[str, str]
    ] = []  # the markup of each inline quote, by stand-in number
    for n, line in enumerate(body.splitlines(), start=offset + 1):
        call = quote_call(line, f"{where}:{n}")
        if call is None:
            text.append(
                _inline_quotes(line, f"{where}:{n}", resolve, quotes, inline, flip)
            )
            continue
        _add_blocks(out, _markdown_blocks("\n".join(text), where))
        text = []
        ref, run = resolve(call)
        quotes.append(ref)
        _add_quote(out, ref, run, flip)
    _add_blocks(out, _markdown_blocks("\n".join(text), where))
    return tuple(_with_inline(s, inline) for s in out), tuple(quotes)


def _inline_quotes(
    line: str,
    where: str,
    resolve: Resolver,
    quotes: list[QuoteRef],
    inline: list[dict[str, str]],
    flip: bool,
) -> str:
    """The line with each inline shortcode resolved and replaced by a stand-in for its placeholder."""

    def stand_in(m: re.Match[str]) -> str:
        ref, run = resolve(_call(m, where))
        quotes.append(ref)
        original, translated = (
            " ".join(_words(q.source) for q in run),
            " ".join(_words(q.target) for q in run),
        )
        own, other = (translated, original) if flip else (original, translated)
        inline.append(
            {
                "tag": "quote",
                "doc": str(ref.document_id),
                "rev": str(ref.source_revision),
                "at": str(ref.first),
                "last": str(ref.last),
                "source": own,
                "target": other,
            }
        )
        return f"\ue000{len(inline) - 1}\ue001"

    return SHORTCODE.sub(stand_in, line)


def _words(text: str) -> str:
    return PLACEHOLDER.sub("", text)


def _with_inline(segment: Segment, inline: list[dict[str, str]]) -> Segment:
    """A sentence whose inline-quote stand-ins became void placeholders (`<n/>`) with their markup."""
    if "\ue000" not in segment.source:
        return segment
    markup = dict(segment.markup)

    def placeholder(m: re.Match[str]) -> str:
        n = str(max((int(k) for k in markup if k.isdigit()), default=0) + 1)
        markup[n] = inline[int(m.group(1))]
        return f"<{n}/>"

    return replace(
        segment, source=_INLINE.sub(placeholder, segment.source), markup=markup
    )


def quote_call(line: str, where: str) -> QuoteCall | None:
    """The shortcode on this line; None for a line of text; ParseError for a malformed shortcode."""
    if "{{<" not in line:
        return None
    m = SHORTCODE.fullmatch(line.strip())
    if m is None:
        if len(SHORTCODE.findall(line)) == line.count("{{<"):
            return None  # inline quotes only
        raise ParseError(where, ids.BAD_SHORTCODE())
    return _call(m, where)


def _call(m: re.Match[str], where: str) -> QuoteCall:
    args = dict(_ARG.findall(m.group(1)))
    unknown = set(args) - {"doc", "segments"}
    if unknown or not args.get("doc"):
        raise ParseError(
            where,
            ids.QUOTE_ARGS(got=", ".join(sorted(args)))
            if args
            else ids.QUOTE_NO_ARGS(),
        )
    span = _RANGE.fullmatch(args.get("segments", "").strip())
    if span is None:
        raise ParseError(
            where,
            ids.BAD_SEGMENTS(segments=args.get("segments", "")[:40]),
        )
    first = int(span.group(1))
    last = int(span.group(2) or first)
    if last < first:
        raise ParseError(where, ids.BACKWARDS(first=first, last=last))
    if first < 1:
        raise ParseError(
            where,
            ids.FROM_ONE(first=first),
        )
    return QuoteCall(args["doc"], first, last, where)


def _markdown_blocks(text: str, where: str) -> list[Block]:
    return (
        blocks_from_html(f"<div>{_md.render(text)}</div>", where)
        if text.strip()
        else []
    )


def _add_blocks(out: list[Segment], blocks: list[Block]) -> None:
    for block in blocks:
        paragraph, start = (out[-1].paragraph + 1 if out else 0), len(out)
        out.extend(
            [
                replace(s, position=start + i, paragraph=paragraph)
                for i, s in enumerate(segment_blocks([block]))
            ]
        )


def _add_quote(
    out: list[Segment], ref: QuoteRef, run: tuple[QuotedSegment, ...], flip: bool
) -> None:
    paragraph = out[-1].paragraph + 1
    for i, q in enumerate(run):
        at = {
            "doc": str(ref.document_id),
            "rev": str(ref.source_revision),
            "at": str(q.position),
        }
        out.append(
            Segment(
                len(out),
                paragraph,
                i,
                q.target if flip else q.source,
                "quote",
                {**q.markup, "q": at},
            )
        )
