"""The Streamlit pages through AppTest, on a real store chosen by FOOTPRINT_DATABASE_URL."""

import datetime as dt
import json
from pathlib import Path
from unittest.mock import patch

import pytest
from streamlit.proto.Common_pb2 import FileURLs as FileURLsProto
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.uploaded_file_manager import UploadedFile, UploadedFileRec
from streamlit.testing.v1 import AppTest

from footprint import features as feat
from footprint import filters as flt
from footprint import pageparts, reports, review, snapshot, store

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
APP = str(ROOT / "pages" / "0_Map.py")
ENTRY = str(ROOT / "app.py")
ADD = str(ROOT / "pages" / "1_Reports.py")  # the Add reports tab
CLAIMS = str(ROOT / "pages" / "2_Claims.py")

PASTED = (
    "Russian troops withdrew from the Qamishli airport on Sunday, residents said, ending a presence that "
    "began in 2019.\n\nThe convoy headed west along the M4 highway."
)


@pytest.fixture(autouse=True)
def page_env(monkeypatch, db_url):
    """Each test: the store at ``db_url``, the repository as working folder, and Streamlit's caches empty."""
    monkeypatch.setenv(store.ENV_VAR, db_url)
    monkeypatch.chdir(ROOT)
    pageparts.engine.clear()
    pageparts.load_features.clear()
    yield
    pageparts.engine.clear()
    pageparts.load_features.clear()


@pytest.fixture
def downloads(monkeypatch) -> dict[str, bytes]:
    """What each download button would hand the browser, by media file id."""
    served: dict[str, bytes] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def recording(self, path_or_data, mimetype, kind, filename=None):
        file_id = original(self, path_or_data, mimetype, kind, filename)
        served[file_id] = path_or_data
        return file_id

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", recording)
    deferring = MediaFileManager.add_deferred

    def deferred(self, data_callable, *args, **kwargs):  # made when the button is pressed
        file_id = deferring(self, data_callable, *args, **kwargs)
        served[file_id] = data_callable
        return file_id

    monkeypatch.setattr(MediaFileManager, "add_deferred", deferred)
    return served


def downloaded(at: AppTest, served: dict[str, bytes], label: str) -> bytes:
    [button] = [b for b in at.get("download_button") if b.label == label]
    if button.proto.HasField("deferred_file_id"):
        data = served[button.proto.deferred_file_id]()
    else:
        data = served[Path(button.proto.url).stem]
    return data if isinstance(data, bytes) else data.encode("utf-8")


def download_data(at: AppTest, served: dict[str, bytes]) -> dict:
    return snapshot.loads(downloaded(at, served, "Download GeoJSON snapshot of this map"))


def report_count(engine) -> int:
    return len(store.reports(engine))


def without_time(collection: dict) -> dict:
    return {k: v for k, v in collection.items() if k != "generated_at"}


# -- the map page --------------------------------------------------------------------------------


def test_map_page_on_a_filled_store(filled_engine, downloads):
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    layers = feat.layers(feat.claim_features(store.claims(filled_engine)))
    assert [c.label for c in at.sidebar.checkbox] == [f"{name} ({n})" for name, n in layers]
    assert any(label.startswith("Turkey (") for label in (c.label for c in at.sidebar.checkbox))
    assert all(c.value for c in at.sidebar.checkbox)
    assert [b.label for b in at.get("download_button")] == [
        "Download GeoJSON snapshot of this map", "Download CSV of these claims"]
    data = download_data(at, downloads)
    assert data["filters"]["actors"] == sorted(name for name, _ in layers)
    assert sum(1 for f in data["features"] if f["properties"]["actor"] == "Turkey") == dict(layers)["Turkey"]
    assert at.get("component_instance"), "the Folium map is drawn"


def test_unchecking_turkey_drops_it_from_the_snapshot(filled_engine, downloads):
    at = AppTest.from_file(APP, default_timeout=30).run()
    at.sidebar.checkbox(key="layer:Turkey").uncheck().run()
    assert not at.exception
    assert at.sidebar.checkbox(key="layer:Turkey").value is False
    data = download_data(at, downloads)
    assert "Turkey" not in data["filters"]["actors"]
    assert not any(f["properties"]["actor"] == "Turkey" for f in data["features"])
    # exactly what the package gives for the same selection
    features = feat.claim_features(store.claims(filled_engine))
    actors = {name for name, _ in feat.layers(features)} - {"Turkey"}
    expected = snapshot.snapshot(features, feat.Selection(frozenset(actors)))
    assert without_time(data) == without_time(json.loads(snapshot.dumps(expected)))


