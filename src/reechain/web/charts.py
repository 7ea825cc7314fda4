"""Plotly figures built in Python, drawn in the browser by the locally served Plotly.js.

``plotly_div(fig)`` gives a ``<div>`` carrying the figure as JSON; ``/static/charts.js`` draws every such
div, so pages need no inline script (the content security policy forbids it).
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup


def plotly_div(fig: Any, *, height_px: int | None = None, label: str = "chart") -> Markup:
    """FIG is a ``plotly.graph_objects.Figure``; the space kept for it is the figure's height (or 380 px)."""
    if height_px is None:
        layout_height = getattr(getattr(fig, "layout", None), "height", None)
        height_px = int(layout_height) if layout_height else 380
    spec = fig.to_json()
    return Markup(
        '<div class="chart" role="img" aria-label="{}" style="min-height:{}px" data-plotly="{}"></div>'
    ).format(label, height_px, spec)
