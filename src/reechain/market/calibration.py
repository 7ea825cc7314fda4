"""Fitting the response parameters to the 2010-2013 episode (``data/rare_earths/market_history.yaml``) only,
and checking them out of sample on the 2025 licensing of Dy and Tb (China domestic prices in ``prices.csv``).

The episode is replayed as one scenario on a 2009 world (China 97 % of mining and separation; exports at the
2009 quota): China's export quota cut by 40 % from 2010-01 to the end of quotas in 2014-12. The model's
ex-China price index (base 2009-12, as the Metal-Pages REO index) is compared with:
- the +1,100 % rise from 2009-12 to 2011-Q3 (peak 12 × base) and its timing;
- the USGS year-end prices 2012-2015 relative to 2011 (mean of Nd2O3, Dy2O3, Tb4O7).
Held out (not fitted): the 2012 quota use (about 40 %) and the 2014-Q4 level (85 % below the peak).
The fit runs on the median parameters (no spread): one deterministic run per evaluation.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import yaml

from reechain import refdata
from reechain.domain.elements import ELEMENT_SYMBOLS
from reechain.market.baseline import Baseline, Parameters, load_baseline
from reechain.market.model import simulate_block
from reechain.market.scenario import Scenario, Shock, month_index

FITTED = (
    "price_flexibility",
    "substitution_speed",
    "ramp_per_year",
    "price_adjustment",
    "substitution_cap",
    "elasticity",
)
"""Fitted on a log scale; the two tuples (by application) are fitted as one common factor each."""
FIT_YEARS = (2012, 2013, 2014)
"""Year ends fitted; 2015 is after the quotas were abolished (2015-01-01) and is reported, not fitted."""
EXPORT_SHARE_2009 = 0.39
"""2009 exports (quota 50,145 t) over world supply: an assumption (about 129 kt world mine output in 2009 is
not in the packaged data); sets China's demand share to 0.97 - 0.39."""


@dataclass(frozen=True)
class Targets:
    peak_index: float
    peak_month: int
    year_end_ratio: dict[int, float]
    """Year-end price / 2011 year-end price, mean of the elements given."""
    quota_use_2012: float
    below_peak_2014q4: float


def history() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(refdata.read_text("rare_earths/market_history.yaml"))
    return data


def targets() -> Targets:
    h = history()
    ye = h["prices_year_end_usgs"]
    ratios: dict[int, float] = {}
    for year in (2012, 2013, 2014, 2015):
        r = [np.mean(ye[p][year]) / np.mean(ye[p][2011]) for p in ("Nd2O3", "Dy2O3", "Tb4O7")]
        ratios[year] = float(np.mean(r))
    (index_row,) = [p for p in h["prices_fob_china"] if p["product"] == "REO index"]
    rise = float(str(index_row["change"]).replace("+", "").replace(",", "").replace("%", "").strip())
    (q2012,) = [q for q in h["export_quotas_china_t"] if q["year"] == 2012]
    return Targets(
        peak_index=1 + rise / 100,
        peak_month=month_index("2011-08"),
        year_end_ratio=ratios,
        quota_use_2012=float(q2012["used_share"]),
        below_peak_2014q4=0.15,
    )


def quota_cut() -> float:
    q = {r["year"]: r.get("quota") for r in history()["export_quotas_china_t"]}
    return float(q[2010]) / float(q[2009]) - 1


def world_2009() -> Baseline:
    b = load_baseline()
    e = len(b.elements)
    mine = np.zeros((e, 5))
    mine[:, 0], mine[:, 4] = 0.97, 0.03
    has = b.world_demand_t_per_month > 0
    mine[~has] = 0.0
    return replace(
        b,
        mine_share=mine,
        separation_share_cn=np.where(has, 0.97, 0.0),
        china_demand_share=np.full(e, 0.97 - EXPORT_SHARE_2009),
    )