def test_places_named_toggle_adds_grey_features(filled_engine, downloads):
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not any(f["properties"]["kind"] == "place-named" for f in download_data(at, downloads)["features"])
    at.sidebar.toggle(key="layer:places").set_value(True).run()
    data = download_data(at, downloads)
    named = [f for f in data["features"] if f["properties"]["kind"] == "place-named"]
    assert len(named) == len({p.place.place_id for p in store.named_places(filled_engine)})
    assert data["filters"]["places_named"] is True


def test_reviewed_only_keeps_vouched_claims_and_rejected_ones_leave(filled_engine, downloads):
    items = store.claims(filled_engine)
    accepted, rejected = items[0], items[1]
    review.decide(filled_engine, accepted.source.report_id, accepted.key, "accept", reviewer="Rana", seen=None,
                  claim=accepted.claim)
    review.decide(filled_engine, rejected.source.report_id, rejected.key, "reject", reviewer="Rana", seen=None)
    at = AppTest.from_file(APP, default_timeout=30).run()
    everything = download_data(at, downloads)["features"]
    excerpts = [s["excerpt"] for f in everything for s in f["properties"]["sources"]]
    assert rejected.claim.excerpt not in excerpts or rejected.claim.excerpt == accepted.claim.excerpt
    assert len(excerpts) == len(items) - 1
    at.sidebar.toggle(key="reviewed-only").set_value(True).run()
    data = download_data(at, downloads)
    assert data["filters"]["reviewed_only"] is True
    assert [(s["excerpt"], s["review"], s["reviewer"]) for f in data["features"] for s in f["properties"]["sources"]] \
        == [(accepted.claim.excerpt, "accepted", "Rana")]


def test_map_page_on_an_empty_store_offers_the_samples(engine):
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    assert "holds no reports yet" in at.info[0].value
    assert not at.get("download_button")
    [load] = [b for b in at.button if b.label == "Load the bundled sample reports"]
    load.click().run(timeout=60)
    assert not at.exception
    assert report_count(engine) == len(list(SAMPLES.glob("*.txt")))
    assert at.sidebar.checkbox, "after loading, the layers show"
    assert at.get("download_button")


# -- adding reports ------------------------------------------------------------------------------


def added(at: AppTest):
    """The Add reports tab of the Reports page, whose messages and tables the adding tests read."""
    return next(t for t in at.tabs if t.label == "Add reports")


def submit_paste(at: AppTest, text: str) -> AppTest:
    at.text_area[0].input(text)
    [button] = [b for b in at.button if b.label == "Add this report"]
    return button.click().run()


def test_pasted_report_is_stored(engine):
    at = AppTest.from_file(ADD, default_timeout=30).run()
    assert not at.exception
    submit_paste(at, PASTED)
    assert not at.exception and not added(at).error
    assert report_count(engine) == 1
    assert added(at).success[0].value.startswith("Stored")
    [stored] = store.reports(engine)
    assert stored["claims"] >= 1


def test_the_upload_widget_advertises_the_real_limit():
    import tomllib

    at = AppTest.from_file(ADD, default_timeout=30).run()
    [uploader] = at.get("file_uploader")
    assert uploader.proto.max_upload_size_mb * 2**20 == reports.MAX_REPORT_BYTES  # Streamlit's MB is 2**20 bytes
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] == uploader.proto.max_upload_size_mb  # the server refuses larger too


@pytest.mark.parametrize(("text", "warning"), [
    ("hello world", "but no claim came of it"),
    ("توغلت قوة إسرائيلية صباح اليوم في قرية الرفيد بريف القنيطرة الجنوبي، وفق مصادر محلية.",
     "This report reads as Arabic: Footprint extracts claims from English reports only"),
])
def test_a_report_with_no_claim_is_a_warning_not_a_success(engine, text, warning):
    at = AppTest.from_file(ADD, default_timeout=30).run()
    submit_paste(at, text)
    assert not added(at).success and not added(at).error
    assert warning in added(at).warning[0].value
    assert report_count(engine) == 1


