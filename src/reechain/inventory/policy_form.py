"""The stock policy web form: one item of the stock policy file (docs/inventory.md) typed field by field.

``read_form`` turns the form into the item mapping of the file format, so that the form and the file share
one reader and one set of checks (``policy_file.load``); ``place_problems`` puts that reader's problems
back on the form's fields. Only the fields of the chosen model are read; numbers must be finite.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from reechain.domain.errors import Problem
from reechain.inventory.policy_file import MODELS, PERIODS

DISTRIBUTIONS = ("normal", "poisson", "discrete")
_DEMAND_MODELS = ("base_stock", "s_S", "r_Q")

# form field → (label, models it belongs to); the order is the page's
FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "distribution": ("Demand distribution", _DEMAND_MODELS),
    "demand_mean": ("Demand mean per period", (*_DEMAND_MODELS, "service_level")),
    "demand_std": ("Demand standard deviation per period (normal)", (*_DEMAND_MODELS, "service_level")),
    "demand_pmf": ("Demand probabilities of 0, 1, 2, … units (discrete), e.g. 0.2, 0.5, 0.3", _DEMAND_MODELS),
    "demand_rate": ("Demand rate per period", ("eoq",)),
    "lead_time": ("Lead time (periods)", _DEMAND_MODELS),
    "lead_time_mean": ("Lead time mean (periods)", ("service_level",)),
    "lead_time_std": ("Lead time standard deviation (periods)", ("service_level",)),
    "order_cost": ("Fixed cost per order", ("s_S", "r_Q", "eoq")),
    "holding_cost": ("Holding cost per unit per period", (*_DEMAND_MODELS, "eoq")),
    "stockout_cost": ("Stock-out (backorder) cost per unit per period", (*_DEMAND_MODELS, "eoq")),
    "production_rate": ("Production rate per period (EPQ; empty for EOQ)", ("eoq",)),
    "method": ("Method", ("r_Q",)),
    "cycle_service_level": ("Cycle service level, e.g. 0.95", ("service_level",)),
    "band_min": ("Band min", ("band",)),
    "band_max": ("Band max", ("band",)),
    "lot_multiple": ("Lot multiple", ("band",)),
    "stock_position": ("Stock position", ("band",)),
}
R_Q_METHODS = ("exact", "eoqb")
# the file's field (as the reader names it, after the item) → the form's field
_FORM_FIELD = {
    "id": "item_id",
    "demand": "distribution",
    "demand.distribution": "distribution",
    "demand.mean": "demand_mean",
    "demand.std": "demand_std",
    "demand.pmf": "demand_pmf",
    "demand.rate": "demand_rate",
    "demand.rate_per_period": "demand_rate",
    "lead_time.mean": "lead_time_mean",
    "lead_time.std": "lead_time_std",
    "min": "band_min",
    "max": "band_max",
}


@dataclass
class PolicyForm:
    values: dict[str, str] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)

    def add_error(self, name: str, reason: str) -> None:
        self.errors.setdefault(name, []).append(reason)

    def error_list(self) -> list[str]:
        return [f"{name}: {r}" for name, reasons in self.errors.items() for r in reasons]


def blank_form() -> PolicyForm:
    """The Tb oxide item of the example policy file (s_S, Poisson demand 8 a month)."""
    return PolicyForm(
        {
            "item_id": "Tb4O7@main-warehouse",
            "model": "s_S",
            "period": "month",
            "distribution": "poisson",
            "demand_mean": "8",
            "order_cost": "10",
            "holding_cost": "1",
            "stockout_cost": "6",
        }
    )


def _number(form: PolicyForm, name: str) -> float | None:
    text = form.values.get(name, "")
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        form.add_error(name, f"not a number: {text!r}")
        return None
    if not math.isfinite(value):
        form.add_error(name, f"must be a finite number, got {text!r}")
        return None
    return int(value) if value.is_integer() and "." not in text and "e" not in text.lower() else value


def _put(form: PolicyForm, target: dict[str, Any], key: str, name: str) -> None:
    value = _number(form, name)
    if value is not None:
        target[key] = value


def _pmf(form: PolicyForm) -> list[float] | None:
    text = form.values.get("demand_pmf", "")
    if not text:
        return None
    out: list[float] = []
    for part in re.split(r"[,;\s]+", text.strip()):
        try:
            p = float(part)
        except ValueError:
            form.add_error("demand_pmf", f"not a number: {part!r}")
            return None
        if not math.isfinite(p):
            form.add_error("demand_pmf", f"must be a finite number, got {part!r}")
            return None
        out.append(p)
    return out


def read_form(fields: Mapping[str, str]) -> tuple[PolicyForm, dict[str, Any] | None]:
    """The form as typed and the policy file item it describes (None when a field could not be read)."""
    form = PolicyForm({k: str(v).strip() for k, v in fields.items() if isinstance(v, str)})
    v = form.values
    model = v.get("model", "")
    item: dict[str, Any] = {"id": v.get("item_id", ""), "model": model, "period": v.get("period", "")}
    if model in _DEMAND_MODELS:
        dist = v.get("distribution", "")
        demand: dict[str, Any] = {"distribution": dist}
        if dist == "discrete":
            pmf = _pmf(form)
            if pmf is not None:
                demand["pmf"] = pmf
        else:
            _put(form, demand, "mean", "demand_mean")
            if dist != "poisson":
                _put(form, demand, "std", "demand_std")
        item["demand"] = demand
        for key in ("lead_time", "holding_cost", "stockout_cost"):
            _put(form, item, key, key)
        if model != "base_stock":
            _put(form, item, "order_cost", "order_cost")
        if model == "r_Q" and v.get("method"):
            item["method"] = v["method"]
    elif model == "eoq":
        demand = {}
        _put(form, demand, "rate", "demand_rate")
        item["demand"] = demand
        for key in ("order_cost", "holding_cost", "stockout_cost", "production_rate"):
            _put(form, item, key, key)
    elif model == "service_level":
        demand, lead = {}, dict[str, Any]()
        _put(form, demand, "mean", "demand_mean")
        _put(form, demand, "std", "demand_std")
        _put(form, lead, "mean", "lead_time_mean")
        _put(form, lead, "std", "lead_time_std")
        item["demand"], item["lead_time"] = demand, lead
        _put(form, item, "cycle_service_level", "cycle_service_level")
    elif model == "band":
        for key, name in (("min", "band_min"), ("max", "band_max")):
            _put(form, item, key, name)
        for key in ("lot_multiple", "stock_position"):
            _put(form, item, key, key)
    return form, None if form.errors else item


def place_problems(form: PolicyForm, problems: list[Problem]) -> None:
    """Put each problem of the policy file reader (``items[0] (ID).demand.mean``) on its form field."""
    for p in problems:
        where = re.sub(r"^items\[\d+\](?: \(.*?\))?\.?", "", p.field or "")
        where = re.sub(r"\[\d+\]$", "", where)  # pmf[3] → pmf
        name = _FORM_FIELD.get(where, where)
        if name == "lead_time" and form.values.get("model") == "service_level":
            name = "lead_time_mean"
        if name not in FIELDS and name not in ("item_id", "model", "period"):
            name = "policy"
        form.add_error(name, p.reason)


__all__ = ["DISTRIBUTIONS", "FIELDS", "MODELS", "PERIODS", "R_Q_METHODS", "PolicyForm", "blank_form"]
