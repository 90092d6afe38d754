"""One exception tree for translate-pub; the CLI, web app and flows catch it once.

TranslatePubError                 a user-facing problem, shown as one line
├── ConfigError                   bad setting, database URL, unknown engine
├── StoreError                    database unreachable or in a bad state
│   └── ConflictError             optimistic lock: someone saved first
├── InputError                    bad input file/URL; names where (`where`)
│   ├── FetchError                network: 404, loop, oversize, robots, timeout
│   │   └── BlockedAddress        a URL leads to a loopback, private or reserved address
│   ├── ParseError                malformed feed, HTML, Markdown, XLIFF
│   └── GlossaryError             termbase validation (line-numbered)
├── MTError                       machine translation failed
│   ├── RateLimited               429 after retries (carries retry_after)
│   └── CircuitOpen               provider failing; not called for a while
├── StateError                    a status change that is not allowed
├── PermissionDenied              the user's role does not allow this
└── PublishError                  the site could not be built or deployed

An error raised with a `Message` keeps it as `said`, so the web app shows it in the reader's
language; `str()` is its English (the CLI, the logs).
"""

from __future__ import annotations

from translate_pub import msgids
from translate_pub.messages import Message


class TranslatePubError(Exception):
    """Base of every error we expect and show to a person as one line."""

    def __init__(self, said: Message | str = "", *args: object) -> None:
        self.said = said if isinstance(said, Message) else None
        super().__init__(str(said), *args)


class ConfigError(TranslatePubError):
    pass


class StoreError(TranslatePubError):
    pass


class ConflictError(StoreError):
    pass


class InputError(TranslatePubError):
    """Bad input; `where` is the file, URL or file:line it came from."""

    def __init__(self, where: str, reason: Message | str) -> None:
        self.where = where
        self.why = reason if isinstance(reason, Message) else msgids.TEXT(text=reason)
        self.reason = str(reason)
        super().__init__(msgids.LOCATED(where=where, reason=self.why))


class FetchError(InputError):
    pass


class BlockedAddress(FetchError):
    pass


class ParseError(InputError):
    pass


class GlossaryError(InputError):
    pass


class MTError(TranslatePubError):
    pass


class RateLimited(MTError):
    def __init__(self, message: str, retry_after: float | None = None) -> None:
        self.retry_after = retry_after
        super().__init__(message)


class CircuitOpen(MTError):
    pass


class StateError(TranslatePubError):
    pass


class PermissionDenied(TranslatePubError):
    pass


class PublishError(TranslatePubError):
    pass
