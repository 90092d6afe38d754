"""Reading TMX 1.4b as CAT tools export it (OmegaT, memoQ, Trados, Weblate), streamed.

`read_tmx` yields one `TmxUnit` per translation unit and target language, or one `Refused`
(file:line and why) per unit it cannot use, so a caller can count that nothing was lost.
A file is parsed with lxml's iterparse without DTDs, entity expansion or network, one <tu>
at a time (each cleared once read), through the bounded reader (`files.open_capped`). A problem
with the whole file (not XML, not TMX, another source language, too big) is a ParseError.

Inline codes become our placeholders: <bpt>/<ept> a pair `<n>…</n>` (matched by `i`), <ph>
and <ut> a void `<n/>`, <it> an opening or closing one; n counts codes in the order the
source shows them, and a target's code takes its source counterpart's number.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from translate_pub import msgids as ids
from translate_pub.errors import InputError, ParseError
from translate_pub.files import open_capped
from translate_pub.messages import Message

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_DATE = re.compile(r"(\d{8})T(\d{6})Z?")
_CODES = {"bpt", "ept", "ph", "it", "ut"}
_NOT_TEXT = (etree._Entity, etree._ProcessingInstruction)


@dataclass(frozen=True)
class TmxUnit:
    """One translation unit: its source and one target language's text, who wrote it, when."""

    line: int
    lang: str
    source: str
    target: str
    creator: str
    changed: datetime | None


@dataclass(frozen=True)
class Refused:
    """A unit left out, and why: `where` is file:line, `said` a message (rendered in the
    reader's language by the app, in English by the CLI)."""

    where: str
    said: Message

    def __str__(self) -> str:
        return f"{self.where}: {self.said}"


class _Unusable(Exception):
    """A unit's text we cannot turn into ours: the message, and the line."""

    def __init__(self, said: Message, line: int | None) -> None:
        self.said, self.line = said, line
        super().__init__(str(said))


def language(code: str) -> str:
    """`ru-RU`, `EN_gb`, `en` → the primary language subtag, lower case."""
    return re.split(r"[-_]", code.strip(), maxsplit=1)[0].lower()


def read_tmx(
    path: Path,
    source_lang: str,
    targets: tuple[str, ...],
    cap: int,
    name: str | None = None,
) -> Iterator[TmxUnit | Refused]:
    """The units of a TMX file for `source_lang` into any of `targets`, and each refused one."""
    where = name or str(path)
    try:
        with open_capped(path, cap) as raw:
            yield from _units(raw, where, source_lang, targets)
    except ParseError:
        raise
    except InputError as exc:  # not a regular file, unreadable, or past the cap
        raise ParseError(where, ids.NOTHING_IMPORTED(reason=exc.why)) from None
    except etree.XMLSyntaxError as exc:
        raise ParseError(
            f"{where}:{exc.lineno}",
            ids.TMX_XML_BROKEN(detail=exc.msg),
        ) from None


def _units(
    raw: BinaryIO, where: str, source_lang: str, targets: tuple[str, ...]
) -> Iterator[TmxUnit | Refused]:
    events = etree.iterparse(
        raw,
        events=("start", "end"),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
    )
    header: dict[str, str] = {}
    for event, el in events:
        if event == "start":
            if el.getparent() is None and el.tag != "tmx":
                raise ParseError(where, ids.NOT_TMX(tag=el.tag))
            continue
        if el.tag == "header":
            header = dict(el.attrib)
            _check_source(header, where, source_lang)
        elif el.tag == "tu":
            yield from _unit(el, header, where, source_lang, targets)
            el.clear(keep_tail=False)
            while (
                el.getprevious() is not None
            ):  # what is read is dropped: memory stays flat
                del el.getparent()[0]


def _check_source(header: dict[str, str], where: str, source_lang: str) -> None:
    declared = header.get("srclang", "*all*")
    if declared != "*all*" and language(declared) != source_lang:
        raise ParseError(
            where,
            ids.TMX_SOURCE_FILE(declared=repr(declared), ours=repr(source_lang)),
        )


