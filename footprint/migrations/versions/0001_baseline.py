"""The store as Footprint made it before migrations, and a new store's start.

Revision ID: 0001
Revises:
Create Date: 2026-12-02

Stores made before migrations existed were created table by table and given missing columns at
start-up. This step brings any of them, or an empty database, to one known schema: it creates
the tables that are missing and adds to the others the columns and indexes they lack (with
their defaults), and touches nothing that is there. The tables are written out here as they
stood, not taken from the models, so that later changes to the models do not change this step.
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_meta = sa.MetaData()


def _text(name, default=None, nullable=False, length=None):
    kind = sa.String(length) if length else sa.Text()
    server = sa.text(f"'{default}'") if default is not None else None
    return sa.Column(name, kind, nullable=nullable, server_default=server)


def _int(name, default=None, nullable=False):
    return sa.Column(name, sa.Integer(), nullable=nullable,
                     server_default=sa.text(str(default)) if default is not None else None)


def _from_report(name, *columns):
    """A table of rows that quote a sentence of a stored report."""
    return sa.Table(
        name, _meta,
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("report_id", sa.String(32), sa.ForeignKey("reports.report_id", ondelete="CASCADE"),
                  nullable=False, index=True),
        _text("excerpt"), _int("start"), _int("end"),
        *columns,
    )


sa.Table(
    "reports", _meta,
    sa.Column("report_id", sa.String(32), primary_key=True),
    _text("title", ""), _text("source", ""), _text("url", ""),
    sa.Column("url_key", sa.String(400), nullable=False, server_default=sa.text("''"), index=True),
    sa.Column("published", sa.Date(), nullable=True),
    _text("filename", ""), _text("notes", "{}"), _text("text"), _text("original"),
    sa.Column("raw", sa.LargeBinary(), nullable=True),
    sa.Column("repost_of", sa.String(32), nullable=True, index=True),
    sa.Column("ingested_at", sa.DateTime(), nullable=False),
)
sa.Table(
    "report_bands", _meta,
    sa.Column("report_id", sa.String(32), sa.ForeignKey("reports.report_id", ondelete="CASCADE"),
              primary_key=True),
    sa.Column("band", sa.String(40), primary_key=True, index=True),
)
_from_report(
    "claims",
    sa.Column("actor", sa.String(80), nullable=False, index=True),
    _text("country_code", length=3), _text("force", nullable=True, length=120), _text("status", length=20),
    _text("claimant", nullable=True), _text("place"),
    sa.Column("place_id", sa.String(64), nullable=False, index=True),
    _text("place_name"),
    sa.Column("lat", sa.Float(), nullable=False), sa.Column("lon", sa.Float(), nullable=False),
    _int("precision"), sa.Column("radius_km", sa.Float(), nullable=True),
    _text("date", nullable=True, length=10), _text("cue", nullable=True),
    *(_int(f"{part}_{end}", -1) for part in ("place", "actor", "cue") for end in ("start", "end")),
    _text("review_state", "unreviewed", length=12),
    sa.Column("approximate", sa.Boolean(), nullable=False, server_default=sa.false()),
)
_from_report(
    "named_places",
    _text("place"),
    sa.Column("place_id", sa.String(64), nullable=False, index=True),
    _text("place_name"),
    sa.Column("lat", sa.Float(), nullable=False), sa.Column("lon", sa.Float(), nullable=False),
    _int("precision"), _int("place_start"), _int("place_end"),
)
_from_report("unresolved_names", _text("name"), _int("name_start"), _int("name_end"))
sa.Table(
    "place_corrections", _meta,
    sa.Column("name_key", sa.String(200), primary_key=True),
    _text("name"), _text("place_id", nullable=True, length=64),
    sa.Column("lat", sa.Float(), nullable=True), sa.Column("lon", sa.Float(), nullable=True),
    _int("precision", 1), _text("kind", "other", length=32),
    sa.Column("created_at", sa.DateTime(), nullable=False),
)
sa.Table(
    "geocode_cache", _meta,
    sa.Column("provider", sa.String(200), primary_key=True),
    sa.Column("query", sa.String(400), primary_key=True),
    _text("answer"),
    sa.Column("fetched_at", sa.DateTime(), nullable=False),
)
sa.Table(
    "reviews", _meta,
    sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
    sa.Column("report_id", sa.String(32), sa.ForeignKey("reports.report_id", ondelete="CASCADE"),
              nullable=False, index=True),
    _text("claim_key"), _text("action", length=12), _text("claim", nullable=True), _text("reviewer", length=120),
    sa.Column("decided_at", sa.DateTime(), nullable=False),
    _int("previous", nullable=True),
)
sa.Table(
    "events", _meta,
    sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime(), nullable=False),
    _text("who", length=120), _text("action", length=40), _text("report_id", nullable=True, length=32),
    _text("detail", ""),
)
sa.Table("meta", _meta, sa.Column("key", sa.String(64), primary_key=True), _text("value"))


def upgrade() -> None:
    bind = op.get_bind()
    inspector = sa.inspect(bind)
    for table in _meta.sorted_tables:
        if not inspector.has_table(table.name):
            table.create(bind)
            continue
        have = {c["name"] for c in inspector.get_columns(table.name)}
        for column in table.columns:
            if column.name not in have:
                op.add_column(table.name, sa.Column(column.name, column.type, nullable=column.nullable,
                                                    server_default=column.server_default.arg
                                                    if column.server_default is not None else None))
        indexed = {i["name"] for i in inspector.get_indexes(table.name)}
        for index in table.indexes:
            if index.name not in indexed:
                op.create_index(index.name, table.name, [c.name for c in index.columns])


def downgrade() -> None:
    for table in reversed(_meta.sorted_tables):
        op.drop_table(table.name)
