"""General mechanisms drawn from the seventy-sixth and seventy-seventh held-out sets' misses, each on a
hand-written text with a counter-example."""

from __future__ import annotations

from .reading import measures

HEAD = "---\npublished: 2020-10-24\n---\n"


def test_goods_imported_freely_loosen_an_import_ban() -> None:
    free = HEAD + "符合标准的再生铜原料和再生铸造铝合金原料,不属于固体废物,可自由进口。\n"
    assert measures("a.txt", free) == [("ban", -1, ("Al", "Cu"))]
    banned = HEAD + "不符合标准的再生铜原料,禁止进口。\n"
    assert measures("b.txt", banned) == [("ban", 1, ("Cu",))]


def test_commissioning_begun_or_the_first_product_made() -> None:
    head = "---\npublished: 2016-11-20\n---\n"
    began = head + "Galaxy began commissioning its lithium concentrate production facility in mid-November.\n"
    assert measures("a.md", began) == [("investment", -1, ("Li",))]
    first = head + "First lithium concentrate was produced on November 12.\n"
    assert measures("b.md", first) == [("investment", -1, ("Li",))]
    # a first shipment bought by a trader is no start of production
    bought = head + "The trader bought its first lithium concentrate this year.\n"
    assert measures("c.md", bought) == []


def test_a_project_restarted_after_a_suspension() -> None:
    head = "---\npublished: 2021-04-06\n---\n"
    restart = (
        head + "Its board has approved the restart of the Savannah nickel project, a year after suspending "
        "operations.\n"
    )
    assert measures("a.md", restart) == [("production_cut", -1, ("Ni",))]
    # a project only suspended is a cut
    suspended = head + "Its board has suspended operations at the Savannah nickel project.\n"
    assert measures("b.md", suspended) == [("production_cut", 1, ("Ni",))]
