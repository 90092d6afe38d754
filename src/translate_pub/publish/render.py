"""Pages as HTML/XML strings (pure): plan objects and editions in, text out; nothing touches disk.

Jinja2 autoescapes everything; article bodies arrive already sanitised by `body`.
Links between pages are relative (`root` is "../" per folder level) so the site works
from any folder, prefix or bucket; canonical, hreflang, feed and sitemap URLs are absolute.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, cast

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from translate_pub.links import web_url
from translate_pub.model import Edition
from translate_pub.mt.engines import product
from translate_pub.publish import body, digest, i18n
from translate_pub.publish.plan import (
    Article,
    GlossaryPage,
    Listing,
    Plan,
    Terms,
    absolute,
    alternates,
    glossary_path,
    list_alternates,
    page_path,
)
from translate_pub.slugs import slugify

_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
_LATIN = re.compile(r"[A-Za-z]")
TEMPLATES = Path(__file__).resolve().parent / "templates"
FEED_ITEMS = 100


@lru_cache(maxsize=4096)
def _slug_of(name: str) -> str:
    return slugify(name)


def _gettext(lang: str) -> tuple[Callable[..., Markup], Callable[..., Markup]]:
    """`_()` and `ngettext()` for templates, as Jinja's newstyle gettext behaves (the message is
    trusted, the variables are escaped) but with the lookups cached: pages call them thousands of times."""
    catalog = i18n.translations(lang)
    message = lru_cache(maxsize=None)(lambda text: Markup(catalog.gettext(text)))

    def gettext(text: str, **variables: object) -> Markup:
        return message(text) % variables if variables else message(text)

    def ngettext(singular: str, plural: str, n: int, **variables: object) -> Markup:
        return Markup(catalog.ngettext(singular, plural, n)) % {"num": n, **variables}

    return gettext, ngettext


@cache
def _environment(lang: str) -> Environment:
    """One per language and process: templates are compiled once, not once per build."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "xml"]),
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    gettext, ngettext = _gettext(lang)
    env.globals.update(
        _=gettext,
        gettext=gettext,
        ngettext=ngettext,
        date=lambda d: i18n.long_date(d.date(), lang) if d else "",
        iso=lambda d: i18n.utc(d).isoformat() if d else "",
        num=lambda n: i18n.number(n, lang),
        lang_name=lambda code: i18n.language_name(code, lang),
        autonym=i18n.autonym,
        page_path=page_path,
        glossary_path=glossary_path,
        cyrillic=_cyrillic,
        latin=_latin,
        slug_of=_slug_of,
    )
    env.filters["web_url"] = web_url
    env.filters["one_stop"] = one_stop
    env.globals["engines"] = lambda field: [
        _engine_name(label, gettext) for label in field.split(", ") if label
    ]
    return env


_DOUBLE_STOP = re.compile(r"(?<!\.)\.\.(?!\.)")


def one_stop(text: str) -> str:
    """A sentence that ends on an abbreviation ("26 апреля 2013 г.") gets one full stop, not two."""
    return _DOUBLE_STOP.sub(".", text)


@lru_cache(maxsize=4096)
def _cyrillic(text: str) -> bool:
    return _CYRILLIC.search(text) is not None


@lru_cache(maxsize=4096)
def _latin(text: str) -> bool:
    return _LATIN.search(text) is not None


def _engine_name(label: str, gettext: Callable[..., Markup]) -> Markup:
    name, recorded = product(label)
    if not recorded:
        return Markup("%s") % name
    return (
        gettext("recorded %(engine)s output", engine=name)
        if name
        else gettext("recorded machine translation")
    )


