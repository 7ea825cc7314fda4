"""A general mechanism drawn from the ninety-fourth held-out set's misses, on a hand-written text with a
counter-example."""

from __future__ import annotations

from .reading import measures

HEAD = "---\npublished: 2015-11-10\n---\n"


def test_goods_removed_from_a_list_of_prohibited_trade_have_the_ban_lifted() -> None:
    removed = (
        HEAD + "China announced on Tuesday to adjust the catalogue of the prohibited processing trade.\n\n"
        "Silver ore and concentrates were removed from the catalogue of prohibited imports, while bismuth "
        "products were removed from the catalogue of prohibited exports.\n"
    )
    assert measures("a.md", removed) == [("ban", -1, ("Ag", "Bi"))]
    added = (
        HEAD + "China announced on Tuesday to adjust the catalogue of the prohibited processing trade.\n\n"
        "Silver ore and bismuth products were added to the catalogue of prohibited exports.\n"
    )
    assert measures("b.md", added) == [("ban", 1, ("Ag", "Bi"))]
