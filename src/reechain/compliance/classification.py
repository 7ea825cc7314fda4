"""Classify an order line against the measures in force on a day: which apply, which control code, why."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reechain.compliance.order import OrderLine
from reechain.compliance.rules import Measure, RuleBook, Status


@dataclass(frozen=True)
class Finding:
    """One measure that catches one order line."""

    measure_id: str
    title: str
    licence_kinds: frozenset[str]
    control_codes: tuple[str, ...]
    elements: tuple[str, ...]
    """The controlled elements the line contains (empty when the measure catches by HS code only)."""
    reason: str


@dataclass(frozen=True)
class Classification:
    line: int
    findings: tuple[Finding, ...]
    not_applied: tuple[str, ...]
    """Measures that would catch the line but do not apply that day (suspended, not yet effective, lapsed)."""

    @property
    def needs_licence(self) -> bool:
        return any(f.licence_kinds for f in self.findings)


def _pct(x: float) -> str:
    return f"{x * 100:.4g} %"


def _match(m: Measure, line: OrderLine) -> tuple[list[str], list[str]] | None:
    """Why ``m`` catches ``line`` (reason parts, controlled elements), or None when it does not."""
    sc = m.scope
    if sc.empty:
        return None
    parts: list[str] = []
    elements: list[str] = []
    if sc.elements:
        elements = sorted(
            el for el, f in line.composition.items() if el in sc.elements and f > sc.min_element_fraction
        )
        if not elements:
            return None
        threshold = "any content" if sc.min_element_fraction == 0 else f"> {_pct(sc.min_element_fraction)}"
        parts.append(
            ", ".join(f"{el} {_pct(line.composition[el])}" for el in elements)
            + f" ({threshold} is controlled)"
        )
    if sc.forms:
        if line.form not in sc.forms:
            return None
        parts.append(f"form {line.form}")
    if sc.hs_codes:
        hit = next((c for c in sc.hs_codes if line.hs_code.startswith(c) or c.startswith(line.hs_code)), None)
        if hit is None:
            return None
        name = sc.hs_names.get(hit)
        parts.append(f"HS {line.hs_code} is listed ({hit}{' ' + name if name else ''})")
    return parts, elements


def _codes(m: Measure, line: OrderLine, elements: list[str]) -> tuple[list[str], list[str]]:
    codes: list[str] = []
    notes: list[str] = []
    suffix = m.control_code_suffix.get(line.form)
    for el in elements:
        cc = m.control_codes.get(el)
        if cc is None or cc.code is None:
            notes.append(f"no control code known for {el}")
            continue
        code = f"{cc.code}.{suffix}" if suffix else cc.code
        codes.append(code)
        if not cc.verified:
            notes.append(f"{code} unverified{': ' + cc.note if cc.note else ''}")
    return codes, notes


def classify_line(book: RuleBook, line: OrderLine, on: date) -> Classification:
    findings: list[Finding] = []
    not_applied: list[str] = []
    for m in book.measures:
        matched = _match(m, line)
        if matched is None:
            continue
        parts, elements = matched
        status, why = book.status(m, on)
        if status is not Status.IN_FORCE:
            not_applied.append(
                f"{m.id} would apply ({'; '.join(parts)}) but is {status.value} on {on}: {why}"
            )
            continue
        codes, notes = _codes(m, line, elements)
        reason = f"{'; '.join(parts)} in {line.product or 'product'} → {m.id}"
        if codes:
            reason += f", control code {', '.join(codes)}"
        if notes:
            reason += f" ({'; '.join(notes)})"
        if m.satisfied_by:
            reason += f"; needs a licence of kind {' or '.join(sorted(m.satisfied_by))}"
        findings.append(
            Finding(
                measure_id=m.id,
                title=m.title,
                licence_kinds=m.satisfied_by,
                control_codes=tuple(codes),
                elements=tuple(elements),
                reason=reason,
            )
        )
    findings.sort(key=lambda f: (not f.control_codes, f.measure_id))  # element controls first
    return Classification(line=line.line, findings=tuple(findings), not_applied=tuple(not_applied))
