"""Every message id of translate-pub with its English template, grouped by who says it.

The template is also the msgid of the `review` catalogue; tests/test_msgids.py fails when
one lacks a Russian translation or its placeholders differ. Build a message by calling its
id with the values it names: `msgids.QA_NUMBER_MISSING(number="12")`.
"""

from __future__ import annotations

from translate_pub.messages import declare

# QA checks on one segment (review/qa.py)
QA_EMPTY = declare("qa.empty", "the translation is empty")
QA_SAME_AS_SOURCE = declare(
    "qa.same-as-source", "the translation is the same as the source"
)
QA_MOSTLY_CYRILLIC = declare("qa.mostly-cyrillic", "the translation is mostly Cyrillic")
QA_MOSTLY_LATIN = declare("qa.mostly-latin", "the translation is mostly Latin")
QA_SOME_CYRILLIC = declare(
    "qa.some-cyrillic", "the translation contains Cyrillic letters"
)
QA_TAG_MISSING = declare("qa.tag-missing", "link/markup tag %(tag)s is missing")
QA_TAG_EXTRA = declare("qa.tag-extra", "link/markup tag %(tag)s is not in the source")
QA_ENTITY = declare(
    "qa.entity", "“%(entity)s” is markup, not text: type the character it stands for"
)
QA_URL_MISSING = declare("qa.url-missing", "URL %(url)s is missing")
QA_DATE_READS = declare("qa.date-reads", "date '%(date)s' should read %(reads)s")
QA_DATE_MISSING = declare("qa.date-missing", "date %(date)s is missing")
QA_NUMBER_MISSING = declare("qa.number-missing", "number %(number)s is missing")
QA_LENGTH = declare(
    "qa.length", "the translation is %(ratio)s× the length of the source"
)

# Glossary compliance (terms/check.py)
TERM_USE = declare("term.use", "Use “%(use)s” for «%(words)s»")
TERM_FORBIDDEN = declare(
    "term.forbidden", "“%(bad)s” is not house style for «%(words)s»: use “%(use)s”"
)
TERM_MAYBE_USE = declare(
    "term.maybe-use", "If «%(words)s» is the glossary term here, use “%(use)s”"
)
TERM_MAYBE_FORBIDDEN = declare(
    "term.maybe-forbidden",
    "If «%(words)s» is the glossary term here, “%(bad)s” is not house style: "
    "use “%(use)s”",
)

# Names rendered consistently (names.py)
NAME_INCONSISTENT = declare(
    "name.inconsistent",
    "«%(name)s» was “%(usual)s” in %(count)s approved translations; here “%(here)s”",
)

# Words that are not ours (a library's or a file's), shown as they are
TEXT = declare("text", "%(text)s")
LOCATED = declare("located", "%(where)s: %(reason)s")

# The workflow and the store's refusals (store/)
DOC_CHANGED = declare(
    "doc.changed",
    "document %(doc)s (%(lang)s) was changed by someone else; reload and retry",
)
DOC_MISSING = declare("doc.missing", "no document %(doc)s in language %(lang)s")
UNKNOWN_ACTION = declare("action.unknown", "unknown action %(action)s")
CANNOT = declare("action.cannot", "cannot %(action)s a document that is %(status)s")
ROLE_NEEDED = declare(
    "role.needed", "this needs the %(role)s role; you are a %(user_role)s"
)
GATE_NEEDED = declare("approve.needs-gate", "an approval needs the QA gate")
GATE_CLOSED = declare(
    "approve.open-errors",
    "%(n)s QA errors are open: fix them, dismiss false alarms, or say why to approve "
    "anyway",
)
INCOMPLETE = declare(
    "approve.incomplete",
    "segments %(segments)s have no translation: translate them before approving",
)
REASON_NEEDED = declare("reject.reason", "say why in a comment when rejecting")
TRANSLATION_GONE = declare("edit.gone", "translation %(id)s no longer exists")
EDIT_CONFLICT = declare(
    "edit.conflict",
    "someone else saved this segment meanwhile; your text is kept: choose theirs, "
    "yours or a merge",
)
EDIT_CONFLICT_BY = declare(
    "edit.conflict-by",
    "%(user)s saved this segment meanwhile; your text is kept: choose theirs, yours "
    "or a merge",
)
SAVED_MEANWHILE = declare(
    "edit.saved-meanwhile",
    "segment was saved by someone else meanwhile: reload and merge",
)
TRANSLATED_MEANWHILE = declare(
    "edit.translated-meanwhile",
    "this segment got a translation meanwhile (machine or colleague): reload",
)
IN_REVIEW = declare(
    "edit.in-review",
    "the document is in review: take it back to translation to edit it",
)
APPROVED = declare("edit.approved", "this translation is approved: reopen it to edit")
QUOTE = declare(
    "edit.quote",
    "a quote is its source's approved translation: change the quote in the digest's "
    "text",
)
OMITTED = declare(
    "edit.omitted",
    "a reviewer left this sentence out: put it back in the translation to write it",
)
OLD_REVISION = declare(
    "edit.old-revision",
    "this segment belongs to an older revision of the source: reload",
)

