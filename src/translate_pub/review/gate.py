"""The QA gate: one reckoning of a document's QA for the editor, approval and XLIFF import.

Every segment of the current revision is checked afresh from its text (a segment with no
translation yet is an empty one, so it counts as an error everywhere). An issue dismissed on
a segment as a false alarm no longer blocks while that same problem is raised; an edit that
fixes it drops the dismissal (the save passes the problems still raised to the store). Approval needs zero open errors, or a reviewer's override with a reason.

A sentence left untranslated (empty, the source copied, mostly Cyrillic) is never a false alarm:
such an issue cannot be dismissed, and an earlier dismissal of one is ignored, and no override
reason approves a document that has one (`qa_gate`; the workflow refuses empty ones itself).
The one way to leave a sentence out is a reviewer's omission (`workflow.omit`): an omitted
sentence has no findings, so it is complete as it is.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection

from translate_pub import names
from translate_pub.messages import Gettext
from translate_pub.model import Issue, Severity
from translate_pub.review.checks import Glossaries, issues_for
from translate_pub.review.qa import FROM_LATIN
from translate_pub.store import dismissals as dismissal_store
from translate_pub.store import memory as memory_store
from translate_pub.store.dismissals import Dismissal
from translate_pub.store.review import EditorRow
from translate_pub.store.workflow import Gate, Incomplete, Reading

UNDISMISSABLE = frozenset(
    {"untranslated"}
)  # checks whose errors say text is missing from the translation


# Target languages written in Cyrillic: "mostly Cyrillic" is their normal text, so there the
# untranslated check's override stays a reviewer's call (an empty sentence never passes);
# not in Russian, whose drafts come from English and are checked for Latin (qa.FROM_LATIN).
CYRILLIC_SCRIPT = frozenset(
    {"uk", "be", "bg", "sr", "mk", "kk", "ky", "tg", "mn", "ru"}
)


def dismissable(issue: Issue) -> bool:
    return not (issue.check in UNDISMISSABLE and issue.severity == Severity.ERROR)


def issue_key(issue: Issue) -> str:
    return f"{issue.check}: {issue.message}"


@dataclass(frozen=True)
class Finding:
    """One issue of one segment, and its dismissal if a false alarm was declared."""

    issue: Issue
    dismissal: Dismissal | None = None

    @property
    def blocks(self) -> bool:
        return self.issue.severity == Severity.ERROR and self.dismissal is None

    @property
    def dismissable(self) -> bool:
        return dismissable(self.issue)

    def as_dict(self, gettext: Gettext = str) -> dict[str, object]:
        """For the editor's scripts, the message in the language of `gettext`."""
        d = self.dismissal
        return {
            **self.issue.as_dict(),
            "message": self.issue.said.render(gettext),
            "key": issue_key(self.issue),
            "dismissable": dismissable(self.issue),
            "dismissed": d
            and {
                "user": d.user,
                "at": d.at.strftime("%Y-%m-%d %H:%M"),
                "reason": d.reason,
            },
        }


@dataclass(frozen=True)
class SegmentQa:
    number: int  # 1-based, as the editor and History show it
    translation_id: int | None
    findings: tuple[Finding, ...]

    @property
    def blocking(self) -> list[Issue]:
        return [f.issue for f in self.findings if f.blocks]


def segment_qa(
    glossaries: Glossaries,
    lang: str,
    source: str,
    text: str,
    dismissed: Sequence[Dismissal] = (),
    *,
    number: int = 0,
    translation_id: int | None = None,
    known: Mapping[str, Counter[str]] | None = None,
) -> SegmentQa:
    """The findings of one segment's text. A dismissal is tied to its problem (check and message, which
    name the number, term or words flagged), not to the text: it holds while that problem is raised.
    `known`: how approved translations rendered names (`known_names`), for the names-consistency warning."""
    valid = {d.issue: d for d in dismissed}
    found = issues_for(glossaries, lang, source, text)
    if known and text:
        found = [*found, *names.inconsistencies(source, text, dict(known))]
    findings = tuple(
        Finding(i, valid.get(issue_key(i)) if dismissable(i) else None) for i in found
    )
    return SegmentQa(number, translation_id, findings)


def known_names(
    conn: Connection, sources: Iterable[str], lang: str
) -> dict[str, Counter[str]]:
    """How approved translations rendered the names in these sources (one query)."""
    return memory_store.name_renderings(
        conn, {k for src in sources for k in names.names(src)}, lang
    )


def document_qa(
    glossaries: Glossaries,
    lang: str,
    rows: Sequence[EditorRow],
    dismissals: dict[int, list[Dismissal]],
    known: Mapping[str, Counter[str]] | None = None,
    omitted: Collection[int] = (),
) -> list[SegmentQa]:
    """`omitted`: the segment ids a reviewer left out, which are complete as they are."""
    # A digest's quotes are approved text of their sources, frozen at approval: not this document's to fix.
    return [
        SegmentQa(r.position + 1, r.translation_id, ())
        if r.block == "quote" or r.segment_id in omitted
        else segment_qa(
            glossaries,
            lang,
            r.source,
            r.text,
            dismissals.get(r.translation_id or 0, ()),
            number=r.position + 1,
            translation_id=r.translation_id,
            known=known,
        )
        for r in rows
    ]


def open_errors(qa: Sequence[SegmentQa]) -> int:
    """The number every screen shows and approval checks: errors not dismissed."""
    return sum(len(s.blocking) for s in qa)


def blocking_segments(qa: Sequence[SegmentQa]) -> list[SegmentQa]:
    return [s for s in qa if s.blocking]


def stored_qa(
    conn: Connection, glossaries: Glossaries, doc_id: int, lang: str
) -> list[SegmentQa]:
    """The QA of a document as stored now, dismissals included."""
    return reading_qa(conn, glossaries, lang, Reading.of(conn, doc_id, lang))


def reading_qa(
    conn: Connection, glossaries: Glossaries, lang: str, reading: Reading
) -> list[SegmentQa]:
    """The QA of a document's rows as the workflow read them, dismissals included."""
    rows = reading.rows
    dismissed = dismissal_store.dismissals(
        conn, [r.translation_id for r in rows if r.translation_id]
    )
    return document_qa(glossaries, lang, rows, dismissed, omitted=reading.omitted)


def qa_gate(glossaries: Glossaries) -> Gate:
    """The gate the workflow runs on approval: this document's open QA errors. A sentence left
    untranslated (the source copied, mostly Cyrillic) refuses approval whatever the reason, as
    an empty one does in the workflow itself."""

    def gate(conn: Connection, doc_id: int, lang: str, reading: Reading) -> int:
        qa = reading_qa(conn, glossaries, lang, reading)
        missing = [
            s.number for s in qa if any(not dismissable(f.issue) for f in s.findings)
        ]
        if missing and (lang not in CYRILLIC_SCRIPT or lang in FROM_LATIN):
            raise Incomplete(missing)
        return open_errors(qa)

    return gate
