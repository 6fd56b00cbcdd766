"""The Map page: layers per foreign actor, filters, excerpts in the sidebar, GeoJSON and CSV downloads."""

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from footprint import actors, excerpts, maps, review, snapshot, store, summaries
from footprint import filters as flt
from footprint import features as feat
from footprint.errors import FootprintError
from footprint.ingestion import SAMPLES_DIR, ingest_all
from footprint.pageparts import (engine, legend_html, literal, load_features, plain_note, show_error,
                                 tiles_default)

st.set_page_config(page_title="Footprint: map", page_icon="🗺️", layout="wide")
st.markdown(excerpts.CARD_CSS, unsafe_allow_html=True)


def main() -> None:
    eng = engine()
    claim_feats, place_feats = load_features(store.database_url(), store.version(eng))
    st.sidebar.title("Footprint")
    top = st.sidebar.container()  # a clicked place's sources go here, above the layers and filters
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

    everything = claim_feats + place_feats
    linked, linked_actors, linked_place = flt.from_params(st.query_params.to_dict())
    if "view-from-link" not in st.session_state:  # a session opened from a link starts as the link says
        st.session_state["view-from-link"] = True
        for name, _ in layers:
            st.session_state.setdefault(f"layer:{name}", linked_actors is None or name in linked_actors)
        seed_filters(linked)
    st.sidebar.subheader("Layers")
    st.sidebar.markdown(legend_html(layers, colors), unsafe_allow_html=True)
    chosen = {name for name, n in layers if st.sidebar.checkbox(f"{name} ({n})", key=f"layer:{name}")}
    places_on = st.sidebar.toggle("Places named (grey)", value=False, key="layer:places",
                                  help="Every Syrian place the reports name, whether or not a force is claimed there.")
    reviewed_only = st.sidebar.toggle("Reviewed claims only", value=False, key="reviewed-only",
                                      help="Only claims a reviewer accepted, edited or added on the Reports page. "
                                           "Rejected claims are never on the map.")
    tiles = st.sidebar.toggle("Online map tiles (OpenStreetMap)", value=tiles_default(), key="tiles",
                              help="Off: the map draws offline over country outlines. On: tiles are fetched.")
    filters = filter_widgets(claim_feats)
    overlay = overlay_widget()
    selection = feat.Selection(frozenset(chosen), places_named=places_on, reviewed_only=reviewed_only)
    narrowed = flt.apply(everything, filters)
    shown = feat.select_features(narrowed, selection)
    st.query_params.from_dict(flt.to_params(filters, actors=None if len(chosen) == len(layers) else chosen))
    # the Summaries page can count what this view shows
    st.session_state["map-view"] = (filters, None if len(chosen) == len(layers) else frozenset(chosen), reviewed_only)

    st.markdown("#### Foreign military presence in Syria, as the reports claim it")
    placed = feat.places(shown, list(colors))
    n_claims = sum(1 for f in shown if f.actor)
    st.caption(f"{n_claims} actor–place–status claims at {sum(1 for p in placed if p.features)} places, from "
               f"{len({s.report_id for f in shown for s in f.sources})} reports. "
               "Click a place to read the sentences behind it; click a ring of places to zoom in.")
    result = st_folium(
        maps.base_map(),
        feature_group_to_add=[maps.places_group(placed, colors, tiles=tiles)]
                             + ([maps.overlay_group(overlay)] if overlay else []),
        key="map", height=600, use_container_width=True,
        returned_objects=["last_object_clicked_tooltip"],
    )
    # The files are made when a button is pressed, not on every run of the page.
    st.download_button(
        "Download GeoJSON snapshot of this map",
        data=lambda: snapshot.dumps(snapshot.snapshot(narrowed, selection, narrowed_by=flt.to_params(filters))),
        file_name=snapshot.filename(), mime="application/geo+json", key="download", on_click="ignore",
    )
    st.download_button(
        "Download CSV of these claims", data=lambda: summaries.features_csv(shown), file_name="footprint-claims.csv",
        mime="text/csv", key="download-csv", on_click="ignore",
        help="One row per source of every claim on the map, filtered as the map is.")
    st.caption(snapshot.ATTRIBUTION)
    tooltip = (result or {}).get("last_object_clicked_tooltip")
    picked = feat.clicked_place(placed, tooltip) if tooltip != st.session_state.get("cleared") else None
    sidebar_excerpts(top, picked, shown, colors, tooltip, narrowed)


