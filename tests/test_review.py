"""Review: accept, reject, edit and add claims; decisions survive re-extraction, are refused on a
stale view, and reach the features and the snapshot."""

import json

import pytest

from footprint import corrections, excerpts, maps, review, snapshot, store
from footprint import features as feat
from footprint import gazetteer as gz
from footprint.claims import Extraction
from footprint.review import ReviewError

from tests.conftest import BACKENDS, backend_url


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path) -> str:
    """Every test here runs on a SQLite file and on a PostgreSQL database."""
    return backend_url(request, tmp_path)


@pytest.fixture(scope="module")
def gazetteer():
    return gz.load()


def palmyra_warning(engine) -> store.StoredClaim:
    return next(c for c in store.claims(engine)
                if c.claim.actor == "Turkey" and c.claim.status == "warned-about" and "Palmyra" in c.claim.place_name)


def decide(engine, item, action, reviewer="Rana", claim=None):
    return review.decide(engine, item.source.report_id, item.key, action, reviewer=reviewer, seen=item.decision,
                         claim=claim if claim is not None else (item.claim if action == "accept" else None))


def test_a_new_claim_is_unreviewed(filled_engine):
    item = palmyra_warning(filled_engine)
    assert (item.review, item.reviewer, item.decision) == ("unreviewed", None, None)
    assert item.key == review.claim_key(item.claim)


def test_accept_reject_and_reset(filled_engine):
    before = len(store.claims(filled_engine))
    item = palmyra_warning(filled_engine)
    decide(filled_engine, item, "accept")
    item = palmyra_warning(filled_engine)
    assert (item.review, item.reviewer) == ("accepted", "Rana") and item.reviewed_at
    decide(filled_engine, item, "reject", reviewer="Omar")
    assert len(store.claims(filled_engine)) == before - 1  # the map's list leaves it out
    [rejected] = [c for c in store.claims(filled_engine, rejected=True) if c.key == item.key]
    assert (rejected.review, rejected.reviewer) == ("rejected", "Omar")  # the Reports page still lists it
    decide(filled_engine, rejected, "reset")
    assert palmyra_warning(filled_engine).review == "unreviewed"
    assert review.decisions_count(filled_engine) == 3  # every decision is kept, none overwritten


def test_an_edit_replaces_the_claim(filled_engine, gazetteer):
    item = palmyra_warning(filled_engine)
    changed = review.edited(item.claim, gazetteer, status="planned", place_id="syr-t4-airbase", claimant="Rana's desk",
                            date="2025-06-04")
    decide(filled_engine, item, "edit", claim=changed)
    [now] = [c for c in store.claims(filled_engine) if c.key == item.key]
    assert now.review == "edited"
    assert (now.claim.status, now.claim.place_id, now.claim.claimant, now.claim.date) == (
        "planned", "syr-t4-airbase", "Rana's desk", "2025-06-04")
    assert now.claim.excerpt == item.claim.excerpt and now.claim.place_start == -1


@pytest.mark.parametrize(("changes", "message"), [
    ({"status": "rumoured"}, "unknown status 'rumoured'"),
    ({"place_id": "syr-atlantis"}, "no gazetteer place has the id 'syr-atlantis'"),
    ({"date": "5 June"}, "a date is written YYYY-MM-DD"),
])
def test_a_bad_edit_is_refused(filled_engine, gazetteer, changes, message):
    with pytest.raises(ReviewError, match=message):
        review.edited(palmyra_warning(filled_engine).claim, gazetteer, **changes)


def test_an_added_claim_joins_the_map(filled_engine, gazetteer):
    report_id = palmyra_warning(filled_engine).source.report_id
    [stored] = [r for r in store.stored_reports(filled_engine) if r.report_id == report_id]
    start = stored.text.index("Palmyra")
    end = stored.text.index(".", start) + 1
    new = review.added(stored.text, start - 20, end, gazetteer, actor="Russia", country_code="RUS",
                       place_id="syr-palmyra", status="claimed", claimant="a local source")
    review.decide(filled_engine, report_id, review.new_key(), "add", reviewer="Rana", seen=None, claim=new)
    [mine] = [c for c in store.claims(filled_engine) if c.review == "added"]
    assert (mine.claim.actor, mine.claim.place, mine.claim.status) == ("Russia", "Palmyra", "claimed")
    assert stored.text[mine.claim.place_start:mine.claim.place_end] == "Palmyra"
    features = feat.claim_features(store.claims(filled_engine))
    [f] = [f for f in features if f.actor == "Russia" and f.place_id == "syr-palmyra" and f.status == "claimed"]
    assert f.review == "edited"  # a claim a person added


def test_decisions_survive_reading_the_reports_again(filled_engine, gazetteer):
    item = palmyra_warning(filled_engine)
    decide(filled_engine, item, "reject")
    other = next(c for c in store.claims(filled_engine) if c.key != item.key)
    decide(filled_engine, other, "accept")
    corrections.reapply(filled_engine)  # what `reextract` and the automatic re-read do
    states = {c.key: c.review for c in store.claims(filled_engine, rejected=True)}
    assert states[item.key] == "rejected" and states[other.key] == "accepted"


