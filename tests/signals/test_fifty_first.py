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


def test_a_body_that_published_on_the_opening_day_dates_the_act() -> None:
    body = "7月24日,山东省发展改革委员会网站公布,滨州、聊城的违规电解铝项目于7月底前关停。\n"
    (sig,) = signals("a.txt", "---\npublished: 2017-08-09\n---\n" + body)
    assert sig["announced"] == "2017-07-24"
    # a day that opens on something else than a body publishing is no act's day
    other = "7月24日,滨州气温高达38度。\n\n山东省发展改革委员会要求违规电解铝项目关停。\n"
    (sig,) = signals("b.txt", "---\npublished: 2017-08-09\n---\n" + other)
    assert sig["announced"] == "2017-08-09"


def test_producers_who_agreed_on_a_weekday_date_the_act() -> None:
    text = (
        "---\npublished: 2015-11-30\n---\n"
        "Nine large copper producers in China have agreed a plan to cut refined metal production by 200,000 "
        "tonnes in 2016, an executive said on Saturday.\n"
    )
    (sig,) = signals("a.md", text)
    assert sig["announced"] == "2015-11-28"
    # a statement about a cut decided before, made on Saturday, is no agreement made then
    said = text.replace("have agreed a plan to cut", "will cut")
    (sig,) = signals("b.md", said)
    assert sig["announced"] == "2015-11-30"
