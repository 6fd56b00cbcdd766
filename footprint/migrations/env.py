"""Alembic's environment: migrations run on the connection ``store.upgrade`` passes in
``config.attributes["connection"]``, inside one transaction (PostgreSQL and SQLite both undo
schema changes on rollback, so a failed upgrade leaves the store as it was). No step rebuilds a
table (SQLite's "batch" mode would drop the old one, and with it, through the foreign keys'
cascades, every claim of its reports)."""

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=None, render_as_batch=False,
                  transaction_per_migration=False)
with context.begin_transaction():
    context.run_migrations()
