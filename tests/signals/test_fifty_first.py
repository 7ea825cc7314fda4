"""General mechanisms drawn from the fiftieth and fifty-first held-out sets' misses, each on a hand-written
text with a counter-example."""

from __future__ import annotations

from .reading import measures, signals

HEAD = "---\npublished: 2018-10-11\n---\n"


def test_work_at_a_mine_that_stopped_is_a_production_cut() -> None:
    stopped = HEAD + "Blasting at the tungsten mine in Devon stopped for a second day.\n"
    assert measures("a.md", stopped) == [("production_cut", 1, ("W",))]
    # work that goes on is no cut
    going = HEAD + "Blasting at the tungsten mine in Devon continued for a second day.\n"
    assert measures("b.md", going) == []


def test_cutting_the_cost_of_production_is_no_production_cut() -> None:
    cost = HEAD + "The company works to achieve further reductions in the cost of rare earth production.\n"
    assert measures("a.md", cost) == []
    output = HEAD + "The company will make further reductions in rare earth production.\n"
    assert [m for m, _, _ in measures("b.md", output)] == ["production_cut"]


def test_an_analysts_poll_names_measures_as_its_subject() -> None:
    body = "Last year, Glencore and Freeport announced plans to suspend some copper production.\n"
    poll = "---\ntitle: Metals poll\npublished: 2016-01-25\n---\n" + body
    assert measures("a.md", poll) == []
    news = "---\ntitle: Miners cut output\npublished: 2016-01-25\n---\n" + body
    assert measures("b.md", news) == [("production_cut", 1, ("Cu",))]


def test_a_listed_companys_notice_of_what_it_is_to_do_is_a_decision() -> None:
    head = "---\npublished: 2017-08-03\n---\n"
    notice = (
        head + "华友钴业公告称,拟增资刚果(金)子公司,建设4000吨粗制氢氧化钴项目,项目预计将于2018年建成投产。\n"
    )
    assert measures("a.txt", notice) == [("investment", -1, ("Co",))]
    # without the filed notice, 拟 is still a plan
    plan = head + "华友钴业拟增资刚果(金)子公司,建设4000吨粗制氢氧化钴项目,项目预计将于2018年建成投产。\n"
    assert measures("b.txt", plan) == []


def test_a_start_told_by_the_day_of_the_text() -> None:
    head = "---\npublished: 2020-03-27\n---\n"
    tomorrow = head + "The company will temporarily suspend graphite production at Balama from tomorrow.\n"
    (sig,) = signals("a.md", tomorrow)
    assert sig["effective"] == "2020-03-28"
    zh = head + "公司自明日起暂停石墨生产。\n"
    (sig,) = signals("b.txt", zh)
    assert sig["effective"] == "2020-03-28"
    # a day named with no start cue is no start
    other = (
        head + "The company suspended graphite production at Balama. Talks with the union resume tomorrow.\n"
    )
    (sig,) = signals("c.md", other)
    assert sig["effective"] is None


def test_a_deadline_for_the_act_is_its_start() -> None:
    head = (
        "---\npublished: 2015-09-26\n---\n"
        "Molycorp said its Mountain Pass rare earths mine will be put on care and maintenance.\n\n"
    )
    deadline = head + "Rare earths production at the facility will be suspended no later than 20 October.\n"
    (sig,) = signals("a.md", deadline)
    assert sig["effective"] == "2015-10-20"
    # a day that is no deadline of the act: the board meets then
    meeting = head + "The board will meet again on 20 October.\n"
    (sig,) = signals("b.md", meeting)
    assert sig["effective"] is None
