"""Segments → HTML: placeholders become links and emphasis, everything else is escaped."""

from __future__ import annotations

from translate_pub.model import EditionSegment
from translate_pub.publish.body import (
    article_html,
    inline_html,
    parallel_rows,
    plain_text,
)

LINK = {"1": {"tag": "a", "href": "https://ovd.info/data"}, "2": {"tag": "em"}}


def test_placeholders_restore_links_and_emphasis() -> None:
    html = inline_html(
        "According to <1>OVD-Info</1>, <2>at least 150</2> were detained.", LINK
    )
    assert (
        html
        == 'According to <a href="https://ovd.info/data">OVD-Info</a>, <em>at least 150</em> were detained.'
    )


def test_unbalanced_placeholders_still_give_balanced_html() -> None:
    assert inline_html("<2>open <1>link</2> tail", LINK) == (
        '<em>open <a href="https://ovd.info/data">link</a></em> tail'
    )
    assert inline_html("stray </1> close", LINK) == "stray  close"


def test_unknown_placeholders_and_raw_tags_stay_text() -> None:
    assert (
        inline_html("keep <7>this</7> & <b>that</b>", LINK)
        == "keep &lt;7&gt;this&lt;/7&gt; &amp; &lt;b&gt;that&lt;/b&gt;"
    )


def test_blocks_lists_and_quotes() -> None:
    segs = (
        EditionSegment(1, "h2", "Что", "What"),
        EditionSegment(2, "li", "а", "a"),
        EditionSegment(3, "li", "б", "b"),
        EditionSegment(4, "blockquote", "в", "c"),
        EditionSegment(5, "p", "г.", "d."),
        EditionSegment(5, "p", "д.", "e."),
    )
    assert article_html(segs, "target") == (
        "<h2>What</h2>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n<blockquote><p>c</p></blockquote>\n<p>d. e.</p>"
    )
    assert article_html(segs, "source").startswith("<h2>Что</h2>")


def test_a_script_url_keeps_its_text_only_and_real_links_get_rel() -> None:
    """An <a> left without href would be invalid HTML (the Nu checker refuses its rel)."""
    segs = (
        EditionSegment(
            1,
            "p",
            "x",
            "<1>click <2>here</2></1>",
            {"1": {"tag": "a", "href": "javascript:alert(1)"}, "2": {"tag": "em"}},
        ),
    )
    assert article_html(segs, "target") == "<p>click <em>here</em></p>"
    segs = (
        EditionSegment(
            1,
            "p",
            "x",
            "<1>click</1>",
            {"1": {"tag": "a", "href": "https://ovd.info/"}},
        ),
    )
    assert (
        article_html(segs, "target")
        == '<p><a href="https://ovd.info/" rel="noopener noreferrer">click</a></p>'
    )


def test_only_http_and_https_links_are_rendered() -> None:
    for href, kept in (
        ("mailto:iamarrested@gmail.com", False),
        ("data:text/html,x", False),
        ("ftp://ovd.info/a", False),
        ("/news/a", False),  # relative: links.web_url, as every other link on the site
        ("https://ovd.info/a", True),
        ("http://ovd.info/a", True),
    ):
        segs = (
            EditionSegment(
                1, "p", "x", "<1>link</1>", {"1": {"tag": "a", "href": href}}
            ),
        )
        assert (f'href="{href}"' in article_html(segs, "target")) is kept, href


def test_parallel_rows_pair_paragraphs() -> None:
    segs = (EditionSegment(1, "li", "а", "a"), EditionSegment(2, "p", "б", "b"))
    assert parallel_rows(segs, "ru") == [
        ("<ul><li>а</li></ul>", "<ul><li>a</li></ul>"),
        ("<p>б</p>", "<p>b</p>"),
    ]


def test_plain_text_drops_placeholders() -> None:
    assert plain_text("A <1>linked</1> title", LINK) == "A linked title"
