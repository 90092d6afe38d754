"""The termbase: load and validate `glossary/terms.csv`, its version, and merging terms in (TBX: `tbx`).

The CSV is UTF-8 with a header row. Required columns: id, ru, en, en_forbidden, note.
Optional columns: pos, domain, case (auto | capital | any), and for each further
target language a column named by its code (`uk`, `de` …) with an optional
`<code>_forbidden` column. Any other column is an error, so a typo in a header
cannot silently drop data. The version is the sha256 of the file's bytes: every
translation records it, so "which glossary was this made under?" has one answer.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from translate_pub.errors import GlossaryError
from translate_pub.files import write_atomic
from translate_pub.terms.morph import BREAK, tokenize
from translate_pub.terms.phrases import same_phrase

REQUIRED = ("id", "ru", "en", "en_forbidden", "note")
OPTIONAL = ("pos", "domain", "case", "status")
CASE_RULES = ("", "auto", "capital", "any")
STATUSES = ("", "mandatory", "preferred")  # empty: mandatory
_ID = re.compile(r"[a-z0-9][a-z0-9_.-]*")


@dataclass(frozen=True)
class Term:
    """One concept: its Russian form (dictionary form), house-style English, banned renderings."""

    id: str
    ru: str
    en: str
    en_forbidden: tuple[str, ...] = ()
    note: str = ""
    extra: dict[str, str] = field(default_factory=dict, hash=False)

    @property
    def case_rule(self) -> str:
        """`capital` (only capitalised occurrences match) or `any`."""
        rule = self.extra.get("case") or "auto"
        if rule == "auto":
            return "capital" if self.ru.lstrip('«"„“')[:1].isupper() else "any"
        return rule

    @property
    def preferred(self) -> bool:
        """A preferred term (general vocabulary) may be rendered otherwise: its absence is a warning,
        a mandatory one's (names, organisations, legal and house terms) an error."""
        return self.extra.get("status") == "preferred"

    def forbidden(self, lang: str) -> tuple[str, ...]:
        if lang == "en":
            return self.en_forbidden
        return split_variants(self.extra.get(f"{lang}_forbidden", ""))

    def allowed(self, lang: str) -> tuple[str, ...]:
        """Renderings accepted besides the house form (adjectives, demonyms: Russian for Russia)."""
        return split_variants(self.extra.get(f"{lang}_allowed", ""))


@dataclass(frozen=True)
class Glossary:
    terms: tuple[Term, ...]
    version: str  # sha256 hex of the CSV bytes
    csv: str = ""  # the CSV text the version was computed from, for the archive
    by_id: dict[str, Term] = field(init=False, hash=False, compare=False)
    # What `check` compiles for a term in a language, kept as long as the glossary is.
    checks: dict[tuple[str, str], Any] = field(
        init=False, default_factory=dict, hash=False, compare=False, repr=False
    )

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_id", {t.id: t for t in self.terms})

    def target(self, term_id: str, lang: str) -> str | None:
        """The house-style rendering of a term in `lang`, or None when the glossary has none
        (in Russian, for English-first digests, the term itself)."""
        term = self.by_id.get(term_id)
        if term is None:
            return None
        value = {"en": term.en, "ru": term.ru}.get(lang, term.extra.get(lang, ""))
        return value or None


def split_variants(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split("|")) if value.strip() else ()


def csv_path(path: Path) -> Path:
    """The CSV file of a glossary given as its folder or as the file itself."""
    return path / "terms.csv" if path.is_dir() else path


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def read_csv(path: Path) -> tuple[str, str, str]:
    """The glossary CSV's name to show, its version (sha256 of its bytes) and its text."""
    file = csv_path(Path(path))
    where = _display(file)
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise GlossaryError(
            where, f"cannot read the glossary ({exc.strerror or exc})"
        ) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise GlossaryError(f"{where}:{line}", "not valid UTF-8") from None
    return where, hashlib.sha256(data).hexdigest(), text


def load_glossary(path: Path) -> Glossary:
    """Read and validate a glossary; raise GlossaryError naming file:line on the first problem."""
    where, version, text = read_csv(path)
    return Glossary(terms=parse_rows(text, where), version=version, csv=text)


