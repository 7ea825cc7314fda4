"""General mechanisms drawn from the forty-second and forty-third held-out sets' misses, each on a
hand-written text with a counter-example."""

from __future__ import annotations

from datetime import date

from reechain.signals.dates import dates_in

from .reading import measures, signals


def test_a_start_a_day_past_is_this_years() -> None:
    text = (
        "---\npublished: 2023-07-18\n---\n"
        "Indonesia has raised export tax rates for copper concentrate, the finance ministry said."
        " The new rates are effective from July 17 to December 2023, it added.\n"
    )
    (sig,) = signals("a.md", text)
    assert (sig["measure"], sig["effective"]) == ("tariff", "2023-07-17")
    # a start months past is still next year's, and one ahead this year's
    assert dates_in("The duty applies from March 1.", date(2023, 7, 18)) == [(22, date(2024, 3, 1))]
    assert dates_in("The duty applies from August 1.", date(2023, 7, 18)) == [(22, date(2023, 8, 1))]


def test_a_restart_told_after_its_halt_and_an_investor_named() -> None:
    head = "---\npublished: 2025-05-13\n---\n"
    restart = head + "印尼一座镍厂在滑坡事故导致全面停产近两个月后，已于近日重启。\n"
    assert measures("a.txt", restart) == [("production_cut", -1, ("Ni",))]
    # a halt alone is a halt
    assert measures("b.txt", head + "印尼一座镍厂因滑坡事故全面停产。\n") == [("production_cut", 1, ("Ni",))]
    # the plant's investor named is no investment; money invested is
    assert measures("c.txt", head + "镍厂主要投资方格林美暂未回应置评请求。\n") == []
    assert measures("d.txt", head + "格林美宣布投资10亿元建设镍冶炼厂。\n") == [("investment", -1, ("Ni",))]


def test_the_day_a_plant_began_producing_dates_the_investment() -> None:
    text = (
        "---\npublished: 2025-09-29\n---\n"
        "On the morning of Sep 28, the project with an annual output of 20,000 tonnes of lithium carbonate"
        " successfully commenced production in Golmud.\n"
    )
    (sig,) = signals("a.md", text)
    assert (sig["measure"], sig["announced"], sig["effective"]) == ("investment", "2025-09-28", "2025-09-28")
    # a day that only opens the sentence of a plant being built starts nothing
    built = (
        "---\npublished: 2025-09-29\n---\n"
        "On Sep 28, the company began construction of a lithium carbonate plant with an annual output of"
        " 20,000 tonnes.\n"
    )
    (sig,) = signals("b.md", built)
    assert (sig["measure"], sig["effective"]) == ("investment", None)
