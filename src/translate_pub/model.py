"""The newsroom's nouns: frozen dataclasses and the ordered translation status.

Every stage passes these between each other; only `store` maps them to rows.
"""

from __future__ import annotations

import enum
import json
from dataclasses import asdict, dataclass, field
from datetime import datetime

from translate_pub.messages import Message


class Status(enum.IntEnum):
    """Where one document stands in one target language.

    Ordered, so "is this at least approved?" is `status >= Status.APPROVED`.
    STALE sits below APPROVED: the original changed after approval, so the
    translation needs review again, while its last approved edition stays live.
    """

    NEW = 10
    MACHINE_TRANSLATED = 20
    IN_REVIEW = 30
    STALE = 35
    APPROVED = 40
    PUBLISHED = 50

    @property
    def label(self) -> str:
        return self.name.replace("_", " ").lower()


class Origin(enum.Enum):
    """Where a translation's text came from."""

    MACHINE = "machine"
    MEMORY = "memory"
    HUMAN = "human"


class Provenance(enum.Enum):
    """Where a translation-memory unit came from: a human translation approved here, a machine
    translation approved here as the engine drafted it, or a unit imported from a TMX file."""

    APPROVED = "approved"  # approved human translation
    APPROVED_MACHINE = (
        "approved-machine"  # approved machine translation, nobody edited it
    )
    IMPORTED = "imported"


class Role(enum.IntEnum):
    """What a user may do; each role includes the rights of those below it."""

    TRANSLATOR = 1
    REVIEWER = 2
    EDITOR = 3
    ADMIN = 4

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, name: str) -> Role:
        try:
            return cls[name.strip().upper()]
        except KeyError:
            known = ", ".join(r.label for r in cls)
            raise ValueError(f"unknown role {name!r} (known: {known})") from None


@dataclass(frozen=True)
class Segment:
    """One sentence of a source document.

    `source` keeps inline markup as numbered placeholders (`<1>…</1>`, `<2/>`);
    `markup` maps each placeholder number to the tag it stands for, e.g.
    `{"1": {"tag": "a", "href": "https://…"}}`.
    """

    position: int
    paragraph: int
    sentence: int
    source: str
    block: str = "p"  # p, h2, h3, li, blockquote …
    markup: dict[str, dict[str, str]] = field(default_factory=dict)


# The block of a segment holding a tag's or series' name, translated with its document (after its
# body: segment.with_names); editions keep these apart from the body, as the names of their pages.
NAME_BLOCK = "name"


@dataclass(frozen=True)
class Document:
    """A source article as ingested, with its provenance."""

    source_lang: str
    outlet: str
    title: str
    url: str
    canonical_url: str
    content_hash: str
    segments: tuple[Segment, ...]
    published_at: datetime | None = None
    fetched_at: datetime | None = None
    tags: tuple[str, ...] = ()
    raw: bytes = b""  # exactly what was fetched or read, archived compressed
    raw_content_type: str = "text/plain"
    kind: str = "article"  # or "digest": an editor's roundup quoting approved editions


@dataclass(frozen=True)
class QuoteRef:
    """A digest's quote block: segments `first`–`last` (positions) of one revision of a source document."""

    document_id: int
    source_revision: int
    first: int
    last: int


@dataclass(frozen=True)
class Digest:
    """An editor's roundup: its connecting text and quote blocks are the segments of `document`.

    A quote block is a run of segments with block "quote", each carrying its `QuoteRef` under
    the markup key "q"; they are stored, reviewed and frozen with the rest of the document.
    """

    document: Document
    author: str
    series: str
    quotes: tuple[QuoteRef, ...]
    names: dict[str, dict[str, str]] = field(
        default_factory=dict
    )  # language → {tag or series → its name there}


class Severity(enum.StrEnum):
    """How much a QA issue matters: errors block approval (unless overridden), warnings inform."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Issue:
    """One QA finding on a translated segment, from the review checks, the glossary or an engine."""

    check: str  # numbers, dates, urls, placeholders, glossary, untranslated, length, engine
    severity: Severity
    said: Message  # rendered in the reader's language where one is shown

    @property
    def message(self) -> str:
        """In English: the CLI's words, and (with the check) the key a dismissal holds."""
        return str(self.said)

    def as_dict(self) -> dict[str, str]:
        """The shape stored on a translation and sent to the editor."""
        return {
            "check": self.check,
            "severity": self.severity.value,
            "message": self.message,
        }


@dataclass(frozen=True)
class DocStatus:
    """Where one document stands in one target language, with its optimistic-locking version."""

    document_id: int
    lang: str
    status: Status
    version: int
    assignee: str | None
    updated_at: datetime
    translated: int = (
        0  # segments with a translation, of `segments` (kept by store.progress)
    )
    segments: int = 0
    words_left: int = 0  # source words still untranslated


