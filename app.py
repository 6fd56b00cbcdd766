"""Footprint's entry point (`streamlit run app.py`): names the pages and runs the one asked for."""

import streamlit as st

from footprint.errors import FootprintError
from footprint.pageparts import engine, literal

st.set_page_config(page_title="Footprint: foreign military presence in Syria", page_icon="🗺️", layout="wide")
try:
    engine()  # opened (and upgraded, unless FOOTPRINT_AUTO_UPGRADE=0) once for every page
except FootprintError as err:
    st.error(f"Footprint cannot use its store: {literal(str(err))}")
    st.stop()
st.navigation([
    st.Page("pages/0_Map.py", title="Map", icon="🗺️", default=True),
    st.Page("pages/1_Reports.py", title="Reports", icon="📰", url_path="Reports"),
    st.Page("pages/2_Claims.py", title="Claims", icon="📋", url_path="Claims"),
    st.Page("pages/3_Place_names.py", title="Place names", icon="📍", url_path="Place_names"),
    st.Page("pages/4_Summaries.py", title="Summaries", icon="📊", url_path="Summaries"),
    st.Page("pages/5_Change.py", title="Change", icon="🔀", url_path="Change"),
]).run()
