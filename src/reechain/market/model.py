"""The monthly two-market model, vectorised over runs: arrays are (runs, elements[, applications]) and only
the months are a Python loop.

Per element and month:
- mine supply by country (CN, MM, US, AU, OTHER) grows as planned and is cut by outages and production quotas;
- ore mined outside China is separated outside China up to that capacity, the rest (and all Chinese
  and Myanmar ore) is separated in China (capacity cut by a Chinese production quota);
- China exports to the ex-China market at (ex-China / China price) ^ arbitrage times the parity flow,
  capped by an export quota or licensing; that cap is what lets the two prices part;
- demand by application responds to last month's price (elasticity), to substitution built up while prices
  were high, and grows by a drawn rate; stockpile buying takes material off the market into a state or
  strategic stock, which is released when the price index is above a threshold;
- each market's price follows its inventory cover: price = (cover / reference cover) ^ (-1 / kappa);
  demand that no inventory can meet is the shortage;
- new ex-China supply (mine and separation) answers the ex-China price after a drawn lead time.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np

from reechain.domain.errors import ReechainError
from reechain.market.baseline import APPLICATIONS, Baseline, Parameters
from reechain.market.scenario import SUPPLY_COUNTRIES, Scenario

CN, MM = 0, 1
_COUNTRY = {c: i for i, c in enumerate(SUPPLY_COUNTRIES)}


class Cancelled(ReechainError):
    """The run was cancelled before it finished."""

    exit_code = 130
    http_status = 409


@dataclass(frozen=True)
class BlockResult:
    """Monthly paths of one block of runs, each (months, runs, elements)."""

    price_china: np.ndarray
    price_ex_china: np.ndarray
    shortage_t: np.ndarray
    exports_t: np.ndarray
    export_cap_t: np.ndarray
    """The export quota or licensed flow in force (inf when none)."""


@dataclass(frozen=True)
class _Draws:
    elasticity: np.ndarray  # (n, A)
    growth: np.ndarray  # (n, A)
    substitution_speed: np.ndarray  # (n, 1, 1)
    ramp: np.ndarray  # (n, 1)
    lead: np.ndarray  # (n,) int
    outage_factor: np.ndarray  # (n, shocks)
    licence_factor: np.ndarray  # (n, shocks)


def _draw(rng: np.random.Generator, n: int, p: Parameters, n_shocks: int) -> _Draws:
    a = len(APPLICATIONS)
    return _Draws(
        elasticity=np.asarray(p.elasticity) * rng.lognormal(0.0, p.spread, (n, a)),
        growth=np.asarray(p.demand_growth) + p.demand_growth_sd * rng.standard_normal((n, a)),
        substitution_speed=(p.substitution_speed * rng.lognormal(0.0, p.spread, n))[:, None, None],
        ramp=(p.ramp_per_year * rng.lognormal(0.0, p.spread, n))[:, None],
        lead=rng.integers(p.lead_months_min, p.lead_months_max + 1, n),
        outage_factor=rng.lognormal(0.0, p.outage_length_spread, (n, n_shocks)),
        licence_factor=rng.lognormal(0.0, p.licence_spread, (n, n_shocks)),
    )


def _element_mask(elements: tuple[str, ...], names: tuple[str, ...]) -> np.ndarray:
    return np.array([e in elements for e in names])


def simulate_block(
    scenario: Scenario,
    baseline: Baseline,
    params: Parameters,
    seed: np.random.SeedSequence,
    n: int,
    cancel: threading.Event | None = None,
) -> BlockResult:
    """N runs of SCENARIO drawn from the random stream SEED; deterministic for given arguments."""
    rng = np.random.default_rng(seed)
    shocks = scenario.shocks
    d = _draw(rng, n, params, len(shocks))
    b = baseline
    e_count, t_count = len(b.elements), scenario.months
    w = b.world_demand_t_per_month
    has = w > 0
    app = b.application_share
    dcn = b.china_demand_share
    base_demand = (w[:, None] * app * dcn[:, None], w[:, None] * app * (1 - dcn)[:, None])  # (E, A) each
    growth_s = app @ np.asarray(params.demand_growth)  # planned supply growth a year, (E,)
    mine0 = w[:, None] * b.mine_share  # (E, C)
    sep_cn0 = b.separation_share_cn * w
    sep_ex0 = (1 - b.separation_share_cn) * w
    exports0 = b.base_exports_t_per_month
    masks = [_element_mask(s.elements, b.elements) for s in shocks]
    month0 = scenario.start
    # only the (element, application) pairs with demand are computed: about a third of elements × applications
    pe, pa = np.nonzero(app)
    starts = np.searchsorted(pe, np.arange(e_count))  # pairs are sorted by element; every element has one
    assert np.array_equal(np.unique(pe), np.arange(e_count))
    base_pair = (base_demand[0][pe, pa], base_demand[1][pe, pa])
    elasticity_pair = d.elasticity[:, pa]  # (n, P)
    speed = d.substitution_speed[:, 0, :] / 12.0  # (n, 1)
    sub_cap = np.asarray(params.substitution_cap)[pa]

    log_p = [np.zeros((n, e_count)), np.zeros((n, e_count))]  # China, ex-China
    sub = [np.zeros((n, len(pe))), np.zeros((n, len(pe)))]
    ref0 = [base_demand[0].sum(axis=1), base_demand[1].sum(axis=1)]
    inv = [np.broadcast_to(params.reference_cover_months * r, (n, e_count)).copy() for r in ref0]
    strat = [
        np.broadcast_to(m * r, (n, e_count)).copy()
        for m, r in zip(params.strategic_cover_months, ref0, strict=True)
    ]
    new_cap = np.zeros((n, e_count))
    out = BlockResult(*(np.ones((t_count, n, e_count)) for _ in range(5)))
    rows = np.arange(n)
    g_supply_prev = np.ones(e_count)
    for t in range(t_count):
        if cancel is not None and cancel.is_set():
            raise Cancelled("the scenario run was cancelled")
        month = month0 + t
        years = t / 12.0
        g_demand = np.exp(years * np.log1p(d.growth))  # (n, A)
        g_supply = np.exp(years * np.log1p(growth_s))  # (E,)
        mine_mult = np.ones((len(SUPPLY_COUNTRIES), n, e_count))
        sep_mult = np.ones((n, e_count))
        cap = np.full((n, e_count), np.inf)
        shift = [np.ones((n, e_count)), np.ones((n, e_count))]
        buy = [np.zeros((n, e_count)), np.zeros((n, e_count))]
        for k, s in enumerate(shocks):
            if s.kind == "mine_outage":
                # the outage's length is uncertain: each run stretches or shortens it
                length = (s.end - s.start + 1) * d.outage_factor[:, k]
                active = (month >= s.start) & (month < s.start + np.maximum(1.0, np.round(length)))
            else:
                active = np.full(n, s.start <= month <= s.end)
            if not active.any():
                continue
            on = active[:, None] & masks[k][None, :]
            if s.kind in ("mine_outage", "production_quota"):
                assert s.change is not None
                countries = [s.country] if s.country else ["CN"]
                for c in countries:
                    mine_mult[_COUNTRY[c]] = np.where(
                        on, mine_mult[_COUNTRY[c]] * (1 + s.change), mine_mult[_COUNTRY[c]]
                    )
                if s.kind == "production_quota" and (s.country or "CN") == "CN":
                    sep_mult = np.where(on, sep_mult * (1 + s.change), sep_mult)
            elif s.kind == "export_quota":
                assert s.change is not None
                cap = np.where(on, np.minimum(cap, (1 + s.change) * exports0 * g_supply), cap)
            elif s.kind == "export_licensing":
                assert s.export_share_allowed is not None
                share = np.minimum(1.0, s.export_share_allowed * d.licence_factor[:, k])[:, None]
                cap = np.where(on, np.minimum(cap, share * exports0 * g_supply), cap)
            elif s.kind == "demand_shift":
                assert s.change is not None
                for m in _markets(s.country):
                    shift[m] = np.where(on, shift[m] * (1 + s.change), shift[m])
            elif s.kind == "stockpile":
                assert s.tonnes_per_month is not None
                m = 0 if s.country == "CN" else 1
                buy[m] = np.where(on, buy[m] + s.tonnes_per_month, buy[m])

        ref_cn_month = base_demand[0].sum(axis=1) * g_supply
        # supply: mines by country, then separation inside and outside China
        mine = mine0.T[:, None, :] * g_supply * mine_mult  # (C, n, E)
        ex_ore = mine[2:].sum(axis=0) + new_cap
        ex_sep = np.minimum(ex_ore, sep_ex0 * g_supply + new_cap)
        cn_feed = mine[CN] + mine[MM] + (ex_ore - ex_sep)
        cn_sep = np.minimum(cn_feed, sep_cn0 * g_supply * sep_mult)
        # exports follow the price gap, at most `export_surge` times parity, never more than China can spare
        ratio = np.exp(
            np.minimum(params.export_arbitrage * (log_p[1] - log_p[0]), np.log(params.export_surge))
        )
        spare = np.maximum(inv[0] + cn_sep - ref_cn_month, 0.0)
        exports = np.minimum(np.minimum(exports0 * g_supply * ratio, cap), spare)
        # producers build stock with planned growth so that the reference cover holds at parity
        build = params.reference_cover_months * (g_supply - g_supply_prev)
        g_supply_prev = g_supply
        inflow = (cn_sep - exports + build * ref0[0], ex_sep + exports + build * ref0[1])
        short = np.zeros((n, e_count))
        g_pair = g_demand[:, pa]
        for m in (0, 1):
            ref = np.add.reduceat(g_pair * base_pair[m], starts, axis=1)  # (n, E) demand at price 1
            # demand by application: base × growth × (1 - substitution) × price ^ -elasticity, summed
            work = np.multiply(elasticity_pair, log_p[m][:, pe])
            np.negative(work, out=work)
            np.exp(work, out=work)
            work *= 1.0 - sub[m]
            work *= base_pair[m]
            work *= g_pair
            demand = np.add.reduceat(work, starts, axis=1)  # no BLAS: its threads would fight Dask's
            demand *= shift[m]
            avail = inv[m] + inflow[m]
            bought = np.clip(buy[m], -strat[m], np.maximum(avail, 0.0))
            avail = avail - bought
            strat[m] = strat[m] + bought
            release = np.where(
                log_p[m] > np.log(params.strategic_release_price),
                np.minimum(strat[m], params.strategic_release_months * ref),
                0.0,
            )
            strat[m] = strat[m] - release
            avail = avail + release
            used = np.minimum(demand, np.maximum(avail, 0.0))
            short += demand - used
            inv[m] = avail - used
            cover = np.divide(
                inv[m], params.reference_cover_months * ref, out=np.ones_like(ref), where=ref > 0
            )
            target = -np.log(np.maximum(cover, 1e-12)) / params.price_flexibility
            # prices move part of the way to the cover-implied level each month
            lp = (1 - params.price_adjustment) * log_p[m] + params.price_adjustment * target
            log_p[m] = np.where(has, np.clip(lp, np.log(params.price_min), np.log(params.price_max)), 0.0)
            # substitution builds while the price is above 1 and fades slowly when it is not
            pressure = np.maximum(log_p[m], 0.0)[:, pe]
            fade = np.where(pressure > 0, 1.0, 1 - 0.05 / 12.0)
            pressure *= speed
            work = np.subtract(sub_cap, sub[m])
            work *= pressure
            sub[m] += work
            sub[m] *= fade
        # new ex-China supply answers the ex-China price of `lead` months ago
        past = t - d.lead
        lagged = np.where((past >= 0)[:, None], np.log(out.price_ex_china[np.maximum(past, 0), rows, :]), 0.0)
        new_cap = np.minimum(new_cap + d.ramp / 144.0 * np.maximum(lagged, 0.0) * w, 0.5 * w * g_supply)
        out.price_china[t] = np.exp(log_p[0])
        out.price_ex_china[t] = np.exp(log_p[1])
        out.shortage_t[t] = short
        out.exports_t[t] = exports
        out.export_cap_t[t] = cap
    return out


def _markets(country: str | None) -> tuple[int, ...]:
    if country is None:
        return (0, 1)
    return (0,) if country == "CN" else (1,)
