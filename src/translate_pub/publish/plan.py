"""The shape of the site (pure): which pages exist, their paths, their language counterparts.

Works from edition heads (no bodies), so deciding what changed costs one light query.
Every path is built from slugs checked against [a-z0-9-], so none can leave the site.

    index.html                          language chooser (x-default of the homes)
    <lang>/index.html, page/<n>.html    newest first, PER_PAGE a page
    <lang>/articles/<slug>.html         one article
    <lang>/digests/<slug>.html          one digest (an editor's roundup quoting articles)
    <lang>/parallel/<slug>.html         source and translation side by side (targets only)
    <lang>/outlets/index.html           every outlet; <lang>/outlets/<outlet>/index.html, page/<n>.html
    <lang>/tags/index.html              every tag;    <lang>/tags/<tag>/index.html, page/<n>.html
    <lang>/series/<series>/index.html   a digest series, page/<n>.html, and its atom.xml
    <lang>/glossary/<id>.html           one glossary version's terms (targets only; id: its short hash)
    <lang>/atom.xml  sitemap.xml  static/…
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from datetime import datetime
from functools import lru_cache

import orjson

from translate_pub.config import Settings
from translate_pub.model import Edition
from translate_pub.publish.names import glossary_names, localised
from translate_pub.slugs import slugify
from translate_pub.terms.glossary import Term

PER_PAGE = 20
_SLUG = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,198}[a-z0-9])?")


def safe_slug(slug: str, doc_id: int) -> str:
    """The stored slug if it is one; anything else is re-slugged, never trusted as a path."""
    return slug if _SLUG.fullmatch(slug or "") else f"{slugify(slug or '')}-{doc_id}"


@dataclass(frozen=True, eq=False)
class Article:
    """One document as published: its source page and one page per target with an edition."""

    doc_id: int
    slug: str
    source_lang: str
    heads: dict[str, Edition]  # target language → newest edition (without body)
    langs: tuple[str, ...]  # source first, then targets in settings order
    signature: str  # changes whenever anything shown about this document changes
    # The edition whose frozen source text is newest: the Russian page shows its source. Set
    # once here, not a cached_property (whose first read takes a lock: 5,000 per publish).
    lead: Edition = field(init=False, repr=False)

    def __post_init__(self) -> None:
        lead = max(
            self.heads.values(), key=lambda e: (e.source_revision, e.approved_at)
        )
        object.__setattr__(self, "lead", lead)

    @property
    def kind(self) -> str:
        return self.lead.kind

    def slug_in(self, lang: str) -> str:
        """A translated page's own slug (from its title, fixed at first publish); the source's otherwise."""
        own = self.heads[lang].page_slug if lang in self.heads else ""
        return own if _SLUG.fullmatch(own) else self.slug

    def path(self, lang: str) -> str:
        return f"{lang}/{'digests' if self.kind == 'digest' else 'articles'}/{self.slug_in(lang)}.html"

    def parallel_path(self, lang: str) -> str:
        return f"{lang}/parallel/{self.slug_in(lang)}.html"

    def tags(self, lang: str) -> tuple[str, ...]:
        """Tags as named in `lang`: as written on the source page, else those with a name there (names.py)."""
        if lang == self.source_lang:
            return self.lead.tags
        names = dict(self.heads[lang].names)
        return tuple(dict.fromkeys(names[t] for t in self.lead.tags if t in names))

    def series(self, lang: str) -> str:
        """A digest's series as named in `lang` ("" when it has no name there)."""
        if lang == self.source_lang or not self.lead.series:
            return self.lead.series
        return dict(self.heads[lang].names).get(self.lead.series, "")

    def title(self, lang: str) -> str:
        return (
            self.lead.title_source
            if lang == self.source_lang
            else self.heads[lang].title_target
        )

    def stale(self, lang: str) -> bool:
        return self.lead.stale if lang == self.source_lang else self.heads[lang].stale

    def updated(self, lang: str) -> datetime:
        edition = self.heads.get(lang)
        return (
            edition.approved_at
            if edition
            else max(e.approved_at for e in self.heads.values())
        )


@dataclass(frozen=True, eq=False)
class Listing:
    """One page of a paginated list of articles (a language's home, an outlet, a tag)."""

    lang: str
    kind: str  # home, outlet, tag, series
    name: str  # outlet or tag as written; "" for home
    base: str  # folder of the list, e.g. "en/outlets/ovd-info"
    items: tuple[Article, ...]
    page: int
    pages: int
    total: int

    @property
    def path(self) -> str:
        return page_path(self.base, self.page)


@dataclass(frozen=True, eq=False)
class Terms:
    """The index of every outlet or every tag in one language: (name, base folder, count)."""

    lang: str
    kind: str  # outlet, tag, series
    entries: tuple[tuple[str, str, int], ...]

    @property
    def path(self) -> str:
        return f"{self.lang}/{'series' if self.kind == 'series' else self.kind + 's'}/index.html"


