"""Alembic's environment: migrations run on the connection ``store.upgrade`` passes in
``config.attributes["connection"]``, inside one transaction (PostgreSQL and SQLite both undo
schema changes on rollback, so a failed upgrade leaves the store as it was). No step rebuilds a
table (SQLite's "batch" mode would drop the old one, and with it, through the foreign keys'
cascades, every claim of its reports)."""

from alembic import context
from sqlalchemy import text

from footprint.store import _LOCK_KEY

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=None, render_as_batch=False,
                  transaction_per_migration=False)
with context.begin_transaction():
    if connection.dialect.name == "postgresql":
        # the writers' lock, held to the commit: a second instance starting at the same time
        # waits here, then finds the store upgraded and does nothing (SQLite's BEGIN IMMEDIATE
        # does the same there)
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
    context.run_migrations()
