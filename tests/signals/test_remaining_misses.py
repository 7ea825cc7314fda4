"""General mechanisms drawn from misses left open on sets already read (each set's first reading is recorded
in docs/performance.md before any change), on hand-written texts with counter-examples."""

from __future__ import annotations

from .reading import measures, signals

HEAD = "---\npublished: 2023-10-06\n---\n"


def test_close_to_a_share_of_output_is_no_closure() -> None:
    text = HEAD + "Indonesian nickel output should reach 2.2m t, close to 60% of global output.\n"
    assert measures("f.md", text) == []
    # closing a mine, or closing down its output, is still a halt
    closed = HEAD + "The company said it will close the mine and its output this month.\n"
    assert [m for m, _, _ in measures("c.md", closed.replace("its output", "its nickel output"))] == [
        "production_cut"
    ]


def test_care_and_maintenance_in_chinese_from_the_day_it_is_to_begin() -> None:
    text = (
        "---\npublished: 2026-02-14\n---\n"
        "2026年2月12日，South32首席执行官在半年财报电话会议上的发言确认，莫扎尔铝厂将于2026年3月15日转入“维护与保养”状态。\n"
    )
    [s] = signals("m.txt", text)
    assert (s["measure"], s["direction"], s["elements"]) == ("production_cut", 1, ["Al"])
    # the chief executive's remarks two days before the report date the act; the plant stops on 15 March
    assert (s["announced"], s["effective"]) == ("2026-02-12", "2026-03-15")
    # a day after 将于 that the measure's clause does not follow is no start
    other = text.replace(
        "将于2026年3月15日转入“维护与保养”状态", "将于2026年3月15日召开股东大会，铝厂转入“维护与保养”状态"
    )
    [s] = signals("m.txt", other)
    assert s["effective"] != "2026-03-15"