def episode() -> Scenario:
    shock = Shock(
        "export_quota", month_index("2010-01"), month_index("2014-12"), ELEMENT_SYMBOLS, "CN", quota_cut()
    )
    return Scenario(month_index("2009-01"), 84, 1, 0, (shock,), "2010-2013 export quota cut")


def deterministic(p: Parameters) -> Parameters:
    return replace(p, spread=0.0, demand_growth_sd=0.0, outage_length_spread=0.0, licence_spread=0.0)


def replay(p: Parameters, baseline: Baseline | None = None, scenario: Scenario | None = None) -> np.ndarray:
    """Ex-China price index path (months,) of the episode, mean over elements with a market, base 2009-12."""
    b = baseline or world_2009()
    sc = scenario or episode()
    r = simulate_block(sc, b, deterministic(p), np.random.SeedSequence(0), 1)
    has = b.world_demand_t_per_month > 0
    base = sc.base_month - sc.start
    path = r.price_ex_china[:, 0, has]
    if base >= 0:
        path = path / path[base]
    return np.asarray(np.exp(np.log(path).mean(axis=1)))


def _year_end(path: np.ndarray, sc: Scenario, year: int) -> float:
    return float(path[month_index(f"{year}-12") - sc.start])


def misfit(p: Parameters, t: Targets | None = None) -> dict[str, float]:
    t = t or targets()
    sc = episode()
    path = replay(p)
    peak = int(np.argmax(path))
    out = {
        "peak_index": float(path[peak]),
        "peak_month_offset": float(peak + sc.start - t.peak_month),
    }
    for year in t.year_end_ratio:
        out[f"year_end_{year}"] = _year_end(path, sc, year) / _year_end(path, sc, 2011)
    return out


def loss(p: Parameters, t: Targets | None = None) -> float:
    t = t or targets()
    m = misfit(p, t)
    err = (math.log(m["peak_index"]) - math.log(t.peak_index)) ** 2
    err += (m["peak_month_offset"] / 6.0) ** 2
    for year in FIT_YEARS:
        err += (math.log(max(m[f"year_end_{year}"], 1e-6)) - math.log(t.year_end_ratio[year])) ** 2
    return err


def fit(start: Parameters | None = None, *, max_evaluations: int = 300) -> tuple[Parameters, float]:
    """Nelder-Mead on the log of the FITTED parameters (scipy); returns the best parameters and their loss."""
    from scipy.optimize import minimize

    p0 = start or Parameters()
    t = targets()
    x0 = np.zeros(len(FITTED))

    def at(x: np.ndarray) -> Parameters:
        f = dict(zip(FITTED, np.exp(x).tolist(), strict=True))
        return replace(
            p0,
            price_flexibility=p0.price_flexibility * f["price_flexibility"],
            substitution_speed=p0.substitution_speed * f["substitution_speed"],
            ramp_per_year=p0.ramp_per_year * f["ramp_per_year"],
            price_adjustment=min(1.0, p0.price_adjustment * f["price_adjustment"]),
            substitution_cap=tuple(min(0.9, c * f["substitution_cap"]) for c in p0.substitution_cap),
            elasticity=tuple(e * f["elasticity"] for e in p0.elasticity),
        )

    res = minimize(lambda x: loss(at(x), t), x0, method="Nelder-Mead", options={"maxfev": max_evaluations})
    best = at(res.x)
    return best, float(loss(best, t))


