"""Every stored claim as a table, with the reports they came from."""

import pandas as pd
import streamlit as st

from footprint import store
from footprint.pageparts import engine

st.set_page_config(page_title="Footprint: claims", layout="wide")
st.title("Claims")
rows = [
    {"actor": c.claim.actor, "status": c.claim.status, "place": c.claim.place_name, "as written": c.claim.place,
     "precision": c.claim.precision, "claimant": c.claim.claimant, "date": c.claim.date,
     "review": c.review, "reviewer": c.reviewer, "reviewed at (UTC)": c.reviewed_at,
     "report": c.source.title, "excerpt": c.claim.excerpt}
    for c in store.claims(engine(), rejected=True)
]
if not rows:
    st.info("No claims stored yet: add reports first.")
else:
    st.caption(f"{len(rows)} claims from {len(store.reports(engine()))} reports, rejected ones included "
               "(they are not on the map). Review them on the Reports page.")
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    st.subheader("Reports")
    st.dataframe(pd.DataFrame(store.reports(engine())), hide_index=True, width="stretch")
