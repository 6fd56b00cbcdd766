"""One story, one source: near-identical copies are linked to the first report and folded under
it; a feature's independent sources count distinct publishers of distinct stories."""

import dataclasses

import pytest

from footprint import reposts, snapshot, store
from footprint import features as feat
from footprint.claims import Extractor
from footprint.reports import Report

from tests.conftest import BACKENDS, backend_url


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path) -> str:
    """Every test here runs on a SQLite file and on a PostgreSQL database."""
    return backend_url(request, tmp_path)


STORY = ("Turkish drones struck two villages south of Kobani on Tuesday, the Syrian Democratic Forces said, "
         "in the third such attack this week near the Tishreen dam. Local sources said a Turkish reconnaissance "
         "aircraft flew over the area for hours before the strikes, and that the villagers had fled towards Raqqa. "
         "The Turkish defence ministry did not comment on the reports.")
COPY = STORY.replace("for hours", "for several hours")  # another outlet's copy, a word changed
OTHER = ("Israeli forces entered the village of Jubata al-Khashab in the Quneitra countryside on Monday and set "
         "up a checkpoint on the road to the buffer zone, the state news agency SANA reported, before pulling back "
         "in the evening. Residents said the patrol searched two houses.")


def report(text: str, source: str, url: str) -> Report:
    return Report(text=text, title=f"{source} story", source=source, url=url)


@pytest.fixture
def extractor():
    return Extractor()


def add(engine, extractor, text, source, url):
    r = report(text, source, url)
    return store.ingest(engine, r, extractor(r))


@pytest.mark.parametrize(("a", "b", "same"), [
    (STORY, COPY, True), (STORY, STORY + " Updated at 10:40.", True), (STORY, OTHER, False),
    (STORY, STORY[: len(STORY) // 2], False),  # half the story is not the story
])
def test_similarity_threshold(a, b, same):
    assert (reposts.similarity(a, b) >= reposts.THRESHOLD) is same


def test_copies_share_a_band_and_others_do_not():
    assert set(reposts.bands(STORY)) & set(reposts.bands(COPY))
    assert not set(reposts.bands(STORY)) & set(reposts.bands(OTHER))


def test_a_copy_is_stored_as_a_repost_of_the_first(engine, extractor):
    first = add(engine, extractor, STORY, "Agency A", "https://a.example/1")
    copy = add(engine, extractor, COPY, "Outlet B", "https://b.example/2")
    other = add(engine, extractor, OTHER, "Outlet B", "https://b.example/3")
    assert (first.repost_of, copy.repost_of, other.repost_of) == (None, first.report_id, None)
    assert copy.added and copy.claims == first.claims  # stored, with its own claims and reviews


def test_features_fold_reposts_and_count_stories(engine, extractor):
    first = add(engine, extractor, STORY, "Agency A", "https://a.example/1")
    add(engine, extractor, COPY, "Outlet B", "https://b.example/2")
    features = feat.claim_features(store.claims(engine))
    [kobani] = [f for f in features if f.actor == "Turkey" and f.status == "struck" and "Kobani" in f.place_name]
    assert [s.report_id for s in kobani.sources] == [first.report_id]
    assert kobani.sources[0].reposts == (("Outlet B story", "Outlet B", "https://b.example/2", None),)
    assert (kobani.n_reports, kobani.n_publishers) == (2, 1)
    collection = snapshot.snapshot(features, feat.Selection(frozenset({"Turkey"})))
    [f] = [g for g in collection["features"] if g["id"] == kobani.key]
    assert f["properties"]["n_independent_sources"] == 1 and f["properties"]["n_reports"] == 2
    assert [r["publisher"] for r in f["properties"]["sources"][0]["reposts"]] == ["Outlet B"]


def test_deleting_the_original_leaves_the_copy_its_own_story(engine, extractor):
    first = add(engine, extractor, STORY, "Agency A", "https://a.example/1")
    copy = add(engine, extractor, COPY, "Outlet B", "https://b.example/2")
    third = add(engine, extractor, STORY + " Updated.", "Outlet C", "https://c.example/3")
    assert third.repost_of == first.report_id
    store.delete_report(engine, first.report_id, "Rana")
    stories = {c.source.report_id: c.source.story for c in store.claims(engine)}
    assert stories[copy.report_id] == copy.report_id and stories[third.report_id] == copy.report_id


def source(report_id, publisher, story=None):
    return feat.Source(report_id=report_id, title=report_id, publisher=publisher, url="", published=None,
                       claimant=None, excerpt="x", status="reported", place="Afrin", actor_text="Turkish", cue=None,
                       story=story or report_id)


@pytest.mark.parametrize(("sources", "independent", "reports"), [
    ([source("r1", "A"), source("r2", "B")], 2, 2),  # two outlets, two stories
    ([source("r1", "A"), source("r2", "A")], 1, 2),  # one outlet, two stories
    ([source("r1", "A"), source("r2", "B", story="r1")], 1, 2),  # B reposts A's story
    ([source("r1", "A"), source("r2", "B", story="r1"), source("r3", "C")], 2, 3),
    ([source("r1", ""), source("r2", "")], 2, 2),  # no publisher: each report alone
])
def test_independent_sources(sources, independent, reports):
    f = feat.Feature(key="k", layer="Turkey", actor="Turkey", country_code="TUR", force=None, status="reported",
                     place_id="syr-afrin", place_name="Afrin", lat=36.5, lon=36.8, precision=1, radius_km=None,
                     sources=feat.fold(sources))
    assert (f.n_publishers, f.n_reports) == (independent, reports)


def test_an_older_store_gains_its_bands(tmp_path, extractor):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = store.connect(url)
    first = add(engine, extractor, STORY, "Agency A", "https://a.example/1")
    with engine.begin() as conn:  # as a Footprint from before bands (and migrations) left it
        conn.exec_driver_sql("DELETE FROM report_bands")
        conn.exec_driver_sql("DROP TABLE alembic_version")
    engine.dispose()
    reopened = store.connect(url)
    copy = add(reopened, extractor, COPY, "Outlet B", "https://b.example/2")
    assert copy.repost_of == first.report_id
    assert dataclasses.asdict(copy)["added"] is True


def test_the_app_and_the_cli_say_a_report_is_a_repost(engine, extractor, tmp_path, capsys):
    from footprint import cli, pageparts

    first = add(engine, extractor, STORY, "Agency A", "https://a.example/1")
    copy = add(engine, extractor, COPY, "Outlet B", "https://b.example/2")
    kind, message = pageparts.outcome_message("b", copy)
    assert kind == "success" and "folded under that one and adds no independent source" in message
    assert pageparts.outcome_label(copy) == "stored, a repost"
    path = tmp_path / "c.txt"
    path.write_text(STORY + " Updated at noon.", encoding="utf-8")
    assert cli.main(["ingest", str(path), "--db", str(engine.url)]) == 0
    assert f"note: the same story as report {first.report_id}" in capsys.readouterr().out
