"""Property-based run of the OpenAPI schema (schemathesis): no generated request gets a 5xx.

Runs on both databases, authenticated as admin so that write endpoints are exercised past the role check.
Bounded (a few examples per operation, derandomized) to keep the suite fast.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from reechain.api.app import create_app
from reechain.bootstrap import Container
from reechain.domain.roles import Role
from reechain.services.auth import create_user, issue_token

from .group import load_small_group

MAX_EXAMPLES = 12


@pytest.fixture
def admin_token(container: Container) -> str:
    create_user(container, "fuzz-admin", [Role.ADMIN], "fuzz-password-1")
    return issue_token(container, "fuzz-admin")


def test_no_server_error_on_any_operation(container: Container, admin_token: str) -> None:
    load_small_group(container)
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(container))
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10
    headers = {"Authorization": f"Bearer {admin_token}"}
    failures: list[str] = []
    seen: list[int] = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def run(case: Any) -> None:
            response = case.call(headers=headers)
            seen.append(response.status_code)
            if response.status_code >= 500:
                failures.append(
                    f"{case.method} {case.formatted_path} {case.query} {case.body!r}: {response.text[:300]}"
                )

        run()
    assert failures == []
    assert {200, 201, 422} <= set(seen), sorted(set(seen))  # reads, accepted writes and refusals all ran
