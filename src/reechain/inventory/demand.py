"""Demand per period as a probability distribution, and the loss functions the policies need.

Normal demand uses the standard normal loss functions (first order L(z) and second order L2(z), Snyder & Shen,
Fundamentals of Supply Chain Theory, §C.3). Discrete demand (Poisson or an explicit pmf) is carried as an
array of probabilities for 0, 1, 2, ... units, truncated where the remaining tail mass is below 1e-12.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy import stats

TAIL_MASS = 1e-12


@dataclass(frozen=True)
class NormalDemand:
    mean: float
    std: float

    def over(self, periods: float) -> NormalDemand:
        """Demand over ``periods`` independent periods."""
        return NormalDemand(self.mean * periods, self.std * math.sqrt(periods))


@dataclass(frozen=True)
class DiscreteDemand:
    """Probabilities of 0, 1, 2, ... units of demand."""

    pmf: tuple[float, ...]

    @property
    def mean(self) -> float:
        return float(np.dot(np.arange(len(self.pmf)), self.pmf))

    @property
    def std(self) -> float:
        k = np.arange(len(self.pmf))
        return float(math.sqrt(max(0.0, float(np.dot(k * k, self.pmf)) - self.mean**2)))

    def array(self) -> NDArray[np.float64]:
        return np.asarray(self.pmf, dtype=float)

    def over(self, periods: int) -> DiscreteDemand:
        """Demand over ``periods`` independent periods (convolution)."""
        out = np.array([1.0])
        one = self.array()
        for _ in range(periods):
            out = np.convolve(out, one)
        return DiscreteDemand(tuple(_trim(out)))


Demand = NormalDemand | DiscreteDemand


def poisson(mean: float) -> DiscreteDemand:
    upper = int(stats.poisson.isf(TAIL_MASS, mean)) + 1
    return DiscreteDemand(tuple(float(p) for p in stats.poisson.pmf(np.arange(upper + 1), mean)))


def discrete(pmf: dict[int, float] | list[float]) -> DiscreteDemand:
    """A pmf given as probabilities of 0, 1, 2, ... or as {units: probability}; normalised to sum 1."""
    if isinstance(pmf, dict):
        arr = np.zeros(max(pmf) + 1)
        for k, p in pmf.items():
            arr[k] = p
    else:
        arr = np.asarray(pmf, dtype=float)
    return DiscreteDemand(tuple(float(p) for p in arr / arr.sum()))


def _trim(arr: NDArray[np.float64]) -> NDArray[np.float64]:
    tail = np.cumsum(arr[::-1])[::-1]
    keep = int(np.searchsorted(-tail, -TAIL_MASS, side="right"))
    return arr[: max(keep, 1)]


def std_normal_loss(z: float) -> float:
    """First-order standard normal loss L(z) = E[(Z - z)+]."""
    return float(stats.norm.pdf(z) - z * stats.norm.sf(z))


def std_normal_loss2(z: float) -> float:
    """Second-order standard normal loss L2(z) = ½ E[((Z - z)+)²] = ∫_z^∞ L(t) dt."""
    return float(0.5 * ((z * z + 1) * stats.norm.sf(z) - z * stats.norm.pdf(z)))


def normal_newsvendor_cost(y: float, d: NormalDemand, holding: float, stockout: float) -> float:
    """g(y) = h E[(y - D)+] + p E[(D - y)+] for normal D."""
    z = (y - d.mean) / d.std
    shortage = d.std * std_normal_loss(z)
    return holding * (y - d.mean) + (holding + stockout) * shortage


def discrete_newsvendor_costs(
    d: DiscreteDemand, holding: float, stockout: float, lower: int, upper: int
) -> NDArray[np.float64]:
    """g(y) for y = lower .. upper (inclusive), by exact sums over the pmf."""
    pmf = d.array()
    k = np.arange(len(pmf))
    ys = np.arange(lower, upper + 1)[:, None]
    over = np.clip(ys - k[None, :], 0, None) @ pmf
    under = np.clip(k[None, :] - ys, 0, None) @ pmf
    return np.asarray(holding * over + stockout * under, dtype=float)
