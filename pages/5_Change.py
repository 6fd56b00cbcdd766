"""Change between two dates: which actors appeared at which places, which left, and whose status
moved, with a map of the change and its GeoJSON."""

import datetime as dt
import json

import streamlit as st
from streamlit_folium import st_folium

from footprint import diff, maps, store
from footprint.pageparts import engine, page_header, tiles_default

page_header("Change", "What the reports said of each actor at each place as of one date, against what they said "
            "as of another: new (green), changed status (blue), gone, that is withdrawn (red). Undated and "
            "rejected claims are left out. The same list on the command line: python -m footprint diff.",
            "change")

claims = store.claims(engine())
days = sorted(d for c in claims if (d := diff.day_of(c)) is not None)
if not days:
    st.info("No dated claims stored yet: add reports on the Reports page.")
    st.stop()
left, right = st.columns(2)
start = left.date_input("From", value=days[0], key="change:from", format="YYYY-MM-DD")
end = right.date_input("To", value=max(days[-1], dt.date.today()), key="change:to", format="YYYY-MM-DD")
found = diff.changes(claims, start, end)
st.caption(f"{len(found)} changes between {min(start, end)} and {max(start, end)}.")
if found:
    st_folium(maps.change_map(found, tiles=tiles_default()), key="change-map", height=420,
              use_container_width=True, returned_objects=[])
st.dataframe([{"actor": c.actor, "place": c.place_name, "change": c.kind, "before": c.before, "after": c.after,
               "since": c.since, "report": c.title, "excerpt": c.excerpt} for c in found],
             hide_index=True, width="stretch")
st.download_button("Download the change as GeoJSON",
                   data=json.dumps(diff.geojson(found, min(start, end), max(start, end)), ensure_ascii=False, indent=1),
                   file_name=f"footprint-change-{min(start, end)}-{max(start, end)}.geojson",
                   mime="application/geo+json", key="change:download")
