"""Market scenario files (`reechain market simulate`): parsing and validation, one clear problem per bad
field.

Format (DESIGN.md, "Market")::

    start: 2026-01
    months: 24
    runs: 500
    seed: 3
    shocks:
      - {kind: export_licensing, country: CN, elements: [Tb], start: 2026-03, end: 2026-08,
         export_share_allowed: 0.5}

``parse_shock`` is public: other tools (market signals) produce shocks as dicts in this format.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from reechain.domain.elements import ELEMENT_SYMBOLS
from reechain.domain.errors import InvalidInput, Problem

SHOCK_KINDS = (
    "export_quota",
    "export_licensing",
    "mine_outage",
    "production_quota",
    "stockpile",
    "demand_shift",
)
SUPPLY_COUNTRIES = ("CN", "MM", "US", "AU", "OTHER")
"""Mine supply is modelled for China, Myanmar, the United States, Australia and the rest of the world."""
MAX_MONTHS = 600
MAX_RUNS = 1_000_000
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def month_index(text: str) -> int:
    """'2026-03' → 2026 * 12 + 2 (months since year 0)."""
    m = _MONTH.match(text)
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise ValueError(f"a month YYYY-MM, got {text!r}")
    return int(m.group(1)) * 12 + int(m.group(2)) - 1


def month_text(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


@dataclass(frozen=True)
class Shock:
    kind: str
    start: int
    """First month (month index, see ``month_index``)."""
    end: int
    """Last month, inclusive."""
    elements: tuple[str, ...]
    country: str | None = None
    change: float | None = None
    export_share_allowed: float | None = None
    tonnes_per_month: float | None = None

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": self.kind,
            "start": month_text(self.start),
            "end": month_text(self.end),
            "elements": list(self.elements),
        }
        for k in ("country", "change", "export_share_allowed", "tonnes_per_month"):
            if getattr(self, k) is not None:
                out[k] = getattr(self, k)
        return out


@dataclass(frozen=True)
class Scenario:
    start: int
    months: int
    runs: int
    seed: int
    shocks: tuple[Shock, ...] = field(default_factory=tuple)
    name: str = ""

    @property
    def month_labels(self) -> list[str]:
        return [month_text(self.start + i) for i in range(self.months)]

    @property
    def base_month(self) -> int:
        """The month whose price index is 1.0: the month before the first shock (or before ``start``)."""
        first = min((s.start for s in self.shocks), default=self.start)
        return first - 1

    def as_dict(self) -> dict[str, Any]:
        return {
            "start": month_text(self.start),
            "months": self.months,
            "runs": self.runs,
            "seed": self.seed,
            "shocks": [s.as_dict() for s in self.shocks],
        }


def _month(d: Mapping[str, Any], key: str, where: str, problems: list[Problem]) -> int | None:
    v = d.get(key)
    if v is None:
        problems.append(Problem("required (YYYY-MM)", field=f"{where}{key}"))
        return None
    try:
        return month_index(str(v))
    except ValueError as e:
        problems.append(Problem(str(e), field=f"{where}{key}"))
        return None


def _number(
    d: Mapping[str, Any], key: str, where: str, problems: list[Problem], lo: float, hi: float
) -> float | None:
    v = d.get(key)
    if v is None:
        return None
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
        problems.append(Problem(f"a finite number, got {v!r}", field=f"{where}{key}"))
        return None
    if not lo <= v <= hi:
        problems.append(Problem(f"must be within [{lo:g}, {hi:g}], got {v!r}", field=f"{where}{key}"))
        return None
    return float(v)


def _elements(d: Mapping[str, Any], where: str, problems: list[Problem]) -> tuple[str, ...]:
    v = d.get("elements")
    if v == "all":
        return ELEMENT_SYMBOLS
    if isinstance(v, str):
        v = [v]
    if not isinstance(v, list) or not v:
        problems.append(Problem("a list of element symbols or 'all'", field=f"{where}elements"))
        return ()
    bad = [x for x in v if x not in ELEMENT_SYMBOLS]
    if bad:
        problems.append(Problem(f"unknown element {', '.join(map(repr, bad))}", field=f"{where}elements"))
        return ()
    return tuple(sorted(set(v), key=ELEMENT_SYMBOLS.index))


def _shock_problems(d: Mapping[str, Any], where: str) -> tuple[Shock | None, list[Problem]]:
    problems: list[Problem] = []
    kind = d.get("kind")
    if kind not in SHOCK_KINDS:
        problems.append(Problem(f"one of {', '.join(SHOCK_KINDS)}, got {kind!r}", field=f"{where}kind"))
    start = _month(d, "start", where, problems)
    end = _month(d, "end", where, problems)
    if start is not None and end is not None and end < start:
        problems.append(
            Problem(f"end {month_text(end)} is before start {month_text(start)}", field=f"{where}end")
        )
    elements = _elements(d, where, problems)
    country = d.get("country")
    if country is not None and (not isinstance(country, str) or not re.fullmatch(r"[A-Z]{2}|OTHER", country)):
        problems.append(Problem(f"an ISO 3166 alpha-2 code, got {country!r}", field=f"{where}country"))
        country = None
    change = _number(d, "change", where, problems, -1.0, 10.0)
    share = _number(d, "export_share_allowed", where, problems, 0.0, 1.0)
    tonnes = _number(d, "tonnes_per_month", where, problems, -1e7, 1e7)
    needs = {
        "export_quota": "change",
        "mine_outage": "change",
        "production_quota": "change",
        "demand_shift": "change",
        "export_licensing": "export_share_allowed",
        "stockpile": "tonnes_per_month",
    }.get(str(kind))
    if needs and d.get(needs) is None:
        problems.append(Problem(f"a {kind} shock needs {needs}", field=f"{where}{needs}"))
    if kind in ("export_quota", "export_licensing") and country not in (None, "CN"):
        problems.append(Problem("only exports from China (CN) link the two markets", field=f"{where}country"))
    if kind == "mine_outage" and country is None:
        problems.append(Problem("a mine outage names its country", field=f"{where}country"))
    if (
        kind in ("mine_outage", "production_quota")
        and country is not None
        and country not in SUPPLY_COUNTRIES
    ):
        problems.append(
            Problem(
                f"mine supply is modelled for {', '.join(SUPPLY_COUNTRIES)}; got {country!r}",
                field=f"{where}country",
            )
        )
    if kind == "mine_outage" and change is not None and change > 0:
        problems.append(Problem("an outage lowers supply: change must be ≤ 0", field=f"{where}change"))
    unknown = set(d) - {"kind", "start", "end", "elements", "country", "change", "export_share_allowed"}
    unknown -= {"tonnes_per_month", "source", "note", "id"}
    for k in sorted(map(str, unknown)):
        problems.append(Problem("unknown field", field=f"{where}{k}"))
    if problems or start is None or end is None:
        return None, problems
    if kind in ("export_quota", "export_licensing"):
        country = "CN"
    return Shock(str(kind), start, end, elements, country, change, share, tonnes), []


def parse_shock(d: Mapping[str, Any], where: str = "") -> Shock:
    """One shock from its dict form (DESIGN.md); raises InvalidInput naming each bad field."""
    if not isinstance(d, Mapping):
        raise InvalidInput(
            "a shock is a mapping", [Problem(f"got {type(d).__name__}", field=where or "shock")]
        )
    shock, problems = _shock_problems(d, f"{where}." if where else "")
    if shock is None:
        raise InvalidInput("shock is not valid", problems)
    return shock


def parse_scenario(
    d: Any, *, source: str = "scenario", runs: int | None = None, seed: int | None = None
) -> Scenario:
    """A whole scenario; RUNS and SEED (command-line options) override the file's values."""
    if not isinstance(d, Mapping):
        raise InvalidInput(f"{source}: a scenario is a mapping", [Problem("not a mapping", field="scenario")])
    problems: list[Problem] = []
    start = _month(d, "start", "", problems)
    months_v = d.get("months")
    if isinstance(months_v, bool) or not isinstance(months_v, int) or not 1 <= months_v <= MAX_MONTHS:
        problems.append(Problem(f"an integer 1..{MAX_MONTHS}, got {months_v!r}", field="months"))
    runs_v = runs if runs is not None else d.get("runs", 1000)
    if isinstance(runs_v, bool) or not isinstance(runs_v, int) or not 1 <= runs_v <= MAX_RUNS:
        problems.append(Problem(f"an integer 1..{MAX_RUNS}, got {runs_v!r}", field="runs"))
    seed_v = seed if seed is not None else d.get("seed", 0)
    if isinstance(seed_v, bool) or not isinstance(seed_v, int) or seed_v < 0:
        problems.append(Problem(f"an integer ≥ 0, got {seed_v!r}", field="seed"))
    raw = d.get("shocks", [])
    shocks: list[Shock] = []
    if not isinstance(raw, list):
        problems.append(Problem("a list of shocks", field="shocks"))
        raw = []
    for i, s in enumerate(raw):
        if not isinstance(s, Mapping):
            problems.append(Problem("a mapping", field=f"shocks[{i}]"))
            continue
        shock, found = _shock_problems(s, f"shocks[{i}].")
        problems += found
        if shock is not None:
            shocks.append(shock)
    for k in sorted(map(str, set(d) - {"start", "months", "runs", "seed", "shocks", "name", "description"})):
        problems.append(Problem("unknown field", field=k))
    if problems:
        raise InvalidInput(f"{source}: {len(problems)} problem(s)", problems)
    assert (
        start is not None
        and isinstance(months_v, int)
        and isinstance(runs_v, int)
        and isinstance(seed_v, int)
    )
    end = start + months_v - 1
    for i, s in enumerate(shocks):
        if s.start > end:
            problems.append(
                Problem(
                    f"starts after the scenario's last month {month_text(end)}", field=f"shocks[{i}].start"
                )
            )
    if problems:
        raise InvalidInput(f"{source}: {len(problems)} problem(s)", problems)
    return Scenario(start, months_v, runs_v, seed_v, tuple(shocks), str(d.get("name", "")))


def load_scenario(path: Path, *, runs: int | None = None, seed: int | None = None) -> Scenario:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise InvalidInput(f"cannot read {path}", [Problem(str(e), field=str(path))]) from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        raise InvalidInput(f"{path}: not valid YAML", [Problem(str(e), field=str(path))]) from None
    # YAML reads 2026-01 as text but 2026-01-01 as a date: keep the months as written
    return parse_scenario(data, source=str(path), runs=runs, seed=seed)
