"""Demand forecasts per product and channel with statsforecast.

Candidates: AutoETS (smooth demand) and the intermittent-demand models CrostonOptimized, ADIDA and IMAPA
(lumpy orders: many periods without a sale). Each candidate is fitted on the history less the last
``holdout`` periods and scored on them (MAE, and MASE scaled by the in-sample one-step naive MAE); the best
by MASE (MAE when MASE is undefined) is refitted on the whole history and forecasts ``horizon`` periods with a
``level`` % interval: AutoETS's own, conformal intervals for the others when the history is long enough.

statsforecast is imported inside the functions: importing it takes seconds (numba), which a CLI command
that does not forecast should not pay.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import numpy as np

from reechain.domain.errors import InvalidInput, Problem

MODELS = ("AutoETS", "CrostonOptimized", "ADIDA", "IMAPA")
PERIODS = ("week", "month")
MIN_HISTORY = 6


@dataclass(frozen=True)
class Accuracy:
    model: str
    mae: float
    mase: float | None


@dataclass
class Forecast:
    model: str
    demand_class: str  # smooth | intermittent | erratic | lumpy (Syntetos–Boylan)
    history: list[float]
    mean: list[float]
    lo: list[float] | None
    hi: list[float] | None
    level: int
    holdout: int
    accuracy: list[Accuracy] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "demand_class": self.demand_class,
            "level": self.level,
            "holdout": self.holdout,
            "history": self.history,
            "mean": self.mean,
            "lo": self.lo,
            "hi": self.hi,
            "accuracy": [a.__dict__ for a in self.accuracy],
        }


def period_start(day: date, period: str) -> date:
    if period == "week":
        return day - timedelta(days=day.weekday())
    return day.replace(day=1)


def next_period(start: date, period: str) -> date:
    if period == "week":
        return start + timedelta(days=7)
    return (start.replace(day=28) + timedelta(days=4)).replace(day=1)


def demand_series(
    sales: Iterable[tuple[date, float]], period: str, *, start: date | None = None, end: date | None = None
) -> tuple[list[date], list[float]]:
    """Sum sales into consecutive periods (weeks from Monday, calendar months), zeros where nothing sold."""
    if period not in PERIODS:
        raise InvalidInput(f"period must be one of {', '.join(PERIODS)}", [Problem(period, field="period")])
    buckets: dict[date, float] = {}
    for day, qty in sales:
        key = period_start(day, period)
        buckets[key] = buckets.get(key, 0.0) + qty
    if not buckets and (start is None or end is None):
        return [], []
    first = period_start(start, period) if start else min(buckets)
    last = period_start(end, period) if end else max(buckets)
    starts: list[date] = []
    cur = first
    while cur <= last:
        starts.append(cur)
        cur = next_period(cur, period)
    return starts, [buckets.get(s, 0.0) for s in starts]


def demand_class(y: Sequence[float]) -> str:
    """Syntetos–Boylan classes: ADI (mean interval between demands) ≥ 1.32 is intermittent, CV² of the
    non-zero sizes ≥ 0.49 is erratic; both is lumpy."""
    nz = [v for v in y if v > 0]
    if not nz:
        return "lumpy"
    adi = len(y) / len(nz)
    cv2 = (float(np.std(nz)) / float(np.mean(nz))) ** 2 if len(nz) > 1 else 0.0
    if adi >= 1.32:
        return "lumpy" if cv2 >= 0.49 else "intermittent"
    return "erratic" if cv2 >= 0.49 else "smooth"


def _model(name: str, horizon: int | None, n_windows: int) -> Any:
    from statsforecast.models import ADIDA, IMAPA, AutoETS, CrostonOptimized
    from statsforecast.utils import ConformalIntervals

    intervals = ConformalIntervals(h=horizon, n_windows=n_windows) if horizon else None
    if name == "AutoETS":
        return AutoETS(season_length=1)
    cls = {"CrostonOptimized": CrostonOptimized, "ADIDA": ADIDA, "IMAPA": IMAPA}[name]
    return cls(prediction_intervals=intervals) if intervals else cls()


def _fit_predict(name: str, y: np.ndarray, h: int, level: int | None) -> dict[str, np.ndarray]:
    n_windows = 2
    with_intervals = level is not None and (name == "AutoETS" or len(y) >= (n_windows + 1) * h + 2)
    model = _model(name, h if with_intervals and name != "AutoETS" else None, n_windows)
    fitted = model.fit(y)
    out: dict[str, np.ndarray] = fitted.predict(h=h, level=[level]) if with_intervals else fitted.predict(h=h)
    return out


def mae_mase(
    train: Sequence[float], actual: Sequence[float], predicted: Sequence[float]
) -> tuple[float, float | None]:
    mae = float(np.mean(np.abs(np.asarray(actual) - np.asarray(predicted))))
    scale = float(np.mean(np.abs(np.diff(np.asarray(train))))) if len(train) > 1 else 0.0
    return mae, (mae / scale if scale > 0 else None)


def forecast(
    history: Sequence[float],
    horizon: int,
    *,
    level: int = 80,
    models: Sequence[str] = MODELS,
    holdout: int | None = None,
) -> Forecast:
    """Score every candidate on held-back history, forecast with the best."""
    if horizon < 1:
        raise InvalidInput("horizon must be ≥ 1", [Problem(f"got {horizon}", field="horizon")])
    if not 50 <= level < 100:
        raise InvalidInput("level must be in [50, 100)", [Problem(f"got {level}", field="level")])
    for m in models:
        if m not in MODELS:
            raise InvalidInput(
                f"unknown model {m!r}", [Problem(f"one of {', '.join(MODELS)}", field="model")]
            )
    y = np.asarray(history, dtype=float)
    if len(y) < MIN_HISTORY:
        raise InvalidInput(
            f"a forecast needs at least {MIN_HISTORY} periods of sales history, got {len(y)}",
            [Problem("too short", field="history")],
        )
    hold = holdout if holdout is not None else max(1, min(horizon, len(y) // 4))
    train, test = y[:-hold], y[-hold:]
    scores: list[Accuracy] = []
    for name in models:
        try:
            pred = _fit_predict(name, train, hold, None)["mean"]
        except Exception:  # statsforecast rejects some series (e.g. all zeros for ETS): skip that model
            continue
        mae, mase = mae_mase(train.tolist(), test.tolist(), [float(v) for v in pred])
        scores.append(Accuracy(name, mae, mase))
    if not scores:
        raise InvalidInput("no model could be fitted to this history", [Problem("unfit", field="history")])
    best = min(scores, key=lambda a: (a.mase if a.mase is not None else math.inf, a.mae))
    out = _fit_predict(best.model, y, horizon, level)
    lo, hi = out.get(f"lo-{level}"), out.get(f"hi-{level}")
    return Forecast(
        model=best.model,
        demand_class=demand_class(y.tolist()),
        history=[float(v) for v in y],
        mean=[max(0.0, float(v)) for v in out["mean"]],
        lo=[max(0.0, float(v)) for v in lo] if lo is not None else None,
        hi=[float(v) for v in hi] if hi is not None else None,
        level=level,
        holdout=hold,
        accuracy=scores,
    )
