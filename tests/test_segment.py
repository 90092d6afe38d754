"""Segmentation: sentences with razdel, inline markup as placeholders, nothing else touched."""

from __future__ import annotations

from pathlib import Path

from translate_pub.ingest.markdown import parse_markdown
from translate_pub.placeholders import restore_markup
from translate_pub.segment import Block, segment_blocks, to_placeholders
from translate_pub.sentences import split_sentences

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def test_abbreviations_do_not_split_sentences() -> None:
    text = (
        "В 2013 г. задержали 250 чел., т.е. втрое меньше. Суд им. Пушкина отказал; "
        "см. ст. 20.2 КоАП РФ. Дело передали в суд."
    )
    assert split_sentences(text) == [
        "В 2013 г. задержали 250 чел., т.е. втрое меньше.",
        "Суд им. Пушкина отказал; см. ст. 20.2 КоАП РФ.",
        "Дело передали в суд.",
    ]


def test_numbers_dates_and_urls_stay_exactly_as_written() -> None:
    text = "Акция 12.03.2013 в 14.30 собрала 3,5 тыс. человек (7,2%). Данные: http://ovdinfo.org/data.csv?a=1&b=2."
    sentences = split_sentences(text)
    assert " ".join(sentences) == text
    assert (
        "12.03.2013" in sentences[0]
        and "14.30" in sentences[0]
        and "7,2%" in sentences[0]
    )
    assert "http://ovdinfo.org/data.csv?a=1&b=2" in sentences[-1]


def test_links_and_emphasis_become_numbered_placeholders_and_come_back() -> None:
    html = 'Доклад <a href="https://ovdinfo.org/r?x=1&amp;y=2">ОВД-Инфо</a> о <em>задержаниях</em>.<br>Ещё.'
    text, markup = to_placeholders(html)
    assert text == "Доклад <1>ОВД-Инфо</1> о <2>задержаниях</2>.<3/>Ещё."
    assert markup["1"] == {"tag": "a", "href": "https://ovdinfo.org/r?x=1&y=2"}
    events = restore_markup("Report by <1>OVD-Info</1> on <2>detentions</2>.", markup)
    assert events[1] == ("open", {"tag": "a", "href": "https://ovdinfo.org/r?x=1&y=2"})
    assert ("text", "OVD-Info") in events and ("close", {"tag": "em"}) in events


def test_a_sentence_boundary_inside_a_link_does_not_cut_the_placeholder_pair() -> None:
    segs = segment_blocks(
        [Block("p", 'Начало. <a href="u">Ссылка. Её хвост</a> конец. Дальше.')]
    )
    assert [s.source for s in segs] == [
        "Начало.",
        "<1>Ссылка. Её хвост</1> конец.",
        "Дальше.",
    ]
    assert segs[1].markup == {"1": {"tag": "a", "href": "u"}}


def test_bare_anchors_and_empty_emphasis_leave_no_placeholders() -> None:
    text, markup = to_placeholders(
        '<a id="pic-1" class="hashlink"></a>Рис. 1 <em> </em>и <a name="x">якорь</a>'
    )
    assert text == "Рис. 1 и якорь"
    assert markup == {}


def test_report_segments_keep_every_word_of_every_paragraph() -> None:
    text = (FIXTURES / "2013-04-23-report-2013-1.md").read_text(encoding="utf-8")
    _meta, blocks = parse_markdown(text, "report")
    segs = segment_blocks(blocks)
    assert len(segs) > len(blocks) > 20
    for paragraph, block in enumerate(blocks):
        joined = " ".join(s.source for s in segs if s.paragraph == paragraph)
        assert joined.split() == to_placeholders(block.html)[0].split()
    assert not any(s.source.startswith(("г.", "т.е.", "им.")) for s in segs)
