"""Voyage maps: tracks, ports and alerts on a world map drawn from the packaged Natural Earth outline."""

from __future__ import annotations

from typing import Any

import numpy as np
import plotly.graph_objects as go

from reechain.risk.logistics.ais import AisAlert

MAX_POINTS_PER_TRACK = 2000
ALERT_COLOURS = {
    "ais_gap": "#c0392b",
    "loitering": "#e67e22",
    "encounter": "#8e44ad",
    "unplanned_port_call": "#d35400",
    "late_arrival": "#7f8c8d",
}


def _geo_layout(fig: go.Figure, lats: list[float], lons: list[float]) -> go.Figure:
    pad = 5.0
    fig.update_geos(
        projection_type="natural earth",
        showland=True,
        landcolor="#eef0ea",
        showocean=True,
        oceancolor="#f4f8fb",
        showcountries=True,
        countrycolor="#c8c8c8",
        resolution=110,
        lataxis_range=[max(-90.0, min(lats) - pad), min(90.0, max(lats) + pad)] if lats else None,
        lonaxis_range=[max(-180.0, min(lons) - pad), min(180.0, max(lons) + pad)] if lons else None,
    )
    fig.update_layout(height=460, margin={"l": 0, "r": 0, "t": 10, "b": 0}, legend={"orientation": "h"})
    return fig


def voyage_map(
    tracks: dict[str, tuple[np.ndarray, np.ndarray]],
    ports: list[tuple[str, float, float]],
    alerts: list[AisAlert],
) -> go.Figure:
    """One line per voyage (thinned to MAX_POINTS_PER_TRACK), the ports it uses and its alerts."""
    fig = go.Figure()
    lats: list[float] = []
    lons: list[float] = []
    for voyage, (lat, lon) in tracks.items():
        step = max(1, len(lat) // MAX_POINTS_PER_TRACK)
        la, lo = lat[::step].tolist(), lon[::step].tolist()
        lats += la
        lons += lo
        fig.add_trace(go.Scattergeo(lat=la, lon=lo, mode="lines", name=voyage, line={"width": 1.5}))
    if ports:
        fig.add_trace(
            go.Scattergeo(
                lat=[p[1] for p in ports],
                lon=[p[2] for p in ports],
                text=[p[0] for p in ports],
                mode="markers+text",
                textposition="top center",
                name="ports",
                marker={"symbol": "square", "size": 7, "color": "#34495e"},
            )
        )
    for kind in sorted({a.kind for a in alerts}):
        these = [a for a in alerts if a.kind == kind]
        fig.add_trace(
            go.Scattergeo(
                lat=[a.lat for a in these],
                lon=[a.lon for a in these],
                mode="markers",
                name=kind,
                text=[f"{a.voyage_id}: {a.evidence}" for a in these],
                hoverinfo="text",
                marker={"size": 11, "color": ALERT_COLOURS.get(kind, "#000"), "symbol": "x"},
            )
        )
    return _geo_layout(fig, lats or [a.lat for a in alerts], lons or [a.lon for a in alerts])


def journey_map(points: list[dict[str, Any]]) -> go.Figure | None:
    """A shipment's events that carry coordinates, in time order."""
    located = [p for p in points if p.get("lat") is not None and p.get("lon") is not None]
    if not located:
        return None
    fig = go.Figure(
        go.Scattergeo(
            lat=[p["lat"] for p in located],
            lon=[p["lon"] for p in located],
            mode="lines+markers+text",
            text=[p["label"] for p in located],
            textposition="top center",
            name="events",
        )
    )
    return _geo_layout(fig, [p["lat"] for p in located], [p["lon"] for p in located])
