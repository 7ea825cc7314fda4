"""Market use cases: the world view (figures, shares, HHI), the group's position in it, analysts' own figures,
scenario simulation and calibration. Stored scenario runs (web jobs) are in ``services.market_runs``."""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Callable, Collection
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

from reechain.bootstrap import Container
from reechain.domain.elements import ELEMENT_SYMBOLS
from reechain.domain.errors import Forbidden, InvalidInput, Problem
from reechain.domain.roles import Role
from reechain.market import world
from reechain.market.baseline import load_baseline, load_parameters
from reechain.market.position import Share
from reechain.market.scenario import Scenario, load_scenario
from reechain.store.tables import market as t

ANALYST_ROLES = (Role.ANALYST, Role.ADMIN)
FIGURE_COLUMNS = (
    "stage",
    "element",
    "country",
    "company",
    "year",
    "value",
    "unit",
    "source",
    "vintage",
    "confidence",
)


def require_analyst(roles: Collection[Role] | None) -> None:
    """None = the local operator (CLI on the database's machine); otherwise analyst or admin."""
    if roles is not None and not set(roles) & set(ANALYST_ROLES):
        raise Forbidden("this needs the role analyst")


def _now() -> datetime:
    return datetime.now(UTC)


# ---------------------------------------------------------------- world view


def imported_figures(c: Container) -> list[world.Figure]:
    with c.uow() as uow:
        rows = uow.session.execute(select(t.figures).order_by(t.figures.c.id)).mappings().all()
    return [
        world.Figure(
            r["stage"],
            r["country"],
            r["year"],
            r["value"],
            r["unit"],
            r["source"],
            r["vintage"],
            r["confidence"],
            r["element"],
            r["company"],
        )
        for r in rows
    ]


def concentration_document(con: world.Concentration) -> dict[str, Any]:
    """``{"stage", "year", "hhi", "shares": [{"country", "share", "source", "vintage"}]}`` and more."""
    return {
        "stage": con.stage,
        "year": con.year,
        "element": con.element,
        "hhi": con.hhi,
        "hhi_min": con.hhi_min,
        "basis": con.basis,
        "rest_counting": con.rest_counting,
        "shares": [
            {
                "country": s.country,
                "share": s.share,
                "source": s.source,
                "vintage": s.vintage,
                "confidence": s.confidence,
                "value": s.value,
                "unit": s.unit,
                "companies": [asdict(x) for x in s.companies],
            }
            for s in con.shares
        ],
    }


def concentration(
    c: Container | None, stage: str, *, element: str | None = None, year: int | None = None
) -> dict[str, Any]:
    """Shares by country (and company where known) of a chain stage and its HHI.

    C None: the packaged data only (no imported figures)."""
    figs = imported_figures(c) if c is not None else []
    return concentration_document(world.concentration(stage, element=element, year=year, imported=figs))


def world_view(c: Container | None) -> dict[str, Any]:
    """Every stage's concentration that the data supports, prices and demand, with sources."""
    stages: dict[str, Any] = {}
    for stage in world.STAGES:
        try:
            stages[stage] = concentration(c, stage)
        except Exception as e:
            stages[stage] = {"stage": stage, "missing": str(getattr(e, "message", e))}
    return {"stages": stages, "prices": world.prices(), "demand": world.demand()}


def _parse_figure(r: dict[str, str], line: int) -> tuple[dict[str, Any] | None, list[Problem]]:
    problems: list[Problem] = []
    stage = (r.get("stage") or "").strip()
    if stage not in world.STAGES:
        problems.append(Problem(f"one of {', '.join(world.STAGES)}, got {stage!r}", field="stage", line=line))
    element = (r.get("element") or "").strip() or None
    if element is not None and element not in ELEMENT_SYMBOLS:
        problems.append(Problem(f"unknown element {element!r}", field="element", line=line))
    country = (r.get("country") or "").strip()
    if not country:
        problems.append(Problem("required", field="country", line=line))
    year_t = (r.get("year") or "").strip()
    year = int(year_t) if year_t.isdigit() and 1900 <= int(year_t) <= 2200 else None
    if year is None:
        problems.append(Problem(f"a year, got {year_t!r}", field="year", line=line))
    try:
        value = float((r.get("value") or "").strip())
        if not math.isfinite(value) or value < 0:
            raise ValueError
    except ValueError:
        problems.append(Problem(f"a finite number ≥ 0, got {r.get('value')!r}", field="value", line=line))
        value = 0.0
    for k in ("unit", "source", "vintage", "confidence"):
        if not (r.get(k) or "").strip():
            problems.append(
                Problem(
                    "required (every figure names its unit, source, vintage, confidence)", field=k, line=line
                )
            )
    if problems:
        return None, problems
    return {
        "stage": stage,
        "element": element,
        "country": country,
        "company": (r.get("company") or "").strip() or None,
        "year": year,
        "value": value,
        "unit": r["unit"].strip(),
        "source": r["source"].strip(),
        "vintage": r["vintage"].strip(),
        "confidence": r["confidence"].strip(),
    }, []


