"""XLIFF 1.2 exchange with CAT tools (OmegaT, Trados, memoQ, MateCat): one <file> per document.

Export maps our document status and each draft's origin to XLIFF unit states; import
maps unit states back to a document status. Import validates every unit first and
writes nothing unless all are valid; each unit carries the version it was exported
at, so text changed in the app meanwhile is reported, never overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree
from sqlalchemy import Connection

from translate_pub.errors import InputError, ParseError
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

# Unit state → the document status it stands for when imported (the lowest unit wins).
STATE_IN = {
    "new": Status.MACHINE_TRANSLATED, "needs-translation": Status.MACHINE_TRANSLATED,
    "needs-adaptation": Status.MACHINE_TRANSLATED, "needs-l10n": Status.MACHINE_TRANSLATED,
    "needs-review-translation": Status.MACHINE_TRANSLATED, "needs-review-adaptation": Status.MACHINE_TRANSLATED,
    "needs-review-l10n": Status.MACHINE_TRANSLATED, "translated": Status.IN_REVIEW,
    "signed-off": Status.APPROVED, "final": Status.APPROVED,
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
        return ("needs-review-translation", None) if status == Status.STALE else ("translated", None)
    qualifier = "tm-suggestion" if row.origin == Origin.MEMORY.value else "mt-suggestion"
    return "needs-review-translation", qualifier


def export_xliff(conn: Connection, lang: str, doc_ids: list[int]) -> bytes:
    root = etree.Element(X + "xliff", nsmap={None: NS, "tp": TP}, version="1.2")
    for doc_id in doc_ids:
        doc, st = doc_store.get_document(conn, doc_id), tr_store.get_status(conn, doc_id, lang)
        if doc is None or st is None:
            raise InputError(f"document {doc_id}", f"no such document in {lang}")
        _file(root, doc, lang, st.status, review_store.editor_rows(conn, doc_id, lang))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _file(root: etree._Element, doc: StoredDocument, lang: str, status: Status, rows: list[EditorRow]) -> None:
    f = etree.SubElement(root, X + "file", original=f"doc-{doc.id}", datatype="plaintext",
                         attrib={"source-language": doc.source_lang, "target-language": lang,
                                 "product-name": "translate-pub"})
    header = etree.SubElement(f, X + "header")
    etree.SubElement(header, X + "note").text = f"{doc.title} — {doc.url} (source revision {doc.revision})"
    body = etree.SubElement(f, X + "body")
    for row in rows:
        if row.translation_id is None:
            continue  # no draft yet: nothing to exchange
        state, qualifier = unit_state(status, row)
        unit = etree.SubElement(body, X + "trans-unit", id=str(row.translation_id),
                                resname=f"seg-{row.position}", attrib={f"{{{TP}}}version": str(row.version)})
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
    message: str
    unit: int | None = None  # the trans-unit id (our translation id)
    doc_id: int | None = None
    segment: int | None = None  # 1-based, as the editor shows it; filled in once the document is read

    def __str__(self) -> str:
        if self.unit is not None:
            return f"{self.where}: unit {self.unit}: {self.message}"
        return f"{self.where}: segment {self.segment}: {self.message}" if self.segment else f"{self.where}: {self.message}"


@dataclass
class ParsedFile:
    line: int
    doc_id: int
    lang: str
    units: list[Unit] = field(default_factory=list)


def parse_xliff(data: bytes, where: str) -> tuple[list[ParsedFile], list[Problem]]:
    """The files and units of an XLIFF document, and every problem found (file:line: reason)."""
    try:
        root = etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as exc:
        raise ParseError(f"{where}:{exc.lineno}", f"not well-formed XML ({exc.msg})") from None
    if root.tag != X + "xliff" or root.get("version") != "1.2":
        raise ParseError(where, "not an XLIFF 1.2 document")
    files: list[ParsedFile] = []
    problems: list[Problem] = []
    for f in root.iter(X + "file"):
        original, lang = f.get("original", ""), f.get("target-language", "")
        if not original.startswith("doc-") or not original[4:].isdigit():
            problems.append(Problem(f"{where}:{f.sourceline}", f"<file original={original!r}> is not one of our documents"))
            continue
        parsed = ParsedFile(f.sourceline, int(original[4:]), lang)
        for u in f.iter(X + "trans-unit"):
            unit = _unit(u, where, parsed.doc_id, problems)
            if unit:
                parsed.units.append(unit)
        files.append(parsed)
    return files, problems


def _unit(u: etree._Element, file: str, doc_id: int, problems: list[Problem]) -> Unit | None:
    where = f"{file}:{u.sourceline}"
    uid, version = u.get("id", ""), u.get(f"{{{TP}}}version", "")
    source, target = u.find(X + "source"), u.find(X + "target")
    if not uid.isdigit() or not version.isdigit():
        problems.append(Problem(where, f"unit {uid!r} lacks our numeric id and tp:version", doc_id=doc_id))
        return None
    unit = int(uid)
    if source is None or target is None:
        problems.append(Problem(where, "needs both <source> and <target>", unit, doc_id))
        return None
    state = target.get("state", "translated")
    if state not in STATE_IN:
        problems.append(Problem(where, f"has unknown state {state!r}", unit, doc_id))
        return None
    try:
        return Unit(u.sourceline, unit, int(version), read_inline(source), read_inline(target), state)
    except InlineError as exc:
        problems.append(Problem(f"{file}:{exc.line or u.sourceline}", str(exc), unit, doc_id))
    return None
