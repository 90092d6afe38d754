"""Quality checks on one translated segment: pure functions, no I/O.

Errors block approval (unless a reviewer overrides with a reason); warnings only inform.
Glossary compliance comes from `translate_pub.terms` through a `TermCheck`, so these
checks stay testable without a termbase.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from translate_pub import msgids as ids
from translate_pub.entities import stray_entities
from translate_pub.model import Issue, Severity
from translate_pub.placeholders import PLACEHOLDER

# Dates in Russian running text use the genitive month name.
MONTHS_RU = {
    "января": "January",
    "февраля": "February",
    "марта": "March",
    "апреля": "April",
    "мая": "May",
    "июня": "June",
    "июля": "July",
    "августа": "August",
    "сентября": "September",
    "октября": "October",
    "ноября": "November",
    "декабря": "December",
}
DATE_WORDS = re.compile(
    rf"\b(\d{{1,2}})\s+({'|'.join(MONTHS_RU)})(?:\s+(\d{{4}}))?", re.IGNORECASE
)
DATE_DIGITS = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
URL = re.compile(r"https?://[^\s<>\"«»]+")
NUMBER_SRC = re.compile(r"\d+(?:[ \u00a0\u202f]\d{3})*(?:[.,]\d+)?")
NUMBER_TGT = re.compile(r"\d+(?:[, \u00a0\u202f]\d{3})*(?:\.\d+)?")
NUMBER_EN = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")  # an English source: 1,200 and 3.5
DIGIT = re.compile(r"\d")
CYRILLIC = re.compile(r"[А-Яа-яЁё]")
LATIN = re.compile(r"[A-Za-z]")
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# Targets translated from a Latin-script language: Russian is the source language, so a ru
# draft is an English-first digest's; there a sentence left untranslated is mostly Latin.
FROM_LATIN = frozenset({"ru"})
WORDS_EN = {
    "1": "one",
    "2": "two",
    "3": "three",
    "4": "four",
    "5": "five",
    "6": "six",
    "7": "seven",
    "8": "eight",
    "9": "nine",
    "10": "ten",
}
MONTH_NAMES = list(dict.fromkeys(MONTHS_RU.values()))


TermCheck = Callable[[str, str], list[Issue]]  # (source, target) → glossary issues


def check_segment(
    source: str, target: str, terms: TermCheck | None = None, lang: str = "en"
) -> list[Issue]:
    """Every issue of one segment's translation into `lang`, errors first."""
    issues = (
        left_in_latin(source, target)
        if lang in FROM_LATIN
        else untranslated(source, target)
    )
    if not target.strip():
        return issues
    issues += (
        placeholders(source, target) + urls(source, target) + dates(source, target)
    )
    issues += (
        numbers(source, target, from_latin=lang in FROM_LATIN)
        + entities(source, target)
        + length_ratio(source, target)
    )
    if terms is not None:
        issues += terms(source, target)
    return sorted(issues, key=lambda i: i.severity != Severity.ERROR)


def untranslated(source: str, target: str) -> list[Issue]:
    if not target.strip():
        return [Issue("untranslated", Severity.ERROR, ids.QA_EMPTY())]
    if target.strip() == source.strip() and CYRILLIC.search(source):
        return [
            Issue(
                "untranslated",
                Severity.ERROR,
                ids.QA_SAME_AS_SOURCE(),
            )
        ]
    cyr = len(CYRILLIC.findall(target))
    if not cyr:  # most translations: no letter to count
        return []
    letters = sum(map(str.isalpha, target))  # letters all
    if cyr / letters > 0.3:
        return [Issue("untranslated", Severity.ERROR, ids.QA_MOSTLY_CYRILLIC())]
    return [Issue("untranslated", Severity.WARNING, ids.QA_SOME_CYRILLIC())]


def left_in_latin(source: str, target: str) -> list[Issue]:
    """`untranslated` for a Cyrillic target of a Latin-script source: names in Latin letters
    ("OVD-Info", "Meduza") are normal there, so only a sentence with English words left in it
    (Latin words in lower case, `_prose_letters`) is an error; one of names only, copied or
    kept in Latin, is a warning a reviewer may dismiss ("Mediazona, OVD-Info, Memorial.")."""
    if not target.strip():
        return [Issue("untranslated", Severity.ERROR, ids.QA_EMPTY())]
    text = PLACEHOLDER.sub(" ", target)
    prose, cyr = _prose_letters(text), len(CYRILLIC.findall(text))
    severity = Severity.ERROR if prose else Severity.WARNING
    if target.strip() == source.strip() and LATIN.search(source):
        return [Issue("untranslated", severity, ids.QA_SAME_AS_SOURCE())]
    if (prose and prose / (prose + cyr) > 0.5) or (not cyr and LATIN.search(text)):
        return [Issue("untranslated", severity, ids.QA_MOSTLY_LATIN())]
    return []


def _prose_letters(text: str) -> int:
    """Letters of the Latin words that are not names: names, brands and acronyms are
    capitalised, so a Latin word starting in lower case is a source-language word left."""
    return sum(
        sum(map(str.isalpha, w)) for w in LATIN_WORD.findall(text) if w[0].islower()
    )


