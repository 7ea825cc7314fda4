"""Packaged reference data (``reechain/data``), read with the standard library only.

Rows keep every column of the file, including ``source`` and ``confidence``: callers decide what to show.
"""

from __future__ import annotations

import csv
import io
from functools import cache
from importlib import resources

from reechain.domain.elements import ElementTable, load_elements


def read_text(relative_path: str) -> str:
    """Text of a packaged data file, e.g. ``"rare_earths/elements.csv"``."""
    node = resources.files("reechain.data")
    for part in relative_path.split("/"):
        node = node.joinpath(part)
    return node.read_text(encoding="utf-8")


def read_csv(relative_path: str) -> list[dict[str, str]]:
    """Every row of a packaged CSV file as a dict of column → text (all columns kept)."""
    return list(csv.DictReader(io.StringIO(read_text(relative_path))))


@cache
def elements() -> ElementTable:
    """The 17 rare-earth elements (lanthanides, Sc, Y) from ``rare_earths/elements.csv``."""
    return load_elements(read_csv("rare_earths/elements.csv"))


def china_quotas() -> list[dict[str, str]]:
    """MIIT/MNR quota indicators (t REO) with their source and confidence columns."""
    return read_csv("rare_earths/china_quotas.csv")
