"""Compare a contract with its template: align clauses, find and classify each deviation, route it."""

from __future__ import annotations

from collections.abc import Mapping

from reechain.risk.contracts.align import align
from reechain.risk.contracts.classify import categorise, price_change_fraction, word_changes
from reechain.risk.contracts.matrix import ApprovalMatrix
from reechain.risk.contracts.model import (
    AlignedRow,
    Category,
    Clause,
    Comparison,
    ContractText,
    Deviation,
    Kind,
)
from reechain.risk.contracts.normalise import normal_form


def clause_tags(
    document: ContractText, clause: Clause, matrix: ApprovalMatrix, declared: Mapping[str, tuple[str, ...]]
) -> tuple[str, ...]:
    """The declared tags of a template clause, else the tags its words and its section heading suggest."""
    if clause.number in declared:
        return declared[clause.number]
    heading = document.clause(clause.parent) if clause.parent else None
    return matrix.infer_tags(clause.text, heading.text if heading else "")


def compare(
    template: ContractText,
    contract: ContractText,
    matrix: ApprovalMatrix,
    *,
    declared_tags: Mapping[str, tuple[str, ...]] | None = None,
    channel: str = "",
) -> Comparison:
    declared = declared_tags or {}
    pairing = align(template.clauses, contract.clauses)
    rows: list[AlignedRow] = []
    deviations: list[Deviation] = []
    by_template: dict[int, AlignedRow] = {}
    for i, j, similarity in pairing.pairs:
        t, k = template.clauses[i], contract.clauses[j]
        deviation = None
        if normal_form(t.text) != normal_form(k.text):
            tags = clause_tags(template, t, matrix, declared)
            category, why = categorise(t.text, k.text)
            route, rule = matrix.route(
                tags,
                category,
                Kind.CHANGED,
                channel=channel,
                price_change=price_change_fraction(t.text, k.text),
            )
            deviation = Deviation(
                clause=t.number,
                contract_clause=k.number,
                kind=Kind.CHANGED,
                category=category,
                template_text=t.text,
                contract_text=k.text,
                severity=route.severity,
                approver_role=route.approver_role,
                tags=tags,
                reason=f"{why}; {rule}",
                changes=word_changes(t.text, k.text),
            )
        by_template[i] = AlignedRow(t, k, similarity, deviation)
    for i in pairing.missing:
        t = template.clauses[i]
        tags = clause_tags(template, t, matrix, declared)
        route, rule = matrix.route(tags, Category.TEXT, Kind.MISSING, channel=channel)
        deviation = Deviation(
            clause=t.number,
            contract_clause=None,
            kind=Kind.MISSING,
            category=Category.TEXT,
            template_text=t.text,
            contract_text="",
            severity=route.severity,
            approver_role=route.approver_role,
            tags=tags,
            reason=f"no clause of the contract matches; {rule}",
        )
        by_template[i] = AlignedRow(t, None, 0.0, deviation)
    rows = [by_template[i] for i in sorted(by_template)]
    contract_to_row = {id(row.contract): n for n, row in enumerate(rows) if row.contract is not None}
    for j in reversed(pairing.added):
        k = contract.clauses[j]
        tags = clause_tags(contract, k, matrix, {})
        route, rule = matrix.route(tags, Category.TEXT, Kind.ADDED, channel=channel)
        deviation = Deviation(
            clause=k.number,
            contract_clause=k.number,
            kind=Kind.ADDED,
            category=Category.TEXT,
            template_text="",
            contract_text=k.text,
            severity=route.severity,
            approver_role=route.approver_role,
            tags=tags,
            reason=f"not in the template; {rule}",
        )
        before = [contract_to_row[id(c)] for c in contract.clauses[:j] if id(c) in contract_to_row]
        at = max(before) + 1 if before else 0
        rows.insert(at, AlignedRow(None, k, 0.0, deviation))
        contract_to_row = {id(r.contract): n for n, r in enumerate(rows) if r.contract is not None}
    deviations = [row.deviation for row in rows if row.deviation is not None]
    return Comparison(template.name, contract.name, tuple(deviations), tuple(rows))
