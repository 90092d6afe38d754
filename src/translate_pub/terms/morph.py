"""Russian words for term matching: the tokenizer and the one pymorphy3 analyzer per process.

Tokens are words with character offsets into the original text; what lies between
two words decides whether they can belong to the same term (`SPACE`, `HYPHEN`) or
not (`BREAK`: punctuation, inline placeholder tags such as `<1>`, `</1>`, `<2/>`).
Soft hyphens and combining stress marks inside a word are kept in its offsets but
dropped from its lookup form; ё is folded to е on both sides of every comparison.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import accumulate, repeat
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:  # pymorphy3 loads with the analyzer: a warm match reads compiled tables and never needs it
    import pymorphy3
    from pymorphy3.tagset import OpencorporaTag

SPACE, HYPHEN, BREAK = "\x01", "\x02", "\x03"

# A placeholder tag is matched first so its digits never become a word.
_TOKEN = r"</?\d+/?>|[^\W_](?:[^\W_]|[\u00ad\u0301\u200b])*"
# Each token with the gap before it (the characters no token starts at), or the text's
# last gap and its end: the gap never gives back what it took, so a scan is linear.
_PAIRS = re.compile(rf"((?:(?!</?\d+/?>)[\W_])*+)({_TOKEN}|\Z)")
# A text with no tag and no hidden character: its gaps and words, alternately.
_WORDS = re.compile(r"([^\W_]+)")
_HIDDEN = re.compile(r"[\u00ad\u0301\u200b]")
_INVISIBLE = str.maketrans(
    {"\u00ad": None, "\u0301": None, "\u200b": None, "ё": "е", "Ё": "Е"}
)
_HYPHENS = frozenset("-\u2010\u2011")
# Quotes and spaces may sit inside a term («Новой газеты», закон о «гей-пропаганде»).
_SOFT_GAP = re.compile(r"[\s\u00a0«»\"'„“”‚‘’]*")
_NEUTRAL = re.compile(r"</?\d+/?>|[\s\u00a0«»\"'„“”‚‘’()\-–—]")
_OPENING_QUOTES = frozenset("«\"„“'‘")
PROPER = frozenset({"Geox", "Name", "Surn", "Patr", "Orgn", "Trad", "Abbr"})


class Word(NamedTuple):
    """One word of a text: offsets into the original, lookup form, gap before it.

    A named tuple, not a dataclass: a long text has tens of thousands of words."""

    start: int
    end: int
    form: str  # lower case, ё→е, invisible characters removed
    gap: str  # SPACE, HYPHEN or BREAK: what separates it from the previous word
    sentence_start: bool
    quoted: bool  # directly after an opening quote

    def capitalised(self, text: str) -> bool:
        return text[self.start].isupper()


def fold(text: str) -> str:
    """The lookup form of a word or lemma: ё→е, invisible characters removed, lower case."""
    folded = text.lower().replace("ё", "е")
    return (
        folded if folded.isalnum() else folded.translate(_INVISIBLE)
    )  # the invisible ones are not alphanumeric


@lru_cache(maxsize=10_000)
def _gap(gap: str) -> tuple[str, bool | None, bool]:
    """What a gap between words is (`SPACE`, `HYPHEN`, `BREAK`), whether it ends a sentence
    (None: it holds only quotes, dashes, brackets and tags, so what came before decides), and
    whether it ends in an opening quote. Cached: a text has few different gaps."""
    kind = HYPHEN if gap in _HYPHENS else SPACE if _SOFT_GAP.fullmatch(gap) else BREAK
    residue = _NEUTRAL.sub("", gap)
    return (
        kind,
        (residue[-1] in ".!?…") if residue else None,
        gap[-1:] in _OPENING_QUOTES,
    )


def tokenize(text: str) -> list[Word]:
    """The words of `text`, in order, each with the kind of gap before it."""
    folded = text.lower().replace("ё", "е")
    if len(folded) != len(text) or _HIDDEN.search(text):  # rare: fold word by word
        folded = ""
    elif "<" not in text:  # most texts: no placeholder tag
        return _untagged(folded)
    return _tagged(text, folded)


def _tagged(text: str, folded: str) -> list[Word]:
    """`tokenize` of any text (`folded`: "" when its folding changes its length)."""
    words: list[Word] = []
    start = prev_end = 0
    tag_between = False
    for gap, token in _PAIRS.findall(
        text
    ):  # one C call for the line; offsets from the lengths
        if not token:
            break
        start += len(gap)
        end = start + len(token)
        if token[0] == "<":  # a placeholder tag: a break, and no word
            tag_between, start = True, end
            continue
        kind, ends, quoted = _gap(text[prev_end:start] if tag_between else gap)
        if not words:
            kind, ends = BREAK, True if ends is None else ends
        elif tag_between:
            kind = BREAK
        form = folded[start:end] if folded else fold(token)
        words.append(Word(start, end, form, kind, bool(ends), quoted))
        start = prev_end = end
        tag_between = False
    return words


def _untagged(folded: str) -> list[Word]:
    """`tokenize` of a text with no placeholder tag nor hidden character, given folded to a
    string of its length: a plain split into gaps and words, and no Python code run per
    word (offsets, gap kinds and the words are built by C loops: `map`, `accumulate`).

    Folding kept the text's length, so it mapped each character to one, and a character
    is a word character just when its folding is (a test checks every code point): the
    folded text's words lie where the text's do, already folded, and its gaps are of the
    same kinds (case never decides a gap's kind)."""
    parts = _WORDS.split(folded)  # gap, word, gap, word … the final gap
    if len(parts) < 3:
        return []
    bounds = list(accumulate(map(len, parts)))
    starts, ends, gaps = bounds[0:-1:2], bounds[1::2], parts[0:-1:2]
    forms = parts[1::2]
    kinds, breaks, quoted = zip(*map(_gap_flags, gaps), strict=True)
    rows = zip(starts, ends, forms, kinds, breaks, quoted, strict=True)
    words = list(map(_new, repeat(Word), rows))
    # Nothing before the first word: a break, and a sentence start unless its gap says not.
    _, opens, _ = _gap(gaps[0])
    start, end, form, _, _, quote = words[0]
    words[0] = _new(Word, (start, end, form, BREAK, opens is not False, quote))
    return words


@lru_cache(maxsize=10_000)
def _gap_flags(gap: str) -> tuple[str, bool, bool]:
    kind, ends, quoted = _gap(gap)
    return kind, bool(ends), quoted


@lru_cache(maxsize=1)
def analyzer() -> pymorphy3.MorphAnalyzer:
    """The process's one analyzer: loading the dictionaries is the expensive part."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


class Reading(NamedTuple):
    """One pymorphy3 parse, reduced to what matching needs (a named tuple: a large glossary's
    matcher makes thousands, and a dataclass is several times slower to build)."""

    lemma: str  # folded
    pos: str  # coarse class: NOUN, ADJ, VERB or pymorphy3's own POS
    gender: str | None
    number: str | None
    case: str | None
    proper: bool
    known: bool
    grammemes: frozenset[str]


_POS_CLASS = {
    "ADJF": "ADJ",
    "ADJS": "ADJ",
    "PRTF": "ADJ",
    "PRTS": "ADJ",
    "COMP": "ADJ",
    "INFN": "VERB",
    "GRND": "VERB",
}


def _plain(grammeme: object) -> str | None:
    """pymorphy3's grammeme values refuse comparison with unknown names; plain strings do not."""
    return str(grammeme) if grammeme else None


def _reading(tag: OpencorporaTag, lemma: str, known: bool) -> Reading:
    held = _BY_OBJECT.get(id(tag))
    if held is None or held[0] is not tag:
        name = str(tag)
        fields = _TAGS.get(name)
        if fields is None:
            fields = _TAGS[name] = _tag_fields(tag)
        held = _BY_OBJECT[id(tag)] = (tag, fields)
    pos, gender, number, case, proper, grammemes = held[1]
    return _new(Reading, (lemma, pos, gender, number, case, proper, known, grammemes))


# What a reading keeps of a tag, by the tag's text: a glossary's paradigms repeat a few
# hundred tags tens of thousands of times (the dictionaries have a few thousand in all).
_TAGS: dict[str, tuple[Any, ...]] = {}
# The same by the tag object, which the dictionary shares between its words: asked first, as
# it needs no call into pymorphy3. The entry holds the tag, so its id is never another's.
_BY_OBJECT: dict[int, tuple[OpencorporaTag, tuple[Any, ...]]] = {}
_new = (
    tuple.__new__
)  # a Reading without its generated __new__'s call: compiles make 100,000s
_lemma = lru_cache(maxsize=100_000)(
    lambda lemma: fold(lemma)
)  # a lemma's fold: all forms of a word share it


def _tag_fields(tag: OpencorporaTag) -> tuple[Any, ...]:
    pos = str(tag.POS or tag).split(",")[0].split(" ")[0]
    return (
        _POS_CLASS.get(pos, pos),
        _plain(tag.gender),
        _plain(tag.number),
        _plain(tag.case),
        bool(PROPER & tag.grammemes),
        frozenset(tag.grammemes),
    )


@lru_cache(maxsize=200_000)
def readings(form: str) -> tuple[Reading, ...]:
    """Every reading of a folded word form, most probable first (cached)."""
    parses = analyzer().parse(form)
    known = any(p.is_known for p in parses)
    return tuple(_reading(p.tag, fold(p.normal_form), known) for p in parses)


def dictionary_readings(form: str) -> tuple[Reading, ...]:
    """The readings of a folded form the dictionary holds, in its own order, or () when it holds
    none (then `readings`: pymorphy3 guesses). The same readings as `readings` gives a word the
    dictionary knows (a lower-case word meets no other analyzer before it), several times faster:
    no parse objects, no probability order (a glossary compile reads tens of thousands)."""
    morph = analyzer()
    words, tag_of, normal = (
        morph.dictionary.words,
        morph.dictionary.build_tag_info,
        morph.dictionary.build_normal_form,
    )
    return tuple(
        _reading(tag_of(para, idx), _lemma(normal(para, idx, fixed)), True)
        for fixed, parses in words.similar_items(form, morph.char_substitutes)
        for para, idx in parses
    )


@lru_cache(maxsize=50_000)
def paradigm(form: str, lemma: str) -> tuple[tuple[str, Reading], ...]:
    """Every (folded form, reading) of every paradigm of `form` whose lemma is `lemma` (cached).

    The matcher indexes these once per glossary, so a text word is looked up, not analysed.
    """
    tags: dict[tuple[str, str], OpencorporaTag] = {}
    for p in analyzer().parse(form):
        if fold(p.normal_form) == lemma:
            tags.update({(word, str(tag)): tag for word, tag in _lexeme(p)})
    return tuple((f, _reading(tag, lemma, True)) for (f, _), tag in tags.items())


def _lexeme(p: pymorphy3.analyzer.Parse) -> list[tuple[str, OpencorporaTag]]:
    """(folded form, tag) of each word of the parse's lexeme: a dictionary word's straight
    from its paradigm (what pymorphy3's `lexeme` gives, without a parse object per form; its
    words are lower case with no invisible character, so folding is ё→е), a guess's from
    pymorphy3."""
    from pymorphy3.units import DictionaryAnalyzer

    stack = p.methods_stack
    if len(stack) != 1 or not isinstance(stack[0][0], DictionaryAnalyzer):
        return [(fold(x.word), x.tag) for x in p.lexeme]
    _, fixed, para, idx = stack[0]
    d = analyzer().dictionary
    stem = d.build_stem(d.paradigms[para], idx, fixed)
    return [
        ((pre + stem + suf).replace("ё", "е"), tag)
        for pre, tag, suf in d.build_paradigm_info(para)
    ]