# The review app's refusals and error pages (review/)
NOT_FOUND = declare("http.not-found", "Not Found")
METHOD_NOT_ALLOWED = declare("http.method-not-allowed", "Method Not Allowed")
UNAVAILABLE = declare(
    "http.unavailable", "the database is not answering; try again in a moment"
)
BROKEN = declare(
    "http.broken",
    "something went wrong on our side and was logged; try again, or tell an "
    "administrator",
)
SIGNED_OUT = declare("http.signed-out", "signed out: log in again")
CSRF = declare(
    "http.csrf",
    "the form has expired or was not sent by this site; reload and try again",
)
OUT_OF_RANGE = declare(
    "http.out-of-range", "the address or form holds a value out of range"
)
TOO_LARGE = declare(
    "http.too-large", "request body too large (the limit is %(n)s bytes)"
)
NOT_JSON = declare("json.not-json", "the request body is not JSON")
NOT_OBJECT = declare("json.not-object", "the request body must be a JSON object")
TOO_DEEP = declare("json.too-deep", "JSON nested deeper than %(n)s levels")
NO_LANGUAGE = declare("no.language", "no such target language")
NO_DOCUMENT = declare("no.document", "no such document")
NO_SEGMENT = declare("no.segment", "no such segment in this document")
NO_SEGMENT_NUMBER = declare("no.segment-number", "this document has no segment %(n)s")
NO_DIGEST = declare("no.digest", "no such digest")
NO_USER = declare("no.user", "no active user called %(name)s")
TEXT_TOO_LONG = declare(
    "text.too-long", "text must be a string of at most %(n)s characters"
)
BAD_VERSION = declare("form.version", "version must be an integer")
NO_VERSION = declare("form.no-version", "the form lacks the document version")
COMMENT_LENGTH = declare(
    "form.comment", "a comment needs between 1 and %(n)s characters"
)
BAD_DATE = declare("form.date", "bad date %(date)s: use YYYY-MM-DD")
DIGEST_ENGLISH_NAMES = declare(
    "digest.english-names",
    "an English digest's tags and series are named in English: leave the English name "
    "fields empty",
)
DIGEST_TOO_LONG = declare(
    "digest.too-long", "the digest is longer than %(n)s characters"
)
SEARCH_TOO_LONG = declare(
    "search.too-long", "the search is longer than %(n)s characters"
)
CHOOSE_CANDIDATE = declare(
    "form.candidate", "choose a candidate, and give its English form to accept it"
)
DISMISS_REASON = declare(
    "dismiss.reason", "say why this is a false alarm (at most %(n)s characters)"
)
DISMISS_GONE = declare(
    "dismiss.gone", "this issue is no longer raised for the saved text: reload"
)
DISMISS_MISSING = declare(
    "dismiss.missing",
    "a missing translation is never a false alarm: translate the sentence",
)
FILTER_TOO_WIDE = declare(
    "filter.too-wide", "the filter finds more than %(n)s documents: narrow it"
)
FILTER_EMPTY = declare("filter.empty", "the filter finds no documents")
CHOOSE_XLIFF = declare("upload.xliff", "choose an XLIFF file to upload")
CHOOSE_TMX = declare("upload.tmx", "choose a TMX file to upload")
UPLOAD_BUSY = declare(
    "upload.busy", "an XLIFF upload of yours is being applied: wait until it ends"
)

