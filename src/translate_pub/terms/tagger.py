"""slovnet's morphology tagger, loaded in milliseconds and run only on windows around the asked words.

The tagger is a stack of convolutions: a word's tag depends on the `radius` tokens either
side of it and on nothing else, so a window of that radius around each asked word gets the
tag the whole text would get, at a fraction of the cost (a paragraph is often asked about one
word). Windows of one length go in one batch, unpadded, so no padding token touches a tag.

Loading: slovnet's `Morph.load` builds a dict of its 250,000-word vocabulary and
`Navec.load` another (most of the second they take). Here the model's arrays come from its
pack, navec's table is memory-mapped from its tar, and the vocabulary is a sorted array kept
under the home (built once per natasha version), memory-mapped and binary-searched.

The model runs in one thread of the process, whoever asks (`_in_own_thread`), started at
the first load and kept for the process's life.
"""

from __future__ import annotations

import json
import logging
import os
import queue
import tarfile
import threading
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from types import SimpleNamespace

import numpy as np
from slovnet.conll import parse_conll_tag
from slovnet.const import SHAPE, TAG, UNK, WORD
from slovnet.exec.model import Morph as MorphModel
from slovnet.exec.pack import Pack
from slovnet.shape import word_shape
from slovnet.vocab import Vocab

from translate_pub.files import replacing
from translate_pub.terms.installed import data_file, version

NAVEC = "data/emb/navec_news_v1_1B_250K_300d_100q.tar"  # inside the natasha package
MORPH = "data/model/slovnet_morph_news_v1.tar"
_FORMAT = 1  # bump when the vocabulary files change shape
log = logging.getLogger(__name__)
_Windows = list[tuple[tuple[str, ...], int]]  # (tokens, which one is asked)
_Tags = list[tuple[str, dict[str, str]]]  # (part of speech, features)
_Job = tuple["Future[_Tags]", Callable[[_Windows], _Tags], _Windows]
_jobs: queue.SimpleQueue[_Job] | None = None  # the tagger thread's, once it runs
_starting = threading.Lock()


class Words:
    """slovnet's word → id table as two arrays: the words sorted (UTF-8, fixed width) and their ids."""

    def __init__(self, words: np.ndarray, ids: np.ndarray) -> None:
        if (
            words.dtype.kind != "S"
            or ids.shape != words.shape
            or ids.dtype != np.int32
            or not len(words)
        ):
            raise ValueError("vocabulary arrays of the wrong shape")
        self.words, self.ids, self.unknown = words, ids, -1
        self.unknown = int(self.lookup([UNK])[0])
        if self.unknown < 0:
            raise ValueError(f"no {UNK} in the vocabulary")

    @classmethod
    def of(cls, vocab: Vocab) -> Words:
        encoded = np.array([w.encode() for w in vocab.items])
        order = np.argsort(encoded, kind="stable")
        return cls(encoded[order], order.astype(np.int32))

    def lookup(self, words: list[str]) -> np.ndarray:
        """The ids of lower-cased `words`; a word not in the vocabulary gets the unknown id."""
        encoded = [w.encode() for w in words]
        width = self.words.dtype.itemsize
        fits = np.array([len(e) <= width for e in encoded], dtype=bool)
        wanted = np.array(
            [e if len(e) <= width else b"" for e in encoded], dtype=self.words.dtype
        )
        at = np.searchsorted(self.words, wanted).clip(max=len(self.words) - 1)
        found = fits & (self.words[at] == wanted)
        return np.where(found, self.ids[at], self.unknown)