def held_out(p: Parameters) -> dict[str, float]:
    """Figures of the episode that the fit did not use, next to what the model gives."""
    t = targets()
    sc = episode()
    b = world_2009()
    r = simulate_block(sc, b, deterministic(p), np.random.SeedSequence(0), 1)
    has = b.world_demand_t_per_month > 0
    months_2012 = slice(month_index("2012-01") - sc.start, month_index("2012-12") - sc.start + 1)
    used = r.exports_t[months_2012, 0, has].sum() / r.export_cap_t[months_2012, 0, has].sum()
    path = replay(p)
    peak = float(path.max())
    q4 = float(path[month_index("2014-10") - sc.start : month_index("2014-12") - sc.start + 1].mean())
    m = misfit(p, t)
    return {
        "quota_use_2012": float(used),
        "quota_use_2012_observed": t.quota_use_2012,
        "below_peak_2014q4": 1 - q4 / peak,
        "below_peak_2014q4_observed": 1 - t.below_peak_2014q4,
        "year_end_2015": m["year_end_2015"],
        "year_end_2015_observed": t.year_end_ratio[2015],
    }


LICENSING_2025 = ("Sm", "Gd", "Tb", "Dy", "Lu", "Sc", "Y")
"""Elements of MOFCOM/GAC No. 18 of 2025 (licensing from 2025-04-04; export_controls.yaml)."""


def observed_china_2025() -> dict[str, dict[str, float]]:
    """China domestic oxide prices (SMM / 100ppi, prices.csv) indexed to 2025-03-10, mid of low/high."""
    out: dict[str, dict[str, float]] = {}
    for r in refdata.read_csv("rare_earths/prices.csv"):
        element = {"Dysprosium oxide": "Dy", "Terbium oxide": "Tb"}.get(r["product"])
        dated = r["date"] in ("2025-03-10", "2025-04-10", "2026-01-29")
        if element and dated and r["basis"].startswith("China domestic"):
            mid = (float(r["value_low"]) + float(r["value_high"])) / 2
            out.setdefault(element, {})[r["date"]] = mid
    return {el: {d: v / series["2025-03-10"] for d, v in series.items()} for el, series in out.items()}


def licensing_2025(p: Parameters, export_share_allowed: float) -> dict[str, dict[str, float]]:
    """Model China and ex-China price index of Dy and Tb (base 2025-03) under licensing from 2025-04 to
    2026-01 at EXPORT_SHARE_ALLOWED of normal exports (the share actually licensed is not in the data)."""
    shock = Shock(
        "export_licensing",
        month_index("2025-04"),
        month_index("2026-01"),
        LICENSING_2025,
        "CN",
        None,
        export_share_allowed,
    )
    sc = Scenario(month_index("2025-01"), 13, 1, 0, (shock,), "2025 licensing")
    b = load_baseline()
    r = simulate_block(sc, b, deterministic(p), np.random.SeedSequence(0), 1)
    base = sc.base_month - sc.start
    out: dict[str, dict[str, float]] = {}
    for el in ("Dy", "Tb"):
        i = b.elements.index(el)
        for name, series in (("china", r.price_china), ("ex_china", r.price_ex_china)):
            path = series[:, 0, i] / series[base, 0, i]
            out[f"{el}_{name}"] = {
                "2025-04": float(path[month_index("2025-04") - sc.start]),
                "2026-01": float(path[month_index("2026-01") - sc.start]),
            }
    return out


def parameters_document(p: Parameters, fitted_loss: float) -> dict[str, Any]:
    values = {k: (list(v) if isinstance(v, tuple) else v) for k, v in p.__dict__.items()}
    return {
        "fitted_to": "2010-2013 episode, market_history.yaml "
        "(peak, its month, USGS year-end 2012-2014 / 2011)",
        "loss": round(fitted_loss, 6),
        "misfit": {k: round(v, 4) for k, v in misfit(p).items()},
        "parameters": {k: (round(v, 6) if isinstance(v, float) else v) for k, v in values.items()},
    }


def parameters_yaml(p: Parameters, fitted_loss: float) -> str:
    head = (
        "# Response parameters of the market scenario engine (reechain.market.baseline.Parameters).\n"
        '# Written by `reechain market calibrate --write`; see docs/market.md "Calibration".\n'
    )
    return head + yaml.safe_dump(parameters_document(p, fitted_loss), sort_keys=False)
