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


def test_what_the_other_side_would_do_in_return_hedges_nothing_of_the_deal() -> None:
    head = "---\npublished: 2019-05-17\n---\n"
    deal = (
        head + "The United States has reached a deal to remove aluminum tariffs on Canada, "
        "while Canada would scrap retaliatory tariffs it imposed on U.S. products.\n"
    )
    assert measures("a.md", deal) == [("tariff", -1, ("Al",))]
    talks = head + "The United States would remove aluminum tariffs on Canada.\n"
    assert measures("b.md", talks) == []


def test_a_measure_declined_is_none() -> None:
    head = "---\npublished: 2020-02-27\n---\n"
    declined = (
        head
        + "The President issued a memorandum declining to impose tariffs on imports of titanium sponge.\n"
    )
    assert measures("a.md", declined) == []
    imposed = head + "The President issued a memorandum imposing tariffs on imports of titanium sponge.\n"
    assert [m for m, _, _ in measures("b.md", imposed)] == ["tariff"]


def test_pressure_on_a_government_to_act_is_a_request() -> None:
    head = "---\npublished: 2014-03-11\n---\n"
    pressure = (
        head + "Buyers renewed pressure on the government to relax a law that bans exports of chrome ore.\n"
    )
    assert measures("a.md", pressure) == []
    relaxed = head + "The government relaxed a law that bans exports of chrome ore.\n"
    assert measures("b.md", relaxed) == [("ban", -1, ("Cr",))]


def test_a_wire_dateline_with_the_day_alone() -> None:
    text = (
        "(中央社华盛顿17日综合外电报导)「华盛顿邮报」今天报导,美国已同意48个小时后撤销对加拿大铝进口关税。\n"
    )
    (sig,) = signals("a.txt", "---\npublished: 2019-05-18\n---\n" + text)
    assert sig["announced"] == "2019-05-17"
    # a day further back than a week is no dateline of this report
    old = text.replace("17日", "2日")
    (sig,) = signals("b.txt", "---\npublished: 2019-05-18\n---\n" + old)
    assert sig["announced"] == "2019-05-18"
