"""General mechanisms drawn from the seventy-eighth and seventy-ninth held-out sets' misses, each on a
hand-written text with a counter-example."""

from __future__ import annotations

from .reading import measures

HEAD = "---\npublished: 2013-04-09\n---\n"


def test_a_tax_on_what_is_mined_changed_is_a_duty() -> None:
    cut = (
        HEAD + "The changes reduce the tax on bauxite to 0.15 percent of the international aluminium price.\n"
    )
    assert measures("a.md", cut) == [("tariff", -1, ("Al",))]
    raised = HEAD + "Guinea raised the tax on bauxite to 0.5 percent of the aluminium price.\n"
    assert measures("b.md", raised) == [("tariff", 1, ("Al",))]
    # a tax on profits is no duty on the metal
    profits = HEAD + "The changes reduce the tax on profits of aluminium producers to 30 percent.\n"
    assert measures("c.md", profits) == []


def test_a_chinese_outlook_title_is_an_analysis() -> None:
    outlook = "---\ntitle: 我国钨市场的未来形势\npublished: 2022-11-25\n---\n国家对钨实行收储,以稳定市场。\n"
    assert measures("a.txt", outlook) == []
    news = "---\ntitle: 国家启动钨收储\npublished: 2022-11-25\n---\n国家对钨实行收储,以稳定市场。\n"
    assert [m for m, _, _ in measures("b.txt", news)] == ["stockpiling"]
