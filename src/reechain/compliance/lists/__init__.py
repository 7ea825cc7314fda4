"""Restricted-party list importers: one module per format, all reading into ``ListEntry``.

``read_list(path, fmt)`` reads the whole file before anything is stored and raises ``InvalidInput`` naming
the line or record and the reason when the file is malformed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reechain.compliance.lists import mofcom, ofac_csv, ofac_xml, plain_csv, us_trade
from reechain.compliance.lists._read import refuse
from reechain.compliance.lists.model import ListedEntry, ListEntry
from reechain.compliance.lists.normalised_json import read_ofac, read_uk
from reechain.domain.errors import InvalidInput, Problem

FORMATS: dict[str, Callable[[Path], list[ListEntry]]] = {
    "ofac-sdn-csv": ofac_csv.read,
    "ofac-sdn-xml": ofac_xml.read,
    "ofac-sdn-json": read_ofac,
    "csl-csv": us_trade.read_csl,
    "bis-dpl": us_trade.read_dpl,
    "uk": read_uk,
    "mofcom-uel": mofcom.read,
    "mofcom-control": mofcom.read,
    "csv": plain_csv.read,
}


def read_list(path: Path, fmt: str) -> list[ListEntry]:
    reader = FORMATS.get(fmt)
    if reader is None:
        raise InvalidInput(
            f"unknown list format {fmt!r}", [Problem(f"one of {', '.join(FORMATS)}", "format")]
        )
    entries = reader(path)
    if not entries:
        raise refuse("the file holds no list entries")
    return entries


__all__ = ["FORMATS", "ListEntry", "ListedEntry", "read_list"]
