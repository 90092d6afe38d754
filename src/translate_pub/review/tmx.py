"""TMX 1.4 export of approved translations (the newest edition of each document), for
translation memories in CAT tools."""

from __future__ import annotations

from lxml import etree
from sqlalchemy import Connection

from translate_pub.review.inline import write_inline
from translate_pub.store.editions import latest_editions

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def export_tmx(conn: Connection, lang: str, source_lang: str) -> tuple[bytes, int]:
    """The TMX document and how many translation units it holds."""
    root = etree.Element("tmx", version="1.4")
    etree.SubElement(
        root,
        "header",
        creationtool="translate-pub",
        creationtoolversion="0.1",
        datatype="plaintext",
        segtype="sentence",
        adminlang="en",
        srclang=source_lang,
        attrib={"o-tmf": "translate-pub"},
    )
    body, count = etree.SubElement(root, "body"), 0
    for edition in latest_editions(conn, lang):
        pairs = [(edition.title_source, edition.title_target)]
        pairs += [(s.source, s.target) for s in edition.segments]
        for n, (source, target) in enumerate(pairs):
            if not target.strip():
                continue
            tu = etree.SubElement(body, "tu", tuid=f"{edition.slug}-{n}")
            etree.SubElement(tu, "prop", type="x-document").text = edition.url
            for code, text in ((edition.source_lang, source), (lang, target)):
                tuv = etree.SubElement(tu, "tuv", attrib={XML_LANG: code})
                write_inline(etree.SubElement(tuv, "seg"), text, "", "tmx")
            count += 1
    return etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", pretty_print=True
    ), count
