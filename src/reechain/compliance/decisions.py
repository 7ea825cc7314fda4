"""The compliance decision of an order: per line, per party and overall, each with its reasons.

Pure: it takes the classification, the licence assignment, the screening hits, the allow-list and the
policy, and returns a JSON-ready dict (format: docs/compliance.md, "Decision output").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from reechain.compliance.classification import Classification
from reechain.compliance.licences import LineLicence, name_key
from reechain.compliance.order import Order, Party
from reechain.compliance.rules import Policy

DECISIONS = ("clear", "licence_required", "hold", "blocked")


def worst(*decisions: str) -> str:
    return max(decisions, key=DECISIONS.index, default="clear")


class Hit(Protocol):
    """What the screening service returns for one list entry that resembles a party."""

    @property
    def list_name(self) -> str: ...
    @property
    def list_version(self) -> Any: ...
    @property
    def entry_id(self) -> str: ...
    @property
    def entry_name(self) -> str: ...
    @property
    def score(self) -> float: ...
    @property
    def features(self) -> Sequence[Any]: ...
    @property
    def entry_fingerprint(self) -> str: ...


@dataclass(frozen=True)
class AllowEntry:
    id: int
    party_name: str
    list_name: str
    entry_id: str
    entry_fingerprint: str
    expires_on: date
    approved_by: str

    def silences(self, party: Party, hit: Hit, on: date) -> bool:
        return (
            name_key(self.party_name) == name_key(party.name)
            and self.list_name == hit.list_name
            and self.entry_id == hit.entry_id
            and self.entry_fingerprint == hit.entry_fingerprint
            and on <= self.expires_on
        )


@dataclass(frozen=True)
class Release:
    """A hit a two-person review already released for this order."""

    hold_id: int
    party_name: str
    list_name: str
    entry_id: str
    entry_fingerprint: str
    approvers: tuple[str, ...]

    def covers(self, party: Party, hit: Hit) -> bool:
        return (
            name_key(self.party_name) == name_key(party.name)
            and self.list_name == hit.list_name
            and self.entry_id == hit.entry_id
            and self.entry_fingerprint == hit.entry_fingerprint
        )


def list_action(policy: Policy, list_name: str, programs: tuple[str, ...] = ()) -> str:
    """The action of the first policy rule that matches the list (and, if the rule names one, a program
    of the entry, e.g. MOFCOM's watch list inside ``mofcom-control``)."""
    for rule in policy.lists:
        if rule.applies(list_name, programs):
            return rule.action
    return policy.default_action


def hit_programs(hit: Hit) -> tuple[str, ...]:
    """The programs (sub-lists, notices) of the hit's entry, when the screening service supplies them."""
    programs = getattr(hit, "programs", ())
    return tuple(str(p) for p in programs) if isinstance(programs, tuple | list) else ()


@dataclass(frozen=True)
class ListedHit:
    """A screening hit together with the programs of its list entry (what the policy may decide on)."""

    list_name: str
    list_version: Any
    entry_id: str
    entry_name: str
    score: float
    features: Sequence[Any]
    entry_fingerprint: str
    programs: tuple[str, ...] = ()

    @classmethod
    def of(cls, hit: Hit, programs: tuple[str, ...]) -> ListedHit:
        return cls(
            hit.list_name,
            hit.list_version,
            hit.entry_id,
            hit.entry_name,
            hit.score,
            hit.features,
            hit.entry_fingerprint,
            programs,
        )


def features_json(features: Sequence[Any]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for f in features:
        if isinstance(f, dict):
            out.append({"name": f.get("name"), "score": f.get("score"), "detail": f.get("detail")})
        else:
            name, score, detail = (*tuple(f), None, None, None)[:3]
            out.append(
                {
                    "name": name,
                    "score": round(float(score), 4) if score is not None else None,
                    "detail": detail,
                }
            )
    return out


def decide_party(
    party: Party,
    hits: Sequence[Hit],
    policy: Policy,
    allow: Sequence[AllowEntry],
    releases: Sequence[Release],
    on: date,
    lists_loaded: bool,
) -> dict[str, Any]:
    reasons: list[str] = []
    decision = "clear"
    shown: list[dict[str, Any]] = []
    if not lists_loaded:
        decision = policy.no_lists_action if policy.no_lists_action in DECISIONS else "hold"
        reasons.append(
            "no restricted-party list is loaded: the party could not be screened "
            "(load lists with `reechain lists import`, or sample lists with `comply check --sample-lists`)"
        )
    for hit in sorted(hits, key=lambda h: -h.score):
        if hit.score < policy.review_threshold:
            continue
        programs = hit_programs(hit)
        action = list_action(policy, hit.list_name, programs)
        entry = f"{hit.list_name} entry {hit.entry_id} {hit.entry_name!r} (score {hit.score:.3f})"
        allowed = next((a for a in allow if a.silences(party, hit, on)), None)
        released = next((r for r in releases if r.covers(party, hit)), None)
        if allowed is not None:
            outcome = "allowed"
            why = f"{entry} silenced by allow-list entry {allowed.id} (approved by {allowed.approved_by}, "
            why += f"until {allowed.expires_on})"
        elif released is not None:
            outcome = "released"
            why = f"{entry} released by hold {released.hold_id} ({' and '.join(released.approvers)})"
        elif action == "block" and hit.score >= policy.block_threshold:
            outcome = "blocked"
            why = f"{entry} ≥ block threshold {policy.block_threshold} on a blocking list"
        elif action in ("block", "hold"):
            outcome = "hold"
            why = f"{entry} ≥ review threshold {policy.review_threshold}: needs review"
            if action == "hold" and hit.score >= policy.block_threshold:
                why = f"{entry} on a list the policy holds for review (not a blocking list)"
        else:
            outcome = "clear"
            why = f"{entry} on a list the policy ignores"
        if outcome in ("blocked", "hold"):
            decision = worst(decision, outcome)
        reasons.append(why)
        shown.append(
            {
                "list": hit.list_name,
                "list_version": hit.list_version,
                "entry_id": hit.entry_id,
                "entry_name": hit.entry_name,
                "score": round(float(hit.score), 4),
                "features": features_json(hit.features),
                "entry_fingerprint": hit.entry_fingerprint,
                "programs": list(programs),
                "outcome": outcome,
            }
        )
    if lists_loaded and not shown:
        reasons.append(f"no list entry scores at or above {policy.review_threshold}")
    return {
        "role": party.role,
        "name": party.name,
        "country": party.country,
        "schema": party.schema,
        "decision": decision,
        "reasons": reasons,
        "hits": shown,
    }


def decide_line(order: Order, cls: Classification, lic: LineLicence | None) -> dict[str, Any]:
    line = next(ln for ln in order.lines if ln.line == cls.line)
    reasons = [f.reason for f in cls.findings] + list(cls.not_applied)
    decision = "clear"
    if lic is not None:
        reasons.append(lic.reason)
        if lic.licence_no is None:
            decision = "licence_required"
    if not cls.findings:
        reasons.insert(0, f"no measure in force on {order.date} catches this line")
    return {
        "line": line.line,
        "product": line.product,
        "form": line.form,
        "hs_code": line.hs_code,
        "quantity_kg": line.quantity_kg,
        "decision": decision,
        "measures": [
            {"id": f.measure_id, "title": f.title, "control_codes": list(f.control_codes), "reason": f.reason}
            for f in cls.findings
        ],
        "licence": (
            {"licence_no": lic.licence_no, "quantity_kg": lic.quantity_kg}
            if lic is not None and lic.licence_no is not None
            else None
        ),
        "reasons": reasons,
    }


def overall(lines: list[dict[str, Any]], parties: list[dict[str, Any]]) -> tuple[str, list[str]]:
    decision = worst(*(x["decision"] for x in lines + parties))
    reasons: list[str] = []
    for p in parties:
        if p["decision"] in ("blocked", "hold"):
            reasons.append(f"{p['role']} {p['name']!r}: {p['decision']}")
    for ln in lines:
        if ln["decision"] != "clear":
            reasons.append(f"line {ln['line']} ({ln['product']}): {ln['decision']}")
    if not reasons:
        reasons.append("every line is authorised and no party matches a list entry that needs review")
    return decision, reasons