@pytest.mark.parametrize(("text", "shown"), [
    ("plain", "`plain`"),
    ("**bold** [a](http://x.example)", "`**bold** [a](http://x.example)`"),
    ("a `code` b", "``a `code` b``"),
    ("`starts", "`` `starts ``"),
    ("two\nlines\r\n", "`two lines`"),
    ("", ""),
])
def test_strangers_strings_are_code_spans_in_messages(text, shown):
    assert pageparts.literal(text) == shown


def test_many_files_give_one_progress_bar_and_one_summary(engine):
    """AppTest cannot upload, so the uploader hands the page four files as Streamlit would."""
    files = [("a.txt", PASTED.encode()), ("b.txt", PASTED.encode()), ("c.txt", b""), ("d.txt", b"hello world")]
    uploads = [UploadedFile(UploadedFileRec(file_id=name, name=name, type="text/plain", data=data),
                            FileURLsProto(file_id=name, upload_url="", delete_url=""))
               for name, data in files]
    with patch("streamlit.file_uploader", return_value=uploads):
        at = AppTest.from_file(ADD, default_timeout=60).run()
        [button] = [b for b in at.button if b.label == "Add these files"]
        at = button.click().run()
    assert not added(at).success and len(added(at).warning) == 1 and not added(at).error  # one summary, no box per file
    [bar] = added(at).get("progress")
    assert bar.proto.value == 100 and bar.proto.text == "4 of 4 files"
    assert added(at).warning[0].value == "4 files: 1 stored, 1 stored, no claim, 1 already stored, 1 refused."
    table = added(at).dataframe[0].value
    assert list(table["outcome"]) == ["stored", "already stored", "refused", "stored, no claim"]
    assert "is empty" in table["title or reason"][2]
    assert list(table["input"]) == ["a.txt", "b.txt", "c.txt", "d.txt"]
    assert report_count(engine) == 2


def test_pasted_fields_and_a_guessed_date(engine):
    at = AppTest.from_file(ADD, default_timeout=30).run()
    fields = {t.label: t for t in at.text_input}
    fields["Source (optional)"].input("Local Wire")
    fields["Source URL (optional)"].input("https://example.org/convoy")
    submit_paste(at, "DAMASCUS, 5 June 2025 - " + PASTED)
    assert not at.exception and not added(at).error
    assert "Dated 2025-06-05 from the text" in added(at).caption[-1].value
    [row] = store.reports(engine)
    assert (row["source"], row["url"], row["published"]) == ("Local Wire", "https://example.org/convoy", "2025-06-05")


def test_pasting_the_same_report_twice_adds_it_once(engine):
    at = AppTest.from_file(ADD, default_timeout=30).run()
    submit_paste(at, PASTED)
    submit_paste(at, PASTED)
    assert report_count(engine) == 1
    assert "already in the store" in added(at).info[0].value


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the pasted text is empty"),
        ("   \n  ", "the pasted text is empty"),
        ("- Advertisement -\nLEAVE A REPLY", "no article text left"),
    ],
)
def test_unusable_paste_shows_an_error_and_stores_nothing(engine, text, message):
    at = AppTest.from_file(ADD, default_timeout=30).run()
    submit_paste(at, text)
    assert not at.exception
    assert message in added(at).error[0].value
    assert not added(at).success
    assert report_count(engine) == 0


def submit_url(address: str) -> AppTest:
    at = AppTest.from_file(ADD, default_timeout=30).run()
    [field] = [t for t in at.text_input if t.label == "Article or feed URL"]
    field.input(address)
    [button] = [b for b in at.button if b.label == "Fetch and add"]
    return button.click().run()


def test_a_feed_url_gives_one_progress_bar_and_a_table(engine, allow_loopback):
    from tests.httpserve import serving
    from tests.test_ingestion import Handler

    with serving(Handler) as server:
        at = submit_url(f"{server}/feed.rss")
    assert not at.exception and not added(at).error
    assert added(at).warning[0].value == "3 feed items: 2 stored, 1 refused."
    table = added(at).dataframe[0].value
    assert list(table["outcome"]) == ["stored", "refused", "stored"]
    assert "answered HTTP 404" in table["title or reason"][1]
    assert report_count(engine) == 2