def _unit(
    tu: etree._Element,
    header: dict[str, str],
    where: str,
    source_lang: str,
    targets: tuple[str, ...],
) -> Iterator[TmxUnit | Refused]:
    at = f"{where}:{tu.sourceline}"
    sides: dict[str, etree._Element] = {}
    for tuv in tu.findall("tuv"):
        code = language(tuv.get(XML_LANG) or tuv.get("lang") or "")
        sides.setdefault(code, tuv)
    declared = tu.get("srclang")
    if declared and declared != "*all*" and language(declared) != source_lang:
        yield Refused(at, ids.TMX_SOURCE_LANG(found=declared, ours=source_lang))
        return
    wanted = [lang for lang in targets if lang in sides]
    if source_lang not in sides or not wanted:
        missing = source_lang if source_lang not in sides else "/".join(targets)
        found = ", ".join(sorted(sides)) or "none"
        yield Refused(at, ids.TMX_NO_SIDE(lang=missing, found=found))
        return
    for lang in wanted:
        yield _pair(tu, sides[source_lang], sides[lang], lang, at, source_lang)


def _pair(
    tu: etree._Element,
    src: etree._Element,
    tgt: etree._Element,
    lang: str,
    at: str,
    source_lang: str,
) -> TmxUnit | Refused:
    try:
        numbers: dict[tuple[str, str], int] = {}
        source, target = _seg_text(src, numbers), _seg_text(tgt, numbers)
    except _Unusable as exc:
        return Refused(f"{at.rsplit(':', 1)[0]}:{exc.line or tu.sourceline}", exc.said)
    if not source.strip() or not target.strip():
        return Refused(
            at, ids.TMX_EMPTY_SIDE(lang=lang if source.strip() else source_lang)
        )
    creator = (
        tgt.get("changeid")
        or tu.get("changeid")
        or tgt.get("creationid")
        or tu.get("creationid")
        or ""
    )
    stamp = (
        tgt.get("changedate")
        or tu.get("changedate")
        or tgt.get("creationdate")
        or tu.get("creationdate")
        or ""
    )
    return TmxUnit(
        tu.sourceline or 0, lang, source, target, creator[:200], _date(stamp)
    )


def _date(stamp: str) -> datetime | None:
    m = _DATE.fullmatch(stamp.strip())
    if not m:
        return None
    d, t = m.group(1), m.group(2)
    try:
        return datetime(
            int(d[:4]),
            int(d[4:6]),
            int(d[6:]),
            int(t[:2]),
            int(t[2:4]),
            int(t[4:]),
            tzinfo=UTC,
        )
    except ValueError:  # 20241301T… : no such day
        return None


def _seg_text(tuv: etree._Element, numbers: dict[tuple[str, str], int]) -> str:
    seg = tuv.find("seg")
    if seg is None:
        raise _Unusable(ids.TMX_NO_SEG(), tuv.sourceline)
    return _Inline(numbers).text(seg)


@dataclass
class _Inline:
    """Turns one <seg> into text with placeholders, numbering codes shared with its unit's other side."""

    numbers: dict[tuple[str, str], int]
    seen: dict[tuple[str, str], int] = field(default_factory=dict)

    def text(self, el: etree._Element) -> str:
        out = [el.text or ""]
        for child in el:
            if isinstance(child, _NOT_TEXT):
                raise _Unusable(ids.TMX_ENTITY(), child.sourceline)
            name = child.tag if isinstance(child.tag, str) else ""
            if name in _CODES:
                out.append(self._code(child, name))
            elif name == "hi":
                out.append(
                    self.text(child)
                )  # highlighting: its text is the translation's
            else:
                raise _Unusable(ids.TMX_ELEMENT(name=name), child.sourceline)
            out.append(child.tail or "")
        return "".join(out)

    def _code(self, el: etree._Element, name: str) -> str:
        for inner in el.iter():
            if isinstance(inner, _NOT_TEXT):
                raise _Unusable(ids.TMX_ENTITY(), el.sourceline)
        if name in ("bpt", "ept"):
            n = self._number(("pair", el.get("i") or el.get("x") or ""))
            return f"<{n}>" if name == "bpt" else f"</{n}>"
        if name == "it":
            n = self._number(
                ("it", el.get("x") or self._nth(("it", el.get("pos", ""))))
            )
            return f"<{n}>" if el.get("pos") == "begin" else f"</{n}>"
        key = el.get("x") or "".join(el.itertext())
        return f"<{self._number(('ph', key or self._nth(('ph', ''))))}/>"

    def _nth(self, key: tuple[str, str]) -> str:
        """Codes without an id are matched across sides by their order."""
        self.seen[key] = self.seen.get(key, 0) + 1
        return f"#{self.seen[key]}"

    def _number(self, key: tuple[str, str]) -> int:
        if key not in self.numbers:
            self.numbers[key] = len(self.numbers) + 1
        return self.numbers[key]
