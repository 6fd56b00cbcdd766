"""Writes that survive: one stored report an address, and re-extraction that can resume.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02

- ``reports.url_key`` becomes unique (where there is one): two ingests of the same page at once
  can no longer both store it. Copies that slipped in before keep their text and claims but
  lose their address key, the oldest keeping it.
- ``reports.extracted_with`` names the extraction (code, gazetteer, place corrections) that
  made a report's claims, so a re-extraction cut short goes on from where it stopped.
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_WHERE = "url_key != ''"


def upgrade() -> None:
    bind = op.get_bind()
    reports = sa.table("reports", sa.column("report_id"), sa.column("url_key"), sa.column("ingested_at"))
    seen = set()
    for report_id, key in bind.execute(sa.select(reports.c.report_id, reports.c.url_key)
                                       .where(reports.c.url_key != "")
                                       .order_by(reports.c.ingested_at, reports.c.report_id)):
        if key in seen:
            bind.execute(reports.update().where(reports.c.report_id == report_id).values(url_key=""))
        seen.add(key)
    inspector = sa.inspect(bind)
    indexes = {i["name"] for i in inspector.get_indexes("reports")}
    if "ix_reports_url_key" in indexes:
        op.drop_index("ix_reports_url_key", "reports")
    if "extracted_with" not in {c["name"] for c in inspector.get_columns("reports")}:
        op.add_column("reports", sa.Column("extracted_with", sa.String(64), nullable=False,
                                           server_default=sa.text("''")))
    if "uq_reports_url_key" in indexes:
        return  # a store that had this step's changes without its record (``0001`` adopts such stores too)
    op.create_index("uq_reports_url_key", "reports", ["url_key"], unique=True,
                    sqlite_where=sa.text(_WHERE), postgresql_where=sa.text(_WHERE))


def downgrade() -> None:
    op.drop_index("uq_reports_url_key", "reports")
    op.execute("ALTER TABLE reports DROP COLUMN extracted_with")  # SQLite 3.35+ and PostgreSQL alike
    op.create_index("ix_reports_url_key", "reports", ["url_key"])
