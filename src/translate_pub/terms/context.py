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
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from translate_pub.terms import tags, windows
from translate_pub.terms.cache import shared_folder
from translate_pub.terms.morph import Reading, Word

if TYPE_CHECKING:
    from translate_pub.terms.tagger import Tagger
from translate_pub.terms.verify import TermWord, reads_as

SURE, POSSIBLE, NOT = "sure", "possible", "not"
_CASES = {
    "nomn": "Nom",
    "gent": "Gen",
    "gen2": "Gen",
    "datv": "Dat",
    "accs": "Acc",
    "acc2": "Acc",
    "ablt": "Ins",
    "loct": "Loc",
    "loc2": "Loc",
    "voct": "Voc",
}
_GENDERS = {
    "masc": {"Masc"},
    "femn": {"Fem"},
    "neut": {"Neut"},
    "ms-f": {"Masc", "Fem"},
}
_NUMBERS = {"sing": "Sing", "plur": "Plur"}
_POS = {"NOUN": {"NOUN", "PROPN"}, "ADJ": {"ADJ", "DET"}, "VERB": {"VERB", "AUX"}}
_LOCK = threading.Lock()


@dataclass(frozen=True)
class Tag:
    pos: str
    feats: dict[str, str]


class Question(NamedTuple):
    """A word whose readings compete: the term's ones, the rivals, and how to show it to the tagger."""

    word: int  # index into the text's words
    term: tuple[Reading, ...]
    rivals: tuple[Reading, ...]
    lower: bool  # lower-case the word for the tagger (it opens a sentence; the question is not its capital)
    askable: bool  # whether any tag could tell the sides apart (`_askable`)


def _sides(
    tw: TermWord, options: list[Reading]
) -> tuple[tuple[Reading, ...], tuple[Reading, ...]]:
    """The readings that read as the term word, and its rivals: the others of its part of
    speech that are another word (another lemma, or a name's other gender). One pass:
    a text asks hundreds of these."""
    term, rivals = [], []
    pos, lemma, gender = tw.pos, tw.lemma, tw.gender
    for r in options:
        if reads_as(tw, r):
            term.append(r)
        elif r.pos == pos and (
            r.lemma != lemma
            or (gender is not None and r.gender not in (gender, "ms-f"))
        ):
            rivals.append(r)
    return tuple(term), tuple(rivals)


def question(
    tw: TermWord,
    words: list[Word],
    i: int,
    text: str,
    single_capital: bool,
    options: list[Reading],
) -> Question | None:
    """What the tagger must settle about words[i] as `tw` (`options`: all the word's dictionary
    readings, pymorphy3's guesses left out), or None when the dictionary has settled it."""
    word = words[i]
    term, rivals = _sides(tw, options)
    if single_capital and word.sentence_start and text[word.start].isupper():
        adjectives = tuple(r for r in options if r.pos == "ADJ")
        proper = tuple(r for r in term if r.proper)
        if proper and adjectives:  # «Грозный встретил…» or «Грозный взгляд…»
            return Question(i, proper, adjectives, False, _askable(proper, adjectives))
    return (
        Question(i, term, rivals, word.sentence_start, _askable(term, rivals))
        if rivals and term
        else None
    )


def _features(r: Reading) -> tuple[str, str | None, str | None, str | None, bool]:
    return (
        r.pos,
        _CASES.get(r.case or ""),
        _NUMBERS.get(r.number or ""),
        r.gender,
        r.proper,
    )


def _askable(term: tuple[Reading, ...], rivals: tuple[Reading, ...]) -> bool:
    """Whether any tag could tell the sides apart: not when every reading has a twin on the
    other side with the same features the tagger reports (выборов: выборы / выбор)."""
    return {_features(r) for r in term} != {_features(r) for r in rivals}


@lru_cache(maxsize=4)
def tagger(folder: Path | None = None) -> Tagger:
    """The slovnet morphology tagger, loaded once per process. Its vocabulary (a sorted copy,
    a function of natasha's version alone) is kept where all of this user's homes share the
    glossary tables, so a new home does not build its own, else in `folder`; with no folder,
    slovnet's own vocabulary is read. numpy and slovnet load here, when a text first has a
    question, not with the matcher (its BLAS runs single-threaded: `tagger._serve`)."""
    from translate_pub.terms.tagger import Tagger

    return Tagger((shared_folder() or folder) if folder else None)


def tag_many(
    items: list[tuple[str, list[Word], set[int], set[int]]], folder: Path | None = None
) -> list[dict[int, Tag]]:
    """For each (text, its words, indices of the words asked about, of those to lower-case):
    the tagger's reading of each asked word.

    The tagger reads a window around each asked word (what its tag depends on), all windows
    of all texts in one run: slovnet's cost is mostly per call, and a window seen twice is
    tagged once. A stretch of text tagged before in this home is answered from `tags` (the
    model, numpy and razdel are then not even loaded)."""
    with _LOCK:
        known = tags.kept(folder)
        model, radius = None, known.radius
        if radius is None:
            model = tagger(folder)
            radius = model.radius
        places = windows.keys(items, radius)
        # Collected before `keep`: past its memory cap it forgets what it held.
        answers = {key: known.tags[key] for key in places if key in known.tags}
        new = [key for key in places if key not in answers]
        if new:
            model = model or tagger(folder)
            shown = [windows.window(key, model.radius) for key in new]
            distinct = list(dict.fromkeys(shown))
            read = dict(zip(distinct, model.tag(distinct), strict=True))
            fresh = {key: read[w] for key, w in zip(new, shown, strict=True)}
            tags.keep(known, model.radius, fresh)
            answers.update(fresh)
        out: list[dict[int, Tag]] = [{} for _ in items]
        for key, where in places.items():
            pos, feats = answers[key]
            for n, i in where:
                out[n][i] = Tag(pos, feats)
        return out


def fits(t: Tag, r: Reading) -> bool:
    """Whether the tagger's reading agrees with a dictionary reading (features it leaves out agree)."""
    if r.pos in _POS and t.pos not in _POS[r.pos]:
        return False
    if r.proper and t.pos not in ("PROPN", "NOUN"):
        return False
    for value, feature in (
        (_CASES.get(r.case or ""), "Case"),
        (_NUMBERS.get(r.number or ""), "Number"),
    ):
        if value and feature in t.feats and t.feats[feature] != value:
            return False
    gender = t.feats.get("Gender")
    return not (gender and r.gender in _GENDERS and gender not in _GENDERS[r.gender])


def verdict(q: Question, t: Tag | None) -> str:
    if t is None or not q.askable:
        return POSSIBLE
    term, rival = any(fits(t, r) for r in q.term), any(fits(t, r) for r in q.rivals)
    if term and not rival:
        return SURE
    return NOT if rival and not term else POSSIBLE
