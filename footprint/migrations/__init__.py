"""Alembic migrations of the store: ``versions/`` holds one file a schema change, oldest first.

``store.connect`` brings a store up to ``store.SCHEMA`` through them (or, with
``FOOTPRINT_AUTO_UPGRADE=0``, says the command that does); ``python -m footprint upgrade`` runs
them by hand. ``env.py`` runs on the connection ``store.upgrade`` hands it, under the store's
write lock, so two app instances starting on one database do not upgrade it twice.
"""