GLOSSARY_ID = (
    10  # hex digits of a glossary version readers see, as git shows a short commit id
)


def glossary_path(lang: str, version: str) -> str:
    return f"{lang}/glossary/{version[:GLOSSARY_ID]}.html"


@dataclass(frozen=True, eq=False)
class GlossaryPage:
    """One glossary version as readers of one target language see it: (Russian, house rendering) rows."""

    lang: str
    version: str
    rows: tuple[tuple[str, str], ...]
    loaded: datetime | None = (
        None  # when the store first saw this version: its date for readers
    )

    @property
    def path(self) -> str:
        return glossary_path(self.lang, self.version)


@dataclass
class Plan:
    settings: Settings
    articles: list[Article]  # newest original first
    langs: tuple[str, ...]  # languages with at least one page, source first
    listings: list[Listing] = field(default_factory=list)
    terms: list[Terms] = field(default_factory=list)
    glossaries: list[GlossaryPage] = field(default_factory=list)
    _base_cache: set[str] = field(default_factory=set)
    _by_id: dict[int, Article] = field(default_factory=dict)
    _quoted_in: dict[int, list[Article]] | None = (
        None  # built on first use (None: not yet; {} may be final)
    )

    def article(self, doc_id: int) -> Article | None:
        if not self._by_id:
            self._by_id.update((a.doc_id, a) for a in self.articles)
        return self._by_id.get(doc_id)

    def quoted_in(self, doc_id: int) -> list[Article]:
        """The digests quoting this document, newest first."""
        if self._quoted_in is None:
            self._quoted_in = {}
            for d in self.articles:
                for source in dict.fromkeys(q.document_id for q in d.lead.quotes):
                    self._quoted_in.setdefault(source, []).append(d)
        return self._quoted_in.get(doc_id, [])

    def related(self, a: Article) -> list[tuple[str, ...]]:
        """What a page shows of other articles, for its key: all about the sources a digest quotes,
        and the title and languages of each digest quoting an article (its "Quoted in" list)."""
        sources = [
            (o.slug, o.signature)
            for o in map(self.article, (q.document_id for q in a.lead.quotes))
            if o
        ]
        return [
            *sources,
            *(
                (d.slug, *(d.title(lang) for lang in d.langs))
                for d in self.quoted_in(a.doc_id)
            ),
        ]

    def in_lang(self, lang: str) -> list[Article]:
        return [a for a in self.articles if lang in a.langs]

    def counterparts(self, lang: str, base: str) -> dict[str, str]:
        """A list's first page (or an index's page) in every language that has the same list."""
        rest = base[len(lang) :]
        return {
            other: f"{other}{rest}/index.html"
            for other in self.langs
            if f"{other}{rest}" in self._bases
        }

    @property
    def _bases(self) -> set[str]:
        if not self._base_cache:
            self._base_cache.update(li.base for li in self.listings)
            self._base_cache.update(
                t.path.removesuffix("/index.html") for t in self.terms
            )
        return self._base_cache

    def default_lang(self, langs: tuple[str, ...]) -> str:
        """x-default: the first target language present, else the source."""
        return next((lang for lang in self.settings.targets if lang in langs), langs[0])


def page_path(base: str, page: int) -> str:
    return f"{base}/index.html" if page == 1 else f"{base}/page/{page}.html"


# Every field of an edition is signed, so a field added to `Edition` reaches the signature by
# itself; only the bodies are left out, stood for by the approval time (a body changes only by approval).
UNSIGNED = frozenset({"segments"})
SIGNED = tuple(f.name for f in fields(Edition) if f.name not in UNSIGNED)


def _signature(heads: list[Edition]) -> str:
    """Everything about a document's editions that a page may show."""
    data = [[getattr(e, name) for name in SIGNED] for e in heads]
    return hashlib.sha256(orjson.dumps(data)).hexdigest()[:24]


def articles_from(
    heads: list[Edition], settings: Settings, glossaries: dict[str, tuple[Term, ...]]
) -> list[Article]:
    """Group edition heads (newest original first) into articles, keeping the configured targets only;
    each edition gets its tags' and series' names in its language (names.py)."""
    by_doc: dict[int, list[Edition]] = {}
    names: dict[tuple[str, str, str], dict[str, str]] = {}
    # Documents written in the source language, and English-first digests (into it).
    targets = {lang: settings.targets_of(lang) for lang in settings.languages}
    for e in heads:
        if e.lang in targets.get(e.source_lang, ()):
            if (
                e.kind == "digest"
            ):  # the site's own work: its outlet is the publisher, never the compiler
                e = replace(e, outlet=settings.publisher)
            key = (e.glossary_version, e.source_lang, e.lang)
            if key not in names:
                names[key] = glossary_names(
                    glossaries.get(e.glossary_version, ()), e.lang, e.source_lang
                )
            by_doc.setdefault(e.document_id, []).append(localised(e, names[key]))
    articles, taken = [], set()
    for doc_id, eds in by_doc.items():
        slug = safe_slug(eds[0].slug, doc_id)
        slug = slug if slug not in taken else f"{slug}-{doc_id}"
        taken.add(slug)
        written = eds[0].source_lang
        langs = (
            written,
            *(t for t in settings.targets_of(written) if any(e.lang == t for e in eds)),
        )
        articles.append(
            Article(
                doc_id,
                slug,
                written,
                {e.lang: e for e in eds},
                langs,
                _signature(eds),
            )
        )
    return articles


