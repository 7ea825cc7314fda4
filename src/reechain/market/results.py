"""Scenario results in the JSON form of DESIGN.md, and their CSV / Excel exports and comparison."""

from __future__ import annotations

import csv
import io
from typing import Any

from reechain.market.baseline import Baseline
from reechain.market.runner import QUANTILES, Quantiles
from reechain.market.scenario import Scenario

KEYS = ("p5", "p50", "p95")


def _q(arr: Any, i: int) -> dict[str, list[float]]:
    return {k: [float(v) for v in arr[j, :, i]] for j, k in enumerate(KEYS)}


def to_document(scenario: Scenario, baseline: Baseline, q: Quantiles, *, scheduler: str) -> dict[str, Any]:
    """``{"months", "runs", "seed", "elements": {E: {"markets": {"china": {"price_index": {p5, p50, p95}},
    "ex_china": {...}}, "shortage_t": {p5, p50, p95}}}}`` plus what the run was."""
    assert len(QUANTILES) == len(KEYS)
    elements: dict[str, Any] = {}
    for i, el in enumerate(baseline.elements):
        elements[el] = {
            "markets": {
                "china": {"price_index": _q(q.price_china, i)},
                "ex_china": {"price_index": _q(q.price_ex_china, i)},
            },
            "shortage_t": _q(q.shortage_t, i),
        }
    return {
        "months": scenario.month_labels,
        "runs": scenario.runs,
        "seed": scenario.seed,
        "index_base_month": _month(scenario.base_month),
        "quantiles": "exact over all runs (numpy.quantile, linear interpolation)",
        "scheduler": scheduler,
        "scenario": scenario.as_dict(),
        "elements": elements,
    }


def _month(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def rows(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per element, month and series: element, month, series, p5, p50, p95."""
    out = []
    for el, d in doc["elements"].items():
        series = {
            "price_index_china": d["markets"]["china"]["price_index"],
            "price_index_ex_china": d["markets"]["ex_china"]["price_index"],
            "shortage_t": d["shortage_t"],
        }
        for name, q in series.items():
            for t, month in enumerate(doc["months"]):
                out.append({"element": el, "month": month, "series": name, **{k: q[k][t] for k in KEYS}})
    return out


def to_csv(doc: dict[str, Any]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=["element", "month", "series", *KEYS], lineterminator="\n")
    w.writeheader()
    w.writerows(rows(doc))
    return buf.getvalue()


def to_xlsx(doc: dict[str, Any]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "quantiles"
    ws.append(["element", "month", "series", *KEYS])
    for r in rows(doc):
        ws.append([r["element"], r["month"], r["series"], *(r[k] for k in KEYS)])
    info = wb.create_sheet("scenario")
    info.append(["runs", doc["runs"]])
    info.append(["seed", doc["seed"]])
    info.append(["index base month", doc.get("index_base_month", "")])
    for s in doc.get("scenario", {}).get("shocks", []):
        info.append(["shock", *(f"{k}={v}" for k, v in s.items())])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def compare(docs: dict[str, dict[str, Any]], element: str, series: str = "ex_china") -> list[dict[str, Any]]:
    """Per scenario (name → document): the p50 peak and the month of the peak of ELEMENT's price index in
    SERIES (china | ex_china), and the p95 peak and total p50 shortage."""
    out = []
    for name, doc in docs.items():
        d = doc["elements"][element]
        q = d["markets"][series]["price_index"]
        p50 = q["p50"]
        peak = max(range(len(p50)), key=lambda t: p50[t])
        out.append(
            {
                "scenario": name,
                "element": element,
                "market": series,
                "p50_peak": p50[peak],
                "p50_peak_month": doc["months"][peak],
                "p95_peak": max(q["p95"]),
                "p50_end": p50[-1],
                "shortage_p50_total_t": sum(d["shortage_t"]["p50"]),
            }
        )
    return out
