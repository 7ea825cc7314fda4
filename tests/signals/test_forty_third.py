"""General mechanisms drawn from the forty-second and forty-third held-out sets' misses, each on a
hand-written text with a counter-example."""

from __future__ import annotations

from datetime import date

from reechain.signals.dates import dates_in

from .reading import signals


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
