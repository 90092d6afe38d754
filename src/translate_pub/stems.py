"""Search terms: the words of a text as Snowball stems, made the same way for the index and the query.

The queue's full-text search compares stems, so «Казань», «в Казани» and «казанский» meet
at `казан`, and "fines", "fined" at `fine`. A word with a Cyrillic letter goes through the
Russian Snowball stemmer, any other word through the English one (the algorithms PostgreSQL's
'russian' and 'english' configurations use); numbers stay as they are. Before stemming, text
is case-folded and accents are dropped (ё reads as е, é as e), but й keeps its breve: it is a
letter of its own, not an accented и.

Stemming here rather than in the database gives SQLite and PostgreSQL the same terms, so a
search finds the same documents on both.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import Stemmer

# Letters and digits apart, as PostgreSQL's parser splits "5марта"; "_" and punctuation separate words.
WORD = re.compile(r"[^\W\d_]+|\d+")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
BREVE = "\u0306"  # й = и + breve
# Most case-folded text is made of these: characters that `unaccented` leaves as they are (й
# goes through NFD and back), so folding such text is case-folding and ё → е alone, without
# a pass over each character (tests/test_stems.py checks every one of them).
PLAIN = re.compile(
    "[\x00-\x7f\u0430-\u044f\u00a0\u00ab\u00bb\u2010-\u2027\u2030-\u205e№]*"
)
_local = (
    threading.local()
)  # PyStemmer's stemmers are not thread-safe: one pair per thread


def fold(text: str) -> str:
    """Case-folded, accents dropped except the breve of й."""
    folded = text.casefold().replace("ё", "е")
    return folded if PLAIN.fullmatch(folded) else unaccented(folded)


def unaccented(text: str) -> str:
    """`text` with its accents dropped, except the breve of й."""
    marks = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(c for c in marks if c == BREVE or not unicodedata.combining(c))
    )


def _stemmers() -> tuple[Stemmer.Stemmer, Stemmer.Stemmer]:
    if not hasattr(_local, "pair"):
        _local.pair = (Stemmer.Stemmer("russian"), Stemmer.Stemmer("english"))
    return _local.pair  # type: ignore[no-any-return]


@lru_cache(maxsize=20_000)
def terms(text: str) -> tuple[str, ...]:
    """The stems of the words of `text`, first occurrence order, each once. Cached: a sentence is
    stemmed for the queue's search when stored, again when a draft of its title is saved, and
    for memory when approved."""
    russian, english = _stemmers()
    stems = (
        w if w.isdigit() else (russian if CYRILLIC.search(w) else english).stemWord(w)
        for w in WORD.findall(fold(text))
    )
    return tuple(dict.fromkeys(stems))


def terms_of(texts: Iterable[str]) -> tuple[str, ...]:
    """`terms` of the texts joined by line breaks (no word spans one), from each text's own."""
    return tuple(dict.fromkeys(stem for text in texts for stem in terms(text)))


def located(text: str) -> list[tuple[int, int, str]]:
    """Each word of `text` in order, repeats kept: (start, end, stem), for matching a phrase
    word by word and marking where it stands."""
    russian, english = _stemmers()
    found = []
    for m in WORD.finditer(text):
        w = fold(m.group())
        stem = (
            w
            if w.isdigit()
            else (russian if CYRILLIC.search(w) else english).stemWord(w)
        )
        found.append((m.start(), m.end(), stem))
    return found
