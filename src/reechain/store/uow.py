"""Unit of work: one transaction per user action. Only services open one."""

from __future__ import annotations

from types import TracebackType

from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from reechain.domain.errors import Conflict


class UnitOfWork:
    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._factory = session_factory
        self._session: Session | None = None

    @property
    def session(self) -> Session:
        if self._session is None:
            raise RuntimeError("UnitOfWork used outside its `with` block")
        return self._session

    def __enter__(self) -> UnitOfWork:
        self._session = self._factory()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        assert self._session is not None
        try:
            self._session.rollback()
        finally:
            self._session.close()
            self._session = None

    def commit(self) -> None:
        try:
            self.session.commit()
        except (IntegrityError, OperationalError) as e:
            self.session.rollback()
            raise Conflict(f"the write conflicted with another one and was not saved: {_short(e)}") from e
        except DBAPIError as e:
            self.session.rollback()
            if _is_serialization_failure(e):
                raise Conflict("a concurrent write got there first; nothing was saved, try again") from e
            raise

    def flush(self) -> None:
        self.session.flush()


def _short(e: DBAPIError) -> str:
    return str(e.orig).splitlines()[0] if e.orig is not None else str(e)


def _is_serialization_failure(e: DBAPIError) -> bool:
    code = getattr(e.orig, "sqlstate", None) or getattr(e.orig, "pgcode", None)
    return code in {"40001", "40P01", "55P03"}
