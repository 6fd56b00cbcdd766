"""Add reports: paste text, upload files, or give a URL; each is cleaned, extracted and stored."""

import streamlit as st

from footprint import reports
from footprint.errors import FootprintError, IngestError
from footprint.ingestion import fetch, ingest_report
from footprint.pageparts import engine, load_features, outcome_label, show_error, show_outcome

st.set_page_config(page_title="Footprint: add reports", layout="wide")
st.title("Add reports")
st.caption("Each report is cleaned of page clutter, its claims are extracted and geocoded, and it is stored once: "
           "the same text added twice is kept once. A report that cannot be read is refused whole.")

paste, upload, link = st.tabs(["Paste text", "Upload files", "From a URL"])

with paste:
    with st.form("paste", clear_on_submit=False):
        title = st.text_input("Title (optional)")
        url = st.text_input("Source URL (optional)")
        text = st.text_area("Report text", height=260,
                            help="Plain text, or the sample header format (title:, source:, url:, published:, ---).")
        if st.form_submit_button("Add this report"):
            try:
                report = reports.from_text(reports.decode(text.encode("utf-8"), "the pasted text"),
                                           title=title.strip(), url=url.strip())
                show_outcome(report.label, ingest_report(engine(), report))
            except FootprintError as err:
                show_error(err)

with upload:
    files = st.file_uploader("Report files (.txt, .html, .md)", accept_multiple_files=True, key="files",
                             max_upload_size=reports.MAX_REPORT_BYTES // 2**20)  # what from_bytes accepts
    if files and st.button("Add these files"):
        bar = st.progress(0.0, text=f"Adding {len(files)} files…")
        rows = []
        for done, f in enumerate(files, 1):
            try:
                result = ingest_report(engine(), reports.from_bytes(f.getvalue(), f.name))
                rows.append({"file": f.name, "outcome": outcome_label(result), "claims": result.claims,
                             "title or reason": result.title or ""})
            except FootprintError as err:
                rows.append({"file": f.name, "outcome": "refused", "claims": None, "title or reason": str(err)})
            bar.progress(done / len(files), text=f"{done} of {len(files)} files")
        load_features.clear()
        counts = {k: sum(r["outcome"] == k for r in rows)
                  for k in ("stored", "stored, no claim", "stored, not English", "already stored", "refused")}
        summary = ", ".join(f"{n} {k}" for k, n in counts.items() if n)
        (st.success if counts["stored"] + counts["already stored"] == len(rows) else st.warning)(
            f"{len(files)} files: {summary}.")
        st.dataframe(rows, hide_index=True, width="stretch")

with link:
    with st.form("url"):
        address = st.text_input("Article URL", placeholder="https://…")
        if st.form_submit_button("Fetch and add"):
            try:
                if not address.strip().startswith(("http://", "https://")):
                    raise IngestError(f"expected an http:// or https:// address, got {address!r}")
                show_outcome(address, ingest_report(engine(), fetch(address.strip())))
            except FootprintError as err:
                show_error(err)
