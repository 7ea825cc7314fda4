"""Movements: the latest postings, post one with a form, import a file and see every bad row."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from reechain.api.deps import ContainerDep, CurrentUser, require_roles
from reechain.api.routers.ledger import import_upload, read_upload
from reechain.bootstrap import Container
from reechain.domain.errors import InvalidInput, Problem, RuleViolation
from reechain.domain.roles import Role
from reechain.services import ledger
from reechain.services.auth import AuthenticatedUser
from reechain.services.movement_import import COLUMNS, parse_rows
from reechain.web.templating import flash, render

router = APIRouter()
NAV = [("Movements", "/movements")]

FORM_KINDS = ("receipt", "transfer", "sale", "adjustment")
FORM_FIELDS = (
    "date",
    "kind",
    "lot",
    "product",
    "quantity_t",
    "from_location",
    "to_location",
    "source",
    "reason",
    "reference",
)
Poster = Annotated[
    AuthenticatedUser, Depends(require_roles(Role.INVENTORY_CONTROLLER, Role.PLANNER, Role.TRADER))
]
Importer = Annotated[AuthenticatedUser, Depends(require_roles(Role.INVENTORY_CONTROLLER))]
Field = Annotated[str, Form(max_length=1000)]


def _page(
    request: Request,
    c: Container,
    *,
    form: dict[str, str] | None = None,
    form_errors: list[Problem] | None = None,
    form_message: str = "",
    import_errors: list[Problem] | None = None,
    import_message: str = "",
    status_code: int = 200,
    lot: str = "",
    location: str = "",
) -> Response:
    by_field: dict[str, list[str]] = {}
    for p in form_errors or []:
        by_field.setdefault(p.field or "", []).append(p.reason)
    ctx: dict[str, Any] = {
        "title": "Movements",
        "movements": ledger.list_movements(c, lot=lot or None, location=location or None, limit=100),
        "filters": {"lot": lot, "location": location},
        "form": form or {},
        "kinds": FORM_KINDS,
        "field_errors": by_field,
        "form_message": form_message,
        "form_problems": [str(_without_line(p)) for p in form_errors or []],
        "import_message": import_message,
        "import_errors": import_errors or [],
        "columns": COLUMNS,
        "locations": ledger.list_locations(c),
        "products": ledger.list_products(c),
    }
    return render(request, "movements/index.html", ctx, status_code=status_code)


def _without_line(p: Problem) -> Problem:
    return Problem(p.reason, p.field, None)


@router.get("/movements")
def movements_page(
    request: Request,
    c: ContainerDep,
    _: CurrentUser,
    lot: Annotated[str, Query(max_length=100)] = "",
    location: Annotated[str, Query(max_length=100)] = "",
) -> Response:
    return _page(request, c, lot=lot.strip(), location=location.strip())


@router.post("/movements")
def post_movement(
    request: Request,
    c: ContainerDep,
    user: Poster,
    date: Field = "",
    kind: Field = "",
    lot: Field = "",
    product: Field = "",
    quantity_t: Field = "",
    from_location: Field = "",
    to_location: Field = "",
    source: Field = "",
    reason: Field = "",
    reference: Field = "",
) -> Response:
    values = dict(
        zip(
            FORM_FIELDS,
            (date, kind, lot, product, quantity_t, from_location, to_location, source, reason, reference),
            strict=True,
        )
    )
    # The same parser as file imports: text in, a movement or every problem with its field out.
    row = {k: (v.strip() or None) for k, v in values.items()}
    try:
        if row["kind"] not in FORM_KINDS:
            raise InvalidInput("bad kind", [Problem(f"choose one of {', '.join(FORM_KINDS)}", "kind")])
        [movement] = parse_rows(iter([(1, row)]))
        movement = _with_poster(movement, user.username)
        result = ledger.post_movement(c, movement)
    except (InvalidInput, RuleViolation) as e:
        message = "The movement was not posted: " + e.message
        return _page(
            request,
            c,
            form=values,
            form_errors=e.problems or [Problem(e.message)],
            form_message=message,
            status_code=422,
        )
    created = f" (new lot {', '.join(result.lots_created)})" if result.lots_created else ""
    flash(request, f"Posted {kind} of {quantity_t} t of lot {lot}{created}.", "success")
    return RedirectResponse("/movements", status_code=303)


def _with_poster(movement: Any, username: str) -> Any:
    from dataclasses import replace

    return replace(movement, posted_by=username, line=None)


@router.post("/movements/import")
async def import_page(
    request: Request,
    c: ContainerDep,
    user: Importer,
    file: Annotated[UploadFile, File()],
) -> Response:
    try:
        result = import_upload(c, await read_upload(file), file.filename or "", user.username)
    except (InvalidInput, RuleViolation) as e:
        return _page(
            request,
            c,
            import_errors=e.problems or [Problem(e.message)],
            import_message=f"{file.filename}: {e.message}",
            status_code=422,
        )
    flash(
        request,
        f"Imported {file.filename}: {result.rows} rows, {result.posted} movements posted, "
        f"{result.lots_created} new lots.",
        "success",
    )
    return RedirectResponse("/movements", status_code=303)
