"""The world market each scenario starts from (per element, t REO a year) and the response parameters.

The baseline (``data/market/baseline.csv``) anchors world volumes on USGS and IEA figures; the split over
elements, countries and applications is illustrative where the file says so. The response parameters
(``data/market/parameters.yaml``) are the ones fitted to the 2010-2013 episode (``market.calibration``).
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

import numpy as np
import yaml

from reechain import refdata
from reechain.domain.elements import ELEMENT_SYMBOLS
from reechain.market.scenario import SUPPLY_COUNTRIES

APPLICATIONS = ("magnets", "catalysts", "polishing_glass", "phosphors_ceramics", "other")


@dataclass(frozen=True)
class Baseline:
    elements: tuple[str, ...]
    world_demand_t_per_month: np.ndarray
    """(E,) world demand at price index 1 in the first month, t REO / month."""
    china_demand_share: np.ndarray
    """(E,) share of world demand inside China."""
    mine_share: np.ndarray
    """(E, C) share of world mine supply by country, C = SUPPLY_COUNTRIES."""
    separation_share_cn: np.ndarray
    """(E,) share of world separation done in China; the rest is separated outside China."""
    application_share: np.ndarray
    """(E, A) share of each element's demand by application, A = APPLICATIONS."""

    @property
    def base_exports_t_per_month(self) -> np.ndarray:
        """China's separated output less its own demand: what ex-China buys from China at parity."""
        w = self.world_demand_t_per_month
        return np.asarray((self.separation_share_cn - self.china_demand_share) * w, dtype=float)


def load_baseline() -> Baseline:
    rows = {r["element"]: r for r in refdata.read_csv("market/baseline.csv")}
    els = ELEMENT_SYMBOLS
    w = np.array([float(rows[e]["world_demand_t_reo_per_year"]) / 12.0 for e in els])
    dcn = np.array([float(rows[e]["china_demand_share"]) for e in els])
    mine = np.array([[float(rows[e][f"mine_share_{c.lower()}"]) for c in SUPPLY_COUNTRIES] for e in els])
    sep = np.array([float(rows[e]["separation_share_cn"]) for e in els])
    app = np.array([[float(rows[e][f"app_{a}"]) for a in APPLICATIONS] for e in els])
    b = Baseline(els, w, dcn, mine, sep, app)
    check_baseline(b)
    return b


def check_baseline(b: Baseline) -> None:
    """The starting state must be an equilibrium: China's own ore fits its separation, exports ≥ 0."""
    has = b.world_demand_t_per_month > 0
    if not np.allclose(b.mine_share[has].sum(axis=1), 1.0):
        raise ValueError("baseline: mine shares of an element must add up to 1")
    if not np.allclose(b.application_share.sum(axis=1), 1.0):
        raise ValueError("baseline: application shares of an element must add up to 1")
    if np.any(b.mine_share[:, 0] + b.mine_share[:, 1] > b.separation_share_cn + 1e-12):
        raise ValueError("baseline: China's and Myanmar's ore must fit China's separation share")
    if np.any(b.separation_share_cn[has] < b.china_demand_share[has]):
        raise ValueError("baseline: China separates less than it uses (negative exports)")


@dataclass(frozen=True)
class Parameters:
    """Medians of the response parameters; each run draws its own around them (see ``draw``)."""

    price_flexibility: float = 0.35
    """kappa in price = (cover / reference cover) ^ (-1 / kappa): lower = prices jump more."""
    reference_cover_months: float = 3.0
    export_arbitrage: float = 2.0
    """Exports at parity times (ex-China price / China price) ^ this, up to the licensed or quota cap."""
    export_surge: float = 1.5
    """Exports never exceed this multiple of the parity flow (logistics, contracts)."""
    price_adjustment: float = 0.3
    """Share of the gap to the cover-implied log price closed each month."""
    substitution_speed: float = 0.3
    """Share of the substitutable demand given up per year per unit of log price above 1."""
    substitution_cap: tuple[float, ...] = (0.3, 0.3, 0.4, 0.3, 0.3)
    ramp_per_year: float = 0.04
    """New ex-China supply per year, as a share of world demand, per unit of log ex-China price."""
    lead_months_min: int = 12
    lead_months_max: int = 36
    elasticity: tuple[float, ...] = (0.05, 0.15, 0.25, 0.15, 0.15)
    """Short-run price elasticity of demand by application (APPLICATIONS order), medians."""
    demand_growth: tuple[float, ...] = (0.06, 0.01, 0.02, -0.01, 0.02)
    """Demand growth a year by application, medians; planned supply grows at the element's mix of these."""
    demand_growth_sd: float = 0.02
    spread: float = 0.3
    """Log-normal spread of elasticities, substitution speed and ramp rate across runs."""
    outage_length_spread: float = 0.35
    licence_spread: float = 0.2
    strategic_cover_months: tuple[float, float] = (2.0, 2.0)
    """State / strategic stockpiles at the start (China, ex-China), months of the market's demand."""
    strategic_release_price: float = 2.0
    strategic_release_months: float = 0.25
    price_min: float = 0.05
    price_max: float = 50.0

    def with_values(self, **values: Any) -> Parameters:
        return replace(self, **values)


def load_parameters() -> Parameters:
    data = yaml.safe_load(refdata.read_text("market/parameters.yaml")) or {}
    values = data.get("parameters", {})
    names = {f.name for f in fields(Parameters)}
    unknown = set(values) - names
    if unknown:
        raise ValueError(f"market/parameters.yaml: unknown parameters {sorted(unknown)}")
    kwargs: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in values.items()}
    return Parameters(**kwargs)