def test_a_vouched_claim_outlives_the_extractor_dropping_it(filled_engine):
    item = palmyra_warning(filled_engine)
    decide(filled_engine, item, "accept")
    rejected = next(c for c in store.claims(filled_engine)
                    if c.source.report_id == item.source.report_id and c.key != item.key)
    decide(filled_engine, rejected, "reject")
    store.replace_extractions(filled_engine, {item.source.report_id: Extraction([], [], [])})
    left = [c for c in store.claims(filled_engine, rejected=True) if c.source.report_id == item.source.report_id]
    assert [(c.key, c.review) for c in left] == [(item.key, "accepted")]


def test_a_decision_on_a_stale_view_is_refused_naming_the_other(filled_engine):
    seen_by_both = palmyra_warning(filled_engine)
    decide(filled_engine, seen_by_both, "accept", reviewer="Rana")
    with pytest.raises(ReviewError, match=r"Rana already decided on this claim \(accepted, .* UTC\)"):
        decide(filled_engine, seen_by_both, "reject", reviewer="Omar")
    assert palmyra_warning(filled_engine).review == "accepted"
    assert review.decisions_count(filled_engine) == 1


@pytest.mark.parametrize("reviewer", ["", "   "])
def test_a_decision_needs_a_reviewer(filled_engine, reviewer):
    with pytest.raises(ReviewError, match="give your name as reviewer"):
        decide(filled_engine, palmyra_warning(filled_engine), "accept", reviewer=reviewer)


def test_the_snapshot_carries_each_review_and_can_keep_only_vouched_claims(filled_engine):
    item = palmyra_warning(filled_engine)
    decide(filled_engine, item, "accept", reviewer="Rana")
    features = feat.claim_features(store.claims(filled_engine))
    everyone = frozenset(f.actor for f in features)
    full = snapshot.snapshot(features, feat.Selection(everyone))
    [f] = [f for f in full["features"] if f["id"] == f"Turkey|{item.claim.place_id}|warned-about"]
    assert f["properties"]["review"] in ("accepted", "partly reviewed")
    assert {"review": "accepted", "reviewer": "Rana"}.items() <= next(
        s for s in f["properties"]["sources"] if s["excerpt"] == item.claim.excerpt).items()
    vouched = snapshot.snapshot(features, feat.Selection(everyone, reviewed_only=True))
    assert vouched["filters"]["reviewed_only"] is True
    assert [g["id"] for g in vouched["features"]] == [f["id"]]
    assert [s["review"] for s in vouched["features"][0]["properties"]["sources"]] == ["accepted"]


def test_the_store_version_changes_with_a_decision(filled_engine):
    before = store.version(filled_engine)
    decide(filled_engine, palmyra_warning(filled_engine), "accept")
    assert store.version(filled_engine) != before


def test_markers_and_cards_show_the_review(filled_engine):
    item = palmyra_warning(filled_engine)
    decide(filled_engine, item, "accept", reviewer="Rana <b>")
    features = feat.claim_features(store.claims(filled_engine))
    [f] = [f for f in features if f.key == f"Turkey|{item.claim.place_id}|warned-about"]
    [unreviewed] = [g for g in features if g.review == "unreviewed"][:1]
    rows, _ = maps.place_rows(feat.places([f, unreviewed]), ["Turkey", unreviewed.layer])
    # each place's review, which places.js marks (the warning's place may hold other sources)
    assert rows[0][6] in ("partly reviewed", "accepted") and rows[1][6] == "unreviewed"
    [source] = [s for s in f.sources if s.excerpt == item.claim.excerpt]
    card = excerpts.source_card(source, f, "#c00")
    assert "accepted by Rana &lt;b&gt;, " in card and " UTC" in card
    other = excerpts.source_card(unreviewed.sources[0], unreviewed, "#00c")
    assert "not reviewed yet" in other


@pytest.mark.parametrize(("states", "review", "mark"), [
    (["unreviewed", "unreviewed"], "unreviewed", None),
    (["accepted", "unreviewed"], "partly reviewed", "fp-check fp-partly"),
    (["accepted", "accepted"], "accepted", "fp-check\""),
    (["accepted", "edited"], "edited", "fp-check fp-edited"),
    (["added"], "edited", "fp-check fp-edited"),
])
def test_a_feature_shows_how_it_was_reviewed(states, review, mark):
    sources = [feat.Source(report_id=f"r{i}", title="t", publisher=f"p{i}", url="", published=None, claimant=None,
                           excerpt="Turkish troops in Afrin.", status="reported", place="Afrin", actor_text="Turkish",
                           cue=None, review=state) for i, state in enumerate(states)]
    f = feat.Feature(key="k", layer="Turkey", actor="Turkey", country_code="TUR", force=None, status="reported",
                     place_id="syr-afrin", place_name="Afrin", lat=36.5, lon=36.8, precision=1, radius_km=None,
                     sources=sources)
    assert f.review == review
    [place] = feat.places([f])
    assert place.review == review
    layer = maps.PlaceLayer([place], {"Turkey": "#c00"})
    payload = json.loads(layer.payload)
    assert payload["places"][0][6] == review
    drawn = payload["checks"].get(review, "")
    assert (mark in drawn) if mark else drawn == ""
