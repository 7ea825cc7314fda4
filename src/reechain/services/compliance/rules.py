"""The rule files in force (measures and the screening policy), and the measures that apply on a day."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from reechain.bootstrap import Container
from reechain.compliance.rules import PACKAGED_RULES_DIR, RuleBook, Status, load_rules
from reechain.domain.errors import InvalidInput, Problem


@lru_cache(maxsize=8)
def _cached_rules(folder: str, stamp: tuple[tuple[str, float], ...]) -> RuleBook:
    return load_rules(Path(folder))


def rule_book(c: Container) -> RuleBook:
    """The rule files in force (reloaded when a file changes, so users edit YAML without a restart)."""
    folder = Path(c.settings.rules_dir or PACKAGED_RULES_DIR)
    if not folder.is_dir():
        raise InvalidInput(
            f"rules folder {folder} does not exist", [Problem("not a folder", field="rules_dir")]
        )
    stamp = tuple(sorted((p.name, p.stat().st_mtime) for p in folder.glob("*.y*ml")))
    return _cached_rules(str(folder), stamp)


def rules_as_of(c: Container, on: date, *, all_measures: bool = False) -> list[dict[str, Any]]:
    book = rule_book(c)
    out = []
    for m in book.measures:
        status, why = book.status(m, on)
        if not all_measures and status is not Status.IN_FORCE:
            continue
        out.append(
            {
                "id": m.id,
                "title": m.title,
                "status": status.value,
                "why": why,
                "effective": m.effective.isoformat(),
                "lapses": m.lapses.isoformat() if m.lapses else None,
                "elements": sorted(m.scope.elements),
                "forms": sorted(m.scope.forms),
                "hs_codes": len(m.scope.hs_codes),
                "licence_kinds": sorted(m.satisfied_by),
                "source": list(m.source),
            }
        )
    return out
