"""The Engine base class every machine-translation provider subclasses: what it must do
(`translate`) and the abilities it may declare, each with a typed default.

An engine says what it can do as class attributes (an instance may refine one, as a
recording does after reading its file); the pipeline reads them directly, so an
ability is declared in one place and never guessed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from translate_pub.errors import MTError

if TYPE_CHECKING:
    from translate_pub.terms.glossary import Glossary

# How an engine keeps the glossary's house style (`Engine.glossary_mode`):
PROTECT = "protect"  # the pipeline shields matched terms as placeholders, restores them
NATIVE = "native"  # the provider applies the glossary itself: `use_glossary` is called
REPLAY = (
    "replay"  # output is fixed in advance (recordings): nothing to shield, only check
)

# What an engine's output is (`Engine.output_format`); `mt.clean` decodes accordingly:
TEXT = "text"  # literal text (markup providers decode their wire format themselves)
HTML = "html"  # plain text the provider HTML-escaped (Google's web endpoint)


class Engine:
    """Translates a batch of segments; `None` in the result marks a segment it could not translate.

    An engine never invents output: a miss is reported as `None`, never as an
    empty string or the source text, so the segment stays pending and visible.
    Texts carry placeholders (`<1>…</1>`, `<2/>`) which the output must keep.
    """

    name: str = ""  # as its record in mt/engines.py says it
    version: str = ""
    glossary_mode: str = PROTECT
    output_format: str = TEXT
    # What went wrong in the last `translate` call (the segments it returned as None).
    last_errors: Sequence[MTError] = ()

    def translate(
        self, texts: Sequence[str], source_lang: str, target_lang: str
    ) -> list[str | None]:
        raise NotImplementedError

    def translate_stream(
        self, texts: Iterable[str], source_lang: str, target_lang: str
    ) -> Iterator[dict[int, str | None]]:
        """Outputs by text index as requests finish; by default, all at once."""
        given = list(texts)
        outputs = self.translate(given, source_lang, target_lang)
        yield dict(zip(range(len(given)), outputs, strict=True))

    def use_glossary(
        self, glossary: Glossary, source_lang: str, target_lang: str
    ) -> None:
        """Told the glossary before a run; called only when `glossary_mode` is NATIVE."""


class Rejected(MTError):
    """The provider refused the request itself (bad key, unsupported language): retrying cannot help."""
