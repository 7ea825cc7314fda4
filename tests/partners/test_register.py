"""The partners register: file errors name the row and field, imports are all or nothing, roles are checked,
the chain view adds up to hand-computed ledger flows (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ledger.helpers import define_world, post_story  # the ledger tests' world and bridge story
from reechain.bootstrap import Container
from reechain.domain.errors import Forbidden, InvalidInput
from reechain.domain.roles import Role
from reechain.partners.files import read_register_text
from reechain.partners.model import Agreement, Partner, PartnerPlant, Register
from reechain.partners.planning import planning_sections
from reechain.services import partners
from reechain.services.auth import AuthenticatedUser

PARTNERS_CSV = """id,name,kind,share,consolidation,since,until,country,illustrative,source,confidence,note
JV1,Oxide JV,jv,0.5,full,2025-01-01,,CN,true,,low,
PAR,Parent,parent,0,none,2000-01-01,,CN,true,,low,
"""
PLANTS_CSV = """id,partner,stage,capacity_t_per_year,recovery,cost_cny_per_t
JV1-SEP,JV1,separation,400,0.95,5
JV1-MAG,JV1,magnet,1000,0.97,0
"""
AGREEMENTS_CSV = (
    "id,kind,partner,product,plant,start_on,end_on,volume_t_per_year,min_t_per_year,max_t_per_year,"
    "price_basis,price_cny_per_t\n"
    """SUP,supply,PAR,CONC,,2026-01-01,2026-12-31,120,40,200,fixed,30
OFF,offtake,JV1,CONC,JV1-SEP,2026-07-01,2026-12-31,300,,,fixed,7
TOLL,tolling,JV1,PRND-MET,JV1-MAG,2026-01-01,2026-12-31,50,,,fixed,100
"""
)


def user(*roles: Role) -> AuthenticatedUser:
    return AuthenticatedUser("u", frozenset(roles))


def load(c: Container) -> None:
    for text in (PARTNERS_CSV, PLANTS_CSV, AGREEMENTS_CSV):
        partners.import_register_text(c, text, suffix=".csv")


def test_every_bad_field_is_named_with_its_line() -> None:
    bad = (
        "id,name,kind,share,consolidation,since,until\n"
        "A,Alpha,jv,1.5,full,2025-01-01,2024-01-01\n"
        "B,,club,nan,sideways,yesterday,\n"
        "A,Again,jv,0.2,full,2025-01-01,\n"
    )
    with pytest.raises(InvalidInput) as e:
        read_register_text(bad, suffix=".csv")
    where = {(p.line, p.field) for p in e.value.problems}
    assert {
        (2, "partners[0].share"),
        (2, "partners[0].until"),
        (3, "partners[1].name"),
        (3, "partners[1].kind"),
        (3, "partners[1].share"),  # NaN refused
        (3, "partners[1].consolidation"),
        (3, "partners[1].since"),
        (4, "partners[2]"),  # duplicate id
    } <= where


def test_agreement_references_and_amounts_are_checked() -> None:
    known = read_register_text(PARTNERS_CSV, suffix=".csv")
    bad = (
        "id,kind,partner,product,plant,start_on,end_on,volume_t_per_year,min_t_per_year,price_basis,"
        "price_cny_per_t\n"
        "X,offtake,NOBODY,CONC,,2026-01-01,2025-01-01,-5,0,fixed,\n"
        "Y,supply,PAR,CONC,,2026-01-01,2026-12-31,10,20,index,\n"
    )
    with pytest.raises(InvalidInput) as e:
        read_register_text(bad, suffix=".csv", known=known)
    fields = {p.field for p in e.value.problems}
    assert {
        "agreements[0].partner",
        "agreements[0].plant",  # an offtake names the plant
        "agreements[0].end_on",
        "agreements[0].volume_t_per_year",
        "agreements[0].price_cny_per_t",
        "agreements[1].min_t_per_year",  # 20 > volume 10
    } <= fields
    assert "agreements[1].price_cny_per_t" not in fields  # an index price needs no fixed price


def test_yaml_file_with_all_sections(tmp_path: Path) -> None:
    text = """
partners:
  - {id: J, name: JV, kind: jv, share: 0.4, consolidation: equity, since: 2020-01-01}
plants:
  - {id: J-SEP, partner: J, stage: separation, capacity_t_per_year: 100}
agreements:
  - {id: O, kind: offtake, partner: J, product: CONC, plant: J-SEP, start_on: 2026-01-01,
     end_on: 2026-12-31, volume_t_per_year: 60, price_cny_per_t: 3}