def test_url_form_refuses_a_non_http_address(engine):
    at = submit_url("file:///etc/passwd")
    assert "expected an http:// or https:// address" in added(at).error[0].value
    assert report_count(engine) == 0


def test_url_form_refuses_the_machines_own_services(engine, monkeypatch):
    """The app's own health check, or anything else on this machine, is no report to fetch."""
    monkeypatch.delenv("FOOTPRINT_ALLOW_PRIVATE_URLS", raising=False)
    at = submit_url("http://127.0.0.1:8501/_stcore/health")
    assert "leads to this machine (loopback) (127.0.0.1); Footprint fetches public web pages only" in added(at).error[0].value
    assert not added(at).success
    assert report_count(engine) == 0


# -- the claims table ----------------------------------------------------------------------------


def test_claims_page_shows_a_table(filled_engine):
    at = AppTest.from_file(CLAIMS, default_timeout=30).run()
    assert not at.exception
    claims_table, reports_table = at.dataframe
    assert len(claims_table.value) == len(store.claims(filled_engine))
    assert {"actor", "status", "place", "claimant", "excerpt"} <= set(claims_table.value.columns)
    assert len(reports_table.value) == report_count(filled_engine)


def test_claims_page_on_an_empty_store(engine):
    at = AppTest.from_file(CLAIMS, default_timeout=30).run()
    assert not at.exception
    assert "No claims stored yet" in at.info[0].value
    assert not at.dataframe


# -- the Reports page: review ---------------------------------------------------------------------

REPORTS = str(ROOT / "pages" / "1_Reports.py")
PALMYRA = "2025-06-05-israel-warns-turkey-palmyra.txt"


def reports_page(reviewer: str | None = "Rana", search: str = "") -> AppTest:
    at = AppTest.from_file(REPORTS, default_timeout=30)
    if reviewer is not None:
        at.session_state["reviewer"] = reviewer
    at.run()
    if search:
        at.text_input(key="search").input(search).run()
    return at


def open_palmyra(filled_engine) -> tuple[AppTest, str]:
    [row] = [r for r in store.reports(filled_engine) if "Israel Warns Turkey" in r["title"]]
    at = reports_page(search="Israel Warns Turkey")
    assert at.selectbox(key="open").value == row["report_id"]
    return at, row["report_id"]


def test_reports_page_lists_and_searches_reports(filled_engine):
    at = reports_page()
    assert not at.exception
    assert len(at.dataframe[0].value) == len(store.reports(filled_engine))
    assert set(at.dataframe[0].value["reviewed"]) >= {"0/7"}
    at.text_input(key="search").input("Israel Warns Turkey").run()
    assert list(at.dataframe[0].value["title"]) == [
        r["title"] for r in store.reports(filled_engine) if "Israel Warns Turkey" in r["title"]]
    at.text_input(key="search").input("no report says this").run()
    assert "No stored report matches" in at.info[0].value


def test_accept_and_reject_from_the_page(filled_engine):
    at, report_id = open_palmyra(filled_engine)
    items = store.claims(filled_engine, report_id=report_id)
    at.button(key=f"accept:{items[0].key}").click().run()
    assert not at.exception and not at.error
    at.button(key=f"reject:{items[1].key}").click().run()
    states = {c.key: (c.review, c.reviewer) for c in store.claims(filled_engine, rejected=True, report_id=report_id)}
    assert states[items[0].key] == ("accepted", "Rana") and states[items[1].key] == ("rejected", "Rana")
    assert at.success[0].value == "Saved: rejected."
    assert "1/7" not in set(at.dataframe[0].value["reviewed"]) and "2/7" in set(at.dataframe[0].value["reviewed"])
    at.button(key=f"reset:{items[1].key}").click().run()
    assert {c.key: c.review for c in store.claims(filled_engine, report_id=report_id)}[items[1].key] == "unreviewed"


def test_without_a_name_nothing_can_be_decided(filled_engine):
    at = reports_page(reviewer=None, search="Israel Warns Turkey")
    assert "Give your name in the sidebar" in at.warning[0].value
    assert all(b.disabled for b in at.button if b.key and b.key.startswith(("accept:", "reject:", "save:")))
    at.sidebar.text_input(key="reviewer-field").input("  Omar   Haddad ").run()
    assert at.session_state["reviewer"] == "Omar Haddad"
    assert not any(b.disabled for b in at.button if b.key and b.key.startswith("accept:"))


