"""The US 50 % rule (OFAC, revised guidance of 13 August 2014): an entity owned 50 % or more in aggregate,
directly or indirectly, by one or more blocked persons is itself blocked. Indirect ownership counts only
through entities that are themselves blocked, so the blocked set is the least set that holds every listed
party and every entity whose shares held by members of the set add up to 50 % or more. Cycles, several owners
and people as owners need no special case: the set only grows, each entity enters once.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from reechain.risk.parties import Holding

THRESHOLD = 0.5
TOLERANCE = 1e-9
"""Shares are read from decimal text; 0.3 + 0.2 must reach 0.5 although the floats sum to 0.49999…"""


@dataclass(frozen=True)
class OwnershipResult:
    blocked: frozenset[str]
    """Listed parties and every entity blocked by ownership."""
    blocked_by_ownership: frozenset[str]
    """Entities whose blocked owners hold 50 % or more (whether or not they are listed themselves)."""
    listed_share: dict[str, float]
    """For every owned entity: the aggregate share held by blocked owners (0 when none)."""
    blocked_owners: dict[str, list[tuple[str, float]]]
    """For every owned entity: its blocked owners with their shares — the evidence."""

    def share_of(self, party_id: str) -> float:
        return self.listed_share.get(party_id, 0.0)


def reaches(total: float) -> bool:
    return total >= THRESHOLD - TOLERANCE


def apply_fifty_percent_rule(listed: Collection[str], holdings: Iterable[Holding]) -> OwnershipResult:
    """Propagate blocking from ``listed`` along ``holdings`` (a worklist: each entity that becomes blocked
    adds its shares to the entities it owns once)."""
    owns: dict[str, list[Holding]] = defaultdict(list)
    for h in holdings:
        owns[h.owner_id].append(h)
    blocked: set[str] = set(listed)
    held: dict[str, list[tuple[str, float]]] = defaultdict(list)
    queue = sorted(blocked)
    while queue:
        owner = queue.pop()
        for h in owns.get(owner, []):
            held[h.owned_id].append((owner, h.share))
            if h.owned_id not in blocked and reaches(math.fsum(s for _, s in held[h.owned_id])):
                blocked.add(h.owned_id)
                queue.append(h.owned_id)
    shares = {pid: math.fsum(s for _, s in owners) for pid, owners in held.items()}
    by_ownership = frozenset(pid for pid, total in shares.items() if reaches(total))
    return OwnershipResult(
        blocked=frozenset(blocked),
        blocked_by_ownership=by_ownership,
        listed_share=shares,
        blocked_owners={pid: sorted(owners) for pid, owners in held.items()},
    )


def owned_descendants(roots: Iterable[str], holdings: Iterable[Holding]) -> set[str]:
    """Every entity owned, directly or through a chain, by one of ``roots`` (the roots excluded unless a
    cycle leads back to them): the parties whose ownership verdict can change when a root's does."""
    owns: dict[str, list[str]] = defaultdict(list)
    for h in holdings:
        owns[h.owner_id].append(h.owned_id)
    seen: set[str] = set()
    stack = list(roots)
    while stack:
        for child in owns.get(stack.pop(), []):
            if child not in seen:
                seen.add(child)
                stack.append(child)
    return seen