class Renderer:
    """Renders every kind of page of one plan; one Jinja environment per language."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.settings = plan.settings
        self._chromes: dict[tuple[str, str], dict[str, Markup]] = {}
        self._cards: dict[tuple[int, str], dict[str, Any]] = {}
        self._glossaries = {g.path for g in plan.glossaries}
        self._name_marks: dict[
            str, tuple[Callable[[str], Markup], Callable[[str], Markup]]
        ] = {}

    def compile(self) -> None:
        """Compile every template of every language now (forked workers then share them)."""
        for lang in self.plan.langs:
            for template in TEMPLATES.iterdir():
                self._env(lang).get_template(template.name)

    def _render(self, lang: str, template: str, path: str, **context: Any) -> str:
        context.setdefault("canonical", absolute(self.settings, path))
        root = "../" * path.count("/")
        named, lang_of = self._names(lang)
        return (
            self._env(lang)
            .get_template(template)
            .render(
                lang=lang,
                path=path,
                root=root,
                site=absolute(self.settings, ""),
                chrome=self._chrome(lang, root),
                source_lang=self.settings.source_lang,
                site_langs=self.plan.langs,
                named=named,
                lang_of=lang_of,
                **context,
            )
        )

    def _names(
        self, lang: str
    ) -> tuple[Callable[[str], Markup], Callable[[str], Markup]]:
        """`named(text)` and `lang_of(text)` for names as written (outlets, tags, series) on `lang` pages:
        the name in a span with its language, or that language as an attribute, where it is not the
        page's. Cyrillic is the original's language; Latin letters are the first other site language's."""
        if lang not in self._name_marks:
            source = self.settings.source_lang
            latin = next((code for code in self.plan.langs if code != source), "")

            @cache
            def other(text: str) -> str:
                if _cyrillic(text):
                    return source if lang != source else ""
                return latin if lang == source and _latin(text) else ""

            def named(text: str) -> Markup:
                code = other(text)
                return (
                    Markup('<span lang="%s">%s</span>') % (code, text)
                    if code
                    else escape(text)
                )

            def lang_of(text: str) -> Markup:
                code = other(text)
                return Markup(' lang="%s"') % code if code else Markup("")

            self._name_marks[lang] = (named, lang_of)
        return self._name_marks[lang]

    def _chrome(self, lang: str, root: str) -> dict[str, Markup]:
        """Site navigation and footer: the same on every page of a language at one folder depth."""
        if (lang, root) not in self._chromes:
            module = (
                self._env(lang)
                .get_template("_chrome.html")
                .make_module({"lang": lang, "root": root})
            )
            self._chromes[lang, root] = {"nav": module.nav(), "footer": module.footer()}  # type: ignore[attr-defined]
        return self._chromes[lang, root]

    def card(self, a: Article, lang: str) -> dict[str, Any]:
        """What a list entry or an article header shows, computed once per article and language."""
        if (a.doc_id, lang) not in self._cards:
            lead = a.lead
            self._cards[a.doc_id, lang] = {
                "title": a.title(lang),
                "path": a.path(lang),
                "stale": a.stale(lang),
                "source_lang": a.source_lang,
                "outlet": lead.outlet,
                "outlet_path": f"{lang}/outlets/{_slug_of(lead.outlet)}/index.html",
                "date": i18n.long_date(lead.published_at.date(), lang)
                if lead.published_at
                else "",
                "iso": i18n.utc(lead.published_at).isoformat()
                if lead.published_at
                else "",
                "tags": [
                    (tag, f"{lang}/tags/{_slug_of(tag)}/index.html")
                    for tag in a.tags(lang)
                ],
                "others": [
                    (code, a.path(code), i18n.autonym(code))
                    for code in a.langs
                    if code != lang
                ],
            }
        return self._cards[a.doc_id, lang]

    def _switch(self, lang: str, paths: dict[str, str]) -> list[tuple[str, str, bool]]:
        """(language, path, is this page) for the language switcher."""
        return [(code, p, code == lang) for code, p in paths.items()]

    def _body(
        self, a: Article, lang: str, edition: Edition, link: Callable[[str], str]
    ) -> str:
        side = "source" if lang == a.source_lang else "target"
        if a.kind == "digest":
            return digest.digest_html(
                self.plan, edition.segments, side, lang, link, a.source_lang
            )
        return body.article_html(
            edition.segments, side, self._marker(lang, side == "source")
        )

    def _quoted_in(self, a: Article, lang: str) -> list[tuple[str, str]]:
        """(title, path) of the digests quoting this article, in this language where they have it."""
        return [
            (d.title(lang), d.path(lang))
            for d in self.plan.quoted_in(a.doc_id)
            if lang in d.langs
        ]

    def article(self, a: Article, lang: str, edition: Edition) -> str:
        """`edition` is the full edition for a target page, the lead edition for the source page."""
        paths = {code: a.path(code) for code in a.langs}
        is_source = lang == a.source_lang
        root = "../" * a.path(lang).count("/")
        html = self._body(a, lang, edition, lambda p: root + p)
        return self._render(
            lang,
            "article.html",
            a.path(lang),
            a=a,
            e=edition,
            title=a.title(lang),
            card=self.card(a, lang),
            quoted_in=self._quoted_in(a, lang),
            body=Markup(html),
            is_source=is_source,
            stale=a.stale(lang),
            alternates=alternates(self.plan, paths),
            switch=self._switch(lang, paths),
            targets={code: a.heads[code] for code in a.langs[1:]},
            glossary=self._glossary_link(lang, edition),
            parallel=self.settings.targets and not is_source and a.kind != "digest",
        )

    def _glossary_link(self, lang: str, edition: Edition) -> str:
        """The published glossary page of the edition's version, if the store knew that version."""
        path = glossary_path(lang, edition.glossary_version)
        return path if edition.glossary_version and path in self._glossaries else ""

    def _(self, lang: str, message: str, **params: Any) -> Markup:
        """A UI string in `lang` (for page titles: each page has its own)."""
        gettext = cast(Callable[..., Markup], self._env(lang).globals["_"])
        return gettext(message, **params)

    def _marker(self, lang: str, source: bool = False) -> body.Marker:
        """What readers of `lang` see where a reviewer left a sentence out of the translation
        (the reason escaped); on the original's page, a note after that sentence."""
        message = (
            "[left out of the translation: %(reason)s]"
            if source
            else "[sentence left out: %(reason)s]"
        )
        return lambda reason: str(self._(lang, message, reason=reason))

    def parallel(self, a: Article, lang: str, edition: Edition) -> str:
        rows = [
            (Markup(s), Markup(t))
            for s, t in body.parallel_rows(
                edition.segments, a.source_lang, self._marker(lang)
            )
        ]
        title = self._(
            lang, "%(title)s, side by side with the original", title=a.title(lang)
        )
        return self._render(
            lang,
            "parallel.html",
            a.parallel_path(lang),
            a=a,
            e=edition,
            title=title,
            heading=a.title(lang),
            rows=rows,
            alternates=[],
            switch=[],
            canonical=absolute(self.settings, a.path(lang)),
        )

    def listing(self, li: Listing) -> str:
        first = li.page == 1
        return self._render(
            li.lang,
            "list.html",
            li.path,
            li=li,
            title=self._list_title(li),
            cards=[self.card(a, li.lang) for a in li.items],
            alternates=list_alternates(self.plan, li.lang, li.base) if first else [],
            switch=self._switch(li.lang, self.plan.counterparts(li.lang, li.base)),
        )

    def _list_title(self, li: Listing) -> Markup:
        lang = li.lang
        title = {
            "home": lambda: self._(lang, "Latest translations"),
            "outlet": lambda: self._(lang, "From %(outlet)s", outlet=li.name),
            "tag": lambda: self._(lang, "Topic: %(tag)s", tag=li.name),
        }.get(li.kind, lambda: escape(li.name))()
        return (
            title
            if li.page == 1
            else self._(
                lang,
                "%(title)s, page %(page)s",
                title=title,
                page=i18n.number(li.page, lang),
            )
        )

    def terms(self, t: Terms) -> str:
        base = t.path.removesuffix("/index.html")
        title = self._(
            t.lang, {"outlet": "Outlets", "series": "All series"}.get(t.kind, "Topics")
        )
        return self._render(
            t.lang,
            "terms.html",
            t.path,
            t=t,
            title=title,
            alternates=list_alternates(self.plan, t.lang, base),
            switch=self._switch(t.lang, self.plan.counterparts(t.lang, base)),
        )

    def search(self, lang: str, version: str) -> str:
        """The search page; `version` names the articles it should find (the index says which it holds)."""
        paths = {code: f"{code}/search.html" for code in self.plan.langs}
        return self._render(
            lang,
            "search.html",
            paths[lang],
            title=self._(lang, "Search"),
            version=version,
            alternates=alternates(self.plan, paths),
            switch=self._switch(lang, paths),
        )

    def glossary(self, g: GlossaryPage) -> str:
        heading = (
            self._(
                g.lang,
                "Glossary, version of %(day)s",
                day=i18n.long_date(g.loaded.date(), g.lang),
            )
            if g.loaded
            else self._(g.lang, "Glossary")
        )
        return self._render(
            g.lang,
            "glossary.html",
            g.path,
            g=g,
            title=heading,
            heading=heading,
            alternates=[],
            switch=[],
        )

    def chooser(self) -> str:
        """The root page: every language's home, and the x-default of their hreflang cluster."""
        paths = {lang: f"{lang}/index.html" for lang in self.plan.langs}
        lang = self.plan.default_lang(self.plan.langs)
        return self._render(
            lang,
            "chooser.html",
            "index.html",
            title="",
            alternates=alternates(self.plan, paths, "index.html"),
            switch=[],
        )

    def feed(
        self, lang: str, entries: list[tuple[Article, str]], base: str = ""
    ) -> str:
        """Atom: the newest approvals in one language (or one series folder `base`), full text
        (from `article_content`)."""
        base = base or lang
        items = [(a, content) for a, content in entries]
        updated = max(
            (a.updated(lang) for a, _c in entries), default=datetime(2000, 1, 1)
        )
        series = next(
            (
                li.name
                for li in self.plan.listings
                if li.base == base and li.kind == "series"
            ),
            "",
        )
        return self._render(
            lang,
            "atom.xml",
            f"{base}/atom.xml",
            items=items,
            updated=updated,
            home=absolute(self.settings, f"{base}/index.html"),
            title="",
            series=series,
            alternates=[],
            switch=[],
        )

    def article_content(self, a: Article, lang: str, edition: Edition) -> str:
        """A feed entry's HTML (escaped once more by the feed template, as Atom's type="html" wants)."""
        is_source = lang == a.source_lang
        html = self._body(a, lang, edition, lambda p: absolute(self.settings, p))
        return str(
            self._env(lang)
            .get_template("feed_entry.html")
            .render(
                a=a,
                e=edition,
                body=Markup(html),
                is_source=is_source,
                stale=a.stale(lang),
                lang=lang,
                source_lang=self.settings.source_lang,
                named=self._names(lang)[0],
            )
        )

    def _env(self, lang: str) -> Environment:
        return _environment(lang)

    def sitemap(self, parts: list[str]) -> str:
        """The sitemap around its entries (from `sitemap_urls`)."""
        return "\n".join(
            [
                '<?xml version="1.0" encoding="UTF-8"?>',
                '<urlset xmlns="http://www.sitemaps.org/'
                'schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
                *parts,
                "</urlset>\n",
            ]
        )

    def sitemap_urls(
        self, urls: list[tuple[str, datetime | None, list[tuple[str, str]]]]
    ) -> str:
        """(path, last modified, hreflang alternates) for indexable pages, as sitemap entries.

        Written out directly: for tens of thousands of entries a template's per-item cost shows.
        """
        lines = []
        for path, modified, alts in urls:
            lastmod = (
                f"<lastmod>{i18n.utc(modified).date().isoformat()}</lastmod>"
                if modified
                else ""
            )
            links = "".join(
                f'<xhtml:link rel="alternate" hreflang="{escape(code)}" href="{escape(href)}"/>'
                for code, href in alts
            )
            lines.append(
                f"<url><loc>{escape(absolute(self.settings, path))}</loc>{lastmod}{links}</url>"
            )
        return "\n".join(lines)