def test_edit_a_claim_from_the_page(filled_engine):
    at, report_id = open_palmyra(filled_engine)
    item = store.claims(filled_engine, report_id=report_id)[0]
    at.selectbox(key=f"edit:{item.key}:status").set_value("denied")
    at.text_input(key=f"edit:{item.key}:name").input("Tartus").run()
    assert at.selectbox(key=f"edit:{item.key}:pick").value == "syr-tartus"
    at.text_input(key=f"edit:{item.key}:claimant").input("the ministry")
    at.button(key=f"save:{item.key}").click().run()
    assert not at.exception and not at.error
    [now] = [c for c in store.claims(filled_engine, report_id=report_id) if c.key == item.key]
    assert (now.review, now.claim.status, now.claim.place_id, now.claim.claimant) == (
        "edited", "denied", "syr-tartus", "the ministry")


def test_a_bad_date_in_an_edit_is_refused(filled_engine):
    at, report_id = open_palmyra(filled_engine)
    item = store.claims(filled_engine, report_id=report_id)[0]
    at.text_input(key=f"edit:{item.key}:date").input("June 5th")
    at.button(key=f"save:{item.key}").click().run()
    assert "a date is written YYYY-MM-DD" in at.error[0].value
    assert store.claims(filled_engine, report_id=report_id)[0].review == "unreviewed"


def test_add_a_claim_from_the_page(filled_engine):
    at, report_id = open_palmyra(filled_engine)
    before = len(store.claims(filled_engine, report_id=report_id))
    at.selectbox(key="add:actor").set_value("Russia")
    at.selectbox(key="add:status").set_value("claimed")
    at.text_input(key="add:name").input("Palmyra").run()
    at.button(key="add:save").click().run()
    assert not at.exception and not at.error
    added = [c for c in store.claims(filled_engine, report_id=report_id) if c.review == "added"]
    assert len(store.claims(filled_engine, report_id=report_id)) == before + 1
    assert [(c.claim.actor, c.claim.status, c.reviewer) for c in added] == [("Russia", "claimed", "Rana")]


def test_retitle_redate_and_delete_a_report(filled_engine):
    at, report_id = open_palmyra(filled_engine)
    at.text_input(key=f"title:{report_id}").input("Israel warns Turkey over Palmyra")
    at.checkbox(key=f"undated:{report_id}").uncheck().run()
    at.date_input(key=f"published:{report_id}").set_value(dt.date(2025, 6, 4))
    at.button(key=f"meta:{report_id}").click().run()
    [row] = [r for r in store.reports(filled_engine) if r["report_id"] == report_id]
    assert (row["title"], row["published"]) == ("Israel warns Turkey over Palmyra", "2025-06-04")
    n = len(store.reports(filled_engine))
    assert at.button(key=f"delete:{report_id}").disabled, "nothing can be deleted before the confirmation"
    at.checkbox(key=f"sure:{report_id}").check().run()
    at.button(key=f"delete:{report_id}").click().run()
    assert not at.exception
    assert len(store.reports(filled_engine)) == n - 1
    assert not store.claims(filled_engine, rejected=True, report_id=report_id)
    [deletion, edit] = store.events(filled_engine)[:2]  # newest first, after the samples' ingests
    assert (deletion["action"], deletion["who"], deletion["report_id"]) == ("delete report", "Rana", report_id)
    assert json.loads(deletion["detail"])["title"] == "Israel warns Turkey over Palmyra"
    assert edit["action"] == "edit report"
    assert at.success[0].value == "Deleted `Israel warns Turkey over Palmyra` with its claims; the deletion is logged."
    [log] = [d.value for d in at.dataframe if "who" in d.value.columns]
    assert list(log.iloc[0][["who", "what", "report"]]) == ["Rana", "delete report", report_id]
    assert log.iloc[0]["details"] == "title: Israel warns Turkey over Palmyra; claims: 7"
    assert list(log.iloc[1][["who", "what"]]) == ["Rana", "edit report"]
    assert (log["what"] == "ingest").sum() == 8  # the samples, stored before



