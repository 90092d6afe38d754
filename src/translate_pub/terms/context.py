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

import json
import tarfile
import threading
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import distribution
from types import SimpleNamespace
from typing import Any

import numpy as np
from razdel import tokenize as razdel_tokenize
from razdel.substring import Substring
from slovnet import Morph
from threadpoolctl import threadpool_limits

from translate_pub.terms.morph import Reading, Word
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
    """Another word of the same part of speech: another lemma, or the other gender."""
    if r.pos != tw.pos or reads_as(tw, r):
        return False
    return r.lemma != tw.lemma or (tw.gender is not None and r.gender not in (tw.gender, "ms-f"))


def question(tw: TermWord, words: list[Word], i: int, text: str, single_capital: bool,
             options: list[Reading]) -> Question | None:
    """What the tagger must settle about words[i] as `tw` (`options`: all the word's dictionary
    readings, pymorphy3's guesses left out), or None when the dictionary has settled it."""
    word = words[i]
    term = tuple(r for r in options if reads_as(tw, r))
    if single_capital and word.sentence_start and text[word.start].isupper():
        adjectives = tuple(r for r in options if r.pos == "ADJ")
        proper = tuple(r for r in term if r.proper)
        if proper and adjectives:  # «Грозный встретил…» or «Грозный взгляд…»
            return Question(i, proper, adjectives, lower=False)
    rivals = tuple(r for r in options if _rival(tw, r))
    return Question(i, term, rivals, lower=word.sentence_start) if rivals and term else None


def _features(r: Reading) -> tuple[str, str | None, str | None, str | None, bool]:
    return (r.pos, _CASES.get(r.case or ""), _NUMBERS.get(r.number or ""), r.gender, r.proper)


def askable(q: Question) -> bool:
    """Whether any tag could tell the sides apart: not when every reading has a twin on the
    other side with the same features the tagger reports (выборов: выборы / выбор)."""
    return {_features(r) for r in q.term} != {_features(r) for r in q.rivals}


def _embeddings(path: str) -> SimpleNamespace:
    """navec's product-quantised table, read straight from its tar.

    slovnet's tagger reads only the table's id, indexes and codes; `Navec.load` would
    also build a 250,000-word vocabulary (the tagger has its own) and similarity
    tables, most of the second it takes."""
    with tarfile.open(path) as tar:
        meta = json.loads(tar.extractfile("meta.json").read())  # type: ignore[union-attr]
        pq = tar.extractfile("pq.bin").read()  # type: ignore[union-attr]
    vectors, _dim, qdim, centroids = (int(x) for x in np.frombuffer(pq[:16], np.uint32))
    indexes = np.frombuffer(pq[16:16 + vectors * qdim], np.uint8).reshape(vectors, qdim)
    codes = np.frombuffer(pq[16 + vectors * qdim:], np.float32).reshape(qdim, centroids, -1)
    return SimpleNamespace(meta=SimpleNamespace(id=meta["id"]), pq=SimpleNamespace(indexes=indexes, codes=codes))


@lru_cache(maxsize=1)
def tagger() -> Morph:
    """The slovnet morphology tagger (loaded once per process).

    Its matrices are small: BLAS threads only fight over the cores (tens of times
    slower on a busy machine), so numpy's BLAS runs single-threaded in this process."""
    threadpool_limits(limits=1, user_api="blas")
    natasha = distribution("natasha")
    model = Morph.load(str(natasha.locate_file(_MORPH)), batch_size=16)
    return model.navec(_embeddings(str(natasha.locate_file(_NAVEC))))


def tag_many(items: list[tuple[str, list[Word], set[int]]]) -> list[dict[int, Tag]]:
    """For each (text, its words, word indices to lower-case): the tagger's reading of each word.

    One batched run for all texts: slovnet's cost is mostly per call, not per word. A batch
    is padded to its longest text, so the texts go in by length (the tags are the same)."""
    tokens = [list(razdel_tokenize(text)) for text, _, _ in items]
    shown = [_shown(t, words, lower) for t, (_, words, lower) in zip(tokens, items, strict=True)]
    order = sorted(range(len(shown)), key=lambda n: len(shown[n]))
    tagged: list[Any] = [None] * len(shown)
    with _LOCK:
        for n, result in zip(order, tagger().map([shown[n] for n in order]), strict=True):
            tagged[n] = result.tokens
    return [_by_word(t, words, result) for t, (_, words, _), result in zip(tokens, items, tagged, strict=True)]


def _shown(tokens: list[Substring], words: list[Word], lower: set[int]) -> list[str]:
    starts = {w.start: n for n, w in enumerate(words)}
    return [t.text.lower() if starts.get(t.start) in lower else t.text for t in tokens]


def _by_word(tokens: list[Substring], words: list[Word], tagged: list[Any]) -> dict[int, Tag]:
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
    if t is None or not askable(q):
        return POSSIBLE
    term, rival = any(fits(t, r) for r in q.term), any(fits(t, r) for r in q.rivals)
    if term and not rival:
        return SURE
    return NOT if rival and not term else POSSIBLE
