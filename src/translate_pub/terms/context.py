"""Context decides when the dictionary cannot: slovnet's morphology tagger reads the sentence.

A candidate the dictionary accepts can still be another word: «судов» is a form of
суд (court) and of судно (vessel), «Москалькова» is the woman Москалькова or the
genitive of the man Москальков, a capitalised «Грозный» opening a sentence is the
city or the adjective. `question` finds such a word (a competing reading of the
same part of speech: another lemma, a name's other gender; or, at a sentence start,
an adjective beside the proper noun). Only then is the text tagged, with slovnet's
morphology model and navec embeddings (both ship inside the natasha wheel; natasha's
own code is not imported), and `verdict` compares the tag with both sides:

- only the term's readings fit the tag → the term (`SURE`);
- only the rivals fit → not the term (`NOT`);
- both or neither → `POSSIBLE`: review shows it as a warning, not a blocking error.

Sentence-initial capitals mislead the tagger into proper nouns, so a word opening a
sentence is lower-cased for it, unless the question is whether it is a proper noun.
"""

from __future__ import annotations

import threading
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import distribution

from navec import Navec
from razdel import tokenize as razdel_tokenize
from slovnet import Morph

from translate_pub.terms.morph import Reading, Word, analyzer, readings
from translate_pub.terms.verify import TermWord, reads_as

SURE, POSSIBLE, NOT = "sure", "possible", "not"
_NAVEC = "natasha/data/emb/navec_news_v1_1B_250K_300d_100q.tar"
_MORPH = "natasha/data/model/slovnet_morph_news_v1.tar"
_CASES = {"nomn": "Nom", "gent": "Gen", "gen2": "Gen", "datv": "Dat", "accs": "Acc", "acc2": "Acc",
          "ablt": "Ins", "loct": "Loc", "loc2": "Loc", "voct": "Voc"}
_GENDERS = {"masc": {"Masc"}, "femn": {"Fem"}, "neut": {"Neut"}, "ms-f": {"Masc", "Fem"}}
_NUMBERS = {"sing": "Sing", "plur": "Plur"}
_POS = {"NOUN": {"NOUN", "PROPN"}, "ADJ": {"ADJ", "DET"}, "VERB": {"VERB", "AUX"}}
_LOCK = threading.Lock()


@dataclass(frozen=True)
class Question:
    """A word whose readings compete: the term's ones, the rivals, and how to show it to the tagger."""

    word: int  # index into the text's words
    term: tuple[Reading, ...]
    rivals: tuple[Reading, ...]
    lower: bool  # lower-case the word for the tagger (it opens a sentence; the question is not its capital)


@dataclass(frozen=True)
class Tag:
    pos: str
    feats: dict[str, str]


def _rival(tw: TermWord, r: Reading) -> bool:
    """Another word of the same part of speech: a dictionary lemma (not pymorphy3's guess), or the other gender."""
    if r.pos != tw.pos or reads_as(tw, r):
        return False
    if r.lemma != tw.lemma:
        return analyzer().word_is_known(r.lemma)
    return tw.gender is not None and r.gender not in (tw.gender, "ms-f")


def question(tw: TermWord, words: list[Word], i: int, text: str, single_capital: bool) -> Question | None:
    """What the tagger must settle about words[i] as `tw`, or None when the dictionary has settled it."""
    word = words[i]
    options = readings(word.form)
    term = tuple(r for r in options if reads_as(tw, r))
    if single_capital and word.sentence_start and text[word.start].isupper():
        adjectives = tuple(r for r in options if r.pos == "ADJ")
        proper = tuple(r for r in term if r.proper)
        if proper and adjectives:  # «Грозный встретил…» or «Грозный взгляд…»
            return Question(i, proper, adjectives, lower=False)
    rivals = tuple(r for r in options if _rival(tw, r))
    return Question(i, term, rivals, lower=word.sentence_start) if rivals and term else None


@lru_cache(maxsize=1)
def tagger() -> Morph:
    """The slovnet morphology tagger (about 1 s to load, once per process)."""
    natasha = distribution("natasha")
    navec = Navec.load(str(natasha.locate_file(_NAVEC)))
    return Morph.load(str(natasha.locate_file(_MORPH)), batch_size=4).navec(navec)


def tag(text: str, words: list[Word], lower: set[int]) -> dict[int, Tag]:
    """The tagger's reading of each word of `text` (by word index), words in `lower` lower-cased."""
    tokens = list(razdel_tokenize(text))
    starts = {w.start: n for n, w in enumerate(words)}
    shown = []
    for t in tokens:
        n = starts.get(t.start)
        shown.append(t.text.lower() if n in lower else t.text)
    with _LOCK:
        tagged = tagger()(shown).tokens
    token_starts = [t.start for t in tokens]
    out: dict[int, Tag] = {}
    for n, w in enumerate(words):  # a razdel token may hold several of our words (ЛГБТ-сети)
        k = bisect_right(token_starts, w.start) - 1
        if k >= 0 and w.start < tokens[k].stop:
            out[n] = Tag(tagged[k].pos, dict(tagged[k].feats))
    return out


def fits(t: Tag, r: Reading) -> bool:
    """Whether the tagger's reading agrees with a dictionary reading (features it leaves out agree)."""
    if r.pos in _POS and t.pos not in _POS[r.pos]:
        return False
    if r.proper and t.pos not in ("PROPN", "NOUN"):
        return False
    for value, feature in ((_CASES.get(r.case or ""), "Case"), (_NUMBERS.get(r.number or ""), "Number")):
        if value and feature in t.feats and t.feats[feature] != value:
            return False
    gender = t.feats.get("Gender")
    return not (gender and r.gender in _GENDERS and gender not in _GENDERS[r.gender])


def verdict(q: Question, t: Tag | None) -> str:
    if t is None:
        return POSSIBLE
    term, rival = any(fits(t, r) for r in q.term), any(fits(t, r) for r in q.rivals)
    if term and not rival:
        return SURE
    return NOT if rival and not term else POSSIBLE
