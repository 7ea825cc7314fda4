"""Compare two plan documents: objective, quota use and value, production, sales and end stock."""

from __future__ import annotations

from typing import Any

TOL = 1e-6


def _totals(doc: dict[str, Any], key: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for period in doc["periods"]:
        for name, value in period.get(key, {}).items():
            out[name] = out.get(name, 0.0) + float(value)
    return out


def _rows(a: dict[str, float], b: dict[str, float]) -> list[dict[str, Any]]:
    rows = []
    for name in dict.fromkeys([*a, *b]):
        va, vb = a.get(name, 0.0), b.get(name, 0.0)
        rows.append({"name": name, "a": round(va, 6), "b": round(vb, 6), "change": round(vb - va, 6)})
    return rows


def compare_plans(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """Differences B - A. Lines whose values are equal in both are kept, with change 0."""
    quota_a = {q["id"]: q for q in a["quotas"]}
    quota_b = {q["id"]: q for q in b["quotas"]}
    quotas = []
    for qid in dict.fromkeys([*quota_a, *quota_b]):
        qa, qb = quota_a.get(qid, {}), quota_b.get(qid, {})
        quotas.append(
            {
                "id": qid,
                "limit_t_reo": [qa.get("limit_t_reo"), qb.get("limit_t_reo")],
                "planned_t_reo": [qa.get("planned_t_reo"), qb.get("planned_t_reo")],
                "value_per_t": [qa.get("value_per_t"), qb.get("value_per_t")],
            }
        )
    last_a, last_b = a["periods"][-1]["stock_t"], b["periods"][-1]["stock_t"]
    return {
        "a": a.get("name"),
        "b": b.get("name"),
        "objective": {"a": a["objective"], "b": b["objective"], "change": b["objective"] - a["objective"]},
        "objective_terms": _rows(a.get("objective_terms", {}), b.get("objective_terms", {})),
        "quotas": quotas,
        "production_t": _rows(_totals(a, "production_t"), _totals(b, "production_t")),
        "elements_made_t_reo": _rows(_totals(a, "elements_made_t_reo"), _totals(b, "elements_made_t_reo")),
        "sales_t": _rows(_totals(a, "sales_t"), _totals(b, "sales_t")),
        "end_stock_t": _rows(last_a, last_b),
    }