@dataclass(frozen=True)
class User:
    name: str
    role: Role
    id: int | None = None


@dataclass(frozen=True)
class EditionSegment:
    """One approved sentence as it will be published."""

    paragraph: int
    block: str
    source: str
    target: str
    markup: dict[str, dict[str, str]] = field(default_factory=dict)
    machine_words: int = 0  # words of `target` as an engine drafted them
    human_words: int = (
        0  # words of `target` people typed (the rest: translation memory)
    )
    number: int = (
        0  # the sentence's number as the editor shows it (1 = the title); 0 if unknown
    )
    omitted: str = ""  # why a reviewer left this sentence out ("": it is translated)


@dataclass(frozen=True)
class Edition:
    """An approved translation of a document, frozen at approval time.

    Publishing reads editions only, never live drafts, so a STALE document stays
    online in its last approved form until someone approves it again.
    """

    document_id: int
    lang: str
    source_lang: str
    outlet: str
    title_source: str
    title_target: str
    url: str
    slug: str
    published_at: datetime | None
    approved_at: datetime
    translated_by: tuple[str, ...]
    reviewed_by: tuple[str, ...]
    engine: (
        str  # engines whose draft survives unedited in some segment, comma-separated
    )
    glossary_version: str
    segments: tuple[EditionSegment, ...]
    tags: tuple[str, ...] = ()
    stale: bool = False
    source_revision: int = 1
    page_slug: str = ""  # this language's page, from its own title (see store.slugs); "" until first published
    kind: str = "article"
    author: str = ""  # a digest's editor
    series: str = ""  # a digest's series, e.g. "Rights Group of the Week"
    names: tuple[
        tuple[str, str], ...
    ] = ()  # (tag or series as written, its name in `lang`) where known
    quotes: tuple[QuoteRef, ...] = ()  # what a digest quotes
    untranslated: int = (
        0  # sentences (title included) with no text: publishing refuses such an edition
    )

    @property
    def omitted(self) -> int:
        """Sentences of the original a reviewer left out of this translation."""
        return sum(1 for s in self.segments if s.omitted)

    @property
    def hand_edited(self) -> int:
        """Percent of the machine-drafted text's words that people typed, 0–100."""
        machine = sum(s.machine_words for s in self.segments)
        human = sum(s.human_words for s in self.segments)
        return round(100 * human / (machine + human)) if machine + human else 0


NOTHING_APPROVED = "nothing approved yet; no site written"
SITE_PUBLISHED = "site-published"  # the audit-log action whose detail is a publish's SiteReport (JSON)


@dataclass(frozen=True)
class SiteReport:
    """What one publish did to the site, as the editor sees it on the app's publish page."""

    at: datetime
    site_url: str
    pages: int  # files in the site
    new: int  # pages that did not exist before
    changed: int  # pages rewritten with different content
    removed: int  # pages of the previous build that are gone
    trigger_id: int = (
        0  # the run's newest approval, the article that made it necessary (0: none)
    )
    trigger_lang: str = ""
    trigger_title: str = ""
    trigger_path: str = ""  # its page, relative to site_url
    out: str = ""  # the folder the site was written to (a link to the live build)

    def to_json(self) -> str:
        return json.dumps(
            {**asdict(self), "at": self.at.isoformat()}, ensure_ascii=False
        )

    @classmethod
    def from_json(cls, text: str) -> SiteReport:
        data = json.loads(text)
        return cls(**{**data, "at": datetime.fromisoformat(data["at"])})


@dataclass(frozen=True)
class PublishReport:
    """What one publish run did, for the command line; `site` is None when nothing was approved."""

    site: SiteReport | None = None
    articles: int = 0
    langs: tuple[str, ...] = ()
    seconds: float = 0.0
    out: str = ""  # the site's folder (a symlink to the live build)
    deployed: str = ""  # the deploy step's summary line, when one ran
    built: tuple[
        tuple[int, str], ...
    ] = ()  # (document, language) of every edition the site now shows
    refused: tuple[str, ...] = ()  # one line per edition left out, saying why

    def summary(self) -> str:
        """One line: articles and languages, files written and unchanged, time, folder, deploy; then a line
        for each edition left out."""
        if self.site is None:
            return NOTHING_APPROVED
        written = self.site.new + self.site.changed
        line = (
            f"published {self.articles} articles in {', '.join(self.langs) or 'no language'}: "
            f"{self.site.pages} files, {written} written, {self.site.pages - written} unchanged, "
            f"{self.seconds:.2f}s → {self.out}"
        )
        line = f"{line}; {self.deployed}" if self.deployed else line
        return "\n".join([line, *self.refused])
