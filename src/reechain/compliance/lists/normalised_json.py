"""Normalised JSON snapshots ``{sourceId, capturedAt, records[]}``: OFAC SDN (``ofac-sdn-json``), the UK
sanctions list (``uk``, with ``namesNonLatin``) and MOFCOM's lists (``mofcom-uel``, ``mofcom-control``)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reechain.compliance.lists._read import read_text, refuse
from reechain.compliance.lists.model import ListEntry

_TYPES = {
    "individual": "Person",
    "person": "Person",
    "entity": "Company",
    "organization": "Company",
    "vessel": "Vessel",
    "ship": "Vessel",
    "aircraft": "Airplane",
}


def _records(path: Path) -> list[dict[str, Any]]:
    try:
        doc = json.loads(read_text(path))
    except json.JSONDecodeError as e:
        raise refuse(f"not valid JSON: {e.msg}", e.lineno) from None
    records = doc.get("records") if isinstance(doc, dict) else None
    if not isinstance(records, list):
        raise refuse("expected an object with a 'records' array", 1, "records")
    for n, r in enumerate(records, start=1):
        if not isinstance(r, dict):
            raise refuse(f"record {n} is not an object", None, f"records[{n}]")
    return records


def _strings(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(v.strip() for v in value if isinstance(v, str) and v.strip())


def _required(r: dict[str, Any], key: str, n: int) -> str:
    value = r.get(key)
    if not isinstance(value, str | int) or not str(value).strip():
        raise refuse(f"record {n} has no {key}", None, f"records[{n}].{key}")
    return str(value).strip()


def _merge(entries: list[ListEntry]) -> list[ListEntry]:
    """Snapshots repeat a record once per row of the source; keep one entry per id with every name."""
    merged: dict[str, ListEntry] = {}
    for e in entries:
        prev = merged.get(e.entry_id)
        if prev is None:
            merged[e.entry_id] = e
        else:
            aliases = tuple(dict.fromkeys((*prev.aliases, *e.names())))
            merged[e.entry_id] = ListEntry(
                prev.entry_id,
                prev.name,
                prev.schema,
                prev.country or e.country,
                aliases,
                tuple(dict.fromkeys((*prev.programs, *e.programs))),
                prev.addresses,
            )
    return [
        ListEntry(
            e.entry_id,
            e.name,
            e.schema,
            e.country,
            tuple(dict.fromkeys(a for a in e.aliases if a != e.name)),
            e.programs,
            e.addresses,
        )
        for e in merged.values()
    ]


def read_ofac(path: Path) -> list[ListEntry]:
    out = []
    for n, r in enumerate(_records(path), start=1):
        out.append(
            ListEntry(
                entry_id=_required(r, "recordId", n),
                name=_required(r, "entityName", n),
                schema=_TYPES.get(str(r.get("entityType", "")).lower(), "Company"),
                aliases=_strings(r.get("aliases")),
                programs=(*_strings(r.get("programs")), *_strings([r.get("sourceList")])),
                addresses=_strings(r.get("addresses")),
            )
        )
    return _merge(out)


def read_uk(path: Path) -> list[ListEntry]:
    out = []
    for n, r in enumerate(_records(path), start=1):
        out.append(
            ListEntry(
                entry_id=_required(r, "recordId", n),
                name=_required(r, "entityName", n),
                schema=_TYPES.get(str(r.get("designationType", "")).lower(), "Company"),
                aliases=(*_strings(r.get("aliases")), *_strings(r.get("namesNonLatin"))),
                programs=_strings(r.get("regimes")),
                addresses=_strings(r.get("addresses")),
            )
        )
    return _merge(out)


def read_mofcom(path: Path) -> list[ListEntry]:
    out = []
    for n, r in enumerate(_records(path), start=1):
        if not r.get("entityName") and not r.get("entityNameEn"):
            continue  # a notice-level record (the announcement itself), not a listed entity
        english = r.get("entityNameEn")
        country = r.get("countryCode")
        programs = [str(r[k]) for k in ("measureType", "noticeNumber") if r.get(k)]
        out.append(
            ListEntry(
                entry_id=_required(r, "recordId", n),
                name=str(r.get("entityName") or english).strip(),
                schema="Company",
                country=str(country).upper() if isinstance(country, str) and country else None,
                aliases=(
                    *((english.strip(),) if isinstance(english, str) and english.strip() else ()),
                    *_strings(r.get("aliases")),
                ),
                programs=tuple(programs),
                addresses=_strings(r.get("addresses")),
            )
        )
    return _merge(out)


READERS: dict[str, Callable[[Path], list[ListEntry]]] = {
    "ofac-sdn-json": read_ofac,
    "uk": read_uk,
}
