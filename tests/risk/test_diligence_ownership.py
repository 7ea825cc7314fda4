"""The US 50 % rule against a second, naive implementation, and the cases DESIGN.md names."""

from __future__ import annotations

from itertools import chain, combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from reechain.risk.ownership import apply_fifty_percent_rule, owned_descendants
from reechain.risk.parties import Holding


def naive_blocked(nodes: list[str], listed: set[str], holdings: list[Holding]) -> set[str]:
    """The definition read literally: the blocked set is the smallest set that holds every listed party and
    every entity in which members of the set hold 50 % or more. Found by trying every set of nodes and
    keeping the intersection of those that are closed (Knaster-Tarski: the least fixed point)."""
    others = [n for n in nodes if n not in listed]
    closed_sets = []
    for extra in chain.from_iterable(combinations(others, k) for k in range(len(others) + 1)):
        s = set(listed) | set(extra)
        closed = all(
            n in s
            for n in nodes
            if sum(h.share for h in holdings if h.owned_id == n and h.owner_id in s) * 100 >= 50 - 1e-9
        )
        if closed:
            closed_sets.append(s)
    out = set(nodes)
    for s in closed_sets:
        out &= s
    return out


@st.composite
def graphs(draw: st.DrawFn) -> tuple[list[str], set[str], list[Holding]]:
    n = draw(st.integers(2, 7))
    nodes = [f"N{i}" for i in range(n)]
    listed = set(draw(st.lists(st.sampled_from(nodes), max_size=3)))
    pairs = draw(
        st.lists(
            st.tuples(st.sampled_from(nodes), st.sampled_from(nodes)).filter(lambda p: p[0] != p[1]),
            max_size=14,
            unique=True,
        )
    )
    holdings = [Holding(a, b, draw(st.integers(1, 100)) / 100) for a, b in pairs]
    return nodes, listed, holdings


@settings(max_examples=400, deadline=None)
@given(graphs())
def test_the_rule_agrees_with_the_naive_definition(g: tuple[list[str], set[str], list[Holding]]) -> None:
    nodes, listed, holdings = g
    assert set(apply_fifty_percent_rule(listed, holdings).blocked) == naive_blocked(nodes, listed, holdings)


@settings(max_examples=200, deadline=None)
@given(graphs(), st.data())
def test_listing_one_more_party_never_unblocks_anyone(
    g: tuple[list[str], set[str], list[Holding]], data: st.DataObject
) -> None:
    nodes, listed, holdings = g
    more = listed | {data.draw(st.sampled_from(nodes))}
    assert (
        apply_fifty_percent_rule(listed, holdings).blocked <= apply_fifty_percent_rule(more, holdings).blocked
    )


def test_the_example_of_the_shared_folder() -> None:
    h = [
        Holding("P1", "P3", 0.30),
        Holding("P2", "P3", 0.25),
        Holding("P3", "P4", 0.50),
        Holding("P1", "P5", 0.40),
        Holding("P5", "P6", 1.00),
    ]
    r = apply_fifty_percent_rule({"P1", "P2"}, h)
    assert r.blocked == {"P1", "P2", "P3", "P4"}
    assert r.blocked_by_ownership == {"P3", "P4"}
    assert r.share_of("P3") == 0.55 and r.share_of("P4") == 0.5 and r.share_of("P5") == 0.4
    assert r.share_of("P6") == 0.0  # P5 owns all of P6 but is not blocked: nothing counts


def test_ofac_guidance_example_indirect_through_a_blocked_entity() -> None:
    # OFAC FAQ 401-style: X (listed) holds 40 % of A and 50 % of B; B holds 10 % of A → B blocked, A 40+10.
    h = [Holding("X", "A", 0.40), Holding("X", "B", 0.50), Holding("B", "A", 0.10)]
    assert apply_fifty_percent_rule({"X"}, h).blocked == {"X", "A", "B"}


def test_a_cycle_of_unlisted_owners_blocks_nothing_and_ends() -> None:
    h = [Holding("A", "B", 0.6), Holding("B", "A", 0.6), Holding("X", "A", 0.3)]
    assert apply_fifty_percent_rule({"X"}, h).blocked == {"X"}
    h.append(Holding("X", "B", 0.5))
    assert apply_fifty_percent_rule({"X"}, h).blocked == {"X", "A", "B"}  # B by X, then A by X 30 + B 60


def test_people_and_several_owners_add_up_and_0_3_plus_0_2_is_half() -> None:
    h = [Holding("Ivan (person)", "Co", 0.3), Holding("Boreal", "Co", 0.2)]
    assert apply_fifty_percent_rule({"Ivan (person)", "Boreal"}, h).blocked_by_ownership == {"Co"}
    assert apply_fifty_percent_rule({"Ivan (person)"}, h).blocked_by_ownership == frozenset()


def test_descendants_follow_chains_and_stop_at_cycles() -> None:
    h = [Holding("A", "B", 0.1), Holding("B", "C", 0.1), Holding("C", "A", 0.1), Holding("D", "E", 1.0)]
    assert owned_descendants(["A"], h) == {"A", "B", "C"}
