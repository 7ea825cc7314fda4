"""General mechanisms drawn from the twenty-fourth held-out set's misses (a duty kept in force, a halt that
"remains" in place, exports given up on a government's order, a mine's last construction suspended), on
hand-written texts with counter-examples."""

from __future__ import annotations

from .reading import measures, signals

ORDERS = (
    "---\npublished: 2024-11-08\n---\n"
    "Silicomanganese From Ukraine: Continuation of Antidumping Duty Orders.\n\n"
    "DATES: Applicable November 1, 2024.\n"
)


def test_an_antidumping_duty_written_as_one_word_is_a_tariff() -> None:
    assert measures("o.md", ORDERS) == [("tariff", 1, ("Mn", "Si"))]
    # dumping named without a duty is no tariff
    inquiry = ORDERS.replace("Continuation of Antidumping Duty Orders", "Antidumping Inquiry Opened")
    assert measures("o.md", inquiry) == []


def test_applicable_on_a_day_is_the_start() -> None:
    hyphened = ORDERS.replace("Antidumping", "Anti-dumping")  # read before this round too
    assert [(s["announced"], s["effective"]) for s in signals("o.md", hyphened)] == [
        ("2024-11-08", "2024-11-01")
    ]
    # the same day with no word of application starts nothing
    plain = hyphened.replace("DATES: Applicable November 1, 2024.", "DATES: November 1, 2024.")
    assert [s["effective"] for s in signals("o.md", plain)] == [None]


def test_operations_that_remain_suspended_are_a_halt() -> None:
    text = (
        "---\npublished: 2024-03-20\n---\n"
        "Operations at the manganese mine remain temporarily suspended after the cyclone, "
        "it said on Wednesday.\n"
    )
    assert measures("g.md", text) == [("production_cut", 1, ("Mn",))]
    # talks that remain suspended suspend no measure and halt nothing
    talks = text.replace("Operations at the manganese mine remain", "Talks on the manganese mine remain")
    assert measures("g.md", talks) == []


def test_exports_given_up_on_a_governments_order_are_stopped() -> None:
    zh = (
        "---\npublished: 2023-09-13\n---\n"
        "里奥锂业日前发布公告,表示根据马里政府指令,将放弃出口古拉米纳锂矿直运矿石。\n"
    )
    assert measures("m.txt", zh) == [("ban", 1, ("Li",))]
    en = (
        "---\npublished: 2023-09-13\n---\n"
        "Following a government directive, Leo Lithium will abandon exports of direct-shipping lithium ore.\n"
    )
    assert measures("m.md", en) == [("ban", 1, ("Li",))]
    # a company that gives up exporting for its own reasons is no order
    own = "---\npublished: 2023-09-13\n---\n里奥锂业表示,因价格低迷,将放弃出口古拉米纳锂矿直运矿石。\n"
    assert measures("m.txt", own) == []


def test_a_mines_final_construction_suspended_is_a_halt() -> None:
    text = (
        "---\npublished: 2023-03-29\n---\n"
        "Jervois is suspending final construction and concentrator commissioning at its Idaho cobalt mine.\n"
    )
    assert measures("j.md", text) == [("production_cut", 1, ("Co",))]
    # construction completed halts nothing
    done = text.replace("is suspending final construction and", "has completed construction and started")
    assert measures("j.md", done) == []
    # suspending a measure is still a suspension
    measure = (
        "---\npublished: 2023-03-29\n---\n"
        "The ministry is suspending the export ban on cobalt ore for six months.\n"
    )
    assert [m for m, _, _ in measures("j.md", measure)] == ["suspension"]


def test_a_quotation_is_no_quota() -> None:
    head = "---\npublished: 2025-11-20\n---\n"
    assert measures("q.md", head + "Lithium carbonate quotations fell on Thursday, traders said.\n") == []
    # the quota itself is still read
    quota = head + "The ministry set this year's lithium export quotas at 20,000 tonnes on Thursday.\n"
    assert [m for m, _, _ in measures("q.md", quota)] == ["quota"]
