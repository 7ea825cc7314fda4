"""General mechanisms drawn from the twenty-seventh held-out set's misses (a company's output target, a
provisional tariff rate, a plant priced in money, a petition for duties), on hand-written texts with
counter-examples."""

from __future__ import annotations

from .reading import measures

HEAD = "---\npublished: 2024-02-01\n---\n"


def test_a_companys_output_target_is_no_quota() -> None:
    text = HEAD + "Glencore is cutting its production target for cobalt this year, it said on Thursday.\n"
    assert [m for m, _, _ in measures("g.md", text)] == ["production_cut"]
    # a government's mining quota is still one
    quota = HEAD + "The ministry cut this year's cobalt mining quotas by 10%, it said on Thursday.\n"
    assert [m for m, _, _ in measures("g.md", quota)] == ["quota"]


def test_a_provisional_tariff_rate_cut_is_a_tariff_lowered() -> None:
    text = HEAD + "海关总署表示,自2024年1月1日起进口碳酸锂暂定税率从2%降为0。\n"
    assert measures("t.txt", text) == [("tariff", -1, ("Li",))]
    raised = text.replace("从2%降为0", "从0提高至2%")
    assert measures("t.txt", raised) == [("tariff", 1, ("Li",))]


def test_a_plant_priced_in_money_is_an_investment() -> None:
    text = HEAD + "Albemarle has picked South Carolina as the site for a $1.3 billion lithium refinery.\n"
    assert measures("a.md", text) == [("investment", -1, ("Li",))]
    # a price per tonne of a plant's product is no investment
    price = HEAD + "Lithium hydroxide from the refinery sold at $13.5 per kilogram last week.\n"
    assert measures("a.md", price) == []


def test_a_petition_seeking_duties_is_no_tariff() -> None:
    text = HEAD + (
        "Anode producers have filed petitions with the Commerce Department seeking the imposition of 920% "
        "tariffs on imports of graphite from China.\n"
    )
    assert measures("p.md", text) == []
    # the duties imposed are a tariff
    imposed = HEAD + "The Commerce Department imposed 920% tariffs on imports of graphite from China.\n"
    assert measures("p.md", imposed) == [("tariff", 1, ("C",))]