# XLIFF files and their units (review/xliff.py, inline.py, xliff_import.py)
XML_BROKEN = declare("xliff.xml", "not well-formed XML (%(detail)s)")
NOT_XLIFF = declare("xliff.not-xliff", "not an XLIFF 1.2 document")
FOREIGN_FILE = declare(
    "xliff.foreign-file", "<file original=%(original)s> is not one of our documents"
)
FOREIGN_UNIT = declare(
    "xliff.foreign-unit", "unit %(unit)s lacks our numeric id and tp:version"
)
NO_TARGET = declare("xliff.no-target", "needs both <source> and <target>")
UNKNOWN_STATE = declare("xliff.state", "has unknown state %(state)s")
INLINE_CODE = declare(
    "xliff.inline-code",
    "inline code <%(name)s> holds %(code)s, not one of our placeholders",
)
INLINE_ELEMENT = declare(
    "xliff.inline-element", "unexpected element <%(name)s> inside the text"
)
INLINE_NODE = declare(
    "xliff.inline-node",
    "%(kind)s (%(node)s) inside the text; write plain text instead",
)
NOT_CURRENT = declare(
    "xliff.not-current", "not a segment of document %(doc)s's current revision"
)
SOURCE_DIFFERS = declare(
    "xliff.source-differs", "the source differs from ours (was the original revised?)"
)
CHANGED_SINCE = declare(
    "xliff.changed", "changed in the app by someone else since export; export again"
)
CHANGED_SINCE_BY = declare(
    "xliff.changed-by", "changed in the app by %(user)s since export; export again"
)
IMPORT_IN_REVIEW = declare(
    "xliff.in-review",
    "document %(doc)s is in review; take it back to translation before importing",
)
IMPORT_CLOSED = declare(
    "xliff.closed", "document %(doc)s is %(status)s; reopen it before importing"
)
IMPORT_NOT_ALLOWED = declare(
    "xliff.not-allowed",
    "unit states ask to %(action)s document %(doc)s, which %(user)s may not do",
)
IMPORT_BLOCKED = declare(
    "xliff.blocked", "blocks approving document %(doc)s: %(issue)s"
)
IMPORT_NO_DOCUMENT = declare(
    "xliff.no-document", "no document %(doc)s in target language %(lang)s"
)
REPEATED_UNIT = declare("xliff.repeated", "appears more than once in this file")
NO_DOCUMENT_IN = declare("xliff.no-document-in", "no such document in %(lang)s")
NO_ACTIVE_USER = declare("no.active-user", "no active user of that name")
SYSTEM_ONLY = declare("action.system", "%(action)s is a person's action")

# Omissions (store/workflow.py omit, #22 item 2)
OMIT_REASON = declare("omit.reason", "say why the sentence is left out")
OMIT_ROLE = declare("omit.role", "only a reviewer can leave a sentence out")
OMIT_SETTLED = declare("omit.settled", "reopen the document to change what is left out")
OMIT_NO_SENTENCE = declare("omit.no-sentence", "this document has no such sentence")
OMIT_NAME = declare(
    "omit.name", "a tag or series name cannot be left out: its pages are named by it"
)
OMIT_NOT_THIS = declare(
    "omit.not-this", "a title or a digest's sentence cannot be left out"
)
OMIT_NO_NUMBER = declare("omit.no-number", "the form lacks the sentence's number")
IMPORT_OMITTED = declare(
    "xliff.omitted",
    "a reviewer left this sentence out: put it back in the translation in the editor "
    "first",
)

# A digest's quote with no words in a language (store/workflow.py, #22 item 2)
EMPTY_QUOTE = declare(
    "digest.empty-quote",
    "the quote in sentence %(n)s (%(doc)s, sentence %(at)s) has no approved text in "
    "this language: quote another sentence",
)
EMPTY_QUOTES = declare(
    "digest.empty-quotes",
    "the quote in sentence %(n)s (%(doc)s, sentence %(at)s) and %(more)s more have no "
    "approved text in this language: quote other sentences",
)
IMPORT_REJECTED = declare(
    "xliff.rejected", "%(n)s problem(s), nothing imported; first: %(first)s"
)

# Accounts (passwords.py, the admin page)
USER_NAME_BAD = declare(
    "account.name", "%(name)s: use 1 to %(n)s letters, digits, '.', '_', '@' or '-'"
)
PASSWORD_SHORT = declare(
    "account.password-short", "too short: use at least %(n)s characters"
)
PASSWORD_COMMON = declare(
    "account.password-common", "it is on a list of common passwords; choose another"
)
UNKNOWN_ROLE = declare("account.role", "unknown role %(name)s (known: %(known)s)")

