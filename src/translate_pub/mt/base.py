"""The Engine protocol every machine-translation provider implements, and what it may add."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from translate_pub.errors import MTError

if TYPE_CHECKING:
    from translate_pub.terms.glossary import Glossary

# How an engine keeps the glossary's house style (attribute `glossary_mode`, default PROTECT):
PROTECT = "protect"  # the pipeline shields matched terms as placeholders and restores them after MT
NATIVE = "native"  # the provider applies the glossary itself (DeepL glossaries); `use_glossary` is called
REPLAY = (
    "replay"  # output is fixed in advance (recordings): nothing to shield, only check
)

# What an engine's output is (attribute `output_format`, default TEXT); `mt.clean` decodes accordingly:
TEXT = "text"  # literal text (the markup providers' modules decode their wire format themselves)
HTML = "html"  # plain text that the provider HTML-escaped (Google's web endpoint): decoded once


class Engine(Protocol):
    """Translates a batch of segments; `None` in the result marks a segment it could not translate.

    An engine never invents output: a miss is reported as `None`, never as an
    empty string or the source text, so the segment stays pending and visible.
    Texts carry placeholders (`<1>…</1>`, `<2/>`) which the output must keep.
    """

    name: str
    version: str

    def translate(
        self, texts: Sequence[str], source_lang: str, target_lang: str
    ) -> list[str | None]: ...


class NativeGlossary(Protocol):
    """An engine with `glossary_mode = NATIVE`: told the glossary before it translates."""

    def use_glossary(
        self, glossary: Glossary, source_lang: str, target_lang: str
    ) -> None: ...


class Rejected(MTError):
    """The provider refused the request itself (bad key, unsupported language): retrying cannot help."""


def glossary_mode(engine: Engine) -> str:
    return str(getattr(engine, "glossary_mode", PROTECT))


def output_format(engine: Engine) -> str:
    return str(getattr(engine, "output_format", TEXT))


def last_errors(engine: Engine) -> list[MTError]:
    """What went wrong in the engine's last `translate` call (segments it returned as None)."""
    return list(getattr(engine, "last_errors", []))
