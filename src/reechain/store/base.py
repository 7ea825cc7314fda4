"""The shared SQLAlchemy metadata. Tables live in ``reechain.store.tables.<capability>``."""

from __future__ import annotations

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING)


class Base(DeclarativeBase):
    metadata = metadata


def load_all_tables() -> None:
    """Import every module of ``reechain.store.tables`` so that ``metadata`` knows every table."""
    import importlib
    import pkgutil

    from reechain.store import tables

    for info in pkgutil.iter_modules(tables.__path__):
        importlib.import_module(f"{tables.__name__}.{info.name}")
