"""The Engine protocol every machine-translation provider implements."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol


class Engine(Protocol):
    """Translates a batch of segments; `None` in the result marks a segment it could not translate.

    An engine never invents output: a miss is reported as `None`, never as an
    empty string or the source text, so the segment stays pending and visible.
    """

    name: str
    version: str

    def translate(self, texts: Sequence[str], source_lang: str, target_lang: str) -> list[str | None]: ...