# The Publish button (orchestra/publisher.py)
PUBLISH_NOT_SERVED = declare(
    "publish.not-served",
    "the %(deployment)s deployment is not served: start `translate-pub serve`",
)
PUBLISH_CANNOT_START = declare(
    "publish.cannot-start", "cannot start the publish flow: %(detail)s"
)
PUBLISH_NO_RUN = declare("publish.no-run", "no publish run %(run)s")

# TMX files and reviewed alignments imported into memory (review/tmx_read.py, align_review.py)
TMX_SOURCE_LANG = declare(
    "tmx.unit-source", "the unit's source language is %(found)s, not %(ours)s"
)
TMX_NO_SIDE = declare(
    "tmx.no-side", "the unit has no %(lang)s side (it has: %(found)s)"
)
TMX_EMPTY_SIDE = declare("tmx.empty-side", "the unit's %(lang)s side is empty")
TMX_NO_SEG = declare("tmx.no-seg", "a <tuv> without <seg>")
TMX_ENTITY = declare(
    "tmx.entity",
    "an entity reference or processing instruction inside the text; entities and DTDs "
    "are not read",
)
TMX_ELEMENT = declare("tmx.element", "unexpected element <%(name)s> inside a <seg>")
ALIGN_ROW = declare(
    "align.row", "the row needs keep (yes or no), the Russian and the English"
)
NOTHING_IMPORTED = declare("tmx.nothing", "%(reason)s: nothing imported")
TMX_XML_BROKEN = declare(
    "tmx.xml", "not well-formed XML (%(detail)s): nothing imported"
)
NOT_TMX = declare("tmx.not-tmx", "not a TMX document (its root is <%(tag)s>)")
TMX_SOURCE_FILE = declare(
    "tmx.file-source",
    "its source language is %(declared)s, not %(ours)s: nothing imported",
)
NO_TMX_FILE = declare("tmx.none", "holds no .tmx file")
NO_SUCH_PATH = declare("path.missing", "no such file or folder")
NOT_ALIGNMENT = declare(
    "align.not-review",
    "not an alignment review file (its header is not %(header)s)",
)

# Digests written in the composer or kept as files (ingest/digest.py, digest_files.py)
DIGEST_NEEDS = declare("digest.needs", "a digest needs a %(field)s")
DIGEST_OLD_NUMBERS = declare(
    "digest.old-numbers",
    "%(marker)s: %(value)s: sentences are numbered from 1 (the title), as in the "
    "editor; run `translate-pub digest renumber %(where)s` first",
)
DIGEST_LANG = declare(
    "digest.lang", "lang: %(lang)s: a digest is written in %(written)s"
)
DIGEST_NO_QUOTE = declare(
    "digest.no-quote", "a digest needs at least one quote shortcode"
)
BAD_SHORTCODE = declare(
    "digest.bad-shortcode",
    'bad shortcode: write {{< quote doc="…" segments="3-5" >}}',
)
QUOTE_ARGS = declare("digest.quote-args", "a quote takes doc and segments; got %(got)s")
QUOTE_NO_ARGS = declare(
    "digest.quote-no-args", "a quote takes doc and segments; got nothing"
)
BAD_SEGMENTS = declare(
    "digest.bad-segments",
    'bad segments="%(segments)s": write one number or a range like 3-5',
)
BACKWARDS = declare(
    "digest.backwards", "bad segments=%(first)s-%(last)s: the range runs backwards"
)
FROM_ONE = declare(
    "digest.from-one",
    "bad segments=%(first)s: sentences are numbered from 1 (the title), as in the "
    "editor",
)
MAX_QUOTES = declare(
    "digest.max-quotes",
    "a digest quotes at most %(n)s times (TRANSLATE_PUB_MAX_QUOTES)",
)
UNKNOWN_SOURCE = declare("digest.unknown-doc", 'unknown document "%(doc)s"')
NOT_APPROVED = declare(
    "digest.not-approved", '"%(doc)s" has no approved %(lang)s translation to quote'
)
NO_SENTENCES = declare(
    "digest.no-sentences",
    '"%(doc)s" has no sentences %(asked)s to quote (its approved edition has '
    "sentences %(have)s, numbered as in the editor)",
)
LANG_CHANGED = declare(
    "document.lang-changed",
    '"%(doc)s" is written in %(was)s, this revision in %(now)s: a document keeps its '
    "language (save this text as a new document)",
)
