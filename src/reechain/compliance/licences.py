"""Export licences: which one covers an order line, and the rules of drawing one down."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from reechain.compliance.classification import Classification
from reechain.compliance.order import Order, OrderLine
from reechain.compliance.rules import LICENCE_KINDS
from reechain.domain.errors import InvalidInput, Problem, RuleViolation


@dataclass(frozen=True)
class Licence:
    licence_no: str
    kind: str
    """dual_use (MOFCOM dual-use items export licence) or export (export licence for catalogue goods)."""
    exporter: str
    consignee: str | None
    end_user: str | None
    destination_country: str | None
    """None: any destination (a general licence)."""
    elements: frozenset[str]
    """Elements the licence covers; empty: any."""
    hs_codes: tuple[str, ...]
    """HS codes (prefixes) the licence covers; empty: any."""
    quantity_kg: float
    drawn_kg: float
    valid_from: date
    valid_until: date
    revoked: bool = False

    @property
    def remaining_kg(self) -> float:
        return max(0.0, self.quantity_kg - self.drawn_kg)


def name_key(name: str) -> str:
    """Compare party names on a licence or allow-list: case, width, punctuation and spacing ignored."""
    s = unicodedata.normalize("NFKC", name).casefold()
    return re.sub(r"[\W_]+", "", s)


def validate_licence(lic: Licence) -> None:
    problems: list[Problem] = []
    if not lic.licence_no.strip():
        problems.append(Problem("required", field="licence_no"))
    if lic.kind not in LICENCE_KINDS:
        problems.append(Problem(f"must be one of {', '.join(sorted(LICENCE_KINDS))}", field="kind"))
    if not lic.exporter.strip():
        problems.append(Problem("required", field="exporter"))
    if not lic.quantity_kg > 0:
        problems.append(Problem("must be positive", field="quantity_kg"))
    if lic.valid_until < lic.valid_from:
        problems.append(Problem("must not be before valid_from", field="valid_until"))
    if lic.destination_country is not None and len(lic.destination_country) != 2:
        problems.append(Problem("a two-letter ISO country code", field="destination_country"))
    if problems:
        raise InvalidInput(f"licence {lic.licence_no or '(no number)'} is not valid", problems)


def mismatch(
    lic: Licence, kinds: frozenset[str], order: Order, line: OrderLine, elements: set[str]
) -> str | None:
    """Why ``lic`` cannot authorise ``line`` of ``order`` (None: it can, quantity aside)."""
    if lic.kind not in kinds:
        return f"kind {lic.kind} (needs {' or '.join(sorted(kinds))})"
    if lic.revoked:
        return "revoked"
    if not lic.valid_from <= order.date <= lic.valid_until:
        return f"not valid on {order.date} (valid {lic.valid_from} to {lic.valid_until})"
    if name_key(lic.exporter) != name_key(order.exporter):
        return f"exporter {lic.exporter!r}"
    if lic.destination_country and lic.destination_country != order.destination_country:
        return f"destination {lic.destination_country}"
    for role, wanted in (("consignee", lic.consignee), ("end_user", lic.end_user)):
        if wanted and not any(p.role == role and name_key(p.name) == name_key(wanted) for p in order.parties):
            return f"{role.replace('_', ' ')} {wanted!r}"
    if lic.elements and not elements <= lic.elements:
        return f"covers {', '.join(sorted(lic.elements))}, not {', '.join(sorted(elements - lic.elements))}"
    if lic.hs_codes and not any(line.hs_code.startswith(c) for c in lic.hs_codes):
        return f"does not cover HS {line.hs_code}"
    return None


@dataclass(frozen=True)
class LineLicence:
    line: int
    licence_no: str | None
    quantity_kg: float
    reason: str


def assign_licences(
    order: Order, classes: dict[int, Classification], licences: list[Licence]
) -> dict[int, LineLicence]:
    """For each line that needs a licence, pick a valid matching one with enough remaining quantity.

    Lines of one order drawing on the same licence share its remaining quantity. Lines needing no licence
    are left out of the answer.
    """
    remaining = {lic.licence_no: lic.remaining_kg for lic in licences}
    out: dict[int, LineLicence] = {}
    for line in order.lines:
        cls = classes[line.line]
        needing = [f for f in cls.findings if f.licence_kinds]
        if not needing:
            continue
        # One licence must satisfy every measure that catches the line: intersect the kinds each accepts.
        kinds = frozenset.intersection(*(f.licence_kinds for f in needing))
        elements = {el for f in needing for el in f.elements}
        measure_ids = ", ".join(f.measure_id for f in needing)
        refusals: list[str] = []
        chosen: Licence | None = None
        for lic in sorted(licences, key=lambda x: (x.valid_until, x.licence_no)):
            why = mismatch(lic, kinds, order, line, elements)
            if why is None and remaining[lic.licence_no] + 1e-9 < line.quantity_kg:
                why = f"only {remaining[lic.licence_no]:g} kg left of {lic.quantity_kg:g} kg"
            if why is None:
                chosen = lic
                break
            refusals.append(f"{lic.licence_no}: {why}")
        if chosen is not None:
            remaining[chosen.licence_no] -= line.quantity_kg
            out[line.line] = LineLicence(
                line.line,
                chosen.licence_no,
                line.quantity_kg,
                f"licence {chosen.licence_no} ({chosen.kind}) covers {line.quantity_kg:g} kg "
                f"for {measure_ids}; {remaining[chosen.licence_no]:g} kg would remain",
            )
        else:
            why = "; ".join(refusals) if refusals else "no licence is registered"
            out[line.line] = LineLicence(
                line.line,
                None,
                line.quantity_kg,
                f"no valid {' or '.join(sorted(kinds))} licence with {line.quantity_kg:g} kg remaining for "
                f"{measure_ids} ({why})",
            )
    return out


def check_draw_down(lic: Licence, quantity_kg: float, on: date) -> None:
    """Refuse a draw-down from an expired, not yet valid, revoked or exhausted licence."""
    if not quantity_kg > 0:
        raise InvalidInput("nothing to draw", [Problem("must be positive", field="quantity_kg")])
    if lic.revoked:
        raise RuleViolation(f"licence {lic.licence_no} is revoked")
    if on > lic.valid_until:
        raise RuleViolation(f"licence {lic.licence_no} expired on {lic.valid_until}; cannot draw on {on}")
    if on < lic.valid_from:
        raise RuleViolation(
            f"licence {lic.licence_no} is valid only from {lic.valid_from}; cannot draw on {on}"
        )
    if lic.remaining_kg + 1e-9 < quantity_kg:
        raise RuleViolation(
            f"licence {lic.licence_no} has {lic.remaining_kg:g} kg left; {quantity_kg:g} kg requested"
            + (" (exhausted)" if lic.remaining_kg <= 0 else "")
        )
