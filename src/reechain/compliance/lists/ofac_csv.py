"""OFAC legacy ``sdn.csv`` (no header; ``-0-`` for null), joined with ``alt.csv`` (aliases) and ``add.csv``
(addresses, for the country) when those files lie next to it."""

from __future__ import annotations

from pathlib import Path

from reechain.compliance.lists._read import csv_rows, null, read_text, refuse
from reechain.compliance.lists.model import ListEntry

SDN_COLUMNS = 12
_TYPES = {"individual": "Person", "vessel": "Vessel", "aircraft": "Airplane"}


def _sibling(path: Path, stem: str) -> Path | None:
    for name in (f"{stem}.csv", f"{stem}.csv.gz", f"{stem.upper()}.CSV"):
        candidate = path.with_name(name)
        if candidate.exists():
            return candidate
    return None


def _joined(path: Path, stem: str, min_columns: int, name_col: int) -> dict[str, list[str]]:
    sibling = _sibling(path, stem) if path.name.lower().startswith("sdn.") else None
    out: dict[str, list[str]] = {}
    if sibling is None:
        return out
    for line, row in csv_rows(read_text(sibling)):
        if len(row) < min_columns:
            raise refuse(f"{sibling.name}: expected {min_columns} columns, found {len(row)}", line)
        value = null(row[name_col])
        if value:
            out.setdefault(row[0].strip(), []).append(value)
    return out


def read(path: Path) -> list[ListEntry]:
    aliases = _joined(path, "alt", 4, 3)
    countries = _joined(path, "add", 5, 4)
    entries: list[ListEntry] = []
    for line, row in csv_rows(read_text(path)):
        if len(row) != SDN_COLUMNS:
            raise refuse(f"expected {SDN_COLUMNS} columns (ent_num ... Remarks), found {len(row)}", line)
        ent_num = row[0].strip()
        if not ent_num.isdigit():
            raise refuse(f"ent_num must be a whole number, got {ent_num!r}", line, "ent_num")
        name = null(row[1])
        if not name:
            raise refuse("SDN_Name is empty", line, "SDN_Name")
        sdn_type = (null(row[2]) or "").lower()
        program = null(row[3])
        entries.append(
            ListEntry(
                entry_id=ent_num,
                name=name,
                schema=_TYPES.get(sdn_type, "Company"),
                country=None,
                aliases=tuple(aliases.get(ent_num, [])),
                programs=tuple(p.strip(" []") for p in program.split("] [")) if program else (),
                addresses=tuple(countries.get(ent_num, [])),
            )
        )
    return entries
