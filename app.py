"""Footprint's entry point (`streamlit run app.py`): names the pages and runs the one asked for."""

import streamlit as st

st.set_page_config(page_title="Footprint: foreign military presence in Syria", page_icon="🗺️", layout="wide")
st.navigation([
    st.Page("pages/0_Map.py", title="Map", icon="🗺️", default=True),
    st.Page("pages/1_Reports.py", title="Reports", icon="📰", url_path="Reports"),
    st.Page("pages/2_Claims.py", title="Claims", icon="📋", url_path="Claims"),
    st.Page("pages/3_Place_names.py", title="Place names", icon="📍", url_path="Place_names"),
    st.Page("pages/4_Summaries.py", title="Summaries", icon="📊", url_path="Summaries"),
    st.Page("pages/5_Change.py", title="Change", icon="🔀", url_path="Change"),
]).run()
