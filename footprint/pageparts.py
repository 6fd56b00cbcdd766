"""What the Streamlit pages share: the cached engine and features, and settings.

The only module besides the pages that touches Streamlit, and only for its caches.
"""

from __future__ import annotations

import os

import streamlit as st

from . import features as feat
from . import store
from .maps import legend_html  # noqa: F401  (re-exported for the pages)

TILES_ENV = "FOOTPRINT_TILES"


@st.cache_resource
def engine():
    """The store, its reports read again first if extraction changed since they were stored."""
    from .corrections import refresh

    eng = store.connect()
    refresh(eng)
    return eng


@st.cache_data(show_spinner=False, max_entries=4)
def load_features(url: str, version: tuple) -> tuple[list[feat.Feature], list[feat.Feature]]:
    """Claim features and named-place features; ``url`` and ``version`` key the cache."""
    eng = engine()
    return feat.claim_features(store.claims(eng)), feat.place_features(store.named_places(eng))


def tiles_default() -> bool:
    """Online tiles start switched on only when FOOTPRINT_TILES=osm is set."""
    return os.environ.get(TILES_ENV, "").lower() in ("osm", "1", "on", "true")


def show_outcome(name: str, result: store.IngestResult) -> None:
    """Tell the user what one ingestion did."""
    if result.added:
        st.success(f"Stored “{result.title or name}”: {result.claims} claims, {result.places} places named.")
        load_features.clear()
    else:
        st.info(f"“{result.title or name}” is already in the store ({result.claims} claims); nothing was added.")
