"""`apertium`: Debian's rule-based Apertium, Russian → Ukrainian, fully offline.

The stock `rus-ukr` mode silently outputs nothing for most sentences (apertium-tagger
crashes, apertium/apertium#223, with exit status 0), so we run a copy of the mode
without the tagger step and with `cg-proc -1 -n` (first reading, no tagger needed),
which translates every line. One persistent pipeline in null-flush mode serves all
sentences (~1.4 ms each instead of ~90 ms per process start). We convert our text
to Apertium's stream format ourselves: placeholders travel as superblanks, so
links and emphasis stay in place.

Quality is low (~20% of words unknown, marked `*`): every draft carries a QA
warning saying so, and an empty output is a failure, never a translation.
"""

from __future__ import annotations

import contextlib
import os
import re
import select
import shutil
import signal
import subprocess
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path

from translate_pub.errors import ConfigError
from translate_pub.mt.base import Engine
from translate_pub.placeholders import PLACEHOLDER

APERTIUM_DATA = Path("/usr/share/apertium")
_SPECIAL = re.compile(r"([\[\]\\^$/@<>{}*~#+])")
_END = "[][\n]"  # an end-of-block superblank: makes the pipeline finish the sentence before the flush
TIMEOUT = 30.0


def to_stream(text: str) -> str:
    out, pos = [], 0
    for m in PLACEHOLDER.finditer(text):
        out.append(_SPECIAL.sub(r"\\\1", text[pos : m.start()]))
        out.append(f"[{m.group()}]")
        pos = m.end()
    out.append(_SPECIAL.sub(r"\\\1", text[pos:]))
    return "".join(out) + _END


def from_stream(stream: str) -> str:
    """Apertium's output stream → text: superblanks opened, escapes removed."""
    out, i = [], 0
    while i < len(stream):
        c = stream[i]
        if c == "\\" and i + 1 < len(stream):
            out.append(stream[i + 1])
            i += 2
        elif c == "[":
            end = stream.find("]", i + 1)
            end = len(stream) if end < 0 else end
            out.append(stream[i + 1 : end])
            i = end + 1
        else:
            out.append(c)
            i += 1
    return "".join(out).strip()


def _patched_mode(pair: str, data_dir: Path, workdir: Path) -> Path:
    stock = data_dir / "modes" / f"{pair}.mode"
    if not stock.exists() or not shutil.which("apertium-wblank-mode"):
        raise ConfigError(
            f"apertium: {stock} not found; install it with `apt-get install apertium apertium-{pair}`"
        )
    command = re.sub(
        r"\s*\|\s*apertium-tagger [^|]*", "", stock.read_text(encoding="utf-8")
    )
    command = command.replace("cg-proc -w", "cg-proc -1 -n -w")
    (workdir / "modes").mkdir(parents=True, exist_ok=True)
    patched = workdir / "modes" / f"{pair}.mode"
    patched.write_text(command, encoding="utf-8")
    null_flush = subprocess.run(
        ["apertium-wblank-mode", "-z", str(patched)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    runner = workdir / f"{pair}.z.mode"
    runner.write_text(null_flush, encoding="utf-8")
    return runner


def _package_version(pair: str) -> str:
    found = subprocess.run(
        ["dpkg-query", "-W", "-f", "${Version}", f"apertium-{pair}"],
        capture_output=True,
        text=True,
        check=False,
    )
    return found.stdout.strip() or "unknown"


class ApertiumEngine(Engine):
    """One long-lived Apertium pipeline; thread-safe (sentences go through it one at a time)."""

    name = "apertium"

    def __init__(self, pair: str = "rus-ukr", data_dir: Path = APERTIUM_DATA) -> None:
        self.pair = pair
        self.langs = ("ru", "uk") if pair == "rus-ukr" else tuple(pair.split("-"))
        self._workdir = Path(tempfile.mkdtemp(prefix="tp-apertium-"))
        self._runner = _patched_mode(pair, data_dir, self._workdir)
        self.version = f"{pair} {_package_version(pair)} rule-based (no tagger)"
        self._proc: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()

    def translate(
        self, texts: Sequence[str], source_lang: str, target_lang: str
    ) -> list[str | None]:
        if (source_lang, target_lang) != self.langs:
            return [None] * len(texts)
        with self._lock:
            return [self._one(t) for t in texts]

    def _one(self, text: str) -> str | None:
        proc = self._process()
        assert proc.stdin is not None and proc.stdout is not None
        try:
            proc.stdin.write(to_stream(text).encode("utf-8") + b"\0")
            proc.stdin.flush()
            raw = self._read_flush(proc.stdout.fileno())
        except (OSError, TimeoutError):
            self.close()  # a wedged or dead pipeline: the next sentence starts a fresh one
            return None
        out = from_stream(raw.decode("utf-8", errors="replace"))
        return out or None

    @staticmethod
    def _read_flush(fd: int) -> bytes:
        chunks: list[bytes] = []
        while not chunks or not chunks[-1].endswith(b"\0"):
            ready, _, _ = select.select([fd], [], [], TIMEOUT)
            if not ready:
                raise TimeoutError("apertium did not answer")
            chunk = os.read(fd, 65536)
            if not chunk:
                raise OSError("apertium pipeline ended")
            chunks.append(chunk)
        return b"".join(chunks)[:-1]

    def _process(self) -> subprocess.Popen[bytes]:
        if self._proc is None or self._proc.poll() is not None:
            self._proc = subprocess.Popen(
                ["bash", str(self._runner), "-g"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        return self._proc

    def close(self) -> None:
        proc, self._proc = getattr(self, "_proc", None), None
        if proc is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(
                proc.pid, signal.SIGKILL
            )  # the whole pipeline, not just its shell
        proc.wait()
        for stream in (proc.stdin, proc.stdout):
            if stream:
                stream.close()

    def __del__(self) -> None:
        self.close()
        if hasattr(self, "_workdir"):
            shutil.rmtree(self._workdir, ignore_errors=True)