def parse_rows(text: str, where: str) -> tuple[Term, ...]:
    """Validate CSV text and turn each row into a Term."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: list[str] | None = None
    terms: list[Term] = []
    seen: dict[str, int] = {}
    row_start = 1
    try:
        for row in reader:
            line, row_start = row_start, reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header = _check_header(row, f"{where}:{line}")
                continue
            term = _term(header, row, f"{where}:{line}")
            if term.id in seen:
                raise GlossaryError(
                    f"{where}:{line}",
                    f"duplicate id {term.id!r} (first on line {seen[term.id]})",
                )
            seen[term.id] = line
            terms.append(term)
    except csv.Error as exc:
        raise GlossaryError(f"{where}:{row_start}", f"bad quoting ({exc})") from None
    if header is None:
        raise GlossaryError(f"{where}:1", "empty file: a header row is required")
    return tuple(terms)


def _is_language(code: str) -> bool:
    from babel import (  # only when a CSV is validated, not on a warm run
        Locale,
        UnknownLocaleError,
    )

    try:
        return Locale.parse(code).language == code
    except (UnknownLocaleError, ValueError):
        return False


def _check_header(row: list[str], where: str) -> list[str]:
    header = [h.strip() for h in row]
    for name in header:
        base = name.removesuffix("_forbidden").removesuffix("_allowed")
        if name not in REQUIRED and name not in OPTIONAL and not _is_language(base):
            raise GlossaryError(
                where,
                f"unknown column {name!r} (known: {', '.join(REQUIRED + OPTIONAL)}, en_allowed, "
                "or a language code such as uk, with optional uk_forbidden and uk_allowed)",
            )
        if header.count(name) > 1:
            raise GlossaryError(where, f"column {name!r} appears twice")
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise GlossaryError(where, f"missing column(s): {', '.join(missing)}")
    return header


def _term(header: list[str], row: list[str], where: str) -> Term:
    if len(row) != len(header):
        raise GlossaryError(where, f"{len(row)} fields, the header has {len(header)}")
    values = {name: cell.strip() for name, cell in zip(header, row, strict=True)}
    for name in ("id", "ru", "en"):
        if not values[name]:
            raise GlossaryError(where, f"empty {name!r}")
    if not _ID.fullmatch(values["id"]):
        raise GlossaryError(
            where,
            f"id {values['id']!r}: use lower-case letters, digits, '-', '_' and '.'",
        )
    if values.get("case", "") not in CASE_RULES:
        raise GlossaryError(
            where, f"case {values['case']!r}: use one of auto, capital, any"
        )
    if values.get("status", "") not in STATUSES:
        raise GlossaryError(
            where,
            f"status {values['status']!r}: use mandatory or preferred (empty: mandatory)",
        )
    _check_ru(values["ru"], where)
    extra = {k: v for k, v in values.items() if k not in REQUIRED and v}
    for name, value in values.items():
        if name.endswith("_forbidden"):
            _check_variants(value, values[name.removesuffix("_forbidden")], name, where)
        if name.endswith("_allowed"):
            lang = name.removesuffix("_allowed")
            _check_variants(value, values.get(lang, ""), name, where)
            _check_not_forbidden(
                value, values.get(f"{lang}_forbidden", ""), lang, where
            )
    return Term(
        id=values["id"],
        ru=values["ru"],
        en=values["en"],
        en_forbidden=split_variants(values["en_forbidden"]),
        note=values["note"],
        extra=extra,
    )


def _check_ru(ru: str, where: str) -> None:
    words = tokenize(ru)
    if not words:
        raise GlossaryError(where, f"ru {ru!r} has no words")
    if any(w.gap == BREAK for w in words[1:]):
        raise GlossaryError(
            where,
            f"ru {ru!r}: punctuation inside a term cannot be matched; "
            "only spaces, hyphens and quotes may separate its words",
        )


def _check_variants(value: str, target: str, column: str, where: str) -> None:
    for variant in split_variants(value):
        if not variant:
            raise GlossaryError(
                where, f"{column}: empty variant between '|' separators"
            )
        if target and same_phrase(variant, target):
            raise GlossaryError(
                where,
                f"{column}: {variant!r} is the house-style form itself "
                "(the check ignores case and quote style)",
            )


def _check_not_forbidden(allowed: str, forbidden: str, lang: str, where: str) -> None:
    for variant in split_variants(allowed):
        if any(same_phrase(variant, banned) for banned in split_variants(forbidden)):
            raise GlossaryError(
                where,
                f"{lang}_allowed: {variant!r} is also in {lang}_forbidden; "
                "a rendering cannot be both allowed and forbidden",
            )


def merge_into(glossary_path: Path, incoming: tuple[Term, ...]) -> tuple[int, int]:
    """Merge terms into the CSV: same id → replaced, new id → appended; others untouched.

    The merged file is validated before it replaces the old one, so a bad import
    changes nothing. Returns (added, updated).
    """
    file = csv_path(Path(glossary_path))
    current = load_glossary(file)
    header = _header_of(current.csv)
    rows = {t.id: t for t in current.terms}
    added = sum(1 for t in incoming if t.id not in rows)
    updated = sum(1 for t in incoming if t.id in rows and rows[t.id] != t)
    rows.update({t.id: t for t in incoming})
    for t in incoming:
        header += [k for k in t.extra if k not in header]
    text = _to_csv(header, list(rows.values()))
    parse_rows(text, _display(file))
    write_atomic(file, text)
    return added, updated


def _header_of(text: str) -> list[str]:
    for row in csv.reader(io.StringIO(text, newline="")):
        if any(c.strip() for c in row):
            return [h.strip() for h in row]
    return list(REQUIRED)


def _to_csv(header: list[str], terms: list[Term]) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for t in terms:
        base = {
            "id": t.id,
            "ru": t.ru,
            "en": t.en,
            "en_forbidden": "|".join(t.en_forbidden),
            "note": t.note,
        }
        writer.writerow([base.get(name, t.extra.get(name, "")) for name in header])
    return out.getvalue()