def import_figures(
    c: Container, path: Path, *, by: str | None = None, roles: Collection[Role] | None = None
) -> int:
    """Import an analyst's own figures (CSV, columns FIGURE_COLUMNS; element and company may be empty):
    all rows or none."""
    require_analyst(roles)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise InvalidInput(f"cannot read {path}", [Problem(str(e), field=str(path))]) from None
    reader = csv.DictReader(io.StringIO(text))
    missing = set(FIGURE_COLUMNS) - set(reader.fieldnames or [])
    if missing:
        raise InvalidInput(
            f"{path}: missing columns", [Problem("missing column", field=k) for k in sorted(missing)]
        )
    good, problems = [], []
    for i, r in enumerate(reader, start=2):
        row, found = _parse_figure(r, i)
        problems += found
        if row is not None:
            good.append(row)
    if problems:
        raise InvalidInput(f"{path}: {len(problems)} problem(s); nothing imported", problems)
    if not good:
        raise InvalidInput(f"{path}: no rows", [Problem("no rows", field=str(path))])
    now = _now()
    with c.uow() as uow:
        uow.session.execute(insert(t.figures), [{**g, "imported_by": by, "imported_at": now} for g in good])
        uow.commit()
    return len(good)


# ---------------------------------------------------------------- the group's position


def world_market_sizes(year: int) -> list[Any]:
    """Market size per element for YEAR, t REO: the baseline split (data/market/baseline.csv) of the USGS
    world mine production of YEAR (or of the latest year USGS gives), each with its source."""
    from reechain.market.position import MarketSize

    base_year = year
    total = world.world_mine_production_t_reo(year)
    if total is None:
        base_year = world.latest_mining_year()
        total = world.world_mine_production_t_reo(base_year)
    assert total is not None
    b = load_baseline()
    w = b.world_demand_t_per_month * 12
    scale = total.value / float(w.sum())
    src = (
        f"{total.vintage} world mine production {base_year} ({total.value:,.0f} t REO), "
        "split as data/market/baseline.csv (illustrative split)"
    )
    return [
        MarketSize(year, "element", el, float(v * scale), src)
        for el, v in zip(b.elements, w, strict=True)
        if v > 0
    ]


def group_position(c: Container, year: int) -> list[Share]:
    """The group's share by element and segment: ledger sales of YEAR against the world market sizes."""
    from reechain.services.market_position import market_share

    return market_share(c, year, sizes="world")


# ---------------------------------------------------------------- scenarios


def simulate(
    scenario: Scenario,
    *,
    scheduler: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancel: Any = None,
) -> dict[str, Any]:
    """Run SCENARIO (Dask: local threads, or the cluster at SCHEDULER) and return its JSON document."""
    from reechain.market import runner
    from reechain.market.results import to_document

    b = load_baseline()
    q = runner.run(scenario, b, load_parameters(), scheduler=scheduler, progress=progress, cancel=cancel)
    return to_document(scenario, b, q, scheduler=scheduler or "local threads")


def simulate_file(
    path: Path,
    *,
    runs: int | None = None,
    seed: int | None = None,
    scheduler: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, Any]:
    return simulate(load_scenario(path, runs=runs, seed=seed), scheduler=scheduler, progress=progress)


def calibrate(*, write_to: Path | None = None, max_evaluations: int = 300) -> dict[str, Any]:
    """Fit the response parameters to 2010-2013 and report the fit, held-out figures and the 2025 check."""
    from reechain.market import calibration as cal

    best, fitted_loss = cal.fit(max_evaluations=max_evaluations)
    if write_to is not None:
        write_to.write_text(cal.parameters_yaml(best, fitted_loss), encoding="utf-8")
    return {
        "loss": fitted_loss,
        "misfit": cal.misfit(best),
        "targets": asdict(cal.targets()),
        "held_out": cal.held_out(best),
        "out_of_sample_2025": {
            "observed_china": cal.observed_china_2025(),
            "model": {str(s): cal.licensing_2025(best, s) for s in (0.5, 0.75, 0.9)},
        },
        "parameters": cal.parameters_document(best, fitted_loss)["parameters"],
    }
