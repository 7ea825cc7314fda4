"""General mechanisms drawn from the fifty-second and fifty-third held-out sets' misses, each on a
hand-written text with a counter-example."""

from __future__ import annotations

from .reading import measures, signals

HEAD = "---\npublished: 2010-03-16\n---\n"


def test_applications_for_new_mines_no_longer_accepted_are_a_ban() -> None:
    stopped = HEAD + "China stopped accepting applications for new tungsten mines until June 30, 2011.\n"
    assert measures("a.md", stopped) == [("ban", 1, ("W",))]
    paused = HEAD + "The ministry suspended the acceptance of new tungsten mining rights applications.\n"
    assert measures("b.md", paused) == [("ban", 1, ("W",))]
    # applications still accepted bar nothing
    accepted = HEAD + "China keeps accepting applications for new tungsten mines.\n"
    assert measures("c.md", accepted) == []


def test_the_ground_a_mineral_lies_in_is_no_stockpile() -> None:
    ground = HEAD + "Provinces must protect the national mineral reserve areas of rare earths.\n"
    assert measures("a.md", ground) == []
    stock = HEAD + "China will build national reserves of rare earths.\n"
    assert [m for m, _, _ in measures("b.md", stock)] == ["stockpiling"]


def test_a_crackdown_on_illegal_mining_is_a_production_cut() -> None:
    crackdown = HEAD + "China will crack down on illegal and excessive exploitation of tungsten.\n"
    assert measures("a.md", crackdown) == [("production_cut", 1, ("W",))]
    # a crackdown on something else cuts no output
    other = HEAD + "China will crack down on illegal trading of tungsten futures.\n"
    assert measures("b.md", other) == []


def test_a_statement_made_yesterday_dates_the_act() -> None:
    text = (
        HEAD + "China stopped accepting applications for new tungsten mines, the Ministry of Land and "
        "Resources said in a statement on its Web site late yesterday.\n"
    )
    (sig,) = signals("a.md", text)
    assert sig["announced"] == "2010-03-15"
    today = text.replace("late yesterday", "today")
    (sig,) = signals("b.md", today)
    assert sig["announced"] == "2010-03-16"