def _paginate(
    lang: str, kind: str, name: str, base: str, items: list[Article]
) -> list[Listing]:
    pages = max(1, -(-len(items) // PER_PAGE))
    return [
        Listing(
            lang,
            kind,
            name,
            base,
            tuple(items[(n - 1) * PER_PAGE : n * PER_PAGE]),
            n,
            pages,
            len(items),
        )
        for n in range(1, pages + 1)
    ]


@lru_cache(maxsize=4096)
def _term_slug(name: str) -> str:
    return slugify(name)  # transliteration is slow and outlets and tags repeat


_NAMES: dict[str, Callable[[Article, str], tuple[str, ...]]] = {
    "outlet": lambda a, lang: (a.lead.outlet,),
    "tag": Article.tags,
    "series": lambda a, lang: (a.series(lang),),
}


def _grouped(
    articles: list[Article], kind: str, lang: str
) -> dict[str, tuple[str, list[Article]]]:
    """slug → (display name, articles) for outlets, tags or series, named in `lang`; names that slug alike share a page."""
    groups: dict[str, tuple[str, list[Article]]] = {}
    names_of = _NAMES[kind]
    for a in articles:
        names = names_of(a, lang)
        for name in dict.fromkeys(names) if len(names) > 1 else names:
            if name:
                slug = _term_slug(name)
                group = groups.get(slug)
                if group is None:  # not setdefault: no tuple made per article
                    group = groups[slug] = (name, [])
                group[1].append(a)
    return dict(sorted(groups.items()))


def make_plan(
    heads: list[Edition],
    settings: Settings,
    glossaries: dict[str, tuple[Term, ...]],
    loaded: dict[str, datetime] | None = None,
) -> Plan:
    """`glossaries`: the terms of each glossary version the store knows, by version; `loaded`: when
    the store first saw each."""
    articles = articles_from(heads, settings, glossaries)
    langs = tuple(
        lang for lang in settings.languages if any(lang in a.langs for a in articles)
    )
    plan = Plan(settings, articles, langs)
    used = {(e.lang, e.glossary_version) for a in articles for e in a.heads.values()}
    plan.glossaries = [
        GlossaryPage(
            lang, v, _glossary_rows(glossaries[v], lang), (loaded or {}).get(v)
        )
        for lang, v in sorted(used)
        if v in glossaries
    ]
    for lang in langs:
        mine = plan.in_lang(lang)
        plan.listings += _paginate(lang, "home", "", lang, mine)
        for kind, folder, among in (
            ("outlet", "outlets", mine),
            ("tag", "tags", mine),
            ("series", "series", [a for a in mine if a.kind == "digest"]),
        ):
            groups = _grouped(among, kind, lang)
            for slug, (name, items) in groups.items():
                plan.listings += _paginate(
                    lang, kind, name, f"{lang}/{folder}/{slug}", items
                )
            # every index, the series' too (empty before the first digest): the navigation
            # links it from every page, so the first series changes no other page
            plan.terms.append(
                Terms(
                    lang,
                    kind,
                    tuple(
                        (name, f"{lang}/{folder}/{slug}", len(items))
                        for slug, (name, items) in groups.items()
                    ),
                )
            )
    return plan


def _glossary_rows(terms: tuple[Term, ...], lang: str) -> tuple[tuple[str, str], ...]:
    rows = {(t.ru, t.en if lang == "en" else t.extra.get(lang, "")) for t in terms}
    return tuple(sorted((ru, target) for ru, target in rows if target))


def alternates(
    plan: Plan, paths: dict[str, str], x_default: str | None = None
) -> list[tuple[str, str]]:
    """hreflang → absolute URL for a page present in several languages; the same list on each of them."""
    if len(paths) < 2:
        return []
    default = x_default or paths[plan.default_lang(tuple(paths))]
    return [
        *((lang, absolute(plan.settings, p)) for lang, p in paths.items()),
        ("x-default", absolute(plan.settings, default)),
    ]


def list_alternates(plan: Plan, lang: str, base: str) -> list[tuple[str, str]]:
    """For a list's first page or an index; the language homes share the root chooser as x-default."""
    return alternates(
        plan, plan.counterparts(lang, base), "index.html" if base == lang else None
    )


def absolute(settings: Settings, path: str) -> str:
    return settings.site_url.rstrip("/") + "/" + path
