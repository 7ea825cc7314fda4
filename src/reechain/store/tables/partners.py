"""Partners register tables (``partners_0001``): one row per partner, partner plant and agreement."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Date, Float, ForeignKey, String, Table, Text

from reechain.store.base import metadata

partners = Table(
    "partners_partners",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("name", String(300), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("share", Float, nullable=False),
    Column("consolidation", String(16), nullable=False),
    Column("since", Date, nullable=False),
    Column("until", Date, nullable=True),
    Column("country", String(8), nullable=False),
    Column("illustrative", Boolean, nullable=False),
    Column("source", Text, nullable=False),
    Column("confidence", String(16), nullable=False),
    Column("note", Text, nullable=False),
)

plants = Table(
    "partners_plants",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("partner", String(64), ForeignKey("partners_partners.id"), nullable=False),
    Column("stage", String(16), nullable=False),
    Column("capacity_t_per_year", Float, nullable=False),
    Column("recovery", Float, nullable=False),
    Column("cost_cny_per_t", Float, nullable=False),
    Column("illustrative", Boolean, nullable=False),
    Column("source", Text, nullable=False),
    Column("confidence", String(16), nullable=False),
    Column("note", Text, nullable=False),
)

agreements = Table(
    "partners_agreements",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("partner", String(64), ForeignKey("partners_partners.id"), nullable=False),
    Column("product", String(64), nullable=False),
    Column("start_on", Date, nullable=False),
    Column("end_on", Date, nullable=False),
    Column("volume_t_per_year", Float, nullable=False),
    Column("plant", String(64), ForeignKey("partners_plants.id"), nullable=True),
    Column("min_t_per_year", Float, nullable=False),
    Column("max_t_per_year", Float, nullable=True),
    Column("price_basis", String(16), nullable=False),
    Column("price_cny_per_t", Float, nullable=True),
    Column("index_factor", Float, nullable=True),
    Column("premium_cny_per_t", Float, nullable=False),
    Column("illustrative", Boolean, nullable=False),
    Column("source", Text, nullable=False),
    Column("confidence", String(16), nullable=False),
    Column("note", Text, nullable=False),
)
