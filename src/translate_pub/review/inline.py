"""Segment placeholders (`<1>…</1>`, `<2/>`) as XLIFF/TMX inline codes and back.

Placeholders go out flat, as paired codes whose content is the placeholder itself
(`<bpt>&lt;1&gt;</bpt>`), so a CAT tool shows them as tags and unbalanced drafts
still export. Coming back, `bpt`/`ept`/`ph`/`it` (ours) and `g`/`x` (what tools
may write instead) are all accepted.
"""

from __future__ import annotations

from lxml import etree

from translate_pub import msgids as ids
from translate_pub.messages import Message, Word
from translate_pub.placeholders import PLACEHOLDER


class InlineError(ValueError):
    """An inline element we cannot turn back into a placeholder; `line` is where it is."""

    def __init__(self, said: Message, line: int | None = None) -> None:
        self.said, self.line = said, line
        super().__init__(str(said))


# Nodes that are not elements: they carry no translatable text we could keep, and a tool that
# wrote one into a target meant something we cannot know, so the unit is refused.
_NOT_TEXT = {
    etree._Entity: "an entity reference",
    etree._Comment: "a comment",
    etree._ProcessingInstruction: "a processing instruction",
}


def write_inline(parent: etree._Element, text: str, ns: str, style: str) -> None:
    """Fill `parent` with `text`, placeholders as bpt/ept/ph codes; `style` is "xliff" or "tmx"."""
    last: etree._Element | None = None
    at = 0
    for k, m in enumerate(PLACEHOLDER.finditer(text), start=1):
        _append_text(parent, last, text[at : m.start()])
        closing, n, void = m.groups()
        kind = "ph" if void else "ept" if closing else "bpt"
        last = etree.SubElement(
            parent, f"{{{ns}}}{kind}" if ns else kind, _attrs(style, kind, k, n)
        )
        last.text = m.group(0)
        at = m.end()
    _append_text(parent, last, text[at:])


def _attrs(style: str, kind: str, k: int, n: str) -> dict[str, str]:
    if (
        style == "xliff"
    ):  # every code has its own id; rid pairs an opening with its closing
        return {"id": str(k)} if kind == "ph" else {"id": str(k), "rid": n}
    return {"x": n} if kind == "ph" else {"i": n, "x": n} if kind == "bpt" else {"i": n}


def _append_text(
    parent: etree._Element, last: etree._Element | None, piece: str
) -> None:
    if not piece:
        return
    if last is None:
        parent.text = (parent.text or "") + piece
    else:
        last.tail = (last.tail or "") + piece


def read_inline(el: etree._Element) -> str:
    """The text of a source/target element with inline codes turned back into placeholders."""
    out = [el.text or ""]
    for child in el:
        _refuse_non_elements(child)
        name = etree.QName(child).localname
        if name in ("bpt", "ept", "ph", "it"):
            for inner in child.iterdescendants():
                _refuse_non_elements(inner)
            code = "".join(child.itertext())
            if not PLACEHOLDER.fullmatch(code):
                raise InlineError(
                    ids.INLINE_CODE(name=name, code=repr(code)),
                    child.sourceline,
                )
            out.append(code)
        elif name == "g":
            out.append(f"<{child.get('id')}>{read_inline(child)}</{child.get('id')}>")
        elif name == "x":
            out.append(f"<{child.get('id')}/>")
        else:
            raise InlineError(ids.INLINE_ELEMENT(name=name), child.sourceline)
        out.append(child.tail or "")
    return "".join(out)


def _refuse_non_elements(node: etree._Element) -> None:
    kind = next(
        (what for cls, what in _NOT_TEXT.items() if isinstance(node, cls)), None
    )
    if kind:
        raise InlineError(
            ids.INLINE_NODE(kind=Word(kind), node=_shown(node)),
            node.sourceline,
        )


def _shown(node: etree._Element) -> str:
    text = etree.tostring(node, with_tail=False, encoding="unicode")
    return text if len(text) <= 40 else text[:37] + "..."
