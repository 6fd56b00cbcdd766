"""What the Streamlit pages share: the cached engine and features, and settings.

With ``adding`` (the Add reports tab), the only modules besides the pages that touch Streamlit.
"""

from __future__ import annotations

import os
import re

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


@st.cache_resource(show_spinner=False, max_entries=4)
def load_features(url: str, version: tuple) -> tuple[tuple[feat.Feature, ...], tuple[feat.Feature, ...]]:
    """Claim features and named-place features; ``url`` and ``version`` key the cache.

    Shared by every session, not copied for each (unpickling 10,000 claims' features took a
    quarter of a second a rerun): read them, never change them; filters and review make new
    features with ``dataclasses.replace``."""
    eng = engine()
    return tuple(feat.claim_features(store.claims(eng))), tuple(feat.place_features(store.named_places(eng)))


def page_header(title: str, caption: str, page_title: str) -> None:
    """A page's browser title, the excerpt cards' style, its heading and what it is for."""
    from .excerpts import CARD_CSS

    st.set_page_config(page_title=f"Footprint: {page_title}", layout="wide")
    st.markdown(CARD_CSS, unsafe_allow_html=True)
    st.title(title)
    st.caption(caption)


def reviewer_name() -> str:
    """The reviewer's name from the sidebar, kept for the session across pages ("" until given)."""
    def keep():
        st.session_state["reviewer"] = " ".join(st.session_state.get("reviewer-field", "").split())

    st.sidebar.text_input("Your name (reviewer)", value=st.session_state.get("reviewer", ""), key="reviewer-field",
                          on_change=keep, max_chars=120,
                          help="Stored with every decision you make, with the time.")
    return st.session_state.get("reviewer", "")


def tiles_default() -> bool:
    """Online tiles start switched on only when FOOTPRINT_TILES=osm is set."""
    return os.environ.get(TILES_ENV, "").lower() in ("osm", "1", "on", "true")


def literal(text: str) -> str:
    """A stranger's string for a Streamlit message, which renders Markdown (and turns bare
    addresses into links even when escaped): set as an inline code span, whose content Markdown
    shows character for character, fenced by more backticks than the string holds in a row;
    line breaks become spaces."""
    text = " ".join(str(text).split())
    if not text:
        return ""
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text[0] == "`" or text[-1] == "`" else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def plain_note(container, text: str, *, strong: bool = False) -> None:
    """A caption whose words may come from a report (a place name, a tooltip): written as escaped
    HTML in a block of its own, which Markdown leaves alone, so it shows character for character
    and no address in it turns into a link."""
    import html as _html

    cls = "fp-note fp-strong" if strong else "fp-note"
    container.markdown(f'<div class="{cls}">{_html.escape(" ".join(str(text).split()))}</div>',
                       unsafe_allow_html=True)


def outcome_message(name: str, result: store.IngestResult) -> tuple[str, str]:
    """(kind, message) for one ingestion: success, warning (stored, but no claim came of it) or info."""
    title = literal(result.title or name)
    if result.added and result.language:
        from .language import note

        return "warning", f"Stored {title}. {note(result.language)}"
    if not result.added:
        return "info", f"{title} is already in the store ({result.claims} claims); nothing was added."
    if result.claims == 0:
        return "warning", (f"Stored {title}, but no claim came of it ({result.places} places named): "
                           "check that it reports on foreign forces in Syria, in English.")
    repost = (" It tells the same story as a report already stored, so it is folded under that one and adds no "
              "independent source.") if result.repost_of else ""
    return "success", f"Stored {title}: {result.claims} claims, {result.places} places named.{repost}"


def outcome_label(result: store.IngestResult) -> str:
    """One ingestion in a few words, for a summary table."""
    if not result.added:
        return "already stored"
    if result.language:
        return "stored, not English"
    if result.repost_of:
        return "stored, a repost"
    return "stored" if result.claims else "stored, no claim"


def show_outcome(name: str, result: store.IngestResult) -> None:
    """Tell the user what one ingestion did."""
    kind, message = outcome_message(name, result)
    getattr(st, kind)(message)
    if result.added:
        load_features.clear()


def show_error(err: Exception, name: str = "") -> None:
    """A refusal, its stranger's words (addresses, titles) shown as they are."""
    st.error(literal(f"{name}: {err}" if name else str(err)))