def sidebar_excerpts(top, picked, shown, colors, tooltip, everything) -> None:
    """A clicked place's sources, history and disputes at the top of the sidebar; with nothing
    clicked, every excerpt on the map at its foot."""
    side = top
    if picked is not None:
        side.subheader("Sources for this place")
        plain_note(side, picked.tooltip, strong=True)
        if side.button("Show all excerpts on the map", key="clear"):
            st.session_state["cleared"] = tooltip
            st.rerun()
        who = st.session_state.get("reviewer", "")
        if not who:
            side.caption("Give your name on the Reports page to accept or reject these claims here.")
        cards = [(source, f) for f in picked.all for source in f.sources]
        box = side.container(key="place-sources")

        def card(n, item):
            source, f = item
            box.markdown(excerpts.source_card(source, f, _color(f, colors)), unsafe_allow_html=True)
            if who and source.claim_key:
                review_buttons(box, source, who, n)

        paged(box, cards, f"picked:{picked.key}", card)
        history = feat.history(everything, picked.place_id)
        if len(history) > 1:
            side.subheader("History of this place")
            side.caption("Every claim at this place, oldest first: who was said to be there, and how sure.")
            frame = pd.DataFrame(history)
            dated = frame[frame["date"] != ""]
            if len(dated) > 1:
                side.scatter_chart(dated, x="date", y="status", color="actor", height=180)
            side.dataframe(frame[["date", "actor", "status", "publisher"]], hide_index=True, width="stretch")
        disputes(side, picked, everything, colors)
        return
    side = st.sidebar
    side.subheader("Excerpts on the map")
    if not shown:
        side.caption("No layer is switched on.")
    cards = [(source, f) for f in shown for source in f.sources]
    paged(side, cards, "all", lambda _, item: side.markdown(
        excerpts.source_card(item[0], item[1], _color(item[1], colors)), unsafe_allow_html=True))


def disputes(side, picked, everything, colors) -> None:
    """Each presence here that another source denies, the two sides in columns."""
    by_key = {f.key: f for f in everything}
    pairs = [(f, by_key[k]) for f in picked.features if f.status in feat.PRESENCE
             for k in f.disputed_with if k in by_key]
    if not pairs:
        return
    side.subheader("Disputed: both sides")
    side.caption("One source puts the force here and another denies it, about the same time.")
    for present, denied in pairs:
        plain_note(side, f"{present.actor} at {present.place_name}", strong=True)
        left, right = side.columns(2)
        for column, f, heading in ((left, present, "Says it is there"), (right, denied, "Denies it")):
            column.markdown(f"**{heading}**")
            for source in f.sources[:3]:
                column.markdown(excerpts.source_card(source, f, _color(f, colors)), unsafe_allow_html=True)


PAGE_SIZE = 20


def paged(side, items: list, key: str, draw) -> None:
    """Draw the first twenty items (``draw(index, item)``), then how many there are and a "Show
    more" button for twenty more (the count is kept per list)."""
    shown = st.session_state.get(f"more:{key}", PAGE_SIZE)
    for n, item in enumerate(items[:shown]):
        draw(n, item)
    if len(items) > shown:
        def more():
            st.session_state[f"more:{key}"] = shown + PAGE_SIZE

        side.caption(f"Showing {shown} of {len(items)}.")
        side.button(f"Show {min(PAGE_SIZE, len(items) - shown)} more", key=f"more-button:{key}", on_click=more)


