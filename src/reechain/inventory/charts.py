"""Plotly figures of inventory results (pure: data in, figure out)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import plotly.graph_objects as go

from reechain.inventory.simulation import SimulationResult


def simulation_figure(result: SimulationResult, policy: Mapping[str, Any]) -> go.Figure:
    periods = list(range(1, len(result.on_hand) + 1))
    fig = go.Figure()
    fig.add_scatter(x=periods, y=result.on_hand, name="inventory level (end of period)", mode="lines")
    fig.add_scatter(x=periods, y=result.position, name="inventory position", mode="lines", opacity=0.5)
    for key, label in (
        ("base_stock_level", "base-stock level"),
        ("s", "s"),
        ("S", "S"),
        ("reorder_point", "reorder point"),
        ("min", "min"),
        ("max", "max"),
    ):
        if policy.get(key) is not None:
            fig.add_hline(y=float(policy[key]), line_dash="dot", annotation_text=label)
    fig.update_layout(
        title=f"{result.item_id}: {result.model} over {result.periods} periods — fill rate "
        f"{result.fill_rate:.1%}, cost {result.cost_per_period:.4g}/period",
        xaxis_title=f"period ({policy.get('period', '')})",
        yaxis_title="units",
        legend={"orientation": "h"},
    )
    return fig


def forecast_figure(
    title: str,
    history: Sequence[float],
    mean: Sequence[float],
    lo: Sequence[float] | None,
    hi: Sequence[float] | None,
    level: int,
) -> go.Figure:
    n = len(history)
    xs = list(range(n + 1, n + len(mean) + 1))
    fig = go.Figure()
    fig.add_scatter(x=list(range(1, n + 1)), y=list(history), name="sales", mode="lines+markers")
    if lo is not None and hi is not None:
        fig.add_scatter(x=xs, y=list(hi), mode="lines", line={"width": 0}, showlegend=False)
        fig.add_scatter(
            x=xs, y=list(lo), mode="lines", line={"width": 0}, fill="tonexty", name=f"{level}% interval"
        )
    fig.add_scatter(x=xs, y=list(mean), name="forecast", mode="lines")
    fig.update_layout(title=title, xaxis_title="period", yaxis_title="quantity", legend={"orientation": "h"})
    return fig
