"""Refusals a planner meets when confirming a work order say what is wrong and what to do."""

from __future__ import annotations

from datetime import date

import pytest

from reechain.bootstrap import Container
from reechain.domain.errors import InvalidInput, RuleViolation
from reechain.domain.roles import Role
from reechain.planning.work_orders import FeedLot, take_feed
from reechain.services import work_orders
from reechain.services.planning import run_plan
from reechain.services.sample import load_sample_group


def test_short_feed_says_what_is_needed_held_and_missing() -> None:
    lot = FeedLot("C1", "CONC", 30.0, {"La": 0.5})
    with pytest.raises(RuleViolation) as e:
        take_feed([lot], {"CONC": 1200.0}, "SEP")
    (p,) = e.value.problems
    assert p.field == "feed.CONC"
    assert "needs 1,200.000 t, 30.000 t held at SEP" in p.reason and "other 1,170.000 t" in p.reason


def test_recovery_given_as_a_percentage_is_refused_with_the_fraction(container: Container) -> None:
    with pytest.raises(InvalidInput) as e:
        work_orders.confirm_work_order(container, 1, actor="pat", roles={Role.PLANNER}, recovery=95)
    (p,) = e.value.problems
    assert p.field == "recovery" and p.reason == "a fraction in (0, 1], got 95 (0.95 for 95 %?)"


def test_a_separation_confirmed_on_a_day_of_another_year_is_refused(container: Container) -> None:
    """The day decides which year's quota the posting draws on: a 2026-Q4 order run on 3 January 2027 would
    use the 2027 quota."""
    load_sample_group(container)
    plan = run_plan(container, 2026, today=date(2026, 10, 1))
    released = work_orders.release_period(container, plan["id"], "2026-Q4", actor="pat", roles={Role.PLANNER})
    sep = next(wo for wo in released if wo.step == "SEP-BT1")
    with pytest.raises(InvalidInput) as e:
        work_orders.confirm_work_order(
            container, sep.id, actor="pat", roles={Role.PLANNER}, on=date(2027, 1, 3)
        )
    assert "would draw on the 2027 quota, not the 2026 one" in e.value.message
    assert [p.field for p in e.value.problems] == ["on"]
    assert work_orders.get_work_order(container, sep.id).status == "open"