# -- filters and shared views ------------------------------------------------------------------------


def test_a_status_filter_narrows_the_map_the_excerpts_and_the_snapshot_and_goes_into_the_address(
        filled_engine, downloads):
    everything = feat.claim_features(store.claims(filled_engine))
    status = "withdrawn"
    assert any(f.status == status for f in everything)
    at = AppTest.from_file(APP, default_timeout=30).run()
    at.multiselect(key="f:status").set_value([status]).run()
    assert not at.exception
    data = download_data(at, downloads)
    assert {f["properties"]["status"] for f in data["features"]} == {status}
    assert data["filters"]["status"] == status
    assert at.query_params["status"] == status
    assert len(data["features"]) == sum(1 for f in everything if f.status == status)
    assert f"{len(data['features'])} actor–place–status claims at" in at.caption[0].value


def test_a_shared_link_reopens_the_same_view(filled_engine, downloads):
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params.update({"status": "warned-about,planned", "actors": "Turkey", "to": "2025-12-31"})
    at.run()
    assert not at.exception
    assert at.multiselect(key="f:status").value == ["planned", "warned-about"]
    assert at.sidebar.checkbox(key="layer:Turkey").value is True
    assert at.sidebar.checkbox(key="layer:Israel").value is False
    assert str(at.date_input(key="f:to").value) == "2025-12-31"
    data = download_data(at, downloads)
    assert {f["properties"]["actor"] for f in data["features"]} == {"Turkey"}
    assert {f["properties"]["status"] for f in data["features"]} <= {"planned", "warned-about"}
    assert all(s["published"] <= "2025-12-31" for f in data["features"] for s in f["properties"]["sources"])
    assert at.query_params["actors"] == "Turkey"


def test_disputed_only_keeps_both_sides_of_a_dispute(filled_engine, downloads):
    at = AppTest.from_file(APP, default_timeout=30).run()
    at.toggle(key="f:disputed").set_value(True).run()
    assert not at.exception
    data = download_data(at, downloads)
    assert data["filters"]["disputed"] == "1"
    got = sorted((f["properties"]["status"], f["properties"]["disputed"]) for f in data["features"])
    assert got == [("denied", True), ("reported", True)]
    assert {f["properties"]["place"] for f in data["features"]} == {"Northern Syria"}



def test_the_csv_export_follows_the_filters(filled_engine, downloads):
    import csv
    import io

    at = AppTest.from_file(APP, default_timeout=30).run()
    at.multiselect(key="f:status").set_value(["withdrawn"]).run()
    rows = list(csv.DictReader(io.StringIO(downloaded(at, downloads, "Download CSV of these claims").decode("utf-8-sig"))))
    snap = download_data(at, downloads)
    assert rows and {r["status"] for r in rows} == {"withdrawn"}
    assert len(rows) == sum(len(f["properties"]["sources"]) for f in snap["features"] if f["properties"]["actor"])


SUMMARIES = str(ROOT / "pages" / "4_Summaries.py")


def test_summaries_page_shows_each_table_with_its_csv(filled_engine, downloads):
    at = AppTest.from_file(SUMMARIES, default_timeout=30).run()
    assert not at.exception
    assert [s.value for s in at.subheader] == ["Claims by actor and status", "Claims by governorate",
                                               "Claims over time (by month)", "Most-cited places", "Most-cited sources"]
    assert len(at.get("download_button")) == 5
    by_actor = at.dataframe[0].value
    total = by_actor[by_actor["actor"] == "all"]["all"].iloc[0]
    assert total == len(store.claims(filled_engine))
    csv_bytes = downloaded(at, downloads, "Download “Claims by actor and status” as CSV")
    assert csv_bytes.startswith("\ufeffactor,".encode("utf-8"))