class _InMemoryWords:
    """slovnet's own word → id dict, where there is no home to keep the sorted arrays in
    (sorting them costs more than the dict; they pay off only when kept)."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def lookup(self, words: list[str]) -> np.ndarray:
        return np.array([self.vocab.encode(w) for w in words], dtype=np.int64)


def _words_files(folder: Path) -> tuple[Path, Path]:
    key = f"{version('natasha')}-{_FORMAT}"
    return folder / f"tagger-words-{key}.npy", folder / f"tagger-ids-{key}.npy"


def _save(path: Path, array: np.ndarray) -> None:
    with replacing(path, perms=0o600) as f:
        np.save(f, array, allow_pickle=False)


def cached_words(pack: Pack, folder: Path | None, size: int) -> Words | _InMemoryWords:
    """The vocabulary: memory-mapped from `folder` when kept there, else built from the pack (and kept)."""
    if folder is None:
        return _InMemoryWords(pack.load_vocab(WORD))
    words_file, ids_file = _words_files(folder)
    try:
        words = Words(
            np.load(words_file, mmap_mode="r"), np.load(ids_file, mmap_mode="r")
        )
        if len(words.ids) == size:
            return words
        log.warning(
            "tagger vocabulary %s has %d words, not %d; rebuilding it",
            words_file,
            len(words.ids),
            size,
        )
    except FileNotFoundError:
        pass
    except (OSError, ValueError) as exc:
        log.warning(
            "tagger vocabulary %s is unreadable (%s); rebuilding it", words_file, exc
        )
    words = Words.of(pack.load_vocab(WORD))
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)  # as the glossary cache
        for old in folder.glob("tagger-*.npy"):
            old.unlink()
        _save(ids_file, words.ids)
        _save(words_file, words.words)
    except OSError as exc:  # a read-only home still tags, only slower next time
        log.warning("cannot write the tagger vocabulary %s (%s)", words_file, exc)
    return words


def _embeddings(path: str) -> SimpleNamespace:
    """navec's product-quantised table, memory-mapped from its tar (slovnet reads only its id,
    indexes and codes; `Navec.load` would also build a vocabulary and similarity tables)."""
    with tarfile.open(path) as tar:
        meta = json.loads(tar.extractfile("meta.json").read())  # type: ignore[union-attr]
        pq = tar.getmember("pq.bin")
    head = np.memmap(path, np.uint32, "r", pq.offset_data, (4,))
    vectors, dim, qdim, centroids = (int(x) for x in head)
    start = pq.offset_data + 16
    indexes = np.memmap(path, np.uint8, "r", start, (vectors, qdim))
    codes = np.memmap(
        path, np.float32, "r", start + vectors * qdim, (qdim, centroids, dim // qdim)
    )
    return SimpleNamespace(
        meta=SimpleNamespace(id=meta["id"]),
        pq=SimpleNamespace(indexes=indexes, codes=codes),
    )


class Tagger:
    """The model, its small vocabularies and the word table; `tag` reads windows of tokens."""

    def __init__(self, folder: Path | None) -> None:
        with Pack(str(data_file("natasha", MORPH))) as pack:
            pack.load_meta().check_protocol()
            model = pack.load_model(MorphModel)
            model = model.inject_arrays(dict(pack.load_arrays(model.weights)))
            self.shapes, self.tags = pack.load_vocab(SHAPE), pack.load_vocab(TAG)
            self.model = model.inject_navec(
                _embeddings(str(data_file("natasha", NAVEC)))
            )
            self.words = cached_words(
                pack, folder, self.model.emb.word.indexes.array.shape[0]
            )
        layers = self.model.encoder.layers
        if any(
            layer.conv.weight.shape[2] != 2 * layer.conv.padding + 1 for layer in layers
        ):
            raise ValueError("the tagger's convolutions are not centred")
        self.radius = sum(layer.conv.padding for layer in layers)  # how far a tag looks
        self.tag([(("Суд", "арестовал", "активиста", "."), 1)])  # the thread's first

    def tag(self, windows: _Windows) -> _Tags:
        """The tag (part of speech, features) of token `at` of each (tokens, at) window, read from
        the window alone (at most `radius` tokens either side; beyond them the text has ended).

        Read in the process's tagger thread (`_in_own_thread`), whoever asks: the matrix
        products' BLAS buffer and the thread's memory are in place after its first batches
        (the load's, above, and the app's warm-up's)."""
        return _in_own_thread(self._tag, windows)

    def _tag(self, windows: _Windows) -> _Tags:
        r = self.radius
        width = 2 * r + 1
        shown = [""] * (
            len(windows) * width
        )  # each window centred on its token, "" where the text has ended
        for row, (tokens, at) in enumerate(windows):
            start = row * width + r - at
            shown[start : start + len(tokens)] = tokens
        real = np.array([t != "" for t in shown]).reshape(len(windows), width)
        word_id = self.words.lookup([t.lower() for t in shown]).reshape(real.shape)
        shape_id = np.array(
            [
                self.shapes.encode(word_shape(t)) if t else self.shapes.pad_id
                for t in shown
            ]
        )
        ids = self._centres(word_id, shape_id.reshape(real.shape), real)
        return [parse_conll_tag(self.tags.decode(i)) for i in ids]

    def _centres(
        self, word_id: np.ndarray, shape_id: np.ndarray, real: np.ndarray
    ) -> np.ndarray:
        """slovnet's forward pass (convolution, ReLU, batch norm per layer; a linear head), computed
        only where the centre token's tag depends on it: each layer narrows the windows by one
        token a side. Where the text has ended, a layer reads zeros, as slovnet's padding gives."""
        x = self.model.emb(word_id, shape_id) * real[..., None]
        for depth, layer in enumerate(self.model.encoder.layers, start=1):
            conv, norm = layer.conv, layer.norm
            filters, channels, kernel = conv.weight.shape
            batch, length, _ = x.shape
            out_length = length - kernel + 1
            windows = np.stack(
                [x[:, j : j + out_length] for j in range(kernel)], axis=3
            )
            out = (
                windows.reshape(-1, channels * kernel)
                @ conv.weight.array.reshape(filters, -1).T
                + conv.bias.array
            )
            out = (
                out.clip(0) - norm.mean.array
            ) / norm.std.array * norm.weight.array + norm.bias.array
            x = (
                out.reshape(batch, out_length, filters)
                * real[:, depth : depth + out_length, None]
            )
        return self.model.head.decode(self.model.head(x[:, 0]))


def _in_own_thread(work: Callable[[_Windows], _Tags], windows: _Windows) -> _Tags:
    """`work(windows)`, run in the process's tagger thread, the same one for the process's life.
    A thread faults in its BLAS buffer (OpenBLAS keeps one per thread) and its memory at its
    first matrix products: a web server's new threads (its first page, and the first after a
    pause, when anyio has ended its idle threads) paid about 110 page faults for it. (A daemon
    thread of our own rather than a one-thread executor, whose thread a command's exit would
    wait for.)"""
    global _jobs
    with _starting:
        if _jobs is None:
            jobs: queue.SimpleQueue[_Job] = queue.SimpleQueue()
            threading.Thread(
                target=_serve, args=(jobs,), name="tagger", daemon=True
            ).start()  # a daemon: a command exits without waiting for it
            _jobs = jobs  # once it runs: a thread that could not start leaves none to wait for
        jobs = _jobs
    answer: Future[_Tags] = Future()
    jobs.put((answer, work, windows))
    return answer.result()


def _serve(jobs: queue.SimpleQueue[_Job]) -> None:
    """The tagger thread. Its matrices are small: BLAS threads would only fight over the
    cores (tens of times slower on a busy machine), so its BLAS runs single-threaded (for the
    whole process with OpenBLAS's own threads; for this thread with OpenMP's)."""
    try:
        from threadpoolctl import threadpool_limits

        threadpool_limits(limits=1, user_api="blas")
    except Exception:
        # the products still run (threaded, perhaps): no caller is left waiting
        log.warning("cannot limit the tagger's BLAS threads", exc_info=True)
    while True:
        answer, work, windows = jobs.get()
        try:
            answer.set_result(work(windows))
        except BaseException as exc:  # raised in the thread that asked
            answer.set_exception(exc)
        del answer, work, windows  # nothing kept alive while it waits


def _forget() -> None:
    """In a forked child: the parent's tagger thread is not there, and the lock may be held."""
    global _jobs, _starting
    _jobs, _starting = None, threading.Lock()


os.register_at_fork(after_in_child=_forget)
