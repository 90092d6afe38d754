"""Error messages (error pages, JSON errors, XLIFF upload problems) in the reader's UI language.

Errors are raised with English messages (the CLI and logs show them as they are). A fixed
message is its own catalog msgid; a message with values matches one of these patterns and is
rendered with the catalog's translation of the pattern. A group named `t_…` holds a word of
ours (a status, role or action) and is translated too; `q_…` holds a QA message.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from fastapi import Request

from translate_pub.review.i18n import gettext_for

PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), m)
    for p, m in (
        (
            r"^document (?P<d>\d+) \((?P<l>\S+)\) was changed by someone else; reload and retry$",
            "document %(d)s (%(l)s) was changed by someone else; reload and retry",
        ),
        (
            r"^translation (?P<d>\d+) no longer exists$",
            "translation %(d)s no longer exists",
        ),
        (
            r"^someone else saved this segment meanwhile; your text is kept: choose theirs, yours or a merge$",
            "someone else saved this segment meanwhile; your text is kept: choose theirs, yours or a merge",
        ),
        (
            r"^(?P<u>.+) saved this segment meanwhile; your text is kept: choose theirs, yours or a merge$",
            "%(u)s saved this segment meanwhile; your text is kept: choose theirs, yours or a merge",
        ),
        (
            r"^the digest is longer than (?P<n>\d+) characters$",
            "the digest is longer than %(n)s characters",
        ),
        (
            r"^say why this is a false alarm \(at most (?P<n>\d+) characters\)$",
            "say why this is a false alarm (at most %(n)s characters)",
        ),
        (r"^unknown action (?P<x>.+)$", "unknown action %(x)s"),
        (
            r"^cannot (?P<t_a>\S+) a document that is (?P<t_s>.+)$",
            "cannot %(t_a)s a document that is %(t_s)s",
        ),
        (
            r"^this needs the (?P<t_r>\S+) role; you are a (?P<t_u>\S+)$",
            "this needs the %(t_r)s role; you are a %(t_u)s",
        ),
        (
            r"^the filter finds more than (?P<n>\d+) documents: narrow it$",
            "the filter finds more than %(n)s documents: narrow it",
        ),
        (r"^no active user called (?P<x>.+)$", "no active user called %(x)s"),
        (r"^bad date (?P<x>.+): use YYYY-MM-DD$", "bad date %(x)s: use YYYY-MM-DD"),
        (
            r"^text must be a string of at most (?P<n>\d+) characters$",
            "text must be a string of at most %(n)s characters",
        ),
        (
            r"^a comment needs between 1 and (?P<n>\d+) characters$",
            "a comment needs between 1 and %(n)s characters",
        ),
        (
            r"^this document has no segment (?P<x>.+)$",
            "this document has no segment %(x)s",
        ),
        (
            r"^request body too large \(the limit is (?P<n>[\d,]+) bytes\)$",
            "request body too large (the limit is %(n)s bytes)",
        ),
        (
            r"^JSON nested deeper than (?P<n>\d+) levels$",
            "JSON nested deeper than %(n)s levels",
        ),
        # XLIFF upload: the file, then each unit
        (r"^not well-formed XML \((?P<x>.+)\)$", "not well-formed XML (%(x)s)"),
        (
            r"^<file original=(?P<x>.*)> is not one of our documents$",
            "<file original=%(x)s> is not one of our documents",
        ),
        (
            r"^unit (?P<x>.*) lacks our numeric id and tp:version$",
            "unit %(x)s lacks our numeric id and tp:version",
        ),
        (r"^has unknown state (?P<x>.+)$", "has unknown state %(x)s"),
        (
            r"^(?P<t_k>an entity reference|a comment|a processing instruction) \((?P<x>.*)\) inside the text; "
            r"write plain text instead$",
            "%(t_k)s (%(x)s) inside the text; write plain text instead",
        ),
        (
            r"^unexpected element <(?P<x>\S+)> inside the text$",
            "unexpected element <%(x)s> inside the text",
        ),
        (
            r"^inline code <(?P<x>\S+)> holds (?P<y>.+), not one of our placeholders$",
            "inline code <%(x)s> holds %(y)s, not one of our placeholders",
        ),
        (
            r"^no document (?P<d>\d+) in target language (?P<l>.+)$",
            "no document %(d)s in target language %(l)s",
        ),
        (
            r"^not a segment of document (?P<d>\d+)'s current revision$",
            "not a segment of document %(d)s's current revision",
        ),
        (
            r"^changed in the app by someone else since export; export again$",
            "changed in the app by someone else since export; export again",
        ),
        (
            r"^changed in the app by (?P<u>.+) since export; export again$",
            "changed in the app by %(u)s since export; export again",
        ),
        (
            r"^document (?P<d>\d+) is (?P<t_s>.+); reopen it before importing$",
            "document %(d)s is %(t_s)s; reopen it before importing",
        ),
        (
            r"^unit states ask to (?P<t_a>\S+) document (?P<d>\d+), which (?P<u>.+) may not do$",
            "unit states ask to %(t_a)s document %(d)s, which %(u)s may not do",
        ),
        (
            r"^blocks approving document (?P<d>\d+): (?P<q_x>.+)$",
            "blocks approving document %(d)s: %(q_x)s",
        ),
        # the workflow (store/workflow.py)
        (
            r"^(?P<n>\d+) QA errors are open: fix them, dismiss false alarms, or say why to approve anyway$",
            "%(n)s QA errors are open: fix them, dismiss false alarms, or say why to approve anyway",
        ),
        (
            r"^segments (?P<x>.+) have no translation: translate them before approving$",
            "segments %(x)s have no translation: translate them before approving",
        ),
        (
            r"^no document (?P<d>\d+) in language (?P<l>.+)$",
            "no document %(d)s in language %(l)s",
        ),
        (
            r"^document (?P<d>\d+) is in review; take it back to translation before importing$",
            "document %(d)s is in review; take it back to translation before importing",
        ),
    )
)


def for_request(request: Request) -> Callable[[str], str]:
    """`localize` in the UI language of this request."""
    gettext = gettext_for(request)
    return lambda message: localize(gettext, message)


def localize(gettext: Callable[[str], str], message: str) -> str:
    """`message` in the catalog's language; unchanged when the catalog does not know it."""
    for pattern, msgid in PATTERNS:
        if found := pattern.match(message):
            return gettext(msgid) % {
                k: _value(gettext, k, v) for k, v in found.groupdict().items()
            }
    return gettext(message)


def _value(gettext: Callable[[str], str], name: str, value: str) -> str:
    if name.startswith("t_"):
        return gettext(value)
    return value
