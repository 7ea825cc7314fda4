from __future__ import annotations

from sqlalchemy import inspect

from reechain.bootstrap import Container
from reechain.domain.errors import Conflict, InvalidInput, Problem, ReechainError


def test_migrations_create_the_alembic_version_table(container: Container) -> None:
    with container.uow() as uow:
        names = inspect(uow.session.connection()).get_table_names()
    assert "alembic_version" in names


def test_error_hierarchy_carries_problems_and_codes() -> None:
    e = InvalidInput("bad file", [Problem("not a number", field="quantity_t", line=3)])
    assert isinstance(e, ReechainError)
    assert "line 3, quantity_t: not a number" in str(e)
    assert e.http_status == 422 and Conflict("x").http_status == 409
