"""State quotas (t REO) by year, batch, kind and holder; their use is derived from the ledger."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from reechain.domain.errors import InvalidInput, Problem, QuotaExceeded

QUOTA_TOLERANCE_T = 1e-6


class QuotaKind(StrEnum):
    MINING = "mining"
    """REO of ore received from the holder's own mines."""
    SEPARATION = "separation"
    """REO fed into smelting/separation at the holder's plants."""


@dataclass(frozen=True)
class Quota:
    year: int
    batch: str
    kind: QuotaKind
    holder: str
    limit_t_reo: float
    source: str = ""
    issued_on: str | None = None

    def problems(self) -> list[Problem]:
        out = []
        if not 1900 < self.year < 2200:
            out.append(Problem(f"year {self.year} is out of range", "year"))
        if self.limit_t_reo < 0:
            out.append(Problem("limit cannot be negative", "limit_t_reo"))
        if not self.batch.strip():
            out.append(Problem("batch is required", "batch"))
        if not self.holder.strip():
            out.append(Problem("holder is required", "holder"))
        return out

    def validate(self) -> Quota:
        if p := self.problems():
            raise InvalidInput("quota is not valid", p)
        return self


@dataclass(frozen=True)
class QuotaOverride:
    """Permission to exceed a quota, recorded with the posting: who allowed it and why."""

    who: str
    why: str

    def problems(self) -> list[Problem]:
        out = []
        if not self.who.strip():
            out.append(Problem("an override must say who allows it", "override_by"))
        if not self.why.strip():
            out.append(Problem("an override must say why", "override_reason"))
        return out


def check_quota(
    *,
    year: int,
    kind: QuotaKind,
    holder: str,
    limit_t_reo: float,
    used_t_reo: float,
    adding_t_reo: float,
    override: QuotaOverride | None,
) -> bool:
    """True if the posting exceeds the quota but is overridden; raises QuotaExceeded if not overridden."""
    if used_t_reo + adding_t_reo <= limit_t_reo + QUOTA_TOLERANCE_T:
        return False
    if override is not None and not override.problems():
        return True
    raise QuotaExceeded(
        f"{kind.value} quota {year} of {holder} would be exceeded: limit {limit_t_reo:,.3f} t REO, "
        f"used {used_t_reo:,.3f} t REO, this posting {adding_t_reo:,.3f} t REO "
        f"(over by {used_t_reo + adding_t_reo - limit_t_reo:,.3f} t REO); give an override with who and why",
        [Problem(f"over by {used_t_reo + adding_t_reo - limit_t_reo:.6f} t REO", "quantity_t")],
    )
