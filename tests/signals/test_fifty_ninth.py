"""General mechanisms drawn from the fifty-eighth and fifty-ninth held-out sets' misses, each on a
hand-written text with a counter-example."""

from __future__ import annotations

from .reading import measures

HEAD = "---\npublished: 2019-07-04\n---\n"


def test_a_mines_first_shipment_is_its_start() -> None:
    shipped = (
        HEAD + "China Minmetals has made their first shipment of concentrate from the Beaver Brook Antimony "
        "Mine to China.\n"
    )
    assert measures("a.md", shipped) == [("investment", -1, ("Sb",))]
    zh = HEAD + "首批锑精矿产品已从矿山发运。\n"
    assert measures("b.txt", zh) == [("investment", -1, ("Sb",))]
    # a trader's first shipment of the year from a port is no new supply
    traded = HEAD + "The trader made its first shipment of antimony this year to a buyer in Rotterdam.\n"
    assert measures("c.md", traded) == []


def test_a_gerund_after_the_object_takes_its_own_object() -> None:
    thrift = (
        HEAD + "Other efforts include participating in new rare-earth mining operations and reducing the "
        "amount of rare earths in its products.\n"
    )
    assert measures("a.md", thrift) == []
    # the object after the verb still counts
    cut = HEAD + "The company is reducing rare earth mining operations at the site.\n"
    assert [m for m, _, _ in measures("b.md", cut)] == ["production_cut"]


def test_a_change_since_an_earlier_event_is_background() -> None:
    since = (
        HEAD + "Prices rose in 2010 as China clamped down on rare earth exports, but it has eased export "
        "controls since then and prices have declined.\n"
    )
    assert measures("a.md", since) == []
    eased = HEAD + "China has eased export controls on rare earths.\n"
    assert [(m, d) for m, d, _ in measures("b.md", eased)] == [("export_control", -1)]


def test_a_list_of_firms_allowed_to_export_is_a_licence() -> None:
    scrapped = HEAD + "The Ministry of Commerce scraps the list of companies allowed to export molybdenum.\n"
    assert [m for m, _, _ in measures("a.md", scrapped)] == ["export_licence"]
    # a country allowed to export again is trade resumed, a ban lifted
    allowed = HEAD + "Indonesia allowed miners to export nickel ore again.\n"
    assert [(m, d) for m, d, _ in measures("b.md", allowed)] == [("ban", -1)]
