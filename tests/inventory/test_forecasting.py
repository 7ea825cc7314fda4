"""Forecasts: bucketing sales into periods, demand classes, accuracy measures by hand, model choice on
held-back history, and the forecast of a product's posted sales."""

from __future__ import annotations

from datetime import date

import pytest

from reechain.bootstrap import Container
from reechain.domain.errors import InvalidInput
from reechain.inventory import forecasting as F
from reechain.services import inventory as svc
from reechain.services import ledger

from .world import define_stock_world, receipt, sale


def test_demand_series_buckets_weeks_and_months_with_zeros() -> None:
    sales = [(date(2026, 1, 5), 2.0), (date(2026, 1, 7), 1.0), (date(2026, 1, 20), 4.0)]
    starts, ys = F.demand_series(sales, "week")
    assert starts == [date(2026, 1, 5), date(2026, 1, 12), date(2026, 1, 19)]
    assert ys == [3.0, 0.0, 4.0]
    starts, ys = F.demand_series(sales, "month", end=date(2026, 3, 31))
    assert starts == [date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)]
    assert ys == [7.0, 0.0, 0.0]
    with pytest.raises(InvalidInput):
        F.demand_series(sales, "day")


def test_demand_classes() -> None:
    assert F.demand_class([5, 6, 5, 6, 5, 6]) == "smooth"
    assert F.demand_class([5, 0, 0, 6, 0, 5, 0, 0]) == "intermittent"
    assert F.demand_class([1, 0, 0, 30, 0, 2, 0, 0]) == "lumpy"
    assert F.demand_class([1, 30, 2, 25, 1, 40]) == "erratic"


def test_mae_mase_by_hand() -> None:
    # naive in-sample MAE of [10, 12, 10, 12] is 2; forecast errors 1 and 3 give MAE 2, MASE 1
    assert F.mae_mase([10, 12, 10, 12], [11, 14], [10, 11]) == (2.0, 1.0)
    assert F.mae_mase([5, 5, 5], [5], [4]) == (1.0, None)


def test_forecast_scores_every_model_and_picks_lowest_mase() -> None:
    y = [10.0, 12.0] * 12
    fc = F.forecast(y, 4, level=80)
    assert {a.model for a in fc.accuracy} == set(F.MODELS)
    best = min(fc.accuracy, key=lambda a: a.mase if a.mase is not None else 1e9)
    assert fc.model == best.model
    assert len(fc.mean) == 4 and fc.holdout == 4
    assert all(9 <= m <= 13 for m in fc.mean)
    assert fc.lo is not None and fc.hi is not None
    assert all(lo <= m <= hi for lo, m, hi in zip(fc.lo, fc.mean, fc.hi, strict=True))


def test_intermittent_series_gets_intervals_and_a_class() -> None:
    y = [0, 0, 4, 0, 0, 0, 5, 0, 3, 0, 0, 0, 6, 0, 0, 4, 0, 0, 0, 5, 0, 0, 3, 0]
    fc = F.forecast([float(v) for v in y], 3, models=("CrostonOptimized", "ADIDA", "IMAPA"))
    assert fc.demand_class == "intermittent"
    assert fc.model in ("CrostonOptimized", "ADIDA", "IMAPA")
    assert fc.lo is not None and len(fc.lo) == 3
    assert 0.5 < fc.mean[0] < 3  # about 17 units over 24 periods: ~0.7 to 2 a period


def test_forecast_rejects_short_history_and_bad_arguments() -> None:
    with pytest.raises(InvalidInput, match="at least 6"):
        F.forecast([1.0, 2.0], 2)
    with pytest.raises(InvalidInput):
        F.forecast([1.0] * 10, 0)
    with pytest.raises(InvalidInput):
        F.forecast([1.0] * 10, 2, models=("Prophet",))


def test_forecast_of_posted_sales(container: Container) -> None:
    define_stock_world(container)
    # La oxide sold monthly in 2025, 2 or 3 t
    ledger.post_movements(
        container,
        [receipt("LA-OLD", "LA-OX", 40.0, date(2024, 12, 1))]
        + [sale("LA-OLD", 2.0 + (i % 2), date(2025, i + 1, 15)) for i in range(12)],
    )
    fc = svc.forecast_product(container, "LA-OX", horizon=3, until=date(2026, 1, 10))
    assert fc.history == [2.0 + (i % 2) for i in range(12)]
    assert len(fc.mean) == 3 and all(1.5 < m < 3.5 for m in fc.mean)
    with pytest.raises(InvalidInput, match="no sales"):
        svc.forecast_product(container, "LA-OX", channel="spot", until=date(2026, 1, 10))
