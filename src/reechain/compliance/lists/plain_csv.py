"""A group's own list: CSV with columns ``entry_id,name,schema,country,aliases`` (aliases split by ``;``)."""

from __future__ import annotations

from pathlib import Path

from reechain.compliance.lists._read import csv_rows, read_text, refuse
from reechain.compliance.lists.model import SCHEMAS, ListEntry

COLUMNS = ("entry_id", "name", "schema", "country", "aliases")


def read(path: Path) -> list[ListEntry]:
    rows = list(csv_rows(read_text(path)))
    if not rows:
        raise refuse("the file is empty", 1)
    header = [c.strip() for c in rows[0][1]]
    if header != list(COLUMNS):
        raise refuse(f"header must be {','.join(COLUMNS)}; found {','.join(header)}", rows[0][0])
    entries: list[ListEntry] = []
    seen: set[str] = set()
    for line, row in rows[1:]:
        if len(row) != len(COLUMNS):
            raise refuse(f"expected {len(COLUMNS)} columns, found {len(row)}", line)
        entry_id, name, schema, country, aliases = (c.strip() for c in row)
        if not entry_id:
            raise refuse("entry_id is empty", line, "entry_id")
        if entry_id in seen:
            raise refuse(f"entry_id {entry_id!r} appears twice", line, "entry_id")
        seen.add(entry_id)
        if not name:
            raise refuse("name is empty", line, "name")
        if schema not in SCHEMAS:
            raise refuse(
                f"schema must be one of {', '.join(sorted(SCHEMAS))}; got {schema!r}", line, "schema"
            )
        if country and not (len(country) == 2 and country.isalpha()):
            raise refuse(
                f"country must be an ISO 3166 alpha-2 code or empty; got {country!r}", line, "country"
            )
        entries.append(
            ListEntry(
                entry_id=entry_id,
                name=name,
                schema=schema,
                country=country.upper() or None,
                aliases=tuple(a.strip() for a in aliases.split(";") if a.strip()),
            )
        )
    return entries
