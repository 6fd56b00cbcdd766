"""The ways into the store, as the Reports page shows them: pasted text with its fields, uploaded
files (one progress bar and one summary table for many), and a page's or a feed's URL."""

import itertools
import os

import streamlit as st

from . import reports
from .errors import FootprintError, IngestError
from .ingestion import ingest_each, ingest_report, refused
from .pageparts import engine, load_features, outcome_label, show_error, show_outcome


def batch(steps, what: str) -> None:
    """Ingest many inputs under one progress bar, then one summary and one table (not a box each).

    ``steps`` gives (done, total, name, IngestResult or None, refusal or None) as each is done."""
    bar = st.progress(0.0, text=f"Adding {what}…")
    rows = []
    for done, total, name, result, error in steps:
        rows.append({"input": name, "outcome": "refused" if error else outcome_label(result),
                     "claims": None if error else result.claims,
                     "title or reason": error or result.title or ""})
        bar.progress(done / total, text=f"{done} of {total} {what}")
    load_features.clear()
    counts = {k: sum(r["outcome"] == k for r in rows)
              for k in ("stored", "stored, a repost", "stored, no claim", "stored, not English", "already stored",
                        "refused")}
    summary = ", ".join(f"{n} {k}" for k, n in counts.items() if n)
    (st.success if counts["stored"] + counts["stored, a repost"] + counts["already stored"] == len(rows)
     else st.warning)(
        f"{len(rows)} {what}: {summary}.")
    st.dataframe(rows, hide_index=True, width="stretch")


USER_HEADER_ENV = "FOOTPRINT_USER_HEADER"


def who() -> str:
    """Whom the log names for what this session stores: the person a reverse proxy signed in (the
    header that ``FOOTPRINT_USER_HEADER`` names: set it only when every request comes through
    that proxy), else the one signed in by Streamlit's own login, else the reviewer name given in
    the sidebar, else an anonymous app user."""
    header = os.environ.get(USER_HEADER_ENV, "").strip()
    if header and (name := " ".join((st.context.headers.get(header) or "").split())):
        return name
    try:
        if st.user.is_logged_in:
            return str(st.user.get("email") or st.user.get("name") or "signed-in user")
    except Exception:  # noqa: BLE001 - no login configured: st.user has nothing to say
        pass
    return st.session_state.get("reviewer") or "app user (no name given)"


def refuse(name: str, err: FootprintError) -> None:
    """Show a refusal and log it."""
    show_error(err)
    refused(engine(), name, str(err), who())


def files_each(files):
    for done, f in enumerate(files, 1):
        try:
            yield (done, len(files), f.name,
                   ingest_report(engine(), reports.from_bytes(f.getvalue(), f.name), who=who()), None)
        except FootprintError as err:
            refused(engine(), f.name, str(err), who())
            yield done, len(files), f.name, None, str(err)


def outcomes_each(steps):
    for done, total, outcome in steps:
        yield done, total, outcome.name, outcome.result, outcome.error



def render() -> None:
    """The ways in: pasted text, uploaded files, a page or feed URL."""
    st.caption("Each report is cleaned of page clutter, its claims are extracted and geocoded, and it is stored "
               "once: the same text or address added twice is kept once, a retold copy is linked to its "
               "original. A report that cannot be read is refused whole.")
    paste, upload, link = st.tabs(["Paste text", "Upload files", "From a URL"])

    with paste:
        with st.form("paste", clear_on_submit=False):
            title = st.text_input("Title (optional)")
            left, middle, right = st.columns(3)
            source = left.text_input("Source (optional)", help="The outlet or agency that published it.")
            url = middle.text_input("Source URL (optional)")
            published = right.text_input("Published (optional, YYYY-MM-DD)",
                                         help="Left empty, the date is taken from the text when it writes one out "
                                              "near the top (a dateline such as \"DAMASCUS, 5 June 2025\").")
            text = st.text_area("Report text", height=260,
                                help="Plain text, or the sample header format (title:, source:, url:, published:, ---).")
            if st.form_submit_button("Add this report"):
                try:
                    report = reports.pasted(text, title=title, source=source, url=url, published=published)
                    show_outcome(report.label, ingest_report(engine(), report, who=who()))
                    if report.notes.get("date") == "guessed":
                        st.caption(f"Dated {report.published.isoformat()} from the text: set it on the Reports page "
                                   "if that is wrong.")
                except FootprintError as err:
                    refuse(" ".join(title.split()) or "pasted text", err)

    with upload:
        files = st.file_uploader("Report files (.txt, .html, .md, .pdf)", accept_multiple_files=True, key="files",
                                 max_upload_size=reports.MAX_REPORT_BYTES // 2**20)  # what from_bytes accepts
        if files and st.button("Add these files"):
            batch(files_each(files), "files")

    with link:
        with st.form("url"):
            address = st.text_input("Article or feed URL", placeholder="https://…",
                                    help="A page is read as one report; an RSS or Atom feed brings in each of its items "
                                         "not stored yet. Fetches end after 20 s and reach public addresses only.")
            if st.form_submit_button("Fetch and add"):
                address = address.strip()
                try:
                    if not address.lower().startswith(("http://", "https://")):
                        refuse(address, IngestError(f"expected an http:// or https:// address, got {address!r}"))
                        return
                    with st.spinner("Fetching the address…"):
                        steps = ingest_each(engine(), [address], who=who())  # it logs what it refuses
                        first = next(steps)  # a feed is listed before its first item is fetched
                    done, total, outcome = first
                    if total == 1 and outcome.error:
                        raise IngestError(outcome.error)
                    if total == 1:
                        show_outcome(address, outcome.result)
                    else:
                        batch(outcomes_each(itertools.chain([first], steps)), "feed items")
                except FootprintError as err:
                    show_error(err)
