"""A general mechanism drawn from the thirty-fourth held-out set's misses (a court's sentence for breaking a
measure), on a hand-written text with a counter-example."""

from __future__ import annotations

from .reading import measures

HEAD = "---\npublished: 2025-12-18\n---\n"


def test_a_courts_sentence_for_smuggling_is_no_new_ban() -> None:
    text = HEAD + "主嫌将锑锭走私出境，遭以“走私国家禁止进出口的货物罪”判处有期徒刑12年。\n"
    assert measures("c.txt", text) == []
    banned = HEAD + "商务部宣布，禁止锑锭出口。\n"
    assert measures("c.txt", banned) == [("ban", 1, ("Sb",))]
