"""Place names to check: names the gazetteer lacks or that several places share, and their corrections."""

import streamlit as st

from footprint import corrections, excerpts, store
from footprint.errors import FootprintError, GeocodeError
from footprint.geocoding import GazetteerGeocoder
from footprint.pageparts import engine, literal, load_features, page_header, show_error

page_header("Place names to check", "Names that read like places in sentences about foreign forces but that the "
            "gazetteer does not hold, and names that several places share. A correction applies to every report "
            "with that name, now and when reports are added again; the map moves as soon as it is saved.",
            "place names")


def target(choice: str, search: str, labels: dict[str, str]) -> str | None:
    """The place id a person chose from the list or typed the name of."""
    if search.strip():
        found = GazetteerGeocoder(corrections.gazetteer_for(engine())).geocode(search)
        if found is None:
            raise GeocodeError(f"no gazetteer place is called {search!r}: check the spelling or type coordinates")
        return found.raw["place_id"]
    return labels.get(choice)


items = corrections.to_review(engine())
if not items:
    st.success("Every place name in the store resolves to one gazetteer place.")
for i, item in enumerate(items):
    why = "not in the gazetteer" if item.reason == "unresolved" else "several places carry this name"
    with st.expander(f"{item.name} — {why} ({item.count}×)", expanded=i < 5):
        for excerpt in item.excerpts[:3]:
            start = excerpt.find(item.name)
            spans = [(start, start + len(item.name), "fp-place")] if start >= 0 else []
            st.markdown(f"<blockquote class='fp-excerpt'>{excerpts.highlight(excerpt, spans)}</blockquote>",
                        unsafe_allow_html=True)
        labels = {label: pid for pid, label, _score in item.candidates}
        with st.form(f"fix-{i}"):
            choice = st.selectbox("It is this place", ["(choose)"] + list(labels), key=f"choice-{i}")
            search = st.text_input("…or this gazetteer place (a name, as an alternate spelling)", key=f"search-{i}")
            c1, c2, c3 = st.columns(3)
            lat = c1.number_input("…or latitude", value=None, format="%.5f", key=f"lat-{i}")
            lon = c2.number_input("longitude", value=None, format="%.5f", key=f"lon-{i}")
            precision = c3.selectbox("precision", [1, 2], key=f"prec-{i}",
                                     help="1: the place itself; 2: somewhere around it (about 25 km)")
            if st.form_submit_button("Save correction"):
                try:
                    place_id = target(choice, search, labels)
                    if place_id is None and (lat is None or lon is None):
                        raise GeocodeError("choose a place, type a gazetteer name, or give latitude and longitude")
                    n = corrections.correct(engine(), item.name, place_id=place_id, lat=lat, lon=lon,
                                            precision=precision)
                    load_features.clear()
                    st.success(f"Saved: {literal(item.name)} now resolves everywhere; the store holds {n} claims.")
                    st.rerun()
                except FootprintError as err:
                    show_error(err)

fixes = store.corrections(engine())
if fixes:
    st.subheader("Corrections made")
    for fix in fixes:
        where = fix.place_id or f"{fix.lat:.5f}, {fix.lon:.5f} (precision {fix.precision})"
        c1, c2 = st.columns([5, 1])
        c1.markdown(f"**{fix.name}** → {where}")
        if c2.button("Undo", key=f"undo-{fix.name_key}"):
            corrections.undo(engine(), fix.name_key)
            load_features.clear()
            st.rerun()
