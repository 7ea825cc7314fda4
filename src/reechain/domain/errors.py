"""The one error hierarchy of reechain.

Every error a user can cause or meet is one of these. The API maps them to HTTP status codes
(``reechain.api.errors``) and the CLI to exit codes (``reechain.commands.common``), each in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Problem:
    """One thing wrong with an input: where (field, row/line) and why."""

    reason: str
    field: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        where = []
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.field:
            where.append(self.field)
        return f"{', '.join(where)}: {self.reason}" if where else self.reason


class ReechainError(Exception):
    """Base class of every error reechain raises on purpose."""

    exit_code = 1
    http_status = 400

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.problems: list[Problem] = list(problems or [])

    def __str__(self) -> str:
        if not self.problems:
            return self.message
        lines = [self.message, *(f"  - {p}" for p in self.problems)]
        return "\n".join(lines)


class InvalidInput(ReechainError):
    """Malformed file, bad field, unknown unit: the input itself is wrong."""

    exit_code = 2
    http_status = 422


class NotFound(ReechainError):
    exit_code = 3
    http_status = 404


class Conflict(ReechainError):
    """A concurrent write got there first, or a unique thing already exists. Retry or re-read."""

    exit_code = 4
    http_status = 409


class RuleViolation(ReechainError):
    """The input is well formed but breaks a business invariant (negative stock, unbalanced
    transformation, quota exceeded, expired licence)."""

    exit_code = 5
    http_status = 422


class QuotaExceeded(RuleViolation):
    pass


class Infeasible(RuleViolation):
    """A plan has no solution; ``problems`` names the constraints that conflict."""


class Forbidden(ReechainError):
    exit_code = 6
    http_status = 403


class Unauthenticated(ReechainError):
    exit_code = 6
    http_status = 401


class TooManyAttempts(Unauthenticated):
    """Too many failed logins for a username: refused until ``retry_after_s`` have passed."""

    http_status = 429

    def __init__(self, message: str, retry_after_s: int) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


@dataclass
class ErrorReport:
    """Serializable form of an error, shared by the API and ``--json`` CLI output."""

    error: str
    message: str
    problems: list[dict[str, object]] = field(default_factory=list)

    @classmethod
    def of(cls, exc: ReechainError) -> ErrorReport:
        return cls(
            error=type(exc).__name__,
            message=exc.message,
            problems=[{"field": p.field, "line": p.line, "reason": p.reason} for p in exc.problems],
        )
