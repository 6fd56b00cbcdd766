"""Summaries: the counts behind the Summaries page, and CSV that spreadsheets cannot run."""

from footprint import gazetteer as gz
from footprint import store, summaries
from footprint import features as feat


def test_counts_add_up(filled_engine):
    claims = store.claims(filled_engine)
    df = summaries.frame(claims, gz.load())
    by_actor = summaries.by_actor_and_status(df)
    assert by_actor.set_index("actor").loc["all", "all"] == len(claims)
    assert summaries.by_governorate(df)["claims"].sum() == len(claims)
    assert summaries.over_time(df).drop(columns="month").to_numpy().sum() == len(claims)
    places = summaries.most_cited_places(df, top=1000)
    assert places["claims"].sum() == len(claims)
    assert set(places["place"]) == {c.claim.place_name for c in claims}
    sources = summaries.most_cited_sources(df, top=1000)
    assert sources["reports"].sum() == len({(c.source.publisher, c.source.report_id) for c in claims})


def test_country_wide_claims_have_their_own_row(filled_engine):
    claims = store.claims(filled_engine)
    rows = summaries.by_governorate(summaries.frame(claims, gz.load())).set_index("governorate")
    wide = sum(1 for c in claims if c.claim.precision == 4)
    assert wide and rows.loc[summaries.COUNTRY_WIDE, "claims"] >= wide


def test_csv_cells_cannot_run_as_formulas():
    import pandas as pd

    text = summaries.to_csv(pd.DataFrame([{"publisher": "=HYPERLINK(\"http://x\")", "claims": 2}])).decode("utf-8-sig")
    assert text.splitlines()[1].startswith("\"'=HYPERLINK")


def test_features_csv_writes_one_row_per_source(filled_engine):
    features = feat.claim_features(store.claims(filled_engine))
    text = summaries.features_csv(features).decode("utf-8-sig")
    assert len(text.strip().splitlines()) == 1 + sum(len(f.sources) for f in features)


def test_shown_claims_follow_the_filters_and_the_layers(filled_engine):
    from footprint import filters as flt

    claims = store.claims(filled_engine)
    features = feat.claim_features(claims)
    assert len(summaries.shown_claims(claims, features)) == len(claims)  # nothing filtered: every claim
    planned = flt.apply(features, flt.Filters(statuses=frozenset({"planned"})))
    kept = summaries.shown_claims(claims, planned)
    assert kept and {c.claim.status for c in kept} == {"planned"}
    assert len(kept) == sum(1 for c in claims if c.claim.status == "planned")
    russia = feat.select_features(features, feat.Selection(frozenset({"Russia"})))
    assert {c.claim.actor for c in summaries.shown_claims(claims, russia)} == {"Russia"}
    assert summaries.shown_claims(claims, []) == []
