"""The signals benchmark's relaxed scores (measure and direction; elements by Jaccard; documents)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "signals.py"


def _bench() -> Any:
    spec = importlib.util.spec_from_file_location("signals_bench", BENCH)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _s(measure: str, direction: int, elements: list[str]) -> dict[str, Any]:
    return {"measure": measure, "direction": direction, "elements": sorted(elements), "announced": None}


def test_jaccard() -> None:
    b = _bench()
    assert b.jaccard(["Nd", "Pr"], ["Nd"]) == 0.5
    assert b.jaccard([], []) == 1.0
    assert b.jaccard(["Co"], ["Li"]) == 0.0


def test_relaxed_counts_elements_loosely_and_documents() -> None:
    b = _bench()
    truth = {
        "a": [_s("quota", 1, ["W"]), _s("ban", 1, ["Nd", "Pr", "Dy"])],
        "b": [_s("investment", -1, ["Li"])],
        "c": [],  # a distractor
        "d": [],  # a distractor left empty
    }
    predicted = {
        "a": [_s("quota", 1, ["W", "Mo", "Sn"]), _s("ban", 1, ["Nd", "Pr"])],  # Jaccard 1/3 and 2/3
        "b": [_s("investment", 1, ["Li"])],  # wrong direction
        "c": [_s("stockpiling", 1, ["Ga"])],
    }
    r = b.relaxed(predicted, truth)
    assert (r["measure"]["tp"], r["measure"]["fp"], r["measure"]["fn"]) == (2, 2, 1)
    assert (r["jaccard"]["tp"], r["jaccard"]["fp"], r["jaccard"]["fn"]) == (1, 3, 2)
    assert r["documents"] == {"found": 2, "signal_docs": 2, "quiet": 1, "distractors": 2}
    strict = b.score(predicted, truth)
    assert (strict["tp"], strict["fp"], strict["fn"]) == (0, 4, 3)


def test_relaxed_pairs_each_label_with_its_closest_prediction() -> None:
    b = _bench()
    truth = {"a": [_s("ban", 1, ["Co"]), _s("ban", 1, ["Li", "Ni"])]}
    predicted = {"a": [_s("ban", 1, ["Li"]), _s("ban", 1, ["Co"])]}
    r = b.relaxed(predicted, truth)
    assert (r["jaccard"]["tp"], r["jaccard"]["fp"], r["jaccard"]["fn"]) == (2, 0, 0)
