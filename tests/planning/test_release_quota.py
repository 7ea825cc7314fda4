"""Releasing a plan period needs the separation quota of its year on record, and a plan that was limited by
it: the ledger posts a separation without limit when no quota is on record, so release is where an unbound
plan must stop (service and API)."""

from __future__ import annotations

from datetime import date

import pytest
from fastapi.testclient import TestClient

from reechain.api.app import create_app
from reechain.bootstrap import Container
from reechain.domain.errors import InvalidInput, RuleViolation
from reechain.domain.quotas import Quota, QuotaKind
from reechain.domain.roles import Role
from reechain.planning.run import solve_problem
from reechain.planning.validation import problem_from_data
from reechain.services import quotas, work_orders
from reechain.services.auth import create_user, issue_token
from reechain.services.planning import ledger_problem, run_plan, store_plan
from reechain.services.sample import load_sample_group

PLANNER = frozenset({Role.PLANNER})
HOLDER = "Northern Sample Group"


def _quota(c: Container, year: int) -> None:
    quotas.define_quota(
        c,
        Quota(year, "batch1", QuotaKind.SEPARATION, HOLDER, 150_000.0, "test"),
        actor=None,
    )


def test_a_year_without_a_quota_on_record_is_not_released(container: Container) -> None:
    load_sample_group(container)
    plan = run_plan(container, 2027)
    assert plan["status"] == "optimal" and plan["quotas"] == []  # planned without any quota limit
    with pytest.raises(RuleViolation) as e:
        work_orders.release_period(container, plan["id"], "2027-Q1", actor="pat", roles=PLANNER)
    assert "2027" in e.value.message
    (problem,) = e.value.problems
    assert problem.field == "quotas.separation-2027"
    assert f"no 2027 separation quota of {HOLDER} is on record" in problem.reason
    assert "reechain quota add --year 2027 --kind separation" in problem.reason
    assert work_orders.list_work_orders(container, plan["id"]) == []  # nothing stored

    # the quota recorded afterwards does not make the old plan bound: it was solved without it
    _quota(container, 2027)
    with pytest.raises(RuleViolation) as e:
        work_orders.release_period(container, plan["id"], "2027-Q1", actor="pat", roles=PLANNER)
    fields = {p.field for p in e.value.problems}
    assert "plants.SEP-BT1.quotas" in fields and "quotas.separation-2027" not in fields
    assert all("run the plan again" in p.reason for p in e.value.problems)

    again = run_plan(container, 2027)
    assert [q["kind"] for q in again["quotas"]] == ["separation"]
    released = work_orders.release_period(container, again["id"], "2027-Q1", actor="pat", roles=PLANNER)
    assert {wo.step for wo in released} >= {"SEP-BT1"}


def test_a_file_plan_is_checked_against_the_year_of_its_period(container: Container) -> None:
    """A plan solved from a file carries its own quotas; the quota on record for the period's year still
    decides, and a file whose plants list no separation quota was not limited by one."""
    load_sample_group(container)
    data, _ = ledger_problem(container, 2026, today=date(2026, 10, 1))
    doc = solve_problem(problem_from_data(data))
    bound = store_plan(container, doc, data)
    assert len(work_orders.release_period(container, bound, "2026-Q4", actor="pat", roles=PLANNER)) > 0

    unbound = {**data, "plants": [{**p, "quotas": []} for p in data["plants"]]}
    plan_id = store_plan(container, solve_problem(problem_from_data(unbound)), unbound)
    with pytest.raises(RuleViolation) as e:
        work_orders.release_period(container, plan_id, "2026-Q4", actor="pat", roles=PLANNER)
    assert "plants.SEP-BT1.quotas" in {p.field for p in e.value.problems}

    # the same file relabelled to 2027: its own quotas do not count, the record for 2027 is missing
    relabel = {f"2026-Q{i}": f"2027-Q{i}" for i in range(1, 5)}
    later = {
        **data,
        "periods": [relabel[p] for p in data["periods"]],
        "quotas": [{**q, "cumulative_limits": {}} for q in data["quotas"]],
    }
    plan_2027 = store_plan(container, solve_problem(problem_from_data(later)), later)
    with pytest.raises(RuleViolation) as e:
        work_orders.release_period(container, plan_2027, "2027-Q4", actor="pat", roles=PLANNER)
    assert [p.field for p in e.value.problems] == ["quotas.separation-2027"]

    undated = {**data, "periods": ["P4"], "quotas": later["quotas"]}
    plan_p = store_plan(container, solve_problem(problem_from_data(undated)), undated)
    with pytest.raises(InvalidInput) as e2:
        work_orders.release_period(container, plan_p, "P4", actor="pat", roles=PLANNER)
    assert "names no year" in e2.value.message


def test_api_release_refused_without_quota(container: Container) -> None:
    load_sample_group(container)
    plan = run_plan(container, 2027)
    create_user(container, "pat", [Role.PLANNER], "a-long-test-pass-1")
    client = TestClient(create_app(container), raise_server_exceptions=False)
    client.headers["Authorization"] = f"Bearer {issue_token(container, 'pat')}"
    r = client.post(f"/api/plans/{plan['id']}/periods/2027-Q1/release")
    assert r.status_code == 422, r.text
    body = r.json()
    assert "2027" in body["message"]
    assert any(
        p["field"] == "quotas.separation-2027" and "quota add --year 2027" in p["reason"]
        for p in body["problems"]
    )
    assert client.get(f"/api/plans/{plan['id']}/work-orders").json() == []


def test_a_scenario_that_raises_the_quota_is_not_released(container: Container) -> None:
    """A what-if that assumes more separation quota than on record is refused; one that cuts it is not."""
    load_sample_group(container)
    qid = "separation-2026-Northern-Sample-Group"
    raised = run_plan(
        container, 2026, today=date(2026, 10, 1), overrides=[f"quotas.{qid}.limit_t_reo=200000"]
    )
    with pytest.raises(RuleViolation) as e:
        work_orders.release_period(container, raised["id"], "2026-Q4", actor="pat", roles=PLANNER)
    (problem,) = e.value.problems
    assert problem.field == f"quotas.{qid}.limit_t_reo"
    assert "200,000.0 t REO, more than the 176,020.0 t REO on record" in problem.reason
    cut = run_plan(container, 2026, today=date(2026, 10, 1), overrides=[f"quotas.{qid}.limit_t_reo=165000"])
    assert work_orders.release_period(container, cut["id"], "2026-Q4", actor="pat", roles=PLANNER)