def overlay_widget() -> dict | None:
    """A snapshot (one's own earlier, or a colleague's) drawn over the map, read-only."""
    with st.sidebar.expander("Overlay a snapshot", expanded="overlay" in st.session_state):
        upload = st.file_uploader("A Footprint GeoJSON snapshot", type=["geojson", "json"], key="overlay-file",
                                  max_upload_size=snapshot.MAX_IMPORT_BYTES // 2**20,
                                  help="Drawn as dashed rings over the map; it changes nothing in the store.")
        if upload is not None and st.session_state.get("overlay-name") != upload.name:
            try:
                st.session_state["overlay"] = snapshot.imported(upload.getvalue(), upload.name)
                st.session_state["overlay-name"] = upload.name
            except FootprintError as err:
                st.session_state.pop("overlay", None)
                st.error(literal(str(err)))
        overlay = st.session_state.get("overlay")
        if overlay:
            st.caption(f"{len(overlay['features'])} features overlaid, from a snapshot made "
                       f"{literal(overlay['generated_at'] or 'at an unknown date')}.")
            if st.button("Remove the overlay", key="overlay-off"):
                for key in ("overlay", "overlay-name"):
                    st.session_state.pop(key, None)
                st.rerun()
    return overlay


_FILTER_KEYS = ("f:status", "f:from", "f:to", "f:source", "f:review", "f:min", "f:precision", "f:q", "f:disputed")
PRECISIONS = {1: "1: a named place", 2: "2: near a place", 3: "3: a region or governorate", 4: "4: country-wide"}


def seed_filters(linked: flt.Filters) -> None:
    """The filter widgets' first values, from a shared link."""
    st.session_state.update({
        "f:status": sorted(linked.statuses, key=list(flt.STATUSES).index), "f:from": linked.date_from,
        "f:to": linked.date_to, "f:source": sorted(linked.publishers), "f:review": sorted(linked.reviews),
        "f:min": linked.min_sources, "f:precision": sorted(linked.precisions), "f:q": linked.text,
        "f:disputed": linked.disputed_only,
    })


def filter_widgets(claim_feats) -> flt.Filters:
    """The sidebar's filters; they narrow the map, the excerpts and the snapshot alike."""
    publishers = sorted({s.publisher for f in claim_feats for s in f.sources if s.publisher})
    with st.sidebar.expander("Filters", expanded=any(st.session_state.get(k) not in (None, "", [], 1)
                                                      for k in _FILTER_KEYS if k != "f:disputed")
                                                  or st.session_state.get("f:disputed") is True):
        statuses = st.multiselect("Statuses", flt.STATUSES, key="f:status")
        left, right = st.columns(2)
        date_from = left.date_input("Reported from", value=None, key="f:from", format="YYYY-MM-DD")
        date_to = right.date_input("As of (up to)", value=None, key="f:to", format="YYYY-MM-DD",
                                   help="What was reported up to this date.")
        chosen_sources = st.multiselect("Sources (publishers)", publishers, key="f:source")
        reviews = st.multiselect("Review", flt.REVIEWS, key="f:review")
        min_sources = st.number_input("At least this many independent sources", min_value=1, max_value=99,
                                      key="f:min")
        precisions = st.multiselect("Precision", list(PRECISIONS), format_func=PRECISIONS.get, key="f:precision")
        text = st.text_input("Places and excerpts containing", key="f:q")
        disputed = st.toggle("Disputed only", key="f:disputed",
                             help="Features one source puts there and another denies, about the same time.")
    return flt.Filters(disputed_only=disputed, statuses=frozenset(statuses), date_from=date_from, date_to=date_to,
                       publishers=frozenset(chosen_sources), reviews=frozenset(reviews),
                       min_sources=int(min_sources or 1), precisions=frozenset(precisions),
                       text=" ".join((text or "").split()))


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
    show_error(err)
