"""The register's CSV files (format: docs/risk.md, "Party files"): parties, ownership, documents.

Every problem of a file is collected and raised at once, each naming the file, the row (line of the file)
and the field; nothing is half read.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections import defaultdict
from collections.abc import Collection, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation

from reechain.domain.errors import InvalidInput, Problem
from reechain.risk.ownership import TOLERANCE
from reechain.risk.parties import (
    DOCUMENT_KINDS,
    ID_MAX,
    NAME_MAX,
    ROLES,
    SCHEMAS,
    Document,
    Holding,
    PartyRecord,
)

PARTY_COLUMNS = ("id", "name", "schema", "country")
PARTY_OPTIONAL = (
    "roles",
    "other_names",
    "registration_ids",
    "addresses",
    "transit_countries",
    "annex_ii",
    "red_flags",
    "late_payments",
)
OWNERSHIP_COLUMNS = ("owner_id", "owned_id", "share")
DOCUMENT_COLUMNS = ("party_id", "kind", "reference", "expires_on")
_COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
_MAX_PROBLEMS = 50


def _rows(text: str, file_name: str, required: Sequence[str]) -> list[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in required if c not in header]
    if missing:
        raise InvalidInput(
            f"{file_name}: bad header",
            [Problem(f"missing column {c}", c, 1) for c in missing],
        )
    reader.fieldnames = header
    rows: list[tuple[int, dict[str, str]]] = []
    try:
        for row in reader:
            if None in row:
                raise InvalidInput(
                    f"{file_name}: bad row",
                    [Problem("more fields than the header has", None, reader.line_num)],
                )
            rows.append((reader.line_num, {k: (v or "").strip() for k, v in row.items()}))
    except csv.Error as e:
        raise InvalidInput(f"{file_name}: not valid CSV", [Problem(str(e), None, reader.line_num)]) from None
    return rows


def _raise(file_name: str, what: str, problems: list[Problem]) -> None:
    if problems:
        raise InvalidInput(f"{file_name}: {what}", problems[:_MAX_PROBLEMS])


def _split(value: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(p.strip() for p in value.split(";") if p.strip()))


def _country(value: str, column: str, line: int, problems: list[Problem]) -> str | None:
    code = value.strip().upper()
    if code and not _COUNTRY_RE.match(code):
        problems.append(Problem(f"not an ISO 3166 two-letter code: {value!r}", column, line))
        return None
    return code or None


def read_parties(text: str, file_name: str, guidance_codes: Collection[str] = ()) -> list[PartyRecord]:
    """Parties with ``id,name,schema,country`` and optionally the columns of ``PARTY_OPTIONAL`` (others are
    ignored). ``schema`` may be empty (screened as a person and as an organisation)."""
    problems: list[Problem] = []
    parties: list[PartyRecord] = []
    seen: dict[str, int] = {}
    for line, row in _rows(text, file_name, PARTY_COLUMNS):
        pid, name = row["id"], row["name"]
        if not pid:
            problems.append(Problem("empty", "id", line))
        elif len(pid) > ID_MAX:
            problems.append(Problem(f"longer than {ID_MAX} characters", "id", line))
        elif pid in seen:
            problems.append(Problem(f"{pid!r} already on line {seen[pid]}", "id", line))
        seen.setdefault(pid, line)
        if not name:
            problems.append(Problem("empty", "name", line))
        elif len(name) > NAME_MAX:
            problems.append(Problem(f"longer than {NAME_MAX} characters", "name", line))
        schema = row["schema"] or None
        if schema is not None and schema not in SCHEMAS:
            problems.append(Problem(f"one of {', '.join(SCHEMAS)} or empty", "schema", line))
        country = _country(row["country"], "country", line, problems)
        roles = _split(row.get("roles", ""))
        for r in roles:
            if r not in ROLES:
                problems.append(Problem(f"unknown role {r!r} (one of {', '.join(ROLES)})", "roles", line))
        reg_ids: list[tuple[str, str]] = []
        for item in _split(row.get("registration_ids", "")):
            kind, sep, value = item.partition(":")
            if not sep or not kind.strip() or not value.strip():
                problems.append(Problem(f"{item!r} is not KIND:VALUE", "registration_ids", line))
            else:
                reg_ids.append((kind.strip(), value.strip()))
        transit = tuple(
            c
            for c in (
                _country(x, "transit_countries", line, problems)
                for x in _split(row.get("transit_countries", ""))
            )
            if c
        )
        answers: dict[str, tuple[str, ...]] = {}
        for column in ("annex_ii", "red_flags"):
            answers[column] = _split(row.get(column, ""))
            for code in answers[column]:
                if code not in guidance_codes:
                    problems.append(Problem(f"unknown guidance code {code!r}", column, line))
        late = 0
        raw_late = row.get("late_payments", "")
        if raw_late:
            if not raw_late.isdigit():
                problems.append(Problem(f"a whole number ≥ 0, not {raw_late!r}", "late_payments", line))
            else:
                late = int(raw_late)
        other = tuple(n for n in _split(row.get("other_names", "")) if n != name)
        for n in other:
            if len(n) > NAME_MAX:
                problems.append(Problem(f"a name longer than {NAME_MAX} characters", "other_names", line))
        parties.append(
            PartyRecord(
                party_id=pid,
                name=name,
                schema=schema,
                country=country,
                roles=roles,
                other_names=other,
                registration_ids=tuple(reg_ids),
                addresses=_split(row.get("addresses", "")),
                transit_countries=transit,
                annex_ii=answers["annex_ii"],
                red_flags=answers["red_flags"],
                late_payments=late,
            )
        )
    _raise(file_name, "bad party file", problems)
    return parties


def _share(raw: str, line: int, problems: list[Problem]) -> float | None:
    try:
        value = Decimal(raw)
    except InvalidOperation:
        problems.append(Problem(f"not a number: {raw!r}", "share", line))
        return None
    if not value.is_finite():
        problems.append(Problem(f"not a finite number: {raw!r}", "share", line))
        return None
    if not Decimal(0) < value <= Decimal(1):
        problems.append(Problem(f"a fraction in (0, 1], not {raw}", "share", line))
        return None
    return float(value)


def read_ownership(text: str, file_name: str, known_ids: Collection[str]) -> list[Holding]:
    """``owner_id,owned_id,share``: ids must be known parties, a share in (0, 1], an owner once per owned
    entity, nobody owning itself, and the shares in one entity adding up to at most 1."""
    problems: list[Problem] = []
    holdings: list[Holding] = []
    seen: dict[tuple[str, str], int] = {}
    totals: dict[str, float] = defaultdict(float)
    last_line: dict[str, int] = {}
    for line, row in _rows(text, file_name, OWNERSHIP_COLUMNS):
        owner, owned = row["owner_id"], row["owned_id"]
        for column, pid in (("owner_id", owner), ("owned_id", owned)):
            if pid not in known_ids:
                problems.append(Problem(f"unknown party id {pid!r}", column, line))
        if owner and owner == owned:
            problems.append(Problem(f"{owner!r} cannot own itself", "owned_id", line))
        if (owner, owned) in seen:
            problems.append(
                Problem(f"{owner} → {owned} already on line {seen[(owner, owned)]}", "owner_id", line)
            )
        seen.setdefault((owner, owned), line)
        share = _share(row["share"], line, problems)
        if share is not None and not math.isnan(share):
            totals[owned] += share
            last_line[owned] = line
            holdings.append(Holding(owner, owned, share))
    for owned, total in sorted(totals.items()):
        if total > 1 + TOLERANCE:
            problems.append(
                Problem(
                    f"the shares in {owned!r} add up to {total:.4g} (more than 1)", "share", last_line[owned]
                )
            )
    _raise(file_name, "bad ownership file", problems)
    return holdings


def read_documents(text: str, file_name: str, known_ids: Collection[str]) -> dict[str, list[Document]]:
    """``party_id,kind,reference,expires_on`` (``YYYY-MM-DD``, empty: does not expire)."""
    problems: list[Problem] = []
    out: dict[str, list[Document]] = defaultdict(list)
    for line, row in _rows(text, file_name, DOCUMENT_COLUMNS):
        pid = row["party_id"]
        if pid not in known_ids:
            problems.append(Problem(f"unknown party id {pid!r}", "party_id", line))
        if row["kind"] not in DOCUMENT_KINDS:
            problems.append(Problem(f"one of {', '.join(DOCUMENT_KINDS)}", "kind", line))
        expires: date | None = None
        if row["expires_on"]:
            try:
                expires = date.fromisoformat(row["expires_on"])
            except ValueError:
                problems.append(
                    Problem(f"not a date (YYYY-MM-DD): {row['expires_on']!r}", "expires_on", line)
                )
        if len(row["reference"]) > 200:
            problems.append(Problem("longer than 200 characters", "reference", line))
        out[pid].append(Document(row["kind"], row["reference"], expires))
    _raise(file_name, "bad document file", problems)
    return dict(out)
