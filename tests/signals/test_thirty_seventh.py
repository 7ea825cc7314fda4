"""A general mechanism drawn from the thirty-seventh held-out set's misses (what an industry association's
official says will be done), on a hand-written text with a counter-example."""

from __future__ import annotations

from .reading import measures

HEAD = "---\npublished: 2026-02-03\n---\n"


def test_what_an_association_official_says_will_be_done_is_no_act() -> None:
    text = HEAD + "中国有色金属工业协会副秘书长段绍甫表示，将扩大国家铜战略储备规模。\n"
    assert measures("a.txt", text) == []
    # the reserve body's own announcement is a stockpile
    state = HEAD + "国家粮食和物资储备局表示，将扩大国家铜战略储备规模。\n"
    assert measures("a.txt", state) == [("stockpiling", 1, ("Cu",))]
