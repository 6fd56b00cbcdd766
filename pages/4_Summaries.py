"""Summaries: claims by actor and status, by governorate, over time; the most-cited places and
sources; each table downloadable as CSV."""

import streamlit as st

from footprint import features as feat
from footprint import filters as flt
from footprint import store, summaries
from footprint.corrections import gazetteer_for
from footprint.pageparts import engine, load_features, page_header, plain_note

page_header("Summaries", "What the stored reports claim, counted. Claims a reviewer rejected are left out; a claim "
            "is one actor × place × status in one sentence of one report.", "summaries")

eng = engine()
claims = store.claims(eng)
if not claims:
    st.info("No claims stored yet: add reports on the Reports page.")
    st.stop()


def view() -> tuple[flt.Filters, frozenset[str] | None, bool] | None:
    """What to count: the filters and layers of a link to this page, else the map's view when the
    person keeps the toggle on, else everything (None)."""
    linked, actors, _ = flt.from_params(st.query_params.to_dict())
    if linked.active or actors is not None:
        return linked, actors, False
    shown = st.session_state.get("map-view")
    if shown is None or not (shown[0].active or shown[1] is not None or shown[2]):
        return None
    if st.toggle("Count only what the map shows (its filters and layers)", value=True, key="as-map"):
        return shown
    return None


chosen = view()
if chosen is not None:
    filters, actors, reviewed_only = chosen
    claim_feats, _ = load_features(store.database_url(), store.version(eng))
    every = frozenset(name for name, _ in feat.layers(claim_feats))
    shown = feat.select_features(flt.apply(claim_feats, filters),
                                 feat.Selection(actors if actors is not None else every, reviewed_only=reviewed_only))
    claims = summaries.shown_claims(claims, shown)
    said = " · ".join(f"{k}: {v}" for k, v in flt.to_params(filters, actors=actors).items())
    plain_note(st, f"Counting {len(claims)} claims, as the map shows them ({said or 'every layer'}"
                   f"{'; reviewed claims only' if reviewed_only else ''}).")
rows = summaries.frame(claims, gazetteer_for(eng))
tables = [
    ("Claims by actor and status", "by-actor-and-status", summaries.by_actor_and_status),
    ("Claims by governorate", "by-governorate", summaries.by_governorate),
    ("Claims over time (by month)", "over-time", summaries.over_time),
    ("Most-cited places", "most-cited-places", summaries.most_cited_places),
    ("Most-cited sources", "most-cited-sources", summaries.most_cited_sources),
]
for title, slug, make in tables:
    st.subheader(title)
    table = make(rows)
    if slug == "over-time" and not table.empty:
        chart = table.set_index("month")
        st.bar_chart(chart.drop(index="undated", errors="ignore"))
    st.dataframe(table, hide_index=True, width="stretch")
    st.download_button(f"Download “{title}” as CSV", data=summaries.to_csv(table),
                       file_name=f"footprint-{slug}.csv", mime="text/csv", key=f"csv:{slug}")
