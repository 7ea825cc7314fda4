"""Top-level commands: `reechain init`, `reechain demo`."""

from __future__ import annotations

import typer


def register_root_commands(app: typer.Typer) -> None:
    @app.command("init")
    def init(sample: bool = typer.Option(False, "--sample", help="Load the sample group.")) -> None:
        """Create (or migrate) the database; with --sample, load the sample group."""
        from reechain.commands.common import container, user_errors

        with user_errors():
            c = container()
            if sample:
                from reechain.services.sample import load_sample_group

                s = load_sample_group(c)
                from reechain.services.green_sample import load_sample_green

                load_sample_green(c)
                loaded = (
                    f"{s.movements_posted} movements posted, {s.policies_set} stock policies set, "
                    f"{s.market_sizes_set} market sizes set"
                )
                if not (s.movements_posted or s.policies_set or s.market_sizes_set):
                    loaded += " (already loaded)"
                typer.echo(
                    f"sample group: {s.locations} locations, {s.products} products, {s.plants} plants, "
                    f"{s.quotas} quota batches; {loaded}"
                )
            typer.echo(f"database ready: {c.settings.database_url}")

    @app.command("demo")
    def demo(
        no_serve: bool = typer.Option(
            False, "--no-serve", help="Prepare the database and logins, do not serve."
        ),
    ) -> None:
        """Load the sample group, create one demo login per role and serve the web app."""
        from reechain.commands.common import console, container, user_errors
        from reechain.domain.errors import Conflict
        from reechain.services.auth import reset_demo_users

        with user_errors():
            c = container()
            try:
                from reechain.services.sample import load_sample_group
            except ModuleNotFoundError:
                console.print("[yellow]no sample group in this build; starting with an empty database[/]")
            else:
                try:
                    summary = load_sample_group(c, orders=True)
                    from reechain.services.green_sample import load_sample_green

                    load_sample_green(c)
                    loaded = "loaded" if summary.movements_posted else "already loaded"
                    console.print(f"sample group {loaded}")
                    from reechain.services.sample_logistics import load_sample_logistics

                    voyage = load_sample_logistics(c)
                    if voyage.shipment:
                        console.print(
                            f"sample vessel track and carrier events for shipment {voyage.shipment}"
                        )
                except Conflict:
                    console.print("sample group already loaded")
            from reechain.services.screening import load_sample_lists

            for rep in load_sample_lists(c):
                console.print(
                    f"sample list {rep.list_name} v{rep.version}: {rep.entries} entries (test data)"
                )
            passwords = reset_demo_users(c)
            from reechain.domain.roles import Role
            from reechain.services.auth import AuthenticatedUser
            from reechain.services.signals import load_sample_notices

            notices = load_sample_notices(c, user=AuthenticatedUser("analyst", frozenset({Role.ANALYST})))
            console.print(
                f"sample notices: {notices.stored} stored ({notices.already_known} already known), "
                f"{notices.signals} signals on the timeline"
            )
        settings = c.settings
        address = f"http://{settings.host}:{settings.port}/"
        console.print(f"\n[bold]reechain[/] is serving {address}  (database: {settings.database_url})\n")
        console.print(
            "Demo logins (one per role, and a second compliance officer for the two-person rule; "
            "new passwords at every start):"
        )
        for username, password in passwords.items():
            console.print(f"  {username:22} {password}", highlight=False)
        console.print(
            "\nScripts: reechain user token USERNAME, then 'Authorization: Bearer TOKEN'. Ctrl-C stops.\n"
        )
        if no_serve:
            return
        import uvicorn

        from reechain.api.app import create_app

        uvicorn.run(create_app(c), host=settings.host, port=settings.port, log_level="warning")


def register_serve_command(app: typer.Typer) -> None:
    @app.command("serve")
    def serve(
        host: str | None = typer.Option(
            None, "--host", help="Address to listen on (default: REECHAIN_HOST)."
        ),
        port: int | None = typer.Option(None, "--port", help="Port (default: REECHAIN_PORT)."),
        workers: int = typer.Option(1, "--workers", min=1, max=64, help="Worker processes."),
        log_level: str = typer.Option("info", "--log-level", help="debug, info, warning or error."),
    ) -> None:
        """Serve the configured database (REECHAIN_DATABASE_URL) for production: no sample data, no demo
        logins, JSON logs on stderr. Run `reechain init` first, then create the first admin."""
        from reechain.api.serving import DEFAULT_SECRET_KEY, pending_migrations
        from reechain.api.serving import serve as run_server
        from reechain.commands.common import err_console
        from reechain.settings import Settings

        settings = Settings()
        if log_level not in ("debug", "info", "warning", "error"):
            raise typer.BadParameter("use debug, info, warning or error", param_hint="--log-level")
        if settings.secret_key == DEFAULT_SECRET_KEY or len(settings.secret_key) < 32:
            err_console.print(
                "[bold red]error:[/] set REECHAIN_SECRET_KEY to a random value of at least 32 characters "
                "(e.g. `python -c 'import secrets; print(secrets.token_urlsafe(48))'`)"
            )
            raise typer.Exit(code=2)
        missing = pending_migrations(settings)
        if missing:
            err_console.print(
                f"[bold red]error:[/] the database schema is not current (missing {', '.join(missing)}); "
                "run `reechain init` first"
            )
            raise typer.Exit(code=2)
        run_server(host or settings.host, port or settings.port, workers, log_level=log_level)
