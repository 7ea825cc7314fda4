"""What every compliance use case needs: the clock, role checks, read-only units of work, JSON values."""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, date, datetime
from typing import Any

from reechain.domain.errors import Forbidden
from reechain.domain.roles import Role
from reechain.store.db import READ_ONLY_OPTION
from reechain.store.uow import UnitOfWork


def now() -> datetime:
    return datetime.now(UTC)


def read_only(uow: UnitOfWork) -> None:
    """This unit of work only reads: on SQLite it then does not queue behind writers."""
    uow.session.connection(execution_options={READ_ONLY_OPTION: True})


def require(roles: Collection[Role], *needed: Role, admin_passes: bool = True) -> None:
    ok = bool(set(roles) & set(needed)) or (admin_passes and Role.ADMIN in roles)
    if not ok:
        raise Forbidden(f"this needs the role {' or '.join(r.value for r in needed)}")


def jsonable(x: Any) -> Any:
    if isinstance(x, dict):
        return {str(k): jsonable(v) for k, v in x.items()}
    if isinstance(x, list | tuple | set | frozenset):
        return [jsonable(v) for v in x]
    if isinstance(x, date | datetime):
        return x.isoformat()
    return x
