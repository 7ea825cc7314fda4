"""`reechain risk contract`: contract standardization (compare with standard forms, reviews, approvals)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from reechain.commands.common import Table, console, user_errors, write_json

app = typer.Typer(help="Contract standardization: compare with the standard forms.", no_args_is_help=True)

JsonOut = Annotated[
    Path | None, typer.Option("--json", help="Write the result as JSON to this file ('-': stdout).")
]
Channel = Annotated[
    str | None,
    typer.Option("--channel", help="Sales channel whose price band applies (default: the template's)."),
]


@app.command("compare")
def compare(
    template: Annotated[
        Path, typer.Argument(help="Template: .docx/.md/.txt file or a library code (S-OX-2).")
    ],
    contract: Annotated[Path, typer.Argument(help="The received or drafted contract (.docx/.md/.txt).")],
    json_out: JsonOut = None,
    channel: Channel = None,
) -> None:
    """Compare CONTRACT with TEMPLATE clause by clause; list each deviation and who must approve it."""
    from reechain.services import contracts as svc

    with user_errors():
        result = svc.compare_texts(svc.read_file(template), svc.read_file(contract), channel=channel)
    out = result.as_json()
    if json_out is not None:
        write_json(out, json_out)
        if str(json_out) == "-":
            return
    table = Table(
        "clause", "kind", "category", "severity", "approver", "template → contract", title="Deviations"
    )
    for d in result.deviations:
        table.add_row(
            d.clause,
            d.kind.value,
            d.category.value,
            d.severity.value,
            d.approver_role or "",
            f"{d.template_text}\n→ {d.contract_text}",
        )
    if result.deviations:
        console.print(table)
    console.print(f"decision: [bold]{result.decision.value}[/]", highlight=False)
    if result.required_approvals:
        console.print(f"approvals needed: {', '.join(result.required_approvals)}", highlight=False)


@app.command("templates")
def list_templates(json_out: JsonOut = None) -> None:
    """The standard contracts of the template library."""
    from reechain.risk.contracts import library

    rows: list[dict[str, str]] = [
        {"code": t.code, "title": t.title, "file": t.file, "channel": t.channel, "clauses": str(len(t.tags))}
        for t in library.templates()
    ]
    if json_out is not None:
        write_json(rows, json_out)
        if str(json_out) == "-":
            return
    table = Table("code", "title", "file", "channel", "clauses", title="Standard contracts")
    for r in rows:
        table.add_row(r["code"], r["title"], r["file"], r["channel"] or "-", r["clauses"])
    console.print(table)


User = Annotated[
    str | None,
    typer.Option(
        "--user",
        "-u",
        help="Acting user (default: $REECHAIN_USER); password asked unless REECHAIN_TOKEN is set.",
    ),
]


def _acting(c: Any, user: str | None) -> tuple[str, frozenset[Any]]:
    """The acting user, authenticated (REECHAIN_TOKEN or the password asked on the terminal), and their
    roles; a bare name is not enough to write (commands/cli_auth.py)."""
    from reechain.commands.cli_auth import acting_user

    return acting_user(c, user, required=True)


def _print_review(r: dict[str, Any]) -> None:
    console.print(
        f"review {r['id']} of contract {r['contract_code']} ({r['template_code']}): [bold]{r['status']}[/]"
        + (f", waiting for {', '.join(r['waiting_for'])}" if r["waiting_for"] else ""),
        highlight=False,
    )
    for d in r["deviations"]:
        console.print(
            f"  {d['clause']} {d['kind']} {d['category']} {d['severity']} → {d['approver_role'] or '-'}",
            highlight=False,
        )


@app.command("review")
def review(
    contract_code: Annotated[str, typer.Argument(help="The sales contract's code (orders refer to it).")],
    template_code: Annotated[str, typer.Argument(help="The library form, e.g. S-OX-2.")],
    contract: Annotated[Path, typer.Argument(help="The contract file (.docx/.md/.txt).")],
    json_out: JsonOut = None,
    user: User = None,
) -> None:
    """Compare CONTRACT with a library form and keep the review; material deviations wait for approval."""
    from reechain.commands.common import container
    from reechain.domain.errors import InvalidInput, Problem
    from reechain.services import contracts as svc

    with user_errors():
        c = container()
        actor, roles = _acting(c, user)
        try:
            data = contract.read_bytes()
        except OSError as e:
            raise InvalidInput(
                f"{contract}: cannot be read", [Problem(str(e), field=str(contract))]
            ) from None
        out = svc.submit_review(
            c,
            contract_code=contract_code,
            template_code=template_code,
            file_name=str(contract),
            data=data,
            actor=actor,
            roles=roles,
        )
    write_json(out, json_out)
    if str(json_out) != "-":
        _print_review(out)


@app.command("decide")
def decide(
    review_id: Annotated[int, typer.Argument(help="The review's number.")],
    role: Annotated[str, typer.Option("--role", help="The role you decide for (one the review waits for).")],
    reject: Annotated[bool, typer.Option("--reject", help="Refuse instead of approving.")] = False,
    note: Annotated[str, typer.Option("--note")] = "",
    user: User = None,
) -> None:
    """Approve (or --reject) a pending review for one required role."""
    from reechain.commands.common import container
    from reechain.services import contracts as svc

    with user_errors():
        c = container()
        actor, roles = _acting(c, user)
        out = svc.decide_review(
            c, review_id, role=role, approve=not reject, actor=actor, roles=roles, note=note
        )
    _print_review(out)


@app.command("reviews")
def reviews(
    contract_code: Annotated[str | None, typer.Option("--contract", help="Only this contract.")] = None,
    json_out: JsonOut = None,
) -> None:
    """Reviews, newest first, with what each waits for."""
    from reechain.commands.common import container
    from reechain.services import contracts as svc

    with user_errors():
        rows = svc.list_reviews(container(), contract_code=contract_code)
    if json_out is not None:
        write_json(rows, json_out)
        if str(json_out) == "-":
            return
    for r in rows:
        _print_review(r)
