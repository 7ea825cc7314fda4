"""General mechanisms drawn from the thirty-ninth held-out set's misses, each on a hand-written text with a
counter-example."""

from __future__ import annotations

from .reading import measures


def test_a_vow_to_answer_a_measure_taken_leaves_that_measure_decided() -> None:
    text = (
        '---\ntitle: "Trump vows to respond to Europe\'s retaliatory metal tariffs"\n'
        "published: 2025-03-12\n---\n"
        "President Donald Trump said the U.S. will respond to the European Union's countermeasures against"
        " his new 25 percent tariffs on steel and aluminum.\n"
    )
    assert measures("a.md", text) == [("tariff", 1, ("Al",))]
    # a vow against tariffs not yet imposed is a threat: nothing decided
    threat = (
        '---\ntitle: "China vows to retaliate against any new US tariffs"\npublished: 2025-03-12\n---\n'
        "China said it would retaliate against any new 25 percent tariffs on aluminum.\n"
    )
    assert measures("b.md", threat) == []
