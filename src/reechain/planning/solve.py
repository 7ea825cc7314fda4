"""Solve a built planning model with HiGHS and return raw primal/dual arrays, or raise Infeasible.

Dual sign convention: the ``value_per_t`` of a constraint reported in plans is the change of the objective
(margin, in the problem currency) when its limit is raised by one tonne: >= 0 for a binding upper limit
(quota, capacity), 0 when slack. HiGHS reports row duals as d(objective)/d(row bound) in the sense of the
model, so for our maximisation they are used as they are; ``tests/planning/test_duals.py`` checks this against
re-solving with the limit raised by one tonne.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import highspy
import numpy as np

from reechain.domain.errors import Infeasible, RuleViolation
from reechain.planning.lp import Floats
from reechain.planning.model import PlanningModel


@dataclass(frozen=True)
class SolveOptions:
    """HiGHS options. ``solver``: "choose" (HiGHS default), "simplex", "ipm" or "pdlp"."""

    solver: str = "choose"
    run_crossover: str = "on"
    presolve: str = "on"
    time_limit_s: float = 600.0
    threads: int = 0
    mip_rel_gap: float = 1e-6

    @staticmethod
    def for_size(n_cols: int) -> SolveOptions:
        # The interior-point method with crossover is an order of magnitude faster than dual simplex on the
        # year-long weekly plans (see docs/performance.md "## Planning"); small plans solve instantly
        # either way.
        return SolveOptions(solver="ipm" if n_cols > 5000 else "choose")


@dataclass
class Solution:
    status: str
    objective: float
    x: Floats
    row_value: Floats
    row_dual: Floats  # change of the objective per unit raise of each row's bound (see above)
    mip: bool
    solve_s: float


def make_highs(options: SolveOptions) -> highspy.Highs:
    h = highspy.Highs()  # type: ignore[no-untyped-call]
    h.setOptionValue("output_flag", False)
    h.setOptionValue("solver", options.solver)
    h.setOptionValue("run_crossover", options.run_crossover)
    h.setOptionValue("presolve", options.presolve)
    h.setOptionValue("time_limit", float(options.time_limit_s))
    h.setOptionValue("mip_rel_gap", options.mip_rel_gap)
    if options.threads:
        h.setOptionValue("threads", options.threads)
    return h


def solve_model(m: PlanningModel, options: SolveOptions | None = None) -> Solution:
    options = options or SolveOptions.for_size(m.lp.n_cols)
    h = make_highs(options)
    m.lp.to_highs(h)
    started = time.perf_counter()
    h.run()
    elapsed = time.perf_counter() - started
    status = h.getModelStatus()
    if status in (highspy.HighsModelStatus.kInfeasible, highspy.HighsModelStatus.kUnboundedOrInfeasible):
        from reechain.planning.diagnose import diagnose_infeasible

        raise Infeasible(f"plan {m.problem.name!r} is infeasible", diagnose_infeasible(m))
    if status == highspy.HighsModelStatus.kUnbounded:
        raise RuleViolation(f"plan {m.problem.name!r} is unbounded: some sale has no limit")
    if status != highspy.HighsModelStatus.kOptimal:
        raise RuleViolation(f"HiGHS stopped without an optimal plan: {h.modelStatusToString(status)}")
    sol = h.getSolution()
    info = h.getInfo()
    mip = m.lp.has_integers
    row_dual = np.zeros(m.lp.n_rows)
    if not mip and sol.dual_valid:
        row_dual = np.asarray(sol.row_dual, dtype=np.float64)
    return Solution(
        status="optimal",
        objective=float(info.objective_function_value),
        x=np.asarray(sol.col_value, dtype=np.float64),
        row_value=np.asarray(sol.row_value, dtype=np.float64),
        row_dual=row_dual,
        mip=mip,
        solve_s=elapsed,
    )
