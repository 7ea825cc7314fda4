"""General mechanisms drawn from the thirty-first held-out set's misses (a sentence ended inside quotes, an
expansion put on hold, intentions, what another state has already done, limited capacity, a plant opened,
quota revisions approved), on hand-written texts with counter-examples."""

from __future__ import annotations

from reechain.signals.text import paragraph_sentences

from .reading import measures

HEAD = "---\npublished: 2024-07-31\n---\n"


def test_a_full_stop_inside_closing_quotes_ends_the_sentence() -> None:
    text = 'It will place another train in "care and maintenance." It expects to take a charge.'
    assert [s for _, s in paragraph_sentences(text)] == [
        'It will place another train in "care and maintenance."',
        "It expects to take a charge.",
    ]
    # the hedge of the next sentence no longer hides the act
    doc = (
        HEAD
        + "The lithium producer said it will place a processing train at its Kemerton plant in “care and"
        + " maintenance.” It expects to take a charge of $900 million.\n"
    )
    assert measures("k.md", doc) == [("production_cut", 1, ("Li",))]


def test_an_expansion_put_on_hold_is_no_investment() -> None:
    text = HEAD + "Albemarle is putting its lithium expansion in Australia on hold amid a price slump.\n"
    assert measures("a.md", text) == []
    going = HEAD + "Albemarle is going ahead with its lithium expansion in Australia despite a price slump.\n"
    assert measures("a.md", going) == [("investment", -1, ("Li",))]


def test_intentions_and_what_another_state_has_already_done_are_not_the_documents_acts() -> None:
    text = (
        HEAD
        + "The commission's work plan outlined intentions to establish a centre to jointly purchase and"
        + " stockpile cobalt.\n\nThe United States has already launched a $1 billion procurement program to"
        + " bolster its own strategic reserves of cobalt.\n"
    )
    assert measures("e.md", text) == []
    # the same purchase announced is a stockpile
    done = (
        HEAD
        + "The United States launched a $1 billion program to bolster its strategic reserves of cobalt.\n"
    )
    assert measures("e.md", done) == [("stockpiling", 1, ("Co",))]


def test_limited_capacity_restricts_nothing() -> None:
    text = (
        HEAD
        + "The EU's limited domestic cobalt mining and refining capacity constrains its ability to buy.\n"
    )
    assert measures("l.md", text) == []
    limited = HEAD + "The government limited cobalt mining to licensed companies.\n"
    assert measures("l.md", limited) == [("production_cut", 1, ("Co",))]


def test_a_plant_opened_or_starting_to_supply_is_an_investment() -> None:
    text = HEAD + "Europe's first rare-earth magnet factory is starting to supply automotive customers.\n"
    assert [m for m, _, _ in measures("n.md", text)] == ["investment"]
    opened = HEAD + "Neo opened its rare earth magnet plant in Narva last month.\n"
    assert [m for m, _, _ in measures("n.md", opened)] == ["investment"]
    # a plant reopened after a halt is a restart
    reopened = HEAD + "The company reopened its lithium plant after a two-month halt.\n"
    assert measures("n.md", reopened) == [("production_cut", -1, ("Li",))]


def test_quota_revision_requests_approved_raise_the_quota() -> None:
    text = (
        HEAD + "Indonesia has approved 38 out of 84 requests for nickel mining quota revisions this year.\n"
    )
    assert measures("q.md", text) == [("quota", -1, ("Ni",))]
    rejected = text.replace("has approved", "has rejected")
    assert ("quota", -1, ("Ni",)) not in measures("q.md", rejected)
