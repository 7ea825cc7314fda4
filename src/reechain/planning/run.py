"""One call from a validated problem to a plan document, with build and solve times."""

from __future__ import annotations

import time
from typing import Any

from reechain.planning.model import build_model
from reechain.planning.problem import PlanningProblem
from reechain.planning.results import plan_document
from reechain.planning.solve import SolveOptions, solve_model


def solve_problem(
    problem: PlanningProblem, options: SolveOptions | None = None, *, with_explanation: bool = False
) -> dict[str, Any]:
    """Build, solve and extract; raises Infeasible (naming the conflicting limits) when no plan exists."""
    started = time.perf_counter()
    model = build_model(problem)
    built = time.perf_counter()
    solution = solve_model(model, options)
    doc = plan_document(model, solution)
    doc["build_s"] = round(built - started, 4)
    if with_explanation:
        from reechain.planning.explain import explain

        doc["explanation"] = explain(doc).as_dict()
    return doc
