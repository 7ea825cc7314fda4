"""The mechanism drawn from the twentieth held-out set's misses (a representative strategic-minerals inbox),
on hand-written texts with counter-examples."""

from __future__ import annotations

from reechain.signals.extract import extract
from reechain.signals.reading import read_document


def measures(text: str) -> list[tuple[str, int]]:
    return sorted((s.measure, s.direction) for s in extract(read_document("t.txt", text.encode("utf-8"))))


HALT = "某公司因违规开采锂矿，7月16日收到自然资源局通知，要求立即停止开采并整改{}。"


def test_a_restart_allowed_only_after_a_condition_leaves_the_halt() -> None:
    # before: 复产 in "may apply to restart once compliant" turned the halt order into a restart (-1)
    assert measures(HALT.format("，待手续合法合规后方可申请复产")) == [("production_cut", 1)]
    assert measures(HALT.format("，整改完成后方可复产")) == [("production_cut", 1)]


def test_a_restart_that_happened_is_still_a_restart() -> None:
    restarted = "2025年10月14日，某公司收到通知，同意其锂矿恢复生产，公司已正式复产。"
    assert measures(restarted) == [("production_cut", -1)]
    assert measures(HALT.format("")) == [("production_cut", 1)]
