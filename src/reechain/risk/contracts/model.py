"""What a contract is made of, and what comparing it with its template yields."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    CHANGED = "changed"
    MISSING = "missing"
    ADDED = "added"


class Category(StrEnum):
    NUMBER = "number"
    INCOTERM = "incoterm"
    GOVERNING_LAW = "governing_law"
    NEGATION = "negation"
    PARTY = "party"
    DATE = "date"
    CURRENCY = "currency"
    TEXT = "text"


class Severity(StrEnum):
    MINOR = "minor"
    MAJOR = "major"
    CRITICAL = "critical"

    @property
    def material(self) -> bool:
        return self is not Severity.MINOR


class Decision(StrEnum):
    STANDARD = "standard"
    NEEDS_APPROVAL = "needs_approval"


@dataclass(frozen=True)
class Clause:
    """One numbered clause: ``number`` canonical (``"3.2"``; ``第三条`` is ``"3"``), ``label`` as written
    (``"Article 3"``), ``text`` without its number, ``line`` where it starts (1-based line or paragraph)."""

    number: str
    label: str
    text: str
    line: int

    @property
    def parent(self) -> str | None:
        return self.number.rsplit(".", 1)[0] if "." in self.number else None


@dataclass(frozen=True)
class ContractText:
    name: str
    title: str
    clauses: tuple[Clause, ...]

    def clause(self, number: str) -> Clause | None:
        return next((c for c in self.clauses if c.number == number), None)


@dataclass(frozen=True)
class WordChange:
    """One stretch of a within-clause word diff: ``op`` is equal, replace, delete or insert."""

    op: str
    template_words: str
    contract_words: str


@dataclass(frozen=True)
class Deviation:
    clause: str
    """The template's clause number; for an added clause, the contract's."""
    contract_clause: str | None
    kind: Kind
    category: Category
    template_text: str
    contract_text: str
    severity: Severity
    approver_role: str | None
    tags: tuple[str, ...] = ()
    reason: str = ""
    changes: tuple[WordChange, ...] = ()

    def as_json(self) -> dict[str, object]:
        return {
            "clause": self.clause,
            "contract_clause": self.contract_clause,
            "kind": self.kind.value,
            "category": self.category.value,
            "template_text": self.template_text,
            "contract_text": self.contract_text,
            "severity": self.severity.value,
            "approver_role": self.approver_role,
            "tags": list(self.tags),
            "reason": self.reason,
        }


@dataclass(frozen=True)
class AlignedRow:
    """One row of the side-by-side view: a template clause, its contract counterpart, or both."""

    template: Clause | None
    contract: Clause | None
    similarity: float
    deviation: Deviation | None = None


@dataclass(frozen=True)
class Comparison:
    template_name: str
    contract_name: str
    deviations: tuple[Deviation, ...]
    rows: tuple[AlignedRow, ...] = field(default=())

    @property
    def decision(self) -> Decision:
        if any(d.severity.material for d in self.deviations):
            return Decision.NEEDS_APPROVAL
        return Decision.STANDARD

    @property
    def required_approvals(self) -> tuple[str, ...]:
        roles = {d.approver_role for d in self.deviations if d.severity.material and d.approver_role}
        return tuple(sorted(roles))

    def as_json(self) -> dict[str, object]:
        return {
            "template": self.template_name,
            "contract": self.contract_name,
            "decision": self.decision.value,
            "required_approvals": list(self.required_approvals),
            "deviations": [d.as_json() for d in self.deviations],
        }
