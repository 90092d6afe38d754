"""The tagger read through windows and a memory-mapped vocabulary: the same tags as slovnet's own API."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import numpy as np
import pytest
from navec import Navec
from razdel import tokenize
from slovnet import Morph

from tests.fresh import fresh_json
from translate_pub.terms.installed import data_file
from translate_pub.terms.tagger import MORPH, NAVEC, Tagger

LABELLED = Path(__file__).parent.parent / "fixtures" / "terms" / "labelled.jsonl"


@pytest.fixture(scope="module")
def slovnet_morph() -> Morph:
    navec = Navec.load(str(data_file("natasha", NAVEC)))
    return Morph.load(str(data_file("natasha", MORPH)), batch_size=1).navec(navec)


def test_a_window_gets_the_tag_the_whole_text_gets(
    tmp_path: Path, slovnet_morph: Morph
) -> None:
    tagger = Tagger(tmp_path)
    texts = [
        json.loads(line)["text"]
        for line in LABELLED.read_text(encoding="utf-8").splitlines()[:60]
    ]
    for text in texts:
        words = [t.text for t in tokenize(text)]
        whole = [(t.pos, t.feats) for t in slovnet_morph(words).tokens]
        lo = [max(0, k - tagger.radius) for k in range(len(words))]
        windows = [
            (tuple(words[lo[k] : k + tagger.radius + 1]), k - lo[k])
            for k in range(len(words))
        ]
        assert tagger.tag(windows) == whole, text


def test_a_window_narrower_than_the_radius_would_differ(
    tmp_path: Path, slovnet_morph: Morph
) -> None:
    """The radius is what the model reads: one token less changes tags (so the test above can fail)."""
    tagger = Tagger(tmp_path)
    text = json.loads(LABELLED.read_text(encoding="utf-8").splitlines()[0])["text"]
    words = [t.text for t in tokenize(text)]
    whole = [(t.pos, t.feats) for t in slovnet_morph(words).tokens]
    narrow = [
        (tuple(words[max(0, k - 1) : k + 2]), min(k, 1)) for k in range(len(words))
    ]
    assert tagger.radius == 3 and tagger.tag(narrow) != whole


def test_the_vocabulary_is_kept_and_a_damaged_one_rebuilt(tmp_path: Path) -> None:
    first = Tagger(tmp_path).words
    [words_file] = tmp_path.glob("tagger-words-*.npy")
    assert isinstance(Tagger(tmp_path).words.words, np.memmap)
    probe = ["суд", "судов", "москалькова", "нетакогословаточно", "<pad>"]
    expected = first.lookup(probe)
    assert expected[0] != first.unknown and expected[3] == first.unknown
    for damage in (words_file.read_bytes()[:1000], b"\x93NUMPY garbage", np.save):
        if damage is np.save:
            np.save(
                words_file, np.array([b"a", b"b"])
            )  # a readable array of the wrong size
        else:
            words_file.write_bytes(damage)  # type: ignore[arg-type]
        again = Tagger(tmp_path).words
        assert list(again.lookup(probe)) == list(expected)
        assert len(np.load(words_file, mmap_mode="r")) == len(first.words)


def test_without_a_home_the_tagger_reads_slovnets_own_vocabulary(
    tmp_path: Path,
) -> None:
    kept, in_memory = Tagger(tmp_path), Tagger(None)
    probe = [
        "суд",
        "судов",
        "Москалькова",
        "нетакогословаточно",
        "ЛГБТ-сети",
        ",",
        "<pad>",
    ]
    assert list(in_memory.words.lookup(probe)) == list(kept.words.lookup(probe))


def test_the_vocabulary_folder_it_creates_is_private(tmp_path: Path) -> None:
    """As the glossary cache beside it (README: folder 0700, files 0600)."""
    folder = tmp_path / "xdg" / "translate-pub" / "glossary"
    Tagger(folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert {stat.S_IMODE(f.stat().st_mode) for f in folder.iterdir()} == {0o600}


ONE_THREAD = """
import json, os, signal, sys, threading
from pathlib import Path
from threadpoolctl import threadpool_info
from translate_pub.terms.tagger import Tagger

ran_in = []  # the thread of each run of the model (a spy on its function's calls)
def spy(frame, event, _arg):
    if event == "call" and frame.f_code.co_name == "_tag":
        ran_in.append([threading.current_thread().name, threading.get_ident()])
threading.setprofile(spy)
sys.setprofile(spy)
tagger = Tagger(Path(sys.argv[1]))  # its load's batch is the thread's first
window = [(("Суд", "арестовал", "активиста", "."), 1)]
answers = [tagger.tag(window)]
for _ in range(3):  # short-lived threads, as a web server's come and go
    asking = threading.Thread(target=lambda: answers.append(tagger.tag(window)))
    asking.start()
    asking.join()
try:
    tagger.tag([(tuple("абвгдежзий"), 0)])  # a window wider than the model reads: it fails
    failed = None
except Exception as exc:
    failed = type(exc).__name__
answers.append(tagger.tag(window))  # and still answers
read, write = os.pipe()
if (child := os.fork()) == 0:  # a forked child has no tagger thread: it starts its own
    signal.alarm(60)  # a child waiting for the parent's thread ends, not hangs
    os.write(write, json.dumps(tagger.tag(window)).encode())
    os._exit(0)
os.close(write)
forked = os.read(read, 65536)
os.waitpid(child, 0)
print(json.dumps({"ran_in": ran_in, "answers": answers, "failed": failed,
                  "forked": json.loads(forked) if forked else None,
                  "threads": [t.name for t in threading.enumerate() if t.name == "tagger"],
                  "blas": [p["num_threads"] for p in threadpool_info()
                           if p["user_api"] == "blas"]}))
"""


def test_the_model_runs_in_one_thread_whoever_asks_and_in_a_forked_child(
    tmp_path: Path,
) -> None:
    """The tagger's matrix products run in one long-lived thread (its BLAS buffer and memory are
    faulted in once, at load, not by each new thread of a web server that asks), with BLAS
    single-threaded; a model's failure reaches the caller, and the thread goes on; a forked
    child, where the parent's thread is not, gets its answer from a thread of its own."""
    seen = fresh_json(ONE_THREAD, str(tmp_path), timeout=120)
    # the load's batch, the main thread's, 3 other threads', the failed one, the last
    assert [name for name, _ident in seen["ran_in"]] == ["tagger"] * 7
    assert len({ident for _name, ident in seen["ran_in"]}) == 1
    assert seen["threads"] == ["tagger"] and seen["blas"] == [1]
    assert seen["failed"] is not None
    first, *others = seen["answers"]
    assert len(others) == 4 and all(answer == first for answer in others)
    assert seen["forked"] == first and first[0][0] == "VERB"
