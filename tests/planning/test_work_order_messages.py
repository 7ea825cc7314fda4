"""Refusals a planner meets when confirming a work order say what is wrong and what to do."""

from __future__ import annotations

import pytest

from reechain.bootstrap import Container
from reechain.domain.errors import InvalidInput, RuleViolation
from reechain.domain.roles import Role
from reechain.planning.work_orders import FeedLot, take_feed
from reechain.services import work_orders


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
