"""General mechanisms drawn from the sixty-sixth and sixty-seventh held-out sets' misses, each on a
hand-written text with a counter-example."""

from __future__ import annotations

from .reading import measures

HEAD = "---\npublished: 2020-05-19\n---\n"


def test_ground_broken_on_a_plant() -> None:
    broken = HEAD + "LDK Solar has broken ground on a 30,000-ton polysilicon plant in Hohhot.\n"
    assert measures("a.md", broken) == [("investment", -1, ("Si",))]
    # a record broken is no ground broken
    record = HEAD + "Polysilicon prices have broken a record in Hohhot.\n"
    assert measures("b.md", record) == []


def test_a_plant_put_into_production_told_in_reported_speech() -> None:
    put = (
        HEAD
        + "Sichuan Yahua said on Tuesday it had put a new 20,000 tonnes per year lithium hydroxide plant "
        "into production.\n"
    )
    assert measures("a.md", put) == [("investment", -1, ("Li",))]
    # a past act told as before the news stays history
    before = HEAD + "The ministry had imposed a ban on lithium exports in December 2018.\n"
    assert measures("b.md", before) == []


def test_begun_producing_is_a_start() -> None:
    begun = HEAD + "QingHai SaltLake has begun producing magnesium at its plant in Golmud.\n"
    assert measures("a.md", begun) == [("investment", -1, ("Mg",))]
    again = HEAD + "QingHai SaltLake has started producing magnesium again after a halt.\n"
    assert [m for m, d, _ in measures("b.md", again) if m == "investment"] == []


def test_producers_ordered_to_shut() -> None:
    head = "---\npublished: 2021-09-08\n---\n"
    shut = (
        head
        + "Antimony mines, smelters and processing plants in Hunan have all been ordered to shut recently.\n"
    )
    assert measures("a.md", shut) == [("production_cut", 1, ("Sb",))]
    # an order to halt exports is no production cut
    exports = head + "Antimony traders in Hunan were ordered to halt exports of the metal.\n"
    assert [m for m, _, _ in measures("b.md", exports) if m == "production_cut"] == []


def test_a_crackdown_on_smuggling_enforces_export_controls() -> None:
    head = "---\npublished: 2011-12-01\n---\n"
    en = head + "China's customs reinforced its crack-down on rare earth smuggling.\n"
    assert [(m, d) for m, d, _ in measures("a.md", en)] == [("export_control", 1)]
    zh = head + "海关总署部署开展打击稀土走私专项行动。\n"
    assert [(m, d) for m, d, _ in measures("b.txt", zh)] == [("export_control", 1)]
    # a smuggling case reported is no campaign
    case = head + "Police found three cases of rare earth smuggling in Shandong.\n"
    assert measures("c.md", case) == []
