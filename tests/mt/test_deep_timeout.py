"""deep-translator's own HTTP calls have no timeout: ours stops waiting for them."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest
from deep_translator import MyMemoryTranslator

from translate_pub.mt import deep
from translate_pub.mt.http import Unavailable
from translate_pub.mt.pacing import Limits


@pytest.fixture
def silent_server() -> Iterator[str]:
    """Accepts connections and never answers (a provider that hangs)."""
    listener = socket.create_server(("127.0.0.1", 0))
    accepted: list[socket.socket] = []
    thread = threading.Thread(
        target=lambda: accepted.append(listener.accept()[0]), daemon=True
    )
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/get"
    for conn in accepted:
        conn.close()  # the abandoned call in deep-translator's thread ends here
    listener.close()


def test_a_hanging_provider_is_given_up_after_the_timeout(
    silent_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(deep, "TIMEOUT", 0.5)

    def translator(source: str, target: str) -> MyMemoryTranslator:
        made = MyMemoryTranslator(source="ru-RU", target="en-GB")
        made._base_url = (
            silent_server  # deep-translator's own request, sent to our hanging server
        )
        return made

    engine = deep.DeepTranslatorEngine(
        "mymemory", translator, Limits(max_chars=500, max_items=1, retries=0)
    )
    started = time.perf_counter()
    with pytest.raises(Unavailable, match="mymemory: no answer within 0.5 s"):
        engine.request(["Суд оштрафовал активиста."], "ru", "en")
    assert time.perf_counter() - started < 5
