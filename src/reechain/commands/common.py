"""What every CLI command shares: the container, error → exit-code mapping, JSON output."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import typer

from reechain.domain.errors import ErrorReport, ReechainError

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table as RichTable

    from reechain.bootstrap import Container


class _LazyConsole:
    """A rich Console made on first use: importing rich costs a tenth of a second that `--help` skips."""

    def __init__(self, *, stderr: bool = False) -> None:
        self._stderr = stderr
        self._console: Console | None = None

    def _real(self) -> Console:
        if self._console is None:
            from rich.console import Console

            self._console = Console(stderr=self._stderr)
        return self._console

    def __getattr__(self, attr: str) -> Any:
        return getattr(self._real(), attr)

    def __enter__(self) -> Console:  # `with console:` and friends look dunders up on the type
        return self._real().__enter__()

    def __exit__(self, *exc: Any) -> None:
        self._real().__exit__(*exc)


console: Console = _LazyConsole()  # type: ignore[assignment]
err_console: Console = _LazyConsole(stderr=True)  # type: ignore[assignment]


def Table(*headers: Any, **options: Any) -> RichTable:
    """``rich.table.Table``, imported when a command first prints a table."""
    from rich.table import Table as RichTable

    return RichTable(*headers, **options)


F = TypeVar("F", bound=Callable[..., Any])


def container(*, run_migrations: bool = True) -> Container:
    # Imported here: SQLAlchemy and pydantic-settings cost most of a second, and `--help` or a file
    # solve never needs them.
    from reechain.bootstrap import bootstrap
    from reechain.settings import Settings

    return bootstrap(Settings(), run_migrations=run_migrations)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn a ReechainError into a readable message on stderr and its exit code; no stack trace."""
    try:
        yield
    except ReechainError as e:
        err_console.print(f"[bold red]error:[/] {type(e).__name__}: {e}", markup=True, highlight=False)
        raise typer.Exit(code=e.exit_code) from None


def write_json(data: Any, out: Path | None) -> None:
    """Write JSON to OUT, or to stdout when OUT is '-' (indented by two spaces; see ``reechain.jsontext``)."""
    if out is None:
        return
    from reechain.jsontext import dumps_indented

    text = dumps_indented(data)
    if str(out) == "-":
        sys.stdout.write(text + "\n")
    else:
        out.write_text(text + "\n", encoding="utf-8")


def error_json(e: ReechainError) -> dict[str, Any]:
    r = ErrorReport.of(e)
    return {"error": r.error, "message": r.message, "problems": r.problems}


class _LazyModule:
    """A module imported on first attribute access (keeps `reechain --help` fast)."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attr: str) -> Any:
        return getattr(importlib.import_module(self._name), attr)


def lazy_module(name: str) -> Any:
    return _LazyModule(name)


PROCESSES_OPT = typer.Option(
    None,
    "--processes",
    min=1,
    help="Worker processes screening the parties at once (default: one per core this process may use).",
)
"""The worker-process count of the commands that screen a batch (``services.screening_pool``)."""
