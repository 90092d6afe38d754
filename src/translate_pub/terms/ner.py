"""slovnet's named-entity model (people, organisations, places), loaded from the natasha wheel.

The model and navec's embeddings ship inside natasha (whose own import is broken here: only
its data is used, as `tagger.py` does). Loading takes about two seconds, so only `glossary
candidates` does it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from translate_pub.terms.installed import data_file
from translate_pub.terms.tagger import NAVEC

MODEL = "data/model/slovnet_ner_news_v1.tar"
KINDS = ("PER", "ORG", "LOC")
SEEN = 200_000  # sentences whose entities are kept between runs (a few tens of MB)
BATCH = 128  # texts per forward pass, sorted by length: 2.7x less CPU than slovnet's 8 in arrival order


@dataclass(frozen=True)
class Entity:
    """A name found in a text: its kind (PER, ORG, LOC) and character offsets."""

    kind: str
    start: int
    end: int


_seen: dict[str, list[Entity]] = {}
_lock = (
    threading.Lock()
)  # one model run at a time; the memory is shared by the app's threads


@lru_cache(maxsize=1)
def _model() -> Any:
    from navec import Navec
    from slovnet import NER

    model = NER.load(str(data_file("natasha", MODEL)), batch_size=BATCH)
    model.navec(Navec.load(str(data_file("natasha", NAVEC))))
    return model


def entities(texts: Iterable[str]) -> Iterator[list[Entity]]:
    """The named entities of each text, in order (one list per text). A text seen before is
    answered from memory: the editors' candidates page reruns over the whole store on every
    load, and only sentences new since the last run go through the model."""
    items = list(texts)
    with _lock:
        new = [t for t in dict.fromkeys(items) if t not in _seen]
        if len(_seen) + len(new) > SEEN:
            _seen.clear()
            new = list(dict.fromkeys(items))
        _seen.update(zip(new, _run(new), strict=True))
        found = [_seen[t] for t in items]
    yield from found


def _run(items: list[str]) -> list[list[Entity]]:
    order = sorted(
        range(len(items)), key=lambda i: len(items[i])
    )  # a batch pads to its longest text
    found: list[list[Entity]] = [[] for _ in items]
    for i, markup in zip(order, _model().map([items[i] for i in order]), strict=True):
        found[i] = [
            Entity(s.type, s.start, s.stop) for s in markup.spans if s.type in KINDS
        ]
    return found