"""
    r = read_register_text(text, suffix=".yaml")
    assert (len(r.partners), len(r.plants), len(r.agreements)) == (1, 1, 1)
    assert r.partners[0].since == date(2020, 1, 1) and r.agreements[0].max_t == 60


def test_import_is_all_or_nothing_and_updates_in_place(container: Container) -> None:
    load(container)
    reg = partners.get_register(container)
    assert [p.id for p in reg.partners] == ["JV1", "PAR"] and len(reg.agreements) == 3
    broken = PARTNERS_CSV.replace("PAR,Parent,parent,0", "PAR,Parent,parent,7")
    with pytest.raises(InvalidInput):
        partners.import_register_text(container, broken.replace("0.5,full", "0.6,full"), suffix=".csv")
    assert partners.get_register(container).partners[0].share == 0.5  # nothing written
    partners.import_register_text(container, PARTNERS_CSV.replace("0.5,full", "0.6,full"), suffix=".csv")
    reg = partners.get_register(container)
    assert reg.partners[0].share == 0.6 and len(reg.plants) == 2  # the plants still point at JV1


def test_roles(container: Container) -> None:
    with pytest.raises(Forbidden):
        partners.import_register_text(container, PARTNERS_CSV, suffix=".csv", actor=user(Role.PLANNER))
    partners.import_register_text(container, PARTNERS_CSV, suffix=".csv", actor=user(Role.ADMIN))
    assert len(partners.get_register(container, user(Role.PLANNER)).partners) == 2
    assert len(partners.get_register(container, user(Role.ANALYST)).partners) == 2
    with pytest.raises(Forbidden):
        partners.get_register(container, user(Role.TRADER))


def test_chain_view_adds_up_to_the_ledger_and_agreements(container: Container) -> None:
    define_world(container)
    post_story(container)  # 100 t CONC mined (50 t REO), 40 t fed (20 t REO), 19.5 t made, sales
    load(container)
    doc = partners.chain_document(partners.chain(container, 2026))
    own = {(x["source"], x["target"]): x["value"] for x in doc["links"] if x["owner"] == "own"}
    assert own[("Mining", "Separation")] == pytest.approx(20.0)
    assert own[("Separation", "Residue")] == pytest.approx(0.5)
    assert own[("Separation", "Customer CUST")] == pytest.approx(3.0 * 1.0)  # PrNd oxide, REO 100 %
    assert own[("Mining", "Customer CUST")] == pytest.approx(10.0 * 0.5)  # concentrate sold as mined
    partner = {x["ref"]: x for x in doc["links"] if x["owner"] == "partner"}
    assert partner["agreement:SUP"]["value"] == pytest.approx(120 * 0.5)  # t REO of 120 t CONC
    # the offtake runs half of the year (184 of 365 days)
    assert partner["agreement:OFF"]["value"] == pytest.approx(300 * 184 / 365, abs=1e-3)
    stages = {s["stage"]: s for s in doc["stages"]}
    assert stages["mining"]["own"] == pytest.approx(50.0)
    assert stages["separation"]["partner_share"] == pytest.approx(0.5 * 400)
    assert stages["magnet"]["partner_share"] == pytest.approx(0.5 * 1000)
    assert stages["mining"]["share"] == pytest.approx(50.0 / 390000)


def test_register_becomes_planning_sections() -> None:
    reg = Register(
        (Partner("JV1", "JV", "jv", 0.5, "full", date(2025, 1, 1)),),
        (PartnerPlant("JV1-SEP", "JV1", "separation", 400, 0.9, 5),),
        (
            Agreement(
                "SUP",
                "supply",
                "JV1",
                "CONC",
                date(2026, 1, 1),
                date(2026, 12, 31),
                120,
                min_t_per_year=40,
                max_t_per_year=200,
                price_cny_per_t=30,
            ),
        ),
    )
    own = [{"id": "SEP", "feeds": ["CONC"], "outputs": ["LA-OX", "CE-OX"]}]
    sections, notes = planning_sections(
        reg, year=2026, periods_per_year=4, feeds=["CONC"], plants=own, separation_quotas=["sep-2026"]
    )
    plant = sections["plants"][0]
    assert plant["partner"] == "JV1" and plant["capacity_t_reo_per_period"] == 100.0
    assert plant["outputs"] == ["LA-OX", "CE-OX"] and plant["quotas"] == ["sep-2026"]
    supply = sections["agreements"][0]
    assert (supply["min_t_per_period"], supply["max_t_per_period"], supply["price_per_t"]) == (10.0, 50.0, 30)
    assert notes == []


def test_docs_name_every_register_field_and_command() -> None:
    import dataclasses

    from reechain.commands.partners import app

    doc = (Path(__file__).resolve().parents[2] / "docs" / "partners.md").read_text()
    fields = [f.name for cls in (Partner, PartnerPlant, Agreement) for f in dataclasses.fields(cls)]
    assert [f for f in fields if f"`{f}`" not in doc] == []
    assert all(f"reechain partners {c.name}" in doc for c in app.registered_commands)
    example = Path(__file__).resolve().parents[2] / "docs" / "examples" / "partners.yaml"
    register = read_register_text(example.read_text(), suffix=".yaml")
    assert [a.kind for a in register.agreements] == ["offtake", "supply"]
