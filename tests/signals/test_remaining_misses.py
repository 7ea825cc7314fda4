"""General mechanisms drawn from misses left open on sets already read (each set's first reading is recorded
in docs/performance.md before any change), on hand-written texts with counter-examples."""

from __future__ import annotations

from .reading import measures

HEAD = "---\npublished: 2023-10-06\n---\n"


def test_close_to_a_share_of_output_is_no_closure() -> None:
    text = HEAD + "Indonesian nickel output should reach 2.2m t, close to 60% of global output.\n"
    assert measures("f.md", text) == []
    # closing a mine, or closing down its output, is still a halt
    closed = HEAD + "The company said it will close the mine and its output this month.\n"
    assert [m for m, _, _ in measures("c.md", closed.replace("its output", "its nickel output"))] == [
        "production_cut"
    ]
