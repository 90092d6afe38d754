"""Every message id of translate-pub with its English template, grouped by who says it.

The template is also the msgid of the `review` catalogue; tests/test_msgids.py fails when
one lacks a Russian translation or its placeholders differ. Build a message by calling its
id with the values it names: `msgids.QA_NUMBER_MISSING(number="12")`.
"""

from __future__ import annotations

from translate_pub.messages import declare

# QA checks on one segment (review/qa.py)
QA_EMPTY = declare("qa.empty", "the translation is empty")
QA_SAME_AS_SOURCE = declare(
    "qa.same-as-source", "the translation is the same as the source"
)
QA_MOSTLY_CYRILLIC = declare("qa.mostly-cyrillic", "the translation is mostly Cyrillic")
QA_MOSTLY_LATIN = declare("qa.mostly-latin", "the translation is mostly Latin")
QA_SOME_CYRILLIC = declare(
    "qa.some-cyrillic", "the translation contains Cyrillic letters"
)
QA_TAG_MISSING = declare("qa.tag-missing", "link/markup tag %(tag)s is missing")
QA_TAG_EXTRA = declare("qa.tag-extra", "link/markup tag %(tag)s is not in the source")
QA_ENTITY = declare(
    "qa.entity", "“%(entity)s” is markup, not text: type the character it stands for"
)
QA_URL_MISSING = declare("qa.url-missing", "URL %(url)s is missing")
QA_DATE_READS = declare("qa.date-reads", "date '%(date)s' should read %(reads)s")
QA_DATE_MISSING = declare("qa.date-missing", "date %(date)s is missing")
QA_NUMBER_MISSING = declare("qa.number-missing", "number %(number)s is missing")
QA_LENGTH = declare(
    "qa.length", "the translation is %(ratio)s× the length of the source"
)

# Glossary compliance (terms/check.py)
TERM_USE = declare("term.use", "Use “%(use)s” for «%(words)s»")
TERM_FORBIDDEN = declare(
    "term.forbidden", "“%(bad)s” is not house style for «%(words)s»: use “%(use)s”"
)
TERM_MAYBE_USE = declare(
    "term.maybe-use", "If «%(words)s» is the glossary term here, use “%(use)s”"
)
TERM_MAYBE_FORBIDDEN = declare(
    "term.maybe-forbidden",
    "If «%(words)s» is the glossary term here, “%(bad)s” is not house style: "
    "use “%(use)s”",
)

# Names rendered consistently (names.py)
NAME_INCONSISTENT = declare(
    "name.inconsistent",
    "«%(name)s» was “%(usual)s” in %(count)s approved translations; here “%(here)s”",
)
