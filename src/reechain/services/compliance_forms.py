"""What the compliance officer's screens show beside a decision: each hit's list entry as listed (aliases,
programmes, kind, country) and where a hold stands in the two-person release.

Read-only: one transaction per call, nothing written.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import select, tuple_

from reechain.bootstrap import Container
from reechain.domain.errors import NotFound
from reechain.store.db import READ_ONLY_OPTION
from reechain.store.tables.screening import ListEntryRow, ListVersionRow

APPROVALS_TO_RELEASE = 2
"""Approvals by different compliance officers that release a hold (docs/compliance.md, "Review")."""

EntryKey = tuple[str, int, str]


def _hits(result: Mapping[str, Any]) -> Iterable[dict[str, Any]]:
    for party in result.get("parties", []):
        yield from party.get("hits", [])


def list_entries_of(c: Container, keys: Iterable[EntryKey]) -> dict[EntryKey, dict[str, Any]]:
    """``{(list, version, entry_id): entry}`` of the list entries named, as listed in that version."""
    wanted = sorted(set(keys))
    if not wanted:
        return {}
    with c.uow() as uow:
        s = uow.session
        s.connection(execution_options={READ_ONLY_OPTION: True})
        rows = s.execute(
            select(ListVersionRow.list_name, ListVersionRow.version, ListEntryRow)
            .join(ListEntryRow, ListEntryRow.version_id == ListVersionRow.id)
            .where(
                tuple_(ListVersionRow.list_name, ListVersionRow.version, ListEntryRow.entry_id).in_(wanted)
            )
        ).all()
        return {
            (list_name, version, e.entry_id): {
                "name": e.name,
                "schema": e.schema,
                "country": e.country,
                "aliases": json.loads(e.aliases_json),
                "programs": json.loads(e.programs_json),
            }
            for list_name, version, e in rows
        }


def with_list_entries(c: Container, result: dict[str, Any]) -> dict[str, Any]:
    """The decision (or hold) with each hit's ``entry`` added: its aliases, programmes, kind and country
    as listed in the version screened against (``None`` when that version is no longer stored)."""
    keys: list[EntryKey] = []
    for h in _hits(result):
        try:
            keys.append((str(h["list"]), int(h["list_version"]), str(h["entry_id"])))
        except (KeyError, TypeError, ValueError):
            continue
    found = list_entries_of(c, keys)
    for h in _hits(result):
        try:
            key = (str(h["list"]), int(h["list_version"]), str(h["entry_id"]))
        except (KeyError, TypeError, ValueError):
            key = ("", 0, "")
        h["entry"] = found.get(key)
    return result


def release_state(hold: Mapping[str, Any]) -> dict[str, Any]:
    """Who approved a hold, and what its release still needs."""
    approvers = [str(a["username"]) for a in hold.get("approvals", [])]
    status = str(hold.get("status", ""))
    missing = max(0, APPROVALS_TO_RELEASE - len(approvers))
    if status == "released":
        remaining = f"released by {' and '.join(approvers)}"
    elif status == "rejected":
        remaining = f"rejected by {hold.get('resolved_by')}: the order is blocked"
    elif not approvers:
        remaining = f"needs {APPROVALS_TO_RELEASE} approvals by two different compliance officers"
    else:
        remaining = (
            f"needs {missing} more approval{'s' if missing != 1 else ''} by a compliance officer other than "
            + ", ".join(approvers)
        )
    return {"status": status, "approved_by": approvers, "approvals_missing": missing, "remaining": remaining}


def hold_view(c: Container, hold: dict[str, Any]) -> dict[str, Any]:
    """A hold (``services.compliance.get_hold``) with its hits' list entries and its release state."""
    return with_list_entries(c, hold) | {"release": release_state(hold)}


def decision_view(c: Container, result: dict[str, Any]) -> dict[str, Any]:
    """A decision with each hit's list entry and, for a hold, the hold with its release state."""
    from reechain.services import compliance

    out = with_list_entries(c, dict(result))
    out["hold"] = None
    if out.get("hold_id"):
        with contextlib.suppress(NotFound):
            out["hold"] = hold_view(c, compliance.get_hold(c, int(out["hold_id"])))
    return out


def order_decision(c: Container, order_id: str) -> dict[str, Any]:
    """The latest decision on an order (``compliance.latest_check``) as ``decision_view`` shows it."""
    from reechain.services import compliance

    return decision_view(c, compliance.latest_check(c, order_id))
