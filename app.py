"""Footprint's map page: layers per foreign actor, excerpts in the sidebar, GeoJSON snapshot."""

import streamlit as st
from streamlit_folium import st_folium

from footprint import actors, excerpts, maps, review, snapshot, store
from footprint import features as feat
from footprint.errors import FootprintError
from footprint.ingestion import SAMPLES_DIR, ingest_all
from footprint.pageparts import engine, legend_html, literal, load_features, tiles_default

st.set_page_config(page_title="Footprint: foreign military presence in Syria", page_icon="🗺️", layout="wide")
st.markdown(excerpts.CARD_CSS, unsafe_allow_html=True)


def main() -> None:
    eng = engine()
    claim_feats, place_feats = load_features(store.database_url(), store.version(eng))
    st.sidebar.title("Footprint")
    if not claim_feats and not place_feats:
        st.info("The store holds no reports yet. Add some on the **Reports** page, "
                "or load the bundled sample reports.")
        if st.button("Load the bundled sample reports"):
            outcomes = ingest_all(eng, [str(SAMPLES_DIR)])
            load_features.clear()
            st.success(f"Stored {sum(1 for o in outcomes if o.result)} reports.")
            st.rerun()
        return

    lexicon = actors.load()
    layers = feat.layers(claim_feats)
    colors = {name: lexicon.color(name) for name, _ in layers}

    st.sidebar.subheader("Layers")
    st.sidebar.markdown(legend_html(layers, colors), unsafe_allow_html=True)
    chosen = {name for name, n in layers if st.sidebar.checkbox(f"{name} ({n})", value=True, key=f"layer:{name}")}
    places_on = st.sidebar.toggle("Places named (grey)", value=False, key="layer:places",
                                  help="Every Syrian place the reports name, whether or not a force is claimed there.")
    reviewed_only = st.sidebar.toggle("Reviewed claims only", value=False, key="reviewed-only",
                                      help="Only claims a reviewer accepted, edited or added on the Reports page. "
                                           "Rejected claims are never on the map.")
    tiles = st.sidebar.toggle("Online map tiles (OpenStreetMap)", value=tiles_default(), key="tiles",
                              help="Off: the map draws offline over country outlines. On: tiles are fetched.")
    selection = feat.Selection(frozenset(chosen), places_named=places_on, reviewed_only=reviewed_only)
    everything = claim_feats + place_feats
    shown = feat.select_features(everything, selection)

    st.markdown("#### Foreign military presence in Syria, as the reports claim it")
    n_claims = sum(1 for f in shown if f.actor)
    st.caption(f"{n_claims} actor–place–status features on the map from "
               f"{len({s.report_id for f in shown for s in f.sources})} reports. "
               "Click a marker to read the sentences behind it.")
    result = st_folium(
        maps.base_map(tiles=tiles),
        feature_group_to_add=maps.layer_groups(shown, colors) or None,
        key="map", height=600, use_container_width=True,
        returned_objects=["last_object_clicked_tooltip"],
    )
    st.download_button(
        "Download GeoJSON snapshot of this map",
        data=snapshot.dumps(snapshot.snapshot(everything, selection)),
        file_name=snapshot.filename(), mime="application/geo+json", key="download",
    )
    st.caption(snapshot.ATTRIBUTION)
    tooltip = (result or {}).get("last_object_clicked_tooltip")
    picked = feat.clicked(shown, tooltip) if tooltip != st.session_state.get("cleared") else None
    sidebar_excerpts(picked, shown, colors, tooltip)


def sidebar_excerpts(picked, shown, colors, tooltip) -> None:
    side = st.sidebar
    if picked is not None:
        side.subheader("Sources for this marker")
        side.caption(picked.tooltip)
        if side.button("Show all excerpts on the map", key="clear"):
            st.session_state["cleared"] = tooltip
            st.rerun()
        who = st.session_state.get("reviewer", "")
        if not who:
            side.caption("Give your name on the Reports page to accept or reject these claims here.")
        for n, source in enumerate(picked.sources):
            side.markdown(excerpts.source_card(source, picked, _color(picked, colors)), unsafe_allow_html=True)
            if who and source.claim_key:
                review_buttons(side, source, who, n)
        return
    side.subheader("Excerpts on the map")
    if not shown:
        side.caption("No layer is switched on.")
    for f in shown:
        for source in f.sources:
            side.markdown(excerpts.source_card(source, f, _color(f, colors)), unsafe_allow_html=True)


def review_buttons(side, source, who: str, n: int) -> None:
    """Accept or reject one claim where it is shown; the decision carries the reviewer's name."""
    left, right = side.columns(2)
    for column, action, label in ((left, "accept", "Accept"), (right, "reject", "Reject")):
        done = source.review == review.STATE[action]
        if column.button(label, key=f"map-{action}:{n}:{source.claim_key}", disabled=done,
                         width="stretch"):
            try:
                review.decide(engine(), source.report_id, source.claim_key, action, reviewer=who,
                              seen=source.decision, claim=stored_claim(source) if action == "accept" else None)
            except FootprintError as err:
                side.error(literal(str(err)))
                return
            load_features.clear()
            st.rerun()


def stored_claim(source):
    """The claim behind a source, as stored (an accepted claim is kept with its decision)."""
    return next(c.claim for c in store.claims(engine(), rejected=True, report_id=source.report_id)
                if c.key == source.claim_key)


def _color(feature, colors) -> str:
    return colors.get(feature.layer, maps.PLACES_COLOR)


try:
    main()
except FootprintError as err:
    st.error(str(err))
