"""Who acts on the command line: a user authenticated by an API token or a password, never a bare name.

A write that needs a role (a compliance officer's approval, a licence, an allow-list entry, a shipment) runs
as the user who proved who they are:

1. ``REECHAIN_TOKEN`` holds an API token (``reechain user token NAME``): the token's user acts. A ``--user``
   (or ``REECHAIN_USER``) naming somebody else is refused.
2. Otherwise ``--user NAME`` (or ``REECHAIN_USER``) and the password, asked on the terminal without echo.
3. Otherwise the command is refused (exit code 6).

The services then check the user's roles, as they do for the web application and the API.
"""

from __future__ import annotations

import getpass
import os
from typing import TYPE_CHECKING

import click
import typer

from reechain.domain.errors import Unauthenticated

if TYPE_CHECKING:
    from reechain.bootstrap import Container
    from reechain.domain.roles import Role

TOKEN_ENV = "REECHAIN_TOKEN"
USER_ENV = "REECHAIN_USER"
HOW = (
    f"set {TOKEN_ENV} to an API token (`reechain user token NAME`), or give --user NAME "
    "(or REECHAIN_USER) and type the password when asked"
)


def _password(name: str) -> str:
    try:
        return str(typer.prompt(f"password for {name}", hide_input=True, err=True))
    except (click.exceptions.Abort, typer.Abort):
        raise Unauthenticated(f"no password given for {name}: {HOW}") from None


def acting_user(c: Container, user: str | None, *, required: bool) -> tuple[str, frozenset[Role]]:
    """The authenticated acting user and their roles.

    Without a token or a name, a command that does not need a role (``required=False``) runs as
    ``cli:<login>`` with no role; one that does is refused."""
    from reechain.services.auth import authenticate, user_for_token

    name = (user or os.environ.get(USER_ENV) or "").strip()
    token = os.environ.get(TOKEN_ENV, "").strip()
    if token:
        u = user_for_token(c, token)
        if name and name.lower() != u.username:
            raise Unauthenticated(f"{TOKEN_ENV} is a token of {u.username}, not of {name}")
        return u.username, u.roles
    if not name:
        if required:
            raise Unauthenticated(f"this command needs an authenticated user: {HOW}")
        return f"cli:{getpass.getuser()}", frozenset()
    u = authenticate(c, name, _password(name))
    return u.username, u.roles
