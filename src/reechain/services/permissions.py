"""Who may do what: the one role check, used by the services (and by the API's dependencies through them).

A service that changes data takes the acting user as ``actor`` and calls ``require_role`` first;
``actor=None`` is the local command line, whose operator already holds the database credentials.
"""

from __future__ import annotations

from reechain.domain.errors import Forbidden
from reechain.domain.roles import READ_ONLY, Role
from reechain.services.auth import AuthenticatedUser


def may_write(user: AuthenticatedUser, roles: tuple[Role, ...]) -> bool:
    """Admin passes everything; a read-only role (auditor) never grants a write."""
    if Role.ADMIN in user.roles:
        return True
    return bool((user.roles - READ_ONLY) & (set(roles) - READ_ONLY))


def require_role(actor: AuthenticatedUser | None, *roles: Role) -> None:
    """Forbidden unless ACTOR holds one of ROLES or is admin; nothing to check for the command line."""
    if actor is None or may_write(actor, roles):
        return
    needed = ", ".join(r.value for r in roles) or "admin"
    raise Forbidden(f"this needs the role {needed}; you are {', '.join(sorted(actor.roles)) or 'no role'}")


GREEN_WRITERS = (Role.PLANNER, Role.ANALYST)
"""Who records plant consumption (reagents, energy, emissions, cost): planners and analysts (and admin)."""

PARTNER_READERS = (Role.PLANNER, Role.ANALYST, Role.RISK_MANAGER, Role.AUDITOR)
"""The partners register and the chain view: planners and analysts read (and risk managers, auditors);
only an admin imports or changes the register (ownership shares drive consolidation and plans)."""


def require_partner_reader(actor: AuthenticatedUser | None) -> None:
    if actor is None or Role.ADMIN in actor.roles or actor.roles & set(PARTNER_READERS):
        return
    raise Forbidden("the partners register needs the role planner, analyst, risk_manager, auditor or admin")


def require_partner_writer(actor: AuthenticatedUser | None) -> None:
    """Admin only (the command line's operator passes)."""
    require_role(actor)
