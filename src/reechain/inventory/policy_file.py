"""The stock policy file (`reechain stock policy POLICY.yaml`): read, check and evaluate it.

Format and output keys are documented in docs/inventory.md; every problem found names the item and field.
The whole file is checked before anything is computed, and all problems are reported at once.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import yaml
from scipy import stats

from reechain.domain.errors import InvalidInput, Problem
from reechain.inventory import demand as dm
from reechain.inventory import policies

MODELS = ("base_stock", "s_S", "r_Q", "eoq", "service_level", "band")
PERIODS = ("day", "week", "month", "quarter", "year")

# The keys of each model's output, in order (docs/inventory.md lists them; a test keeps the two in step).
OUTPUT_KEYS: dict[str, tuple[str, ...]] = {
    "base_stock": (
        "id",
        "model",
        "period",
        "method",
        "critical_ratio",
        "lead_time_demand_mean",
        "lead_time_demand_std",
        "base_stock_level",
        "safety_stock",
        "expected_cost",
    ),
    "s_S": ("id", "model", "period", "method", "s", "S", "expected_cost"),
    "r_Q": (
        "id",
        "model",
        "period",
        "method",
        "reorder_point",
        "order_quantity",
        "safety_stock",
        "expected_cost",
    ),
    "eoq": ("id", "model", "period", "method", "order_quantity", "cycle_time", "backorder_fraction", "cost"),
    "service_level": ("id", "model", "period", "z", "safety_stock", "reorder_point"),
    "band": (
        "id",
        "model",
        "period",
        "min",
        "max",
        "stock_position",
        "order_quantity",
        "position_after",
        "status",
    ),
}

_COMMON = {"id", "model", "period", "product", "location", "note"}
# Optional, used only by `reechain stock simulate` for models whose policy does not need them.
_SIMULATION_ONLY = {"order_quantity", "order_cost", "holding_cost", "stockout_cost"}
_ALLOWED: dict[str, set[str]] = {
    "base_stock": _COMMON | {"demand", "lead_time", "holding_cost", "stockout_cost"},
    "s_S": _COMMON | {"demand", "lead_time", "order_cost", "holding_cost", "stockout_cost", "method"},
    "r_Q": _COMMON | {"demand", "lead_time", "order_cost", "holding_cost", "stockout_cost", "method"},
    "eoq": _COMMON | {"demand", "order_cost", "holding_cost", "stockout_cost", "production_rate"},
    "service_level": _COMMON | {"demand", "lead_time", "cycle_service_level"} | _SIMULATION_ONLY,
    "band": _COMMON
    | {"min", "max", "lot_multiple", "stock_position", "demand", "lead_time"}
    | _SIMULATION_ONLY,
}


@dataclass
class _Reader:
    """Reads typed fields of one mapping, recording a Problem (named by path) for each bad one."""

    where: str
    data: Mapping[str, Any]
    problems: list[Problem] = field(default_factory=list)
    line: int | None = None  # line of the item in the file

    def _bad(self, key: str, reason: str) -> None:
        where = f"{self.where}.{key}" if key else self.where
        self.problems.append(Problem(reason, field=where, line=self.line))

    def number(
        self,
        key: str,
        *,
        default: float | None = None,
        gt: float | None = None,
        ge: float | None = None,
        lt: float | None = None,
        integer: bool = False,
    ) -> float:
        raw = self.data.get(key)
        if raw is None:
            if default is None:
                self._bad(key, "is required")
                return math.nan
            return default
        if isinstance(raw, bool) or not isinstance(raw, (int, float)) or not math.isfinite(raw):
            self._bad(key, f"must be a number, got {raw!r}")
            return math.nan
        value = float(raw)
        if integer and value != int(value):
            self._bad(key, f"must be a whole number, got {raw!r}")
        if gt is not None and not value > gt:
            self._bad(key, f"must be > {gt:g}, got {raw!r}")
        if ge is not None and not value >= ge:
            self._bad(key, f"must be ≥ {ge:g}, got {raw!r}")
        if lt is not None and not value < lt:
            self._bad(key, f"must be < {lt:g}, got {raw!r}")
        return value

    def choice(self, key: str, choices: tuple[str, ...], default: str | None = None) -> str:
        raw = self.data.get(key, default)
        if raw is None:
            self._bad(key, f"is required (one of {', '.join(choices)})")
            return ""
        if raw not in choices:
            self._bad(key, f"must be one of {', '.join(choices)}, got {raw!r}")
            return ""
        return str(raw)

    def mapping(self, key: str) -> _Reader | None:
        raw = self.data.get(key)
        if not isinstance(raw, Mapping):
            self._bad(
                key, "is required and must be a mapping" if raw is None else f"must be a mapping, got {raw!r}"
            )
            return None
        return _Reader(f"{self.where}.{key}", raw, self.problems, self.line)

    def only(self, allowed: set[str]) -> None:
        for key in self.data:
            if key not in allowed:
                self._bad(str(key), f"unknown field (allowed: {', '.join(sorted(allowed))})")


def load(text: str) -> list[dict[str, Any]]:
    """Parse a policy file and evaluate every item; raise InvalidInput listing every problem."""
    return [result for _, result in load_items(text)]


def load_items(text: str) -> list[tuple[Mapping[str, Any], dict[str, Any]]]:
    """Like ``load``, each result paired with the (checked) item as written in the file."""
    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise InvalidInput("stock policy file is not valid YAML", [Problem(str(e), line=line)]) from None
    if not isinstance(doc, Mapping) or not isinstance(doc.get("items"), list) or not doc["items"]:
        raise InvalidInput(
            "stock policy file needs a non-empty list `items`", [Problem("missing", field="items")]
        )
    problems: list[Problem] = []
    seen: set[str] = set()
    readers: list[_Reader] = []
    lines = _item_lines(text)
    for i, raw in enumerate(doc["items"]):
        if not isinstance(raw, Mapping):
            line = lines[i] if i < len(lines) else None
            problems.append(Problem("must be a mapping", field=f"items[{i}]", line=line))
            continue
        item_id = raw.get("id")
        where = f"items[{i}] ({item_id})" if item_id is not None else f"items[{i}]"
        r = _Reader(where, raw, problems, lines[i] if i < len(lines) else None)
        if not isinstance(item_id, str) or not item_id.strip():
            r._bad("id", "is required and must be a text")
        elif item_id in seen:
            r._bad("id", f"duplicate id {item_id!r}")
        else:
            seen.add(item_id)
        readers.append(r)
    if problems:
        raise InvalidInput(f"stock policy file has {len(problems)} problem(s)", problems)
    evaluators = [_check(r) for r in readers]
    if problems:
        raise InvalidInput(f"stock policy file has {len(problems)} problem(s)", problems)
    return [(r.data, ev()) for r, ev in zip(readers, evaluators, strict=True)]


def _item_lines(text: str) -> list[int]:
    """The line (1-based) where each entry of `items` starts, for error messages."""
    root = yaml.compose(text)
    if not isinstance(root, yaml.MappingNode):
        return []
    for key, value in root.value:
        if getattr(key, "value", None) == "items" and isinstance(value, yaml.SequenceNode):
            return [node.start_mark.line + 1 for node in value.value]
    return []


class _Evaluator:
    def __init__(self, head: dict[str, Any], fn: Any) -> None:
        self.head, self.fn = head, fn

    def __call__(self) -> dict[str, Any]:
        out = dict(self.head)
        out.update(self.fn())
        return {k: _plain(out[k]) for k in OUTPUT_KEYS[out["model"]]}


def _plain(v: Any) -> Any:
    if isinstance(v, (np.floating, np.integer)):
        return v.item()
    return v


def _check(r: _Reader) -> _Evaluator:
    model = r.choice("model", MODELS)
    period = r.choice("period", PERIODS)
    head = {"id": r.data.get("id"), "model": model, "period": period}
    if not model:
        return _Evaluator(head, dict)
    r.only(_ALLOWED[model])
    return _Evaluator(head, _CHECKERS[model](r))


def _distribution(r: _Reader, *, integer_lead: bool = False) -> tuple[str, dm.Demand | None]:
    d = r.mapping("demand")
    if d is None:
        return "", None
    kind = d.choice("distribution", ("normal", "poisson", "discrete"))
    if kind == "normal":
        d.only({"distribution", "mean", "std"})
        return kind, dm.NormalDemand(d.number("mean", ge=0), d.number("std", gt=0))
    if kind == "poisson":
        d.only({"distribution", "mean"})
        mean = d.number("mean", gt=0)
        return kind, dm.poisson(mean) if mean > 0 else None
    if kind == "discrete":
        d.only({"distribution", "pmf"})
        return kind, _pmf(d)
    return kind, None


def _pmf(d: _Reader) -> dm.DiscreteDemand | None:
    raw = d.data.get("pmf")
    values: list[tuple[int, Any]]
    if isinstance(raw, list):
        values = list(enumerate(raw))
    elif isinstance(raw, Mapping) and all(isinstance(k, int) and not isinstance(k, bool) for k in raw):
        values = list(raw.items())
    else:
        d._bad("pmf", "is required: a list of probabilities of 0, 1, 2, ... units or {units: probability}")
        return None
    ok = True
    for k, p in values:
        if k < 0 or isinstance(p, bool) or not isinstance(p, (int, float)) or not 0 <= p <= 1:
            d._bad(f"pmf[{k}]", f"must be a probability in [0, 1] of a demand ≥ 0, got {p!r}")
            ok = False
    total = sum(float(p) for _, p in values) if ok else 0.0
    if ok and abs(total - 1.0) > 1e-6:
        d._bad("pmf", f"probabilities must sum to 1, got {total:g}")
        ok = False
    if ok and dict(values).get(0, 0) >= 1:
        d._bad("pmf", "demand is always zero")
        ok = False
    return dm.discrete({int(k): float(p) for k, p in values}) if ok else None


def _discretised(n: dm.NormalDemand) -> dm.DiscreteDemand:
    """Normal demand rounded to whole units; negative demand counts as zero."""
    upper = math.ceil(n.mean + 12 * n.std) + 1
    edges = stats.norm.cdf((np.arange(upper + 1) + 0.5 - n.mean) / n.std)
    pmf = np.diff(np.concatenate([[0.0], edges]))
    return dm.DiscreteDemand(tuple(float(p) for p in pmf))


def _base_stock(r: _Reader) -> Any:
    kind, demand = _distribution(r)
    discrete = isinstance(demand, dm.DiscreteDemand)
    lead = r.number("lead_time", default=0.0, ge=0, integer=discrete)
    h, p = r.number("holding_cost", gt=0), r.number("stockout_cost", gt=0)

    def run() -> dict[str, Any]:
        if isinstance(demand, dm.DiscreteDemand):
            res = policies.base_stock_discrete(demand, int(lead), h, p)
        else:
            assert isinstance(demand, dm.NormalDemand)
            res = policies.base_stock_normal(demand, lead, h, p)
        return {
            "method": kind,
            "critical_ratio": res.critical_ratio,
            "lead_time_demand_mean": res.lead_time_demand_mean,
            "lead_time_demand_std": res.lead_time_demand_std,
            "base_stock_level": int(res.base_stock_level) if discrete else res.base_stock_level,
            "safety_stock": res.base_stock_level - res.lead_time_demand_mean,
            "expected_cost": res.expected_cost,
        }

    return run


def _s_S(r: _Reader) -> Any:
    kind, demand = _distribution(r)
    lead = r.number("lead_time", default=0.0, ge=0, integer=True)
    k = r.number("order_cost", ge=0)
    h, p = r.number("holding_cost", gt=0), r.number("stockout_cost", gt=0)
    if kind == "normal":
        method = r.choice("method", ("zheng_federgruen_discretised",), "zheng_federgruen_discretised")
    else:
        method = r.choice("method", ("zheng_federgruen",), "zheng_federgruen")

    def run() -> dict[str, Any]:
        d = _discretised(demand) if isinstance(demand, dm.NormalDemand) else demand
        assert isinstance(d, dm.DiscreteDemand)
        res = policies.s_S_discrete(d, int(lead), k, h, p)
        return {"method": method, "s": res.s, "S": res.S, "expected_cost": res.expected_cost}

    return run


def _r_Q(r: _Reader) -> Any:
    d = r.mapping("demand")
    kind = d.choice("distribution", ("normal", "poisson", "discrete"), "normal") if d is not None else ""
    if kind in ("poisson", "discrete"):
        return _r_Q_discrete(r, kind)
    mean = std = math.nan
    if d is not None:
        d.only({"distribution", "mean", "std"})
        mean, std = d.number("mean", gt=0), d.number("std", ge=0)
    lead = r.number("lead_time", gt=0)
    k, h, p = r.number("order_cost", gt=0), r.number("holding_cost", gt=0), r.number("stockout_cost", gt=0)
    method = r.choice("method", ("exact", "eoqb"), "exact")

    def run() -> dict[str, Any]:
        res = policies.r_q_normal(mean, std, lead, k, h, p, method)
        return {
            "method": method,
            "reorder_point": res.reorder_point,
            "order_quantity": res.order_quantity,
            "safety_stock": res.reorder_point - mean * lead,
            "expected_cost": res.expected_cost,
        }

    return run


def _r_Q_discrete(r: _Reader, kind: str) -> Any:
    """Poisson demand: continuous review, lead-time demand Poisson(λL), L may be fractional. A pmf: one
    review per period, whole-period lead time L ≥ 0, demand over L+1 periods (as for ``base_stock``)."""
    _, demand = _distribution(r)
    if kind == "poisson":
        lead = r.number("lead_time", gt=0)
    else:
        lead = r.number("lead_time", default=0.0, ge=0, integer=True)
    k, h, p = r.number("order_cost", gt=0), r.number("holding_cost", gt=0), r.number("stockout_cost", gt=0)
    method = r.choice("method", ("federgruen_zheng",), "federgruen_zheng")

    def run() -> dict[str, Any]:
        assert isinstance(demand, dm.DiscreteDemand)
        rate = demand.mean
        lead_demand = dm.poisson(rate * lead) if kind == "poisson" else demand.over(int(lead) + 1)
        res = policies.r_q_discrete(lead_demand, rate, k, h, p)
        return {
            "method": method,
            "reorder_point": int(res.reorder_point),
            "order_quantity": int(res.order_quantity),
            "safety_stock": res.reorder_point - lead_demand.mean,
            "expected_cost": res.expected_cost,
        }

    return run


def _eoq(r: _Reader) -> Any:
    d = r.mapping("demand")
    rate = math.nan
    if d is not None:
        d.only({"rate"})
        rate = d.number("rate", gt=0)
    k, h = r.number("order_cost", gt=0), r.number("holding_cost", gt=0)
    p = r.number("stockout_cost", gt=0) if "stockout_cost" in r.data else None
    prod = r.number("production_rate", gt=rate) if "production_rate" in r.data else None
    method = "eoq" if prod is None else "epq"
    if p is not None:
        method += "_backorders"

    def run() -> dict[str, Any]:
        res = policies.eoq(rate, k, h, p, prod)
        return {
            "method": method,
            "order_quantity": res.order_quantity,
            "cycle_time": res.cycle_time,
            "backorder_fraction": res.backorder_fraction,
            "cost": res.cost,
        }

    return run


def _service_level(r: _Reader) -> Any:
    d, lt = r.mapping("demand"), r.mapping("lead_time")
    md = sd = ml = sl = math.nan
    if d is not None:
        d.only({"mean", "std"})
        md, sd = d.number("mean", ge=0), d.number("std", ge=0)
    if lt is not None:
        lt.only({"mean", "std"})
        ml, sl = lt.number("mean", ge=0), lt.number("std", default=0.0, ge=0)
    alpha = r.number("cycle_service_level", gt=0, lt=1)
    _simulation_only(r)

    def run() -> dict[str, Any]:
        res = policies.service_level(md, sd, ml, sl, alpha)
        return {"z": res.z, "safety_stock": res.safety_stock, "reorder_point": res.reorder_point}

    return run


def _band(r: _Reader) -> Any:
    lo, hi = r.number("min", ge=0), r.number("max", ge=0)
    if lo > hi:
        r._bad("max", f"must be ≥ min ({lo:g}), got {hi:g}")
    lot = r.number("lot_multiple", default=1.0, gt=0)
    pos = r.number("stock_position")
    if "demand" in r.data:
        _distribution(r)
    if "lead_time" in r.data:
        r.number("lead_time", ge=0, integer=True)
    _simulation_only(r)

    def run() -> dict[str, Any]:
        res = policies.band_order(lo, hi, lot, pos)
        q = res.order_quantity
        return {
            "min": lo,
            "max": hi,
            "stock_position": pos,
            "order_quantity": int(q) if q == int(q) else q,
            "position_after": res.position_after,
            "status": res.status,
        }

    return run


def _simulation_only(r: _Reader) -> None:
    for key in sorted(_SIMULATION_ONLY & set(r.data)):
        r.number(key, gt=0) if key == "order_quantity" else r.number(key, ge=0)


_CHECKERS = {
    "base_stock": _base_stock,
    "s_S": _s_S,
    "r_Q": _r_Q,
    "eoq": _eoq,
    "service_level": _service_level,
    "band": _band,
}
