"""Summaries: claims by actor and status, by governorate, over time; the most-cited places and
sources; each table downloadable as CSV."""

import streamlit as st

from footprint import store, summaries
from footprint.corrections import gazetteer_for
from footprint.pageparts import engine, page_header

page_header("Summaries", "What the stored reports claim, counted. Claims a reviewer rejected are left out; a claim "
            "is one actor × place × status in one sentence of one report.", "summaries")

eng = engine()
claims = store.claims(eng)
if not claims:
    st.info("No claims stored yet: add reports on the Reports page.")
    st.stop()
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
