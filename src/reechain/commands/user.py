"""`reechain user`: users, roles and API tokens."""

from __future__ import annotations

import typer

app = typer.Typer(help="Users, roles and API tokens.", no_args_is_help=True)


@app.command("add")
def add(
    username: str = typer.Argument(..., help="Login name: lower-case letters, digits, '.', '_' or '-'."),
    role: list[str] = typer.Option(
        ...,
        "--role",
        "-r",
        help="A role (repeat for several): planner, trader, "
        "inventory_controller, compliance_officer, risk_manager, analyst, auditor, admin.",
    ),
    password: str | None = typer.Option(None, "--password", help="Default: asked on the terminal."),
) -> None:
    """Create a user with one or more roles."""
    from reechain.commands.common import container, user_errors
    from reechain.services.auth import create_user

    if password is None:
        password = typer.prompt("password", hide_input=True, confirmation_prompt=True)
    with user_errors():
        user = create_user(container(), username, role, password)
    typer.echo(f"user {user.username} created with roles: {', '.join(sorted(user.roles))}")


@app.command("token")
def token(
    username: str = typer.Argument(...),
    name: str = typer.Option("", "--name", help="What the token is for."),
    valid_days: int = typer.Option(90, "--days", help="Days the token stays valid (1-366)."),
) -> None:
    """Issue an API token for USERNAME (shown once: send it as 'Authorization: Bearer TOKEN')."""
    from reechain.commands.common import container, user_errors
    from reechain.services.auth import issue_token

    with user_errors():
        typer.echo(issue_token(container(), username, name, valid_days=valid_days))


@app.command("revoke-tokens")
def revoke_tokens(username: str = typer.Argument(...)) -> None:
    """Revoke every API token of USERNAME."""
    from reechain.commands.common import container, user_errors
    from reechain.services import auth

    with user_errors():
        n = auth.revoke_tokens(container(), username)
    typer.echo(f"{n} token(s) revoked")


@app.command("password")
def password(
    username: str = typer.Argument(...),
    new_password: str | None = typer.Option(None, "--password", help="Default: asked on the terminal."),
) -> None:
    """Set a new password for USERNAME."""
    from reechain.commands.common import container, user_errors
    from reechain.services.auth import set_password

    if new_password is None:
        new_password = typer.prompt("new password", hide_input=True, confirmation_prompt=True)
    with user_errors():
        set_password(container(), username, new_password)
    typer.echo("password changed")


@app.command("list")
def list_users() -> None:
    """Every user and their roles."""
    from rich.table import Table

    from reechain.commands.common import console, container, user_errors
    from reechain.services.auth import list_users as all_users

    with user_errors():
        users = all_users(container())
    table = Table("username", "roles")
    for u in users:
        table.add_row(u.username, ", ".join(sorted(u.roles)))
    console.print(table)


@app.command("sessions")
def sessions() -> None:
    """Every open browser session and valid API token (end one with `reechain user end KIND ID`)."""
    from reechain.commands.common import Table, console, container, user_errors
    from reechain.services.sessions import active_credentials

    with user_errors():
        found = active_credentials(container(), None)
    table = Table("kind", "id", "username", "name", "created (UTC)", "expires (UTC)")
    for a in found:
        expires = a.expires_at.strftime("%Y-%m-%d %H:%M") if a.expires_at else "-"
        table.add_row(a.kind, str(a.id), a.username, a.name, a.created_at.strftime("%Y-%m-%d %H:%M"), expires)
    console.print(table)


@app.command("end")
def end(
    kind: str = typer.Argument(..., help="session or token"),
    credential_id: int = typer.Argument(..., help="The id shown by `reechain user sessions`."),
) -> None:
    """End a browser session or revoke an API token at once."""
    from reechain.commands.common import container, user_errors
    from reechain.services.sessions import end_credential

    if kind not in ("session", "token"):
        raise typer.BadParameter("session or token", param_hint="KIND")
    with user_errors():
        end_credential(container(), None, kind, credential_id)  # type: ignore[arg-type]
    typer.echo(f"{kind} {credential_id} ended")
