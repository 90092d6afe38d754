"""Front matter: a YAML mistake is named with its line and the fix for an unquoted colon; every
front matter example in the docs parses."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import translate_pub.ingest.digest
from translate_pub.errors import ParseError
from translate_pub.ingest.digest import quote_call
from translate_pub.ingest.markdown import split_front_matter

ROOT = Path(__file__).parents[2]


def _error(text: str) -> str:
    with pytest.raises(ParseError) as caught:
        split_front_matter(text, "weekly.md")
    return str(caught.value)


def test_an_unquoted_colon_names_the_line_the_problem_and_the_quotes_to_add() -> None:
    text = "---\nauthor: Rights in Russia\ntitle: Правозащитная группа недели: ОВД-Инфо\ndate: 2017-06-26\n---\nТекст.\n"
    assert _error(text) == (
        "weekly.md:3: bad front matter: mapping values are not allowed here; a value holding "
        'a colon needs quotes: title: "Правозащитная группа недели: ОВД-Инфо"'
    )
    fixed = text.replace(
        "title: Правозащитная группа недели: ОВД-Инфо",
        'title: "Правозащитная группа недели: ОВД-Инфо"',
    )
    assert (
        split_front_matter(fixed, "weekly.md")[0]["title"]
        == "Правозащитная группа недели: ОВД-Инфо"
    )


def test_other_yaml_mistakes_give_the_problem_and_line() -> None:
    message = _error("---\ntitle: Обзор\ntags: [суды, ОВД-Инфо\n---\nТекст.\n")
    assert re.fullmatch(
        r"weekly\.md:\d: bad front matter: expected ',' or '\]', but got .+", message
    ), message
    assert "quotes" not in message


def _indented_examples(doc: str) -> list[str]:
    """The front-matter examples indented in a docstring: from an indented --- to the first blank line after the second."""
    return [
        m.group(0)
        for m in re.finditer(
            r"^ {4}---\n(?:^ {4}.*\n)+?^ {4}---\n(?:^(?: {4}.*)?\n)*", doc, re.M
        )
    ]


def test_every_digest_example_in_docstrings_and_readme_parses() -> None:
    examples = _indented_examples(translate_pub.ingest.digest.__doc__ or "")
    assert examples, "the digest module's docstring shows a digest file"
    for example in examples:
        text = re.sub(r"^ {4}", "", example, flags=re.M)
        meta, body = split_front_matter(text, "docstring")
        assert meta["title"] and meta["author"]
        assert [
            quote_call(line, "docstring") for line in body.splitlines() if "{{<" in line
        ]
    readme = (ROOT / "README.md").read_text()
    shortcodes = re.findall(r"`(\{\{<.*?>\}\})`", readme)
    assert shortcodes and all(quote_call(s, "README.md") for s in shortcodes)
