"""XLIFF 1.2 exchange with CAT tools (OmegaT, Trados, memoQ, MateCat): one <file> per document.

Export maps our document status and each draft's origin to XLIFF unit states; import
maps unit states back to a document status. Import validates every unit first and
writes nothing unless all are valid; each unit carries the version it was exported
at, so text changed in the app meanwhile is reported, never overwritten.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from lxml import etree
from sqlalchemy import Connection

from translate_pub import msgids as ids
from translate_pub.errors import InputError, ParseError
from translate_pub.messages import Message
from translate_pub.model import Origin, Status
from translate_pub.review.inline import InlineError, read_inline, write_inline
from translate_pub.store import documents as doc_store
from translate_pub.store import review as review_store
from translate_pub.store import translations as tr_store
from translate_pub.store.review import EditorRow
from translate_pub.store.rows import StoredDocument

NS = "urn:oasis:names:tc:xliff:document:1.2"
TP = "urn:translate-pub:review"  # our extension attributes: tp:version on each unit
X = f"{{{NS}}}"
MAX_PROBLEMS = 200  # problems a report lists in full; the rest are counted
MAX_ID_DIGITS = 18  # our ids and versions are 64-bit integers

# Unit state → the document status it stands for when imported (the lowest unit wins).
STATE_IN = {
    "new": Status.MACHINE_TRANSLATED,
    "needs-translation": Status.MACHINE_TRANSLATED,
    "needs-adaptation": Status.MACHINE_TRANSLATED,
    "needs-l10n": Status.MACHINE_TRANSLATED,
    "needs-review-translation": Status.MACHINE_TRANSLATED,
    "needs-review-adaptation": Status.MACHINE_TRANSLATED,
    "needs-review-l10n": Status.MACHINE_TRANSLATED,
    "translated": Status.IN_REVIEW,
    "signed-off": Status.APPROVED,
    "final": Status.APPROVED,
}


def unit_state(status: Status, row: EditorRow) -> tuple[str, str | None]:
    """(state, state-qualifier) of one unit from its document's status and its draft's origin."""
    if not row.text:
        return "new", None
    if status >= Status.PUBLISHED:
        return "final", None
    if status == Status.APPROVED:
        return "signed-off", None
    if status == Status.IN_REVIEW:
        return "translated", None
    if row.origin == Origin.HUMAN.value:
        return (
            ("needs-review-translation", None)
            if status == Status.STALE
            else ("translated", None)
        )
    qualifier = (
        "tm-suggestion" if row.origin == Origin.MEMORY.value else "mt-suggestion"
    )
    return "needs-review-translation", qualifier


def export_xliff(conn: Connection, lang: str, doc_ids: list[int]) -> bytes:
    root = etree.Element(X + "xliff", nsmap={None: NS, "tp": TP}, version="1.2")
    for doc_id in doc_ids:
        doc, st = (
            doc_store.get_document(conn, doc_id),
            tr_store.get_status(conn, doc_id, lang),
        )
        if doc is None or st is None:
            raise InputError(f"document {doc_id}", ids.NO_DOCUMENT_IN(lang=lang))
        _file(root, doc, lang, st.status, review_store.editor_rows(conn, doc_id, lang))
    return etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", pretty_print=True
    )


def _file(
    root: etree._Element,
    doc: StoredDocument,
    lang: str,
    status: Status,
    rows: list[EditorRow],
) -> None:
    f = etree.SubElement(
        root,
        X + "file",
        original=f"doc-{doc.id}",
        datatype="plaintext",
        attrib={
            "source-language": doc.source_lang,
            "target-language": lang,
            "product-name": "translate-pub",
        },
    )
    header = etree.SubElement(f, X + "header")
    etree.SubElement(
        header, X + "note"
    ).text = f"{doc.title} — {doc.url} (source revision {doc.revision})"
    body = etree.SubElement(f, X + "body")
    for row in rows:
        if row.translation_id is None:
            continue  # no draft yet: nothing to exchange
        state, qualifier = unit_state(status, row)
        unit = etree.SubElement(
            body,
            X + "trans-unit",
            id=str(row.translation_id),
            resname=f"seg-{row.position + 1}",
            attrib={f"{{{TP}}}version": str(row.version)},
        )
        unit.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        write_inline(etree.SubElement(unit, X + "source"), row.source, NS, "xliff")
        target = etree.SubElement(unit, X + "target", state=state)
        if qualifier:
            target.set("state-qualifier", qualifier)
        write_inline(target, row.text, NS, "xliff")


@dataclass(frozen=True)
class Unit:
    line: int
    translation_id: int
    version: int
    source: str
    target: str
    state: str


@dataclass(frozen=True)
class Problem:
    """Why part of a file was refused: where (file:line), and the unit and document when known."""

    where: str
    said: Message  # why, in the reader's language where the app shows it
    unit: int | None = None  # the trans-unit id (our translation id)
    doc_id: int | None = None
    segment: int | None = (
        None  # 1-based, as the editor shows it; filled in once the document is read
    )

    @property
    def message(self) -> str:
        return str(self.said)

    def __str__(self) -> str:
        if self.unit is not None:
            return f"{self.where}: unit {self.unit}: {self.message}"
        return (
            f"{self.where}: segment {self.segment}: {self.message}"
            if self.segment
            else f"{self.where}: {self.message}"
        )


class Problems:
    """The problems found in a file: the first MAX_PROBLEMS in full, the rest only counted, so a
    file of a million bogus units costs a counter, not a million objects and a page listing them."""

    def __init__(self, keep: int = MAX_PROBLEMS) -> None:
        self.kept: list[Problem] = []
        self.count = 0
        self.documents: set[int | None] = (
            set()
        )  # every document with a problem, listed or not
        self.keep = keep

    def append(self, problem: Problem) -> None:
        self.count += 1
        self.documents.add(problem.doc_id)
        if len(self.kept) < self.keep:
            self.kept.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.append(problem)

    @property
    def unlisted(self) -> int:
        return self.count - len(self.kept)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.kept)

    def __len__(self) -> int:
        return self.count


@dataclass
class ParsedFile:
    line: int
    doc_id: int
    lang: str
    units: list[Unit] = field(default_factory=list)


def parse_xliff(
    data: bytes | BinaryIO, where: str
) -> tuple[list[ParsedFile], Problems]:
    """The files and units of an XLIFF document, and every problem found (file:line: reason).
    Read as a stream: each unit is dropped from the tree once read."""
    source = io.BytesIO(data) if isinstance(data, bytes) else data
    files: list[ParsedFile] = []
    problems = Problems()
    parsed: ParsedFile | None = None
    foreign = False  # said once the whole file is known to be well-formed XML
    events = etree.iterparse(
        source,
        events=("start", "end"),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
    )
    try:
        for event, el in events:
            if event == "start" and el.getparent() is None:
                foreign = el.tag != X + "xliff" or el.get("version") != "1.2"
            if foreign:
                if event == "end":
                    _drop(el)
            elif event == "start":
                if el.tag == X + "file":
                    parsed = _file_start(el, where, problems)
            elif el.tag == X + "trans-unit":
                unit = _unit(el, where, parsed.doc_id, problems) if parsed else None
                if parsed and unit:
                    parsed.units.append(unit)
                _drop(el)
            elif el.tag == X + "file":
                if parsed is not None:
                    files.append(parsed)
                parsed = None
                _drop(el)
    except etree.XMLSyntaxError as exc:
        raise ParseError(
            f"{where}:{exc.lineno}", ids.XML_BROKEN(detail=exc.msg)
        ) from None
    if foreign:
        raise ParseError(where, ids.NOT_XLIFF())
    return files, problems


def _file_start(f: etree._Element, where: str, problems: Problems) -> ParsedFile | None:
    original, lang = f.get("original", ""), f.get("target-language", "")
    if not original.startswith("doc-") or not _our_id(original[4:]):
        problems.append(
            Problem(
                f"{where}:{f.sourceline}",
                ids.FOREIGN_FILE(original=repr(original)),
            )
        )
        return None
    return ParsedFile(f.sourceline or 0, int(original[4:]), lang)


def _drop(el: etree._Element) -> None:
    """Free what was read: the element, and the finished siblings before it."""
    el.clear(keep_tail=True)
    parent = el.getparent()
    while parent is not None and el.getprevious() is not None:
        del parent[0]


def _our_id(text: str) -> bool:
    """Whether `text` can be one of our ids or versions: a database integer (64 bits)."""
    return text.isascii() and text.isdigit() and len(text) <= MAX_ID_DIGITS


def _unit(u: etree._Element, file: str, doc_id: int, problems: Problems) -> Unit | None:
    where = f"{file}:{u.sourceline}"
    uid, version = u.get("id", ""), u.get(f"{{{TP}}}version", "")
    source, target = u.find(X + "source"), u.find(X + "target")
    if not _our_id(uid) or not _our_id(version):
        problems.append(
            Problem(
                where,
                ids.FOREIGN_UNIT(unit=repr(uid[:40])),
                doc_id=doc_id,
            )
        )
        return None
    unit = int(uid)
    if source is None or target is None:
        problems.append(Problem(where, ids.NO_TARGET(), unit, doc_id))
        return None
    state = target.get("state", "translated")
    if state not in STATE_IN:
        problems.append(
            Problem(where, ids.UNKNOWN_STATE(state=repr(state)), unit, doc_id)
        )
        return None
    try:
        return Unit(
            u.sourceline,
            unit,
            int(version),
            read_inline(source),
            read_inline(target),
            state,
        )
    except InlineError as exc:
        problems.append(
            Problem(f"{file}:{exc.line or u.sourceline}", exc.said, unit, doc_id)
        )
    return None
