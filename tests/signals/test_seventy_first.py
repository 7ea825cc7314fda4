"""General mechanisms drawn from the seventieth and seventy-first held-out sets' misses, each on a
hand-written text with a counter-example."""

from __future__ import annotations

from .reading import measures

HEAD = "---\npublished: 2013-03-13\n---\n"


def test_long_awaited_tenders_issued_and_their_effect() -> None:
    issued = (
        HEAD + "China's state stockpiler has issued long-awaited tenders to buy 300,000 tonnes of primary "
        "aluminium, sources said on Wednesday, in a move that would support metals prices.\n"
    )
    assert measures("a.md", issued) == [("stockpiling", 1, ("Al",))]
    # a stockpiling decision still awaited is no act
    awaited = HEAD + "Traders are awaiting a stockpiling decision on aluminium by the state stockpiler.\n"
    assert measures("b.md", awaited) == []


def test_when_the_output_of_a_restart_will_come_hedges_nothing() -> None:
    head = "---\npublished: 2021-08-26\n---\n"
    restart = head + "Molybdenum operations resumed at 7 am today, and output would be yielded at 5 pm.\n"
    assert measures("a.md", restart) == [("production_cut", -1, ("Mo",))]
    # a restart that only would happen stays hedged
    maybe = head + "Molybdenum operations would resume at 7 am tomorrow.\n"
    assert measures("b.md", maybe) == []


def test_production_launched_at_a_new_plant() -> None:
    head = "---\npublished: 2020-11-27\n---\n"
    launched = head + "Yunnan Tin launched production on Thursday at a new tin smelting project.\n"
    assert measures("a.md", launched) == [("investment", -1, ("Sn",))]
    # production cuts launched are cuts
    cuts = head + "Tin smelters launched production cuts on Thursday.\n"
    assert [m for m, _, _ in measures("b.md", cuts)] == ["production_cut"]
