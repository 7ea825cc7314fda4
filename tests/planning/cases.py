from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from reechain.planning.run import solve_problem
from reechain.planning.validation import problem_from_data

EXAMPLE = Path("/work/shared/examples/planning_small.yaml")

# One feed (half REO: 60 % A, 40 % B), one plant, two single-element products.
# Per tonne of feed: 0.3 t A worth 100 and 0.2 t B worth 10, for a feed cost of 20 → margin 12 while A sells.
TINY: dict[str, Any] = {
    "name": "tiny",
    "currency": "CNY",
    "periods": ["P1"],
    "elements": ["A", "B"],
    "quotas": [],
    "feeds": [
        {
            "id": "ore",
            "reo_fraction": 0.5,
            "composition": {"A": 0.6, "B": 0.4},
            "supply_t_per_period": 1000,
            "cost_per_t": 20,
        }
    ],
    "plants": [
        {
            "id": "sep",
            "feeds": ["ore"],
            "capacity_t_reo_per_period": 1000,
            "recovery": 1.0,
            "cost_per_t_reo": 0,
            "outputs": ["PA", "PB"],
        }
    ],
    "products": [
        {"id": "PA", "reo_fraction": 1.0, "composition": {"A": 1.0}},
        {"id": "PB", "reo_fraction": 1.0, "composition": {"B": 1.0}},
    ],
    "demand": [
        {"product": "PA", "channel": "c", "max_t_per_period": 30, "price_per_t": 100},
        {"product": "PB", "channel": "c", "max_t_per_period": 100, "price_per_t": 10},
    ],
}


def tiny(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(TINY)
    data.update(changes)
    return data


def solve(data: dict[str, Any]) -> dict[str, Any]:
    return solve_problem(problem_from_data(data))
