"""The sample group's consumption records (ALL ILLUSTRATIVE) and its green-smelting upgrade.

Each plant's monthly records are its per-t-REO intensities (``data/green/sample_intensities.csv``, with the
figures they rest on) times the t REO the ledger says it produced that month, varied by a few per cent
(seeded, so loading is deterministic); costs follow ``sample_cost_split.csv`` and the plant's
``cost_cny_per_t_reo`` (``sample_group/plants.csv``). One ammonia-nitrogen measurement (SEP-BT2, July) is set
above the GB 26451-2011 limit so that the Plants page shows a flag.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

import yaml
from sqlalchemy import select

from reechain import refdata
from reechain.bootstrap import Container
from reechain.green.appraisal import UpgradeProject
from reechain.green.appraisal_file import parse_projects
from reechain.ledger.production import produced_t_reo
from reechain.services.green import store_records
from reechain.store.tables.green import GreenRecordRow

SOURCE = "sample (illustrative)"
FLAGGED = ("SEP-BT2", "2026-07", "ammonia_nitrogen_mg_per_l", 16.2)


@dataclass(frozen=True)
class SampleUpgrade:
    project: UpgradeProject
    plant: str
    start_period: str
    unit_cny: float


def sample_upgrade() -> SampleUpgrade:
    data = yaml.safe_load(refdata.read_text("green/sample_upgrade.yaml"))
    project = parse_projects(yaml.safe_dump({"projects": [data["project"]]}), "sample_upgrade.yaml")[0]
    w = data["what_if"]
    return SampleUpgrade(project, str(w["plant"]), str(w["start_period"]), float(w["unit_cny"]))


def sample_rows(produced: dict[tuple[str, str], float]) -> list[tuple[int, dict[str, Any]]]:
    intensities = refdata.read_csv("green/sample_intensities.csv")
    split = refdata.read_csv("green/sample_cost_split.csv")
    costs = {
        r["location"]: float(r["cost_cny_per_t_reo"]) for r in refdata.read_csv("sample_group/plants.csv")
    }
    rows: list[dict[str, Any]] = []
    for plant in sorted({p for p, _ in produced}):
        months = sorted(m for p, m in produced if p == plant)
        mean_t = sum(produced[(plant, m)] for m in months) / len(months)
        rng = random.Random(f"green-sample-{plant}")
        for month in months:
            t_reo = produced[(plant, month)]
            for r in intensities:
                if r["plant"] != plant:
                    continue
                value = float(r["per_t_reo"]) * rng.uniform(0.94, 1.06)
                if r["zone"]:  # a measured concentration, not an amount
                    rows.append(_row(plant, month, r["item"], round(value, 2), r["zone"]))
                else:
                    rows.append(_row(plant, month, r["item"], round(value * t_reo, 3)))
            if plant in costs:
                for c in split:
                    share = float(c["share"]) * costs[plant]
                    if c["behaviour"] == "per_t_reo":
                        amount = share * t_reo * rng.uniform(0.97, 1.03)
                    else:
                        amount = share * mean_t
                    rows.append(_row(plant, month, c["item"], round(amount, 2)))
    plant, period, item, value = FLAGGED
    for row in rows:
        if (row["plant"], row["period"], row["item"]) == (plant, period, item):
            row["quantity"] = value
            row["note"] = "illustrative exceedance"
    return list(enumerate(rows, start=2))


def _row(plant: str, period: str, item: str, quantity: float, zone: str = "") -> dict[str, Any]:
    return {"plant": plant, "period": period, "item": item, "quantity": quantity, "zone": zone, "note": ""}


def load_sample_green(c: Container) -> int:
    """Store the sample records once (after the sample group's movements); returns how many were stored."""
    with c.uow() as uow:
        s = uow.session
        if s.scalars(select(GreenRecordRow.id).where(GreenRecordRow.source == SOURCE).limit(1)).first():
            return 0
        produced = produced_t_reo(s)
    if not produced:
        return 0
    return store_records(c, sample_rows(produced), source=SOURCE, actor=None).added
