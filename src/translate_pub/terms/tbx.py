"""TBX exchange with terminologists' tools, through translate-toolkit's TBX store.

Mapping (one termEntry per term, its id the term id):
    ru                   langSet ru, first term
    en / uk / …          langSet of that language, first (preferred) term
    en_allowed / …       further terms of that langSet, marked
                         <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote>
    en_forbidden / …     the last terms of that langSet, marked
                         <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>
    note                 <descrip type="definition">
    pos, domain, case    <descrip type="x-translate-pub-COLUMN">
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree
from translate.storage import tbx

from translate_pub.errors import GlossaryError
from translate_pub.files import MAX_BYTES, read_capped, write_output
from translate_pub.terms.glossary import OPTIONAL, Term

DEPRECATED = "deprecatedTerm-admn-sts"
ADMITTED = "admittedTerm-admn-sts"
_PREFIX = "x-translate-pub-"


def write_tbx(terms: tuple[Term, ...], path: Path) -> None:
    store = tbx.tbxfile(sourcelanguage="ru", targetlanguage="en")
    for term in terms:
        unit = store.addsourceunit(term.ru)
        unit.setid(term.id)
        for lang, preferred, admitted, banned in _targets(term):
            unit.set_target_terms([preferred, *admitted, *banned], lang)
            _mark(
                unit,
                lang,
                [None] + [ADMITTED] * len(admitted) + [DEPRECATED] * len(banned),
            )
        _descrip(unit, "definition", term.note)
        for column in OPTIONAL:
            _descrip(unit, _PREFIX + column, term.extra.get(column, ""))
    write_output(path, bytes(store))


def _targets(term: Term) -> list[tuple[str, str, tuple[str, ...], tuple[str, ...]]]:
    langs = ["en"] + [
        k
        for k in term.extra
        if k not in OPTIONAL and not k.endswith(("_forbidden", "_allowed"))
    ]
    out = []
    for lang in langs:
        preferred = term.en if lang == "en" else term.extra[lang]
        out.append((lang, preferred, term.allowed(lang), term.forbidden(lang)))
    return out


def _lang_set(unit: tbx.tbxunit, lang: str) -> etree._Element:
    for node in unit.getlanguageNodes():
        if node.get("{http://www.w3.org/XML/1998/namespace}lang") == lang:
            return node
    raise KeyError(lang)


def _mark(unit: tbx.tbxunit, lang: str, statuses: list[str | None]) -> None:
    tigs = _lang_set(unit, lang).findall(unit.namespaced("tig"))
    for tig, status in zip(tigs, statuses, strict=True):
        if status:
            note = etree.SubElement(
                tig, unit.namespaced("termNote"), type="administrativeStatus"
            )
            note.text = status


def _descrip(unit: tbx.tbxunit, kind: str, text: str) -> None:
    if text:
        etree.SubElement(
            unit.xmlelement, unit.namespaced("descrip"), type=kind
        ).text = text


def read_tbx(path: Path, max_bytes: int = MAX_BYTES) -> tuple[Term, ...]:
    data = read_capped(
        path, max_bytes
    )  # a FIFO or the zero device is refused, not read forever
    try:
        store = tbx.tbxfile.parsestring(data, sourcelanguage="ru")
    except etree.XMLSyntaxError as exc:
        raise GlossaryError(str(path), f"cannot read TBX ({exc})") from None
    terms = []
    for n, unit in enumerate(store.units, start=1):
        where = f"{path}:termEntry {n}"
        source = [t.text for t in unit.get_source_terms() if t.text.strip()]
        term_id = unit.getid()
        if not source or not term_id:
            raise GlossaryError(where, "a termEntry needs an id and a Russian term")
        terms.append(_term(unit, term_id, source[0], where))
    return tuple(terms)


def _admitted(term: tbx.TBXTerm) -> bool:
    return (term.administrative_status or "").strip().lower() in {
        "admitted",
        ADMITTED.lower(),
    }


def _term(unit: tbx.tbxunit, term_id: str, ru: str, where: str) -> Term:
    extra: dict[str, str] = {}
    en = ""
    en_forbidden: tuple[str, ...] = ()
    for node in unit.getlanguageNodes():
        lang = node.get("{http://www.w3.org/XML/1998/namespace}lang")
        if lang == "ru" or not lang:
            continue
        found = unit.get_target_terms(lang)
        preferred = [t.text for t in found if not t.deprecated and not _admitted(t)]
        admitted = [t.text for t in found if _admitted(t)]
        banned = tuple(t.text for t in found if t.deprecated)
        if not preferred:
            raise GlossaryError(where, f"no preferred {lang} term")
        if lang == "en":
            en, en_forbidden = preferred[0], banned
        else:
            extra[lang] = preferred[0]
            if banned:
                extra[f"{lang}_forbidden"] = "|".join(banned)
        if admitted:
            extra[f"{lang}_allowed"] = "|".join(admitted)
    if not en:
        raise GlossaryError(where, "no English term")
    note = ""
    for d in unit.xmlelement.findall(unit.namespaced("descrip")):
        kind, text = d.get("type") or "", (d.text or "").strip()
        if kind == "definition":
            note = text
        elif kind.startswith(_PREFIX) and kind[len(_PREFIX) :] in OPTIONAL:
            extra[kind[len(_PREFIX) :]] = text
    return Term(
        id=term_id, ru=ru, en=en, en_forbidden=en_forbidden, note=note, extra=extra
    )
