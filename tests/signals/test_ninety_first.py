"""General mechanisms drawn from the ninetieth and ninety-first held-out sets' misses, each on a hand-written
text with a counter-example."""

from __future__ import annotations

from .reading import measures

HEAD = "---\npublished: 2011-01-24\n---\n"


def test_an_agreement_to_explore_and_mine_jointly_is_investment() -> None:
    agreed = HEAD + "韩国外交通商部表示,韩国与埃塞俄比亚就共同勘探和开采钽、锂等稀有金属达成了协议。\n"
    assert measures("a.txt", agreed) == [("investment", -1, ("Li", "Ta"))]
    en = HEAD + "South Korea signed a deal with Ethiopia to jointly explore tantalum and lithium deposits.\n"
    assert measures("b.md", en) == [("investment", -1, ("Li", "Ta"))]
    talk = HEAD + "韩国与埃塞俄比亚讨论了钽、锂等稀有金属的市场前景。\n"
    assert measures("c.txt", talk) == []


def test_a_measure_named_only_as_a_cause_or_circumstance_is_background() -> None:
    cause = (
        "---\npublished: 2011-01-07\n---\n"
        "据日本经济产业省称,由于中国政府削减了稀土的出口量,使得日本企业产生了极大的不安。\n"
    )
    assert measures("a.txt", cause) == []
    own = "---\npublished: 2011-01-07\n---\n据日本经济产业省称,中国政府削减了稀土的出口量。\n"
    assert [m for m, _, _ in measures("b.txt", own)] == ["export_control"]
