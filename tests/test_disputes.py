"""Disputed features: one source puts a force at a place, another denies it, at about the same time."""

import pytest

from footprint import snapshot
from footprint import features as feat
from footprint import filters as flt


def src(report_id, status, published="2025-06-05", claimant=None, publisher=None):
    return feat.Source(report_id=report_id, title=report_id, publisher=publisher or report_id, url="",
                       published=published, claimant=claimant, excerpt=f"{report_id} says {status}", status=status,
                       place="Khmeimim", actor_text="Russian", cue=None, story=report_id)


def feature(status, *sources, actor="Russia", place_id="syr-khmeimim-airbase"):
    return feat.Feature(key=f"{actor}|{place_id}|{status}", layer=actor, actor=actor, country_code="RUS", force=None,
                        status=status, place_id=place_id, place_name="Khmeimim", lat=35.4, lon=35.9, precision=1,
                        radius_km=None, sources=list(sources))


@pytest.mark.parametrize(("present", "denial", "disputed"), [
    (src("a", "claimed"), src("b", "denied", "2025-06-20"), True),  # two reports, two weeks apart
    (src("a", "reported"), src("b", "denied", "2025-09-20"), False),  # months apart: another time
    (src("a", "claimed", None), src("b", "denied"), True),  # undated: cannot be told apart, flagged
    (src("a", "claimed", claimant="SOHR"), src("a", "denied", claimant="the Kremlin"), True),  # two voices, one report
    (src("a", "claimed"), src("a", "denied"), False),  # one voice does not dispute itself
])
def test_dispute_detection(present, denial, disputed):
    fs = [feature(present.status, present), feature("denied", denial)]
    feat.mark_disputes(fs)
    assert bool(fs[0].disputed_with) is disputed and bool(fs[1].disputed_with) is disputed
    if disputed:
        assert fs[0].disputed_with == [fs[1].key] and fs[1].disputed_with == [fs[0].key]


def test_other_actors_places_and_statuses_are_no_dispute():
    fs = [feature("claimed", src("a", "claimed")), feature("denied", src("b", "denied"), actor="Iran"),
          feature("denied", src("c", "denied"), place_id="syr-tartus"), feature("withdrawn", src("d", "withdrawn"))]
    feat.mark_disputes(fs)
    assert not any(f.disputed_with for f in fs)


def test_the_snapshot_and_the_filter_carry_disputes():
    fs = [feature("claimed", src("a", "claimed")), feature("denied", src("b", "denied")),
          feature("struck", src("c", "struck"), place_id="syr-tartus")]
    feat.mark_disputes(fs)
    collection = snapshot.snapshot(flt.apply(fs, flt.Filters(disputed_only=True)), feat.Selection(frozenset({"Russia"})))
    assert [(f["id"], f["properties"]["disputed"], f["properties"]["disputed_with"]) for f in collection["features"]] == [
        ("Russia|syr-khmeimim-airbase|claimed", True, ["Russia|syr-khmeimim-airbase|denied"]),
        ("Russia|syr-khmeimim-airbase|denied", True, ["Russia|syr-khmeimim-airbase|claimed"]),
    ]