def test_summaries_count_what_a_link_or_the_map_shows(filled_engine):
    claims = store.claims(filled_engine)
    planned = sum(1 for c in claims if c.claim.status == "planned")
    at = AppTest.from_file(SUMMARIES, default_timeout=30)
    at.query_params["status"] = "planned"
    at.run()
    assert not at.exception
    by_actor = at.dataframe[0].value
    assert by_actor[by_actor["actor"] == "all"]["all"].iloc[0] == planned
    assert set(by_actor.columns) == {"actor", "planned", "all"}
    assert any(f"Counting {planned} claims, as the map shows them (status: planned)" in m.value for m in at.markdown)

    # from the map's view, kept in the session, with a toggle to count everything again
    at = AppTest.from_file(SUMMARIES, default_timeout=30)
    at.session_state["map-view"] = (flt.Filters(statuses=frozenset({"planned"})), frozenset({"Russia"}), False)
    at.run()
    russia_planned = sum(1 for c in claims if c.claim.status == "planned" and c.claim.actor == "Russia")
    assert at.dataframe[0].value.set_index("actor").loc["all", "all"] == russia_planned
    at.toggle(key="as-map").set_value(False).run()
    assert at.dataframe[0].value.set_index("actor").loc["all", "all"] == len(claims)


def test_summaries_page_on_an_empty_store(engine):
    at = AppTest.from_file(SUMMARIES, default_timeout=30).run()
    assert "No claims stored yet" in at.info[0].value



def test_the_entry_point_names_the_pages_and_opens_the_map(filled_engine):
    at = AppTest.from_file(ENTRY, default_timeout=30).run()
    assert not at.exception
    assert at.markdown and any("Foreign military presence in Syria" in m.value for m in at.markdown)
    source = Path(ENTRY).read_text(encoding="utf-8")
    for title in ("Map", "Reports", "Claims", "Place names", "Summaries", "Change"):
        assert f'title="{title}"' in source


CHANGE = str(ROOT / "pages" / "5_Change.py")


def test_change_page_lists_the_changes_between_its_dates(filled_engine, downloads):
    at = AppTest.from_file(CHANGE, default_timeout=30).run()
    assert not at.exception
    at.date_input(key="change:from").set_value(dt.date(2024, 12, 31))
    at.date_input(key="change:to").set_value(dt.date(2025, 12, 31)).run()
    from footprint import diff

    expected = diff.changes(store.claims(filled_engine), dt.date(2024, 12, 31), dt.date(2025, 12, 31))
    table = at.dataframe[0].value
    assert expected and list(table["change"]) == [c.kind for c in expected]
    assert f"{len(expected)} changes between 2024-12-31 and 2025-12-31" in at.caption[1].value
    collection = json.loads(downloaded(at, downloads, "Download the change as GeoJSON"))
    assert [f["properties"]["place"] for f in collection["features"]] == [c.place_name for c in expected]


def test_the_excerpt_list_is_paged_by_twenty(filled_engine):
    features = feat.claim_features(store.claims(filled_engine))
    total = sum(len(f.sources) for f in features)
    assert total > 20, "the samples give more than a page of excerpts"
    at = AppTest.from_file(APP, default_timeout=30).run()
    cards = [m for m in at.sidebar.markdown if "fp-card" in m.value]
    assert len(cards) == 20
    assert f"Showing 20 of {total}." in [c.value for c in at.sidebar.caption]
    at.button(key="more-button:all").click().run()
    cards = [m for m in at.sidebar.markdown if "fp-card" in m.value]
    assert len(cards) == min(40, total)


def overlay_upload(name: str, data: bytes):
    return UploadedFile(UploadedFileRec(file_id=name, name=name, type="application/geo+json", data=data),
                        FileURLsProto(file_id=name, upload_url="", delete_url=""))


def test_a_snapshot_is_overlaid_read_only(filled_engine, downloads):
    at = AppTest.from_file(APP, default_timeout=30).run()
    mine = downloaded(at, downloads, "Download GeoJSON snapshot of this map")
    before = len(store.claims(filled_engine))
    with patch("streamlit.file_uploader", return_value=overlay_upload("colleague.geojson", mine)):
        at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception and not at.error
    n = len(snapshot.loads(mine)["features"])
    assert any(f"{n} features overlaid" in c.value for c in at.sidebar.caption)
    assert len(at.session_state["overlay"]["features"]) == n
    assert len(store.claims(filled_engine)) == before  # the store is untouched


def test_a_broken_snapshot_is_refused_with_the_reason(filled_engine):
    with patch("streamlit.file_uploader", return_value=overlay_upload("x.geojson", b'{"type": "Feature"}')):
        at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    assert "x.geojson cannot be overlaid: not a GeoJSON FeatureCollection" in at.error[0].value
    assert "overlay" not in at.session_state
