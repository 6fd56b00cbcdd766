"""Reports: add reports (pasted, uploaded, from a page or a feed); find a stored one, read it with its
claims marked, and sign off each claim (accept, reject, edit, or add one the extractor missed);
retitle, redate or delete a report."""

import datetime as dt
import hashlib

import streamlit as st

from footprint import actors, adding, excerpts, review, store
from footprint.claims import STATUSES, sentences
from footprint.corrections import gazetteer_for
from footprint.errors import FootprintError
from footprint.geocoding import GazetteerGeocoder
from footprint.pageparts import engine, literal, load_features, page_header, reviewer_name, show_error

page_header("Reports", "Every claim on the map came from a sentence of a report here. Open a report to read it with "
            "its claims marked, and accept, reject or correct each one, or add a claim the extractor missed. "
            "Decisions are stored with your name and the time, and survive reading the reports again.", "reports")

eng = engine()
who = reviewer_name()
# One slot for every message, always there: an alert that comes and goes above the claims would
# shift them, and Streamlit would redraw (and close) the expanders being worked in below.
notice = st.empty()
if "review-error" in st.session_state:
    with notice:
        show_error(st.session_state.pop("review-error"))
elif "review-done" in st.session_state:
    notice.success(st.session_state.pop("review-done"))  # (built below with strangers' words as literals)
