"""The allow-list: silence one exact hit (party, list entry, entry as seen) until it changes or expires."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Any

from sqlalchemy import select

from reechain.bootstrap import Container
from reechain.domain.errors import InvalidInput, NotFound, Problem
from reechain.domain.roles import Role
from reechain.services import audit
from reechain.services.compliance._base import now, read_only, require
from reechain.store.tables.compliance import AllowEntryRow


def _allow_json(r: AllowEntryRow) -> dict[str, Any]:
    return {
        "id": r.id,
        "party_name": r.party_name,
        "list": r.list_name,
        "entry_id": r.entry_id,
        "entry_fingerprint": r.entry_fingerprint,
        "expires_on": r.expires_on.isoformat(),
        "approved_by": r.approved_by,
        "reason": r.reason,
        "revoked": r.revoked,
    }


def add_allow_entry(
    c: Container,
    *,
    party_name: str,
    list_name: str,
    entry_id: str,
    entry_fingerprint: str,
    expires_on: date,
    reason: str,
    actor: str,
    roles: Collection[Role],
) -> dict[str, Any]:
    """Silence one exact hit (party, list entry, entry as seen) until the entry changes or ``expires_on``."""
    require(roles, Role.COMPLIANCE_OFFICER, admin_passes=False)
    problems = [
        Problem("required", field=f)
        for f, v in (
            ("party_name", party_name),
            ("list", list_name),
            ("entry_id", entry_id),
            ("entry_fingerprint", entry_fingerprint),
            ("reason", reason),
        )
        if not str(v).strip()
    ]
    if expires_on < date.today():
        problems.append(Problem("must not be in the past", field="expires_on"))
    if problems:
        raise InvalidInput("allow-list entry is not valid", problems)
    with c.uow() as uow:
        row = AllowEntryRow(
            party_name=party_name.strip(),
            list_name=list_name,
            entry_id=entry_id,
            entry_fingerprint=entry_fingerprint,
            expires_on=expires_on,
            approved_by=actor,
            reason=reason,
            created_at=now(),
            revoked=False,
        )
        uow.session.add(row)
        uow.session.flush()
        out = _allow_json(row)
        audit.append(uow, actor=actor, action="allow.added", payload=out)
        uow.commit()
    return out


def list_allow_entries(c: Container) -> list[dict[str, Any]]:
    with c.uow() as uow:
        read_only(uow)
        return [_allow_json(r) for r in uow.session.scalars(select(AllowEntryRow).order_by(AllowEntryRow.id))]


def revoke_allow_entry(c: Container, entry: int, *, actor: str, roles: Collection[Role]) -> dict[str, Any]:
    require(roles, Role.COMPLIANCE_OFFICER, admin_passes=False)
    with c.uow() as uow:
        row = uow.session.get(AllowEntryRow, entry)
        if row is None:
            raise NotFound(f"no allow-list entry {entry}")
        row.revoked = True
        uow.session.flush()
        audit.append(uow, actor=actor, action="allow.revoked", payload={"id": entry})
        out = _allow_json(row)
        uow.commit()
    return out