def placeholders(source: str, target: str) -> list[Issue]:
    if "<" not in source and "<" not in target:  # most sentences: no markup
        return []
    src, tgt = (
        Counter(PLACEHOLDER.findall(source)),
        Counter(PLACEHOLDER.findall(target)),
    )
    issues = [
        Issue("placeholders", Severity.ERROR, ids.QA_TAG_MISSING(tag=_tag(p)))
        for p in src - tgt
    ]
    issues += [
        Issue(
            "placeholders",
            Severity.ERROR,
            ids.QA_TAG_EXTRA(tag=_tag(p)),
        )
        for p in tgt - src
    ]
    return issues


def _tag(p: tuple[str, str, str]) -> str:
    closing, n, void = p
    return f"<{closing}{n}{void}>"


def entities(source: str, target: str) -> list[Issue]:
    """Entity-like text (`&#39;`, `&quot;`, `&amp;`) that readers would see literally, as MT leaves it."""
    return [
        Issue(
            "entities",
            Severity.ERROR,
            ids.QA_ENTITY(entity=e),
        )
        for e in stray_entities(source, target)
    ]


def urls(source: str, target: str) -> list[Issue]:
    found = {u.rstrip(".,;:)!?") for u in URL.findall(source)}
    return [
        Issue("urls", Severity.ERROR, ids.QA_URL_MISSING(url=u))
        for u in sorted(found)
        if u not in target
    ]


def dates(source: str, target: str) -> list[Issue]:
    if not DIGIT.search(source):  # a date has a number in either form
        return []
    issues, lower = [], target.lower()
    for m in DATE_WORDS.finditer(source):
        day, month, year = m.group(1), _month(m.group(2)), m.group(3)
        if (
            month.lower() not in lower
            or not _has_number(target, day)
            or (year and year not in target)
        ):
            issues.append(
                Issue(
                    "dates",
                    Severity.ERROR,
                    ids.QA_DATE_READS(
                        date=m.group(0),
                        reads=f"{month} {int(day)}" + (f", {year}" if year else ""),
                    ),
                )
            )
    for m in DATE_DIGITS.finditer(source) if "." in source else ():
        day, month, year = m.groups()
        name = MONTH_NAMES[int(month) - 1] if 1 <= int(month) <= 12 else ""
        kept = m.group(0) in target or (
            name.lower() in lower and _has_number(target, day) and year in target
        )
        if not kept:
            issues.append(
                Issue("dates", Severity.ERROR, ids.QA_DATE_MISSING(date=m.group(0)))
            )
    return issues


def _month(word: str) -> str:
    return MONTHS_RU[word.lower()]


def _has_number(text: str, n: str) -> bool:
    return re.search(rf"(?<!\d){int(n)}(?!\d)", text) is not None


def numbers(source: str, target: str, from_latin: bool = False) -> list[Issue]:
    """Every number of the source (outside dates, URLs and placeholders) appears in the target,
    each read by its language's rules: Russian "1 200" and "3,5" are English "1,200" and
    "3.5" (`from_latin`: an English source, a Russian target)."""
    if not DIGIT.search(source):  # most sentences: no number to look for
        return []
    rest = _blank(
        PLACEHOLDER,
        "<",
        _blank(URL, "://", _blank(DATE_DIGITS, ".", DATE_WORDS.sub(" ", source))),
    )
    tgt_text = _blank(PLACEHOLDER, "<", _blank(URL, "://", target))
    if from_latin:
        wanted = [_norm(n, "") for n in NUMBER_EN.findall(rest)]
        have = [_norm(n, ",") for n in NUMBER_SRC.findall(tgt_text)]
    else:
        wanted = [_norm(n, ",") for n in NUMBER_SRC.findall(rest)]
        have = [_norm(n, "") for n in NUMBER_TGT.findall(tgt_text)]
    missing = _more_often(wanted, have)
    if missing and not from_latin:  # a number may be written as a word ("two")
        words = set(re.findall(r"[a-z]+", target.lower()))
        missing = [n for n in missing if WORDS_EN.get(n) not in words]
    return [
        Issue("numbers", Severity.ERROR, ids.QA_NUMBER_MISSING(number=n))
        for n in sorted(missing)
    ]


def _more_often(wanted: list[str], have: list[str]) -> list[str]:
    """The numbers `wanted` holds more often than `have`, once each. A sentence has a few:
    counted in the lists, without building Counters, unless there are many."""
    if len(wanted) + len(have) > 16:
        return list(Counter(wanted) - Counter(have))
    return [n for n in dict.fromkeys(wanted) if wanted.count(n) > have.count(n)]


def _blank(pattern: re.Pattern[str], needle: str, text: str) -> str:
    """`text` with the pattern's matches blanked; none without `needle` (spares the scan)."""
    return pattern.sub(" ", text) if needle in text else text


_NO_SPACES = str.maketrans("", "", " \u00a0\u202f")


def _norm(number: str, decimal_comma: str) -> str:
    n = number.translate(_NO_SPACES)
    n = n.replace(",", ".") if decimal_comma else n.replace(",", "")
    return n.rstrip("0").rstrip(".") if "." in n else n


def length_ratio(
    source: str, target: str, low: float = 0.5, high: float = 1.8
) -> list[Issue]:
    src, tgt = PLACEHOLDER.sub("", source).strip(), PLACEHOLDER.sub("", target).strip()
    if len(src) < 30:
        return []  # short segments vary too much to judge
    ratio = len(tgt) / len(src)
    if low <= ratio <= high:
        return []
    return [
        Issue(
            "length",
            Severity.WARNING,
            ids.QA_LENGTH(ratio=f"{ratio:.1f}"),
        )
    ]
