"""US Consolidated Screening List CSV (2019 and current formats, the latter with ``_id``) and the BIS Denied
Persons List (tab-separated, with a header)."""

from __future__ import annotations

from pathlib import Path

from reechain.compliance.lists._read import csv_rows, read_text, refuse, stable_id
from reechain.compliance.lists.model import ListEntry

_CSL_TYPES = {"individual": "Person", "entity": "Company", "vessel": "Vessel", "aircraft": "Airplane"}
DPL_COLUMNS = ("Name", "Street_Address", "City", "State", "Country", "Postal_Code", "Effective_Date")


def _header(rows: list[tuple[int, list[str]]], required: tuple[str, ...]) -> dict[str, int]:
    if not rows:
        raise refuse("the file is empty", 1)
    header = {h.strip(): i for i, h in enumerate(rows[0][1])}
    missing = [c for c in required if c not in header]
    if missing:
        raise refuse(f"header lacks column(s) {', '.join(missing)}", rows[0][0])
    return header


def read_csl(path: Path) -> list[ListEntry]:
    rows = list(csv_rows(read_text(path)))
    h = _header(rows, ("source", "name", "type", "alt_names", "addresses"))
    entries: list[ListEntry] = []
    seen: set[str] = set()
    for line, row in rows[1:]:
        if len(row) != len(h):
            raise refuse(f"expected {len(h)} columns as in the header, found {len(row)}", line)

        def cell(col: str, row: list[str] = row) -> str:
            return row[h[col]].strip() if col in h else ""

        name = cell("name")
        if not name:
            raise refuse("name is empty", line, "name")
        source = cell("source")
        entry_id = cell("_id") or (f"{source}:{cell('entity_number')}" if cell("entity_number") else "")
        entry_id = entry_id or stable_id(source, name, cell("addresses"), cell("start_date"))
        if entry_id in seen:
            entry_id = f"{entry_id}#{line}"
        seen.add(entry_id)
        programs = [p.strip() for p in cell("programs").split(";") if p.strip()]
        entries.append(
            ListEntry(
                entry_id=entry_id,
                name=name,
                schema=_CSL_TYPES.get(cell("type").lower(), "LegalEntity"),
                aliases=tuple(a.strip() for a in cell("alt_names").split(";") if a.strip()),
                programs=(source, *programs),
                addresses=tuple(a.strip() for a in cell("addresses").split(";") if a.strip()),
            )
        )
    return entries


def read_dpl(path: Path) -> list[ListEntry]:
    rows = list(csv_rows(read_text(path), delimiter="\t"))
    h = _header(rows, DPL_COLUMNS)
    entries: list[ListEntry] = []
    seen: set[str] = set()
    for line, row in rows[1:]:
        if len(row) != len(h):
            raise refuse(f"expected {len(h)} tab-separated columns, found {len(row)}", line)
        name = row[h["Name"]].strip()
        if not name:
            raise refuse("Name is empty", line, "Name")
        street, effective = row[h["Street_Address"]].strip(), row[h["Effective_Date"]].strip()
        entry_id = stable_id(name, street, effective)
        if entry_id in seen:
            entry_id = f"{entry_id}#{line}"
        seen.add(entry_id)
        country = row[h["Country"]].strip().upper()
        entries.append(
            ListEntry(
                entry_id=entry_id,
                name=name,
                schema="LegalEntity",
                country=country if len(country) == 2 else None,
                programs=("DPL", effective),
                addresses=(", ".join(c for c in (street, row[h["City"]].strip()) if c),),
            )
        )
    return entries