def stored_view() -> None:
    """Find a stored report, read it with its claims marked, sign off each claim."""
    rows = store.reports(eng)
    if not rows:
        st.info("No reports stored yet: add some in the Add reports tab.")
        return
    done = review.progress(eng)
    texts = {r.report_id: r for r in store.stored_reports(eng)}

    query = st.text_input("Search titles, sources and text", key="search").strip().lower()
    found = [r for r in rows if not query or any(query in (x or "").lower() for x in (
        r["title"], r["source"], r["url"], texts[r["report_id"]].text))]
    st.dataframe(
        [{"title": r["title"], "source": r["source"], "published": r["published"], "claims": r["claims"],
          "reviewed": "{}/{}".format(*done.get(r["report_id"], (0, 0)))} for r in found],
        hide_index=True, width="stretch",
    )
    if not found:
        st.info("No stored report matches that search.")
        return
    titles = {r["report_id"]: f"{r['title']} — {r['source'] or 'source unknown'}, {r['published'] or 'date unknown'}"
              for r in found}
    report_id = st.selectbox("Open a report", list(titles), format_func=titles.get, key="open")
    report, meta = texts[report_id], next(r for r in rows if r["report_id"] == report_id)
    items = store.claims(eng, rejected=True, report_id=report_id)


    def act(item: store.StoredClaim, action: str, claim=None) -> None:
        """Store one decision, then show the page as it now stands."""
        try:
            review.decide(eng, report_id, item.key if item else review.new_key(), action, reviewer=who,
                          seen=item.decision if item else None, claim=claim)
        except FootprintError as err:
            st.session_state["review-error"] = str(err)
        else:
            st.session_state["review-done"] = f"Saved: {review.STATE[action] if action != 'reset' else 'back to unreviewed'}."
            load_features.clear()
        st.rerun()


    st.subheader("The report")
    st.text(meta["title"])
    st.caption(" · ".join(literal(x) for x in (meta["source"] or "source unknown", meta["published"] or "date unknown",
                                              meta["url"]) if x))
    spans = [(c.claim.place_start, c.claim.place_end, "fp-place") for c in items if c.review != "rejected"] + \
            [(c.claim.actor_start, c.claim.actor_end, "fp-actor") for c in items if c.review != "rejected"] + \
            [(c.claim.cue_start, c.claim.cue_end, "fp-cue") for c in items if c.review != "rejected"]
    with st.container(height=320):
        st.markdown("<div class='fp-excerpt' style='white-space:pre-wrap'>"
                    f"{excerpts.highlight(report.text, spans)}</div>", unsafe_allow_html=True)

    st.subheader(f"Claims ({len(items)})")
    if not who:
        st.warning("Give your name in the sidebar to accept, reject, edit or add claims.")
    lexicon = actors.load()
    gazetteer = gazetteer_for(eng)


    def place_picker(key: str, default: str = "") -> str | None:
        """A gazetteer place chosen by name: type it, pick among the matches."""
        name = st.text_input("Place (type a name)", value=default, key=f"{key}:name")
        found = GazetteerGeocoder(gazetteer).geocode(name, exactly_one=False) if name.strip() else None
        if not found:
            if name.strip():
                st.caption("No gazetteer place has that name: try another spelling.")
            return None
        options = {loc.raw["place_id"]: f"{loc.raw['name']} ({loc.raw['kind']}, precision {loc.raw['precision']})"
                   for loc in found[:8]}
        return st.selectbox("Matches", list(options), format_func=options.get, key=f"{key}:pick")


    def claim_fields(key: str, actor: str, status: str, claimant: str | None, date: str | None):
        names = sorted(lexicon.actors)
        cols = st.columns(4)
        actor = cols[0].selectbox("Actor", names, index=names.index(actor) if actor in names else 0, key=f"{key}:actor")
        status = cols[1].selectbox("Status", STATUSES, index=STATUSES.index(status) if status in STATUSES else 0,
                                   key=f"{key}:status")
        claimant = cols[2].text_input("On whose word (claimant)", value=claimant or "", key=f"{key}:claimant")
        date = cols[3].text_input("Date (YYYY-MM-DD)", value=date or "", key=f"{key}:date")
        return actor, status, claimant, date


    for item in items:
        c = item.claim
        with st.container(border=True, key=f"claim-{hashlib.sha1(item.key.encode()).hexdigest()[:12]}"):
            left, right = st.columns([5, 3])
            left.markdown(excerpts.claim_card(c, item.review, item.reviewer, item.reviewed_at), unsafe_allow_html=True)
            b1, b2, b3 = right.columns(3)
            if b1.button("Accept", key=f"accept:{item.key}", disabled=not who or item.review in ("accepted", "added")):
                act(item, "accept", c)
            if b2.button("Reject", key=f"reject:{item.key}", disabled=not who or item.review == "rejected"):
                act(item, "reject", c)
            if b3.button("Undo", key=f"reset:{item.key}", disabled=not who or item.review == "unreviewed"):
                act(item, "reset")
            with right.expander("Edit"):
                actor, status, claimant, date = claim_fields(f"edit:{item.key}", c.actor, c.status, c.claimant, c.date)
                place_id = place_picker(f"edit:{item.key}", c.place_name)
                if st.button("Save the edit", key=f"save:{item.key}", disabled=not who):
                    try:
                        changed = review.edited(c, gazetteer, actor=actor, country_code=lexicon.actors[actor].country_code,
                                                place_id=place_id, status=status, claimant=claimant, date=date)
                    except FootprintError as err:
                        with notice:
                            show_error(err)
                    else:
                        act(item, "edit", changed)

    with st.expander("Add a claim the extractor missed"):
        spans_of = list(sentences(report.text))
        labels = {i: report.text[a:b][:160] for i, (a, b) in enumerate(spans_of)}
        chosen = st.selectbox("The sentence that makes it", list(labels), format_func=labels.get, key="add:sentence")
        actor, status, claimant, date = claim_fields("add", "", "reported", None, None)
        place_id = place_picker("add")
        if st.button("Add this claim", key="add:save", disabled=not who):
            try:
                if place_id is None:
                    raise review.ReviewError("choose the place the sentence puts the force at")
                a, b = spans_of[chosen]
                new = review.added(report.text, a, b, gazetteer, actor=actor,
                                   country_code=lexicon.actors[actor].country_code, place_id=place_id, status=status,
                                   claimant=claimant, date=date)
            except FootprintError as err:
                with notice:
                    show_error(err)
            else:
                act(None, "add", new)

    with st.expander("Retitle, redate or delete this report"):
        title = st.text_input("Title", value=meta["title"], key=f"title:{report_id}")
        known = dt.date.fromisoformat(meta["published"]) if meta["published"] else None
        undated = st.checkbox("Date unknown", value=known is None, key=f"undated:{report_id}")
        published = None if undated else st.date_input("Published", value=known or dt.date.today(),
                                                       key=f"published:{report_id}")
        if st.button("Save title and date", key=f"meta:{report_id}", disabled=not who):
            try:
                store.update_report(eng, report_id, who, title=title, published=published)
            except FootprintError as err:
                with notice:
                    show_error(err)
            else:
                load_features.clear()
                st.rerun()
        st.divider()
        sure = st.checkbox(f"Yes, delete this report and its {len(items)} claims (and their reviews)",
                           key=f"sure:{report_id}")
        if st.button("Delete the report", key=f"delete:{report_id}", disabled=not (who and sure), type="primary"):
            gone = store.delete_report(eng, report_id, who)
            load_features.clear()
            st.session_state["review-done"] = f"Deleted {literal(gone)} with its claims; the deletion is logged."
            st.session_state.pop("open", None)
            st.rerun()


def log_view() -> None:
    """What was done to the store, by whom and when (``python -m footprint log`` prints the same)."""
    st.caption("Every report stored or refused, every edit, deletion, re-reading and review decision, newest "
               "first, with who did it (the name given in the sidebar, or the person a login signed in).")
    rows = [{"when (UTC)": e["at"], "who": e["who"], "what": e["action"], "report": e["report_id"] or "",
             "details": store.described(e["detail"])} for e in store.events(engine(), limit=LOG_ROWS)]
    if not rows:
        st.info("Nothing has been done to this store yet.")
        return
    st.dataframe(rows, hide_index=True, width="stretch")  # a table shows its cells as plain text
    if len(rows) == LOG_ROWS:
        st.caption(f"The latest {LOG_ROWS}; `python -m footprint log --limit 0` prints all of it.")


LOG_ROWS = 500
stored_tab, add_tab, log_tab = st.tabs(["Stored reports", "Add reports", "Log"])
with add_tab:
    adding.render()
with stored_tab:
    stored_view()
with log_tab:
    log_view()
