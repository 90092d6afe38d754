"""Messages as data: a message id and its parameters, rendered in the reader's language.

QA findings, workflow refusals and error pages are built as `Message`s: an id declared
once in `msgids` (its key and English template) and the values it names. English is the
template filled in (`str(message)`: the CLI, the logs, a dismissal's key); another
language is the gettext catalogue's translation of the template, filled in with the same
values. A value may itself be a `Message` (a QA finding inside an import report) or a
`Word` of ours (a status, role or action label), and is rendered in the same language.
Nothing is ever translated by matching English text back.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

Gettext = Callable[[str], str]
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


class Word(str):
    """A word of ours inside a message (a status, role or action label): translated too."""

    __slots__ = ()


def _english(template: str) -> str:
    return template


@dataclass(frozen=True)
class MessageId:
    """One message: its stable key and its English template (also the catalogue's msgid)."""

    key: str
    en: str
    names: frozenset[str] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "names", frozenset(PLACEHOLDER.findall(self.en)))

    def __call__(self, **params: Param) -> Message:
        if set(params) != self.names:  # a typo here would show "%(x)s" to a reader
            raise TypeError(
                f"{self.key} takes {sorted(self.names)}, not {sorted(params)}"
            )
        return Message(self, tuple(sorted(params.items())))


@dataclass(frozen=True)
class Message:
    """A message id with its values; `str()` is the English text."""

    id: MessageId
    params: tuple[tuple[str, Param], ...] = ()

    def render(self, gettext: Gettext = _english) -> str:
        """This message in the language of `gettext` (a catalogue's), English by default."""
        values = {k: _value(v, gettext) for k, v in self.params}
        return gettext(self.id.en) % values if values else gettext(self.id.en)

    def __str__(self) -> str:
        return self.render()


Param = str | int | Word | Message


def _value(value: Param, gettext: Gettext) -> str:
    if isinstance(value, Message):
        return value.render(gettext)
    return gettext(value) if isinstance(value, Word) else str(value)


REGISTRY: dict[str, MessageId] = {}


def declare(key: str, en: str) -> MessageId:
    """A new message id; each key is declared once (`msgids` holds them all)."""
    if key in REGISTRY:
        raise ValueError(f"message id {key} is declared twice")
    REGISTRY[key] = MessageId(key, en)
    return REGISTRY[key]
