"""Claim extraction: the seed report exactly, the gold annotations, and one row per phenomenon."""

import datetime as dt
import json
from pathlib import Path

import pytest
from geopy.distance import geodesic

from footprint import claims, reports
from footprint.geocoding import GazetteerGeocoder

from .conftest import SAMPLES, SEED

GOLD = Path(__file__).parent / "data" / "gold"
# Gold place phrases that are descriptions rather than names, and the entry a reader means by them.
GOLD_PLACE_IDS = {"northern region close to the Turkish border": "syr-northern-syria"}
MATCH_KM = 15.0


@pytest.fixture(scope="module")
def extractor():
    return claims.Extractor()


@pytest.fixture(scope="module")
def seed(extractor):
    report = reports.from_path(SEED)
    return report, extractor(report)


# -- the seed report ---------------------------------------------------------------------------

@pytest.mark.parametrize("actor, place_id, status, claimant, precision", [
    ("Turkey", "syr-palmyra-region", "warned-about", "Israel", 2),
    ("Turkey", "syr-northern-syria", "reported", None, 3),
    ("Israel", "syr-airspace", "reported", None, 4),
    ("Turkey", "syr-airspace", "reported", None, 4),
    ("Russia", "syr-airspace", "reported", None, 4),
    ("Iran", "syr-airspace", "reported", None, 4),
])
def test_seed_claims(seed, actor, place_id, status, claimant, precision):
    _, extraction = seed
    found = [c for c in extraction.claims if (c.actor, c.place_id, c.status) == (actor, place_id, status)]
    assert found, f"no {actor}/{place_id}/{status} in {[(c.actor, c.place_id, c.status) for c in extraction.claims]}"
    assert {c.claimant for c in found} == {claimant}
    assert {c.precision for c in found} == {precision}


def test_seed_airspace_claims_come_from_the_simultaneous_operations_sentence(seed):
    report, extraction = seed
    airspace = [c for c in extraction.claims if c.place_id == "syr-airspace"]
    assert {c.actor for c in airspace} == {"Israel", "Turkey", "Russia", "Iran"}
    for c in airspace:
        assert "have previously operated simultaneously" in c.excerpt
        assert report.text[c.start:c.end] == c.excerpt


def test_seed_has_nothing_else(seed):
    _, extraction = seed
    pairs = {(c.actor, c.place_id) for c in extraction.claims}
    assert pairs == {("Turkey", "syr-palmyra-region"), ("Turkey", "syr-northern-syria"),
                     ("Israel", "syr-airspace"), ("Turkey", "syr-airspace"),
                     ("Russia", "syr-airspace"), ("Iran", "syr-airspace")}


@pytest.mark.parametrize("word", ["Baku", "Azerbaijan", "Gaza", "Damascus", "Jerusalem"])
def test_seed_gives_no_claim_at(seed, word):
    _, extraction = seed
    assert not [c for c in extraction.claims if word.lower() in (c.place + c.place_name).lower()]


def test_seed_damascus_is_a_named_place_without_a_claim(seed):
    _, extraction = seed
    named = {p.place_id for p in extraction.places}
    assert "syr-damascus" in named
    assert "syr-damascus" not in {c.place_id for c in extraction.claims}


def test_seed_offsets_point_at_the_words(seed):
    report, extraction = seed
    for c in extraction.claims:
        assert report.text[c.place_start:c.place_end] == c.place
        assert c.start <= c.actor_start < c.actor_end <= c.end
        if c.cue:
            assert report.text[c.cue_start:c.cue_end] == c.cue
    warning = next(c for c in extraction.claims if c.status == "warned-about")
    assert warning.cue.lower() in ("warning", "alarms")
    assert warning.date == "2025-06-05"


# -- the gold annotations ----------------------------------------------------------------------

def _gold_files():
    return sorted(GOLD.glob("*.jsonl"))


def _place_id(geocoder, phrase):
    if phrase in GOLD_PLACE_IDS:
        return GOLD_PLACE_IDS[phrase]
    location = geocoder.geocode(phrase)
    assert location is not None, f"gold place {phrase!r} is not in the gazetteer"
    return location.raw["place_id"]


def _same_place(geocoder, gold_id, got_id):
    if gold_id == got_id:
        return True
    a, b = geocoder.gazetteer.places[gold_id], geocoder.gazetteer.places[got_id]
    return a.precision == b.precision == 1 and geodesic((a.lat, a.lon), (b.lat, b.lon)).km <= MATCH_KM


@pytest.mark.parametrize("gold_file", _gold_files(), ids=lambda p: p.stem)
def test_gold_pairs(gold_file, extractor):
    """Every annotated (actor, place) is found, and nothing else is, for the annotated reports."""
    geocoder = GazetteerGeocoder()
    gold = [json.loads(line) for line in gold_file.read_text().splitlines() if line.strip()]
    report = reports.from_path(SAMPLES / gold[0]["report"])
    got = extractor(report).claims
    optional = {(g["country"], _place_id(geocoder, g["place"])) for g in gold
                if "may reasonably leave it out" in g.get("note", "")}
    wanted = {(g["country"], _place_id(geocoder, g["place"])) for g in gold} - optional
    found = {(c.actor, c.place_id) for c in got}
    missed = [w for w in wanted if not any(a == w[0] and _same_place(geocoder, w[1], p) for a, p in found)]
    extra = [f for f in found if not any(f[0] == a and _same_place(geocoder, p, f[1]) for a, p in wanted | optional)]
    assert not missed, f"missed {missed}"
    assert not extra, f"claims no annotator made: {extra}"


def test_gold_status_accuracy(extractor):
    """Over all gold claims, the annotated status is among those extracted for the pair."""
    geocoder = GazetteerGeocoder()
    total, right, wrong = 0, 0, []
    for gold_file in _gold_files():
        gold = [json.loads(line) for line in gold_file.read_text().splitlines() if line.strip()]
        got = extractor(reports.from_path(SAMPLES / gold[0]["report"])).claims
        for g in gold:
            if "may reasonably leave it out" in g.get("note", ""):
                continue
            pid = _place_id(geocoder, g["place"])
            statuses = {c.status for c in got if c.actor == g["country"] and _same_place(geocoder, pid, c.place_id)}
            total += 1
            if g["status"] in statuses:
                right += 1
            else:
                wrong.append((g["report"], g["country"], g["place"], g["status"], sorted(statuses)))
    assert total >= 20
    assert right / total >= 0.9, f"status accuracy {right}/{total}; wrong: {wrong}"


def test_negative_report_has_no_claim(extractor):
    report = reports.from_path(SAMPLES / "scoop-un-scales-up-aid-deliveries.txt")
    extraction = extractor(report)
    assert extraction.claims == []
    assert {"syr-idlib", "syr-latakia", "syr-aleppo"} <= {p.place_id for p in extraction.places}


# -- phenomena, one sentence each --------------------------------------------------------------

def _claims_of(extractor, sentence):
    report = reports.from_text(f"title: test\npublished: 2025-06-05\n---\n{sentence}")
    return sorted((c.actor, c.place_id, c.status, c.claimant) for c in extractor(report).claims)


@pytest.mark.parametrize("sentence, expected", [
    ("Israeli jets struck the T4 airbase on Tuesday night.",
     [("Israel", "syr-t4-airbase", "struck", None)]),
    ("US troops withdrew from the al-Tanf garrison last week.",
     [("United States", "syr-al-tanf", "withdrawn", None)]),
    ("Ankara denied that Turkish troops are deployed at T4.",
     [("Turkey", "syr-t4-airbase", "denied", "Ankara")]),
    ("Turkey plans to deploy air defence systems at the T4 airbase.",
     [("Turkey", "syr-t4-airbase", "planned", None)]),
    ("According to a local source, Turkey is building a military base near Palmyra.",
     [("Turkey", "syr-palmyra-region", "claimed", "local source")]),
    ("Russian forces remain stationed at Hmeimim air base.",
     [("Russia", "syr-khmeimim-airbase", "reported", None)]),
    ("Israel warned that Turkish bases at Palmyra would be a red line.",
     [("Turkey", "syr-palmyra", "warned-about", "Israel")]),
    ("Russian, Iranian and Turkish forces were deployed in Aleppo.",
     [("Iran", "syr-aleppo", "reported", None), ("Russia", "syr-aleppo", "reported", None),
      ("Turkey", "syr-aleppo", "reported", None)]),
    ("No Turkish troops are present at the T4 airbase, the ministry said.",
     [("Turkey", "syr-t4-airbase", "denied", "ministry")]),
    ("The IRGC has moved fighters to Albu Kamal, a monitor reported.",
     [("Iran", "syr-albu-kamal", "claimed", "monitor")]),
    ("Israel will not allow Turkey to set up a base at T4, Israeli officials said.",
     [("Turkey", "syr-t4-airbase", "warned-about", "Israel")]),
    ("The Pentagon announced that US forces will remain at the Conoco gas field.",
     [("United States", "syr-conoco", "planned", "Pentagon")]),
    ("Washington is considering withdrawing its troops from northeast Syria.",
     [("United States", "syr-northeast-syria", "planned", None)]),
    ("Israel threatened to strike Turkish positions at T4.",
     [("Turkey", "syr-t4-airbase", "warned-about", "Israel")]),
    ("Israel struck weapons depots in Masyaf and the Damascus countryside, the Syrian Observatory said.",
     [("Israel", "syr-masyaf", "struck", "Syrian Observatory"),
      ("Israel", "syr-rif-dimashq-governorate", "struck", "Syrian Observatory")]),
    ("Moscow has evacuated equipment from the Hmeimim airbase in Latakia.",
     [("Russia", "syr-khmeimim-airbase", "withdrawn", None)]),
    # hedges
    ("Turkish troops are believed to be stationed at the Menagh airbase.",
     [("Turkey", "syr-menagh-airbase", "claimed", None)]),
    ("Russian forces may have left the Qamishli airport last week.",
     [("Russia", "syr-qamishli-airport", "withdrawn", None)]),
    # intentions and negotiations
    ("Turkey is negotiating with Damascus to set up a base at T4.",
     [("Turkey", "syr-t4-airbase", "planned", None)]),
    ("The Kremlin said Russian forces would stay at Tartus.",
     [("Russia", "syr-tartus", "planned", "Kremlin")]),
    # hand-overs
    ("The US handed over the Conoco gas field base to the SDF.",
     [("United States", "syr-conoco", "withdrawn", None)]),
    # metonyms
    ("Tehran has sent IRGC advisers to Albu Kamal.", [("Iran", "syr-albu-kamal", "reported", None)]),
    ("Washington has withdrawn its troops from the Green Village.",
     [("United States", "syr-al-omar", "withdrawn", None)]),
    ("Jerusalem warned that a Turkish base at T4 would be a red line.",
     [("Turkey", "syr-t4-airbase", "warned-about", "Israel")]),
    ("Ankara deployed additional troops to Afrin on Tuesday.", [("Turkey", "syr-afrin", "reported", None)]),
    ("The Pentagon said US troops remain at al-Tanf.", [("United States", "syr-al-tanf", "claimed", "Pentagon")]),
    # named forces
    ("CENTCOM forces struck an ISIS camp in the Badia.", [("United States", "syr-badia", "struck", None)]),
    ("The Quds Force is operating from Albu Kamal, according to Israeli officials.",
     [("Iran", "syr-albu-kamal", "claimed", "Israeli officials")]),
    ("Hezbollah fighters withdrew from Qusayr.", [("Hezbollah", "syr-qusayr", "withdrawn", None)]),
    ("Africa Corps personnel arrived at Hmeimim air base.", [("Russia", "syr-khmeimim-airbase", "reported", None)]),
    ("Wagner fighters were seen at Palmyra.", [("Russia", "syr-palmyra", "reported", None)]),
    ("The US-led coalition struck targets near Deir ez-Zor.",
     [("United States", "syr-deir-ez-zor", "struck", None)]),
    ("Kataib Hezbollah fighters left al-Mayadin on Sunday.", [("Iraqi militias", "syr-mayadin", "withdrawn", None)]),
    # negations and conditionals
    ("There are no Turkish troops at T4, the ministry said.", [("Turkey", "syr-t4-airbase", "denied", "ministry")]),
    ("If Turkey deploys air defences at T4, Israel will strike them.",
     [("Turkey", "syr-t4-airbase", "warned-about", "Israel")]),
    # a pronoun reaching back a sentence
    ("Iranian forces left Deir ez-Zor. They have since moved to Albu Kamal.",
     [("Iran", "syr-albu-kamal", "reported", None), ("Iran", "syr-deir-ez-zor", "withdrawn", None)]),
])
def test_phenomena(extractor, sentence, expected):
    assert _claims_of(extractor, sentence) == expected


@pytest.mark.parametrize("sentence", [
    "Aid trucks crossed from Türkiye to Idlib through Bab al-Hawa.",            # no military presence
    "Qusayr, which Hezbollah captured in 2013, was a supply route for years.",  # history
    "Israel says the government in Damascus is responsible for foreign deployments.",  # institution
    "Turkish and Israeli officials met in Baku to discuss military deconfliction.",    # outside Syria
    "Syrian army units and the SDF deployed around Manbij.",                     # not foreign
    "DAMASCUS, Syria (North Press) – Turkish troops were seen near the border.",   # dateline
    "Turkish and Russian officials met in Ankara to discuss Syria.",              # a meeting abroad
    "In 2015 Russia deployed jets to Hmeimim.",                                   # background, years ago
    "Analysts say that if Turkish systems are deployed at T4, it would change the balance.",  # a hypothesis
    "Syrian government forces shelled Qusayr after accusing Hezbollah of smuggling.",          # Syria's own forces
    "A Jordanian aid convoy of 60 trucks reached Daraa on Monday.",               # humanitarian
    "The talks in Damascus covered the Russian bases, the ministry in Damascus said.",  # no place of a force
])
def test_no_claim(extractor, sentence):
    assert _claims_of(extractor, sentence) == []


def test_a_denial_in_the_next_sentence_quotes_both_sentences(extractor):
    text = "Reports said US troops would deploy at an airbase in Damascus. The government denied the report."
    denied = [c for c in extractor(reports.Report(text=text, title="t", published=None)).claims if c.status == "denied"]
    assert [(c.claimant, c.excerpt, text[c.place_start : c.place_end]) for c in denied] == [
        ("government", text, "Damascus")]


def test_a_paragraph_keeps_its_source_until_it_ends(extractor):
    text = ("According to SANA, Israeli forces entered Jubata al-Khashab. A second group moved on to Quneitra.\n\n"
            "Israeli tanks were later seen near Kodna.")
    found = {(c.place, c.status, c.claimant) for c in extractor(reports.Report(text=text, title="t", published=None)).claims}
    assert found == {("Jubata al-Khashab", "claimed", "SANA"), ("Quneitra", "claimed", "SANA"),
                     ("Kodna", "reported", None)}


def test_a_report_without_a_date_is_judged_by_the_latest_year_it_names(extractor):
    # "on September 29, 2025" is no history in a report that gives no date of its own
    text = "Before that, on September 29, 2025, a convoy of 25 U.S. trucks drove into the Qasrok base near al-Hasakah."
    undated = extractor(reports.Report(text=text, title="t", published=None)).claims
    assert [(c.place_id, c.status) for c in undated] == [("syr-qasrak", "reported")]
    dated = extractor(reports.Report(text=text, title="t", published=dt.date(2027, 3, 1))).claims
    assert dated == []  # a year and more before a dated report is history


def test_the_denier_of_a_report_is_the_claimant_of_its_denial(extractor):
    text = ("The Kurdish-led Syrian Democratic Forces said on Monday that Turkish drones had hit Hasaka, but Turkish "
            "security sources said the report was untrue.")
    found = {(c.status, c.claimant, c.cue) for c in extractor(reports.Report(text=text, title="t", published=None)).claims}
    assert found == {("struck", "Kurdish-led Syrian Democratic Forces", "hit"),
                     ("denied", "Turkish security sources", "untrue")}


def test_near_widens_precision(extractor):
    report = reports.from_text("Russian troops were deployed around Aleppo.")
    (claim,) = extractor(report).claims
    assert (claim.place_id, claim.precision, claim.radius_km) == ("syr-aleppo", 2, 25.0)


def test_a_lost_space_after_a_full_stop_still_ends_a_sentence():
    text = "Turkey dealt Daesh heavy blows in the region.The Syrian Army took the al-Tabqah district."
    assert [text[a:b] for a, b in claims.sentences(text)] == [
        "Turkey dealt Daesh heavy blows in the region.", "The Syrian Army took the al-Tabqah district."]


def test_sentences_keep_abbreviations_together():
    text = "Brig.-Gen. Roman Gofman led it. The U.S. said no. Mr. Dujarric spoke."
    spans = claims.sentences(text)
    assert [text[s:e] for s, e in spans] == [
        "Brig.-Gen. Roman Gofman led it.", "The U.S. said no.", "Mr. Dujarric spoke."]


@pytest.mark.parametrize("sentence, expected", [
    ("Israeli and Turkish officials met on Wednesday.", "2025-06-04"),   # published Thursday 5 June 2025
    ("Turkish troops arrived on Thursday.", "2025-06-05"),
    ("The departure was completed on February 11.", "2025-02-11"),
    ("The base was handed over on December 25.", "2024-12-25"),          # later in the year: last year's
    ("Russian jets struck yesterday.", "2025-06-04"),
    ("The deal was signed on 3 June 2024.", "2024-06-03"),
    ("No day is named here.", "2025-06-05"),
])
def test_claim_date_reads_the_text_against_the_report_date(sentence, expected):
    import datetime as dt

    assert claims.claim_date(sentence, dt.date(2025, 6, 5)).isoformat() == expected


def test_claim_date_without_report_date_is_unknown():
    assert claims.claim_date("on Wednesday", None) is None


def test_claims_carry_the_day_their_sentence_names(extractor):
    report = reports.from_text("title: t\npublished: 2025-06-05\n---\nUS troops withdrew from al-Tanf on Monday.")
    [claim] = extractor(report).claims
    assert claim.date == "2025-06-02"


# -- issue 7: reporting nobody tuned for, one table per kind of miss ---------------------------------

def _full(extractor, sentence):
    report = reports.from_text(f"title: test\npublished: 2025-06-05\n---\n{sentence}")
    return sorted((c.actor, c.place, c.place_id, c.status, c.precision, c.approximate)
                  for c in extractor(report).claims)


@pytest.mark.parametrize("sentence, expected", [
    # 1. villages only the whole gazetteer holds, in a place frame
    ("Israeli forces entered the village of Ruwayhinah on Friday.",
     [("Israel", "Ruwayhinah", "wof-1226354051", "reported", 1, False)]),
    ("An Israeli patrol set up a checkpoint between Umm Batinah and Ruwayhinah, SANA reported.",
     [("Israel", "Ruwayhinah", "wof-1226354051", "claimed", 1, False),
      ("Israel", "Umm Batinah", "wof-1293304155", "claimed", 1, False)]),
])
def test_whole_gazetteer_villages(extractor, sentence, expected):
    assert _full(extractor, sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    # 2. names the gazetteer lacks, in a place frame: kept, at the smallest area the text gives
    ("Israeli forces advanced into Saida al-Hanout in the Quneitra countryside on Friday.",
     [("Israel", "Saida al-Hanout", "syr-quneitra-governorate", "reported", 3, True)]),
    # the town only frames the villages named with it
    ("Turkish warplanes struck villages south of Kobani, among them Taynah al-Fawqa and Ghassakiyeh.",
     [("Turkey", "Ghassakiyeh", "syr-kobani", "struck", 2, True),
      ("Turkey", "Taynah al-Fawqa", "syr-kobani", "struck", 2, True)]),
    # a city abroad the gazetteer does not hold is no unknown Syrian village
    ("The Africa Corps uses the Hmeimim air base in Latakia as a stopover between Russia and its bases in Benghazi.",
     [("Russia", "Hmeimim air base", "syr-khmeimim-airbase", "reported", 1, False)]),
    ("Turkish occupation forces shelled the village of Umm al-Kaif near Tal Tamr.",
     [("Turkey", "Umm al-Kaif", "syr-tal-tamr", "struck", 2, True)]),
    ("The US has withdrawn from Al-Wazir and Tel Baydar bases in Hasaka province.",
     [("United States", "Al-Wazir", "syr-hasakah-governorate", "withdrawn", 3, True),
      ("United States", "Tel Baydar", "syr-tal-baydar", "withdrawn", 1, False)]),
    # another transliteration of a village of the governorate named with it is that village
    # ("northern Quneitra" is the governorate's north, where the unnamed villages are)
    ("Israeli forces stormed villages in northern Quneitra and set up a checkpoint in al-Mashirfa.",
     [("Israel", "Quneitra", "syr-quneitra-governorate", "reported", 3, False),
      ("Israel", "al-Mashirfa", "wof-1327238945", "reported", 1, False)]),
    ("Israeli forces have reportedly seized Tel Ahmar Sharqi near the town of Kodna.",
     [("Israel", "Kodna", "syr-kodana", "claimed", 2, False),
      ("Israel", "Tel Ahmar Sharqi", "syr-kodana", "claimed", 2, True)]),
    # a well-known place under another spelling is that place, and the town its name holds is no place
    ("Turkish airstrikes hit the areas near Kobani, among them Bir Hasso and the Qara Qwzak Bridge.",
     [("Turkey", "Bir Hasso", "syr-kobani", "struck", 2, True),
      ("Turkey", "Qara Qwzak", "syr-qara-qozak", "struck", 1, False)]),
    # Turkish-backed fighters are Syrian, whoever backs them
    ("SDF fighters took on Turkish-backed militants in the village of Imo Tomb near Kobani.", []),
    # no area anywhere in the text: no claim rather than a guess
    ("Israeli troops stormed the village of Zzyzxville on Friday.", []),
    # a region's name inside an unknown village's ("al-Golan" in "Saida al-Golan") is a fragment of it
    ("Twelve Israeli military vehicles pushed into the village of Saida al-Golan, in the Quneitra countryside.",
     [("Israel", "Saida al-Golan", "syr-quneitra-governorate", "reported", 3, True)]),
    # a name that starts with a hill, spring or valley word is a place by its form; "Jabal" alone is no hamlet
    ("Israeli special forces had landed near Jabal Manaa, a hilltop near Kiswa.",
     [("Israel", "Jabal Manaa", "syr-kiswah", "reported", 2, True)]),
    # hamlets of other governorates than the report's are namesakes: the name is read in the report's area
    ("Turkish forces captured Manbij and the Tishreen dam. According to the SDF, Turkish bombardment also hit "
     "nearby villages such as Tineh.",
     [("Turkey", "Manbij", "syr-manbij", "reported", 1, False),
      ("Turkey", "Tineh", "syr-aleppo-governorate", "struck", 3, True),
      ("Turkey", "Tishreen dam", "syr-tishrin-dam", "reported", 1, False)]),
])
def test_unknown_villages_are_placed_approximately(extractor, sentence, expected):
    assert _full(extractor, sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    # reporting styles: partisan epithets, scare quotes, RAF and French jets, a speaker about itself
    ("Zionist occupation forces stormed the town of Jubata al-Khashab at dawn.",
     [("Israel", "Jubata al-Khashab", "syr-jubata-al-khashab", "reported", 1, False)]),
    ('"Israeli" forces set up a checkpoint near Khan Arnabeh.',
     [("Israel", "Khan Arnabeh", "syr-khan-arnabah", "reported", 2, False)]),
    ("RAF Typhoons and French jets struck an ISIS weapons store near Palmyra.",
     [("France", "near Palmyra", "syr-palmyra-region", "struck", 2, False),
      ("United Kingdom", "near Palmyra", "syr-palmyra-region", "struck", 2, False)]),
    ("Moscow has said it wants to keep its naval base in Tartus.",
     [("Russia", "Tartus", "syr-tartus", "planned", 1, False)]),
    # Turkish ministry wording, attributed by its tail
    ('Turkish forces "neutralized" 23 terrorists in northern Syria, the National Defense Ministry announced on Sunday.',
     [("Turkey", "northern Syria", "syr-northern-syria", "claimed", 3, False)]),
    # a headline in title case: capitals mark no names, the known base is the place
    ("US Begins Full Withdrawal From Conoco Field Military Base in Eastern Syria - Reports",
     [("United States", "Conoco Field", "syr-conoco", "withdrawn", 1, False)]),
    # Iraqi factions by name; their backer is not at the place, and the border is only the way in
    ("At least 300 fighters from the Iran-backed Badr and Nujabaa groups crossed the Iraqi border into Syria, "
     "two Iraqi security sources said.",
     [("Iraqi militias", "Syria", "syr-syria", "claimed", 4, False)]),
    ("Sources say US forces started pulling out of the Qasrak base.",
     [("United States", "Qasrak base", "syr-qasrak", "withdrawn", 1, False)]),
])
def test_reporting_styles(extractor, sentence, expected):
    assert _full(extractor, sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    # 3. country-wide claims, at precision 4
    ("Hezbollah withdrew the bulk of its forces from Syria in early December.",
     [("Hezbollah", "Syria", "syr-syria", "withdrawn", 4, False)]),
    ("The US has about 900 troops in Syria.", [("United States", "Syria", "syr-syria", "reported", 4, False)]),
    # strikes on "Syrian military sites" are strikes across the country, unless a narrower place is named
    ("Reports also say 'Israel' has carried out hundreds of airstrikes on Syrian military sites.",
     [("Israel", "Syrian military sites", "syr-syria", "struck", 4, False)]),
    ("The Israeli Air Force has been carrying out targeted strikes on Syrian military facilities and arms depots.",
     [("Israel", "Syrian military facilities", "syr-syria", "struck", 4, False)]),
    ("Israeli jets struck Syrian army positions near Quneitra.",
     [("Israel", "Quneitra", "syr-quneitra", "struck", 2, False)]),
    ('"Israeli" media reported that the entity has launched nearly 300 air raids on Syria in the past two days.',
     [("Israel", "Syria", "syr-syria", "struck", 4, False)]),
    # the country as speaker, owner or context is no place of a force
    ("Syria said Israeli strikes were a violation of international law.", []),
    ("Turkey wants to entrench its influence in Syria.", []),
])
def test_country_wide_claims(extractor, sentence, expected):
    assert _full(extractor, sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    # 4. lists of places and the governorates a list of cities names
    ("Israel shelled positions in the provinces of Al-Suwayda and Deraa on Tuesday.",
     [("Israel", "Al-Suwayda", "syr-as-suwayda-governorate", "struck", 3, False),
      ("Israel", "Deraa", "syr-daraa-governorate", "struck", 3, False)]),
    ("Russia will keep using the military bases in Latakia and Tartus provinces, a source said.",
     [("Russia", "Latakia", "syr-latakia-governorate", "planned", 3, False),
      ("Russia", "Tartus", "syr-tartus-governorate", "planned", 3, False)]),
    ("The Syrian government is pressing for the return of Russian patrols to Syria's southern provinces.",
     [("Russia", "Syria's southern provinces", "syr-southern-syria", "planned", 3, False)]),
    ("US forces have left two bases in Syria's Deir ez-Zor, the al-Omar oil field and the Conoco gas plant.",
     [("United States", "Conoco gas plant", "syr-conoco", "withdrawn", 1, False),
      ("United States", "Deir ez-Zor", "syr-deir-ez-zor", "withdrawn", 1, False),
      ("United States", "al-Omar oil field", "syr-al-omar", "withdrawn", 1, False)]),
    # the place a locator locates, not the locator
    ("Russia keeps warplanes at the Hmeimim Air Base in Jableh, Latakia.",
     [("Russia", "Hmeimim Air Base", "syr-khmeimim-airbase", "reported", 1, False)]),
    ("Israeli jets struck a former army barracks in Kiswa, southwest of the Syrian capital Damascus.",
     [("Israel", "Kiswa", "syr-kiswah", "struck", 1, False)]),
    ("Coalition troops would continue to operate from bases in Hasakah, including Qasrak and al-Shaddadi.",
     [("United States", "Qasrak", "syr-qasrak", "planned", 1, False),
      ("United States", "al-Shaddadi", "syr-shaddadi", "planned", 1, False)]),
    ("A strike by the Israeli army hit the Presidential Palace in Damascus, the Syrian capital.",
     [("Israel", "Presidential Palace in Damascus", "syr-presidential-palace", "struck", 1, False)]),
    ("The wounded were flown to the US base at Al-Tanf, roughly 75 miles south of Palmyra, Syrian media said.",
     [("United States", "Al-Tanf", "syr-al-tanf", "claimed", 1, False)]),
    # an unnamed site is where its locator puts it; a named one is not its locator
    ("RAF Typhoons and French jets struck an underground site, which lies in the mountains north of Palmyra.",
     [("France", "Palmyra", "syr-palmyra", "struck", 2, False),
      ("United Kingdom", "Palmyra", "syr-palmyra", "struck", 2, False)]),
    ("Turkish drones struck the Tishrin Dam. Protests continue against Turkish drone strikes on the strategic dam, "
     "which lies near Manbij.",
     [("Turkey", "Tishrin Dam", "syr-tishrin-dam", "struck", 1, False),
      ("Turkey", "the strategic dam", "syr-tishrin-dam", "struck", 1, False)]),
    # "the town" is the town just named
    # (the residents who spoke in the paragraph's first sentence are its source)
    ("Khan Arnabeh was quiet until dawn, residents said. Then Israeli tanks were seen on the edge of the town.",
     [("Israel", "the town", "syr-khan-arnabah", "claimed", 1, False)]),
    ("Locals put up armed resistance against an attempted Israeli advance near the city of Nawa in Daraa governorate.",
     [("Israel", "Nawa", "syr-nawa", "reported", 2, False)]),
    ("Turkey, the strongest foreign backer of Damascus, has repeatedly sent forces into northern Syria.",
     [("Turkey", "northern Syria", "syr-northern-syria", "reported", 3, False)]),
    # "the northeast" of a sentence about Syria is Syria's; "the north of Israel" is not
    ("Some 2,000 American troops are still stationed in Syria, most of them in the northeast, where they have been "
     "working with the SDF.",
     [("United States", "the northeast", "syr-northeast-syria", "reported", 3, False)]),
    ("Hezbollah fired rockets at the north of Israel.", []),
    ("Israeli forces hit southern areas of Syria overnight, the press service of the Israel Defense Forces said.",
     [("Israel", "southern areas of Syria", "syr-southern-syria", "struck", 3, False)]),
])
def test_lists_and_areas(extractor, sentence, expected):
    assert _full(extractor, sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    # 5. statuses: withdrawals in other words, intentions, reductions, a fronted clause that is not the event
    ("Russian forces retreated from Kobani.", [("Russia", "Kobani", "syr-kobani", "withdrawn", 1, False)]),
    # a region the force left is a place of its own beside the base it went to, where it now is
    ("Russian convoys were seen pulling out of east Syria and heading for Khmeimim.",
     [("Russia", "Khmeimim", "syr-khmeimim-airbase", "reported", 1, False),
      ("Russia", "east Syria", "syr-eastern-syria", "withdrawn", 3, False)]),
    ("Russian forces are withdrawing heavy equipment from Qamishli airport via aircraft to the Hemeimeem base.",
     [("Russia", "Hemeimeem", "syr-khmeimim-airbase", "reported", 1, False),
      ("Russia", "Qamishli airport", "syr-qamishli-airport", "withdrawn", 1, False)]),
    ("On Friday Iran began moving its military commanders and personnel out of Syria.",
     [("Iran", "Syria", "syr-syria", "withdrawn", 4, False)]),
    ("Turkey has started moving to take control of the T4 air base, which lies near Palmyra.",
     [("Turkey", "T4 air base", "syr-t4-airbase", "planned", 1, False)]),
    ("The Turkish presidency said it had no information about plans for Turkish military bases in Syria.",
     [("Turkey", "Syria", "syr-syria", "denied", 4, False)]),
    ("Hezbollah is targeting homes in the village of Zeita with artillery.",
     [("Hezbollah", "Zeita", "wof-1343639715", "struck", 1, False)]),
    # "targeted operations" are raids on the ground, not strikes
    ('The IDF said troops had carried out several "targeted operations" in southern Syria, seizing weapons.',
     [("Israel", "southern Syria", "syr-southern-syria", "claimed", 3, False)]),
    # a bare "withdrawals", like "strikes", continues the one force named just before
    ("Some 2,000 American troops remain in Syria. But recent withdrawals from key posts such as Tel Baydar worry "
     "the Kurds.",
     [("United States", "Syria", "syr-syria", "reported", 4, False),
      ("United States", "Tel Baydar", "syr-tal-baydar", "withdrawn", 1, False)]),
    # "it" after a fronted date; the SDF that holds the base does not act in the sentence
    ("US forces left Al-Tanf last week. On Feb. 23 it began pulling out of the Qasrak base, which is still under "
     "SDF control.",
     [("United States", "Al-Tanf", "syr-al-tanf", "withdrawn", 1, False),
      ("United States", "Qasrak base", "syr-qasrak", "withdrawn", 1, False)]),
    # a bare event noun continues the one force of the sentences before
    ("Israeli warplanes struck the port of Latakia overnight. SANA also reported strikes near Tartus.",
     [("Israel", "Latakia", "syr-latakia", "struck", 1, False),
      ("Israel", "Tartus", "syr-tartus", "struck", 2, False)]),
    # the event noun is the status (a raid on the ground is presence); "the strikes" after striker and target
    # belong to the striker, named first
    ("Israeli jets bombed the port, where a Russian base lies. The strikes concentrated on a number of facilities in "
     "Tartus and in Syria's Latakia Governorate.",
     [("Israel", "Latakia Governorate", "syr-latakia-governorate", "struck", 3, False),
      ("Israel", "Tartus", "syr-tartus", "struck", 1, False)]),
    ("US forces hunted ISIS cells. Officials said the leader died in a raid in al-Bab, Aleppo Governorate.",
     [("United States", "al-Bab", "syr-al-bab", "claimed", 1, False)]),
    # "the country" is Syria; a second verb of the same subject has its own status, and the country
    # only locates the narrower places of its own clause
    ("Sources say the US forces of the coalition in Syria started pulling out of a major base in the northeast on "
     "Feb. 23 and are expected to finish withdrawing from the country within a month.",
     [("United States", "the country", "syr-syria", "planned", 4, False),
      ("United States", "the northeast", "syr-northeast-syria", "withdrawn", 3, False)]),
    # a unit of the force just named; "central Quneitra" is the governorate's middle, not the old city
    ("Units of the Israeli Occupation Forces pushed into Quneitra. A second group of 10 vehicles reportedly moved on "
     "to Rasm al-Halabi in central Quneitra.",
     [("Israel", "Quneitra", "syr-quneitra", "reported", 1, False),
      ("Israel", "Rasm al-Halabi", "wof-1293694231", "claimed", 1, False)]),
    # a force's own name makes the sentence military; a ground raid is presence, an air raid a strike
    ("The IOF pushed into Quneitra.", [("Israel", "Quneitra", "syr-quneitra", "reported", 1, False)]),
    ("Israeli troops raided the village of Jubata al-Khashab.",
     [("Israel", "Jubata al-Khashab", "syr-jubata-al-khashab", "reported", 1, False)]),
    # a village far from the report's governorates, named for a feature, is a namesake: left out
    ("Israeli forces entered Quneitra. SANA also said that five 'Israeli' vehicles entered the southern town of "
     "Al-Rafid, later pushing on to the Al-Jala crossing.",
     [("Israel", "Al-Rafid", "syr-rafid", "claimed", 1, False), ("Israel", "Quneitra", "syr-quneitra", "reported", 1, False)]),
    # "since" a dated fall is the present; a dated day long past is history
    ("These incursions are part of a wider pattern of Israeli military activity across southern Syria since the "
     "former government fell on December 8, 2024.",
     [("Israel", "southern Syria", "syr-southern-syria", "reported", 3, False)]),
    # units after a fronted date continue the force just named, whatever country is only their destination
    ("US forces left al-Shaddadi. On April 16, special units based at a military base near the Conoco gas field in "
     "Deir ez-Zor province were moved to neighbouring Iraq.",
     [("United States", "Conoco gas field", "syr-conoco", "withdrawn", 2, False),
      ("United States", "al-Shaddadi", "syr-shaddadi", "withdrawn", 1, False)]),
    ("Shafaq News/ Iraqi factions have pulled out of Syria and headed toward the city of Al-Qaim in Iraq's Al-Anbar "
     "province, a security source said on Friday.",
     [("Iraqi militias", "Syria", "syr-syria", "withdrawn", 4, False)]),
    # a placeless sentence tells what then happened at the places of the sentence before
    ("Israeli special forces had landed near Jabal Manaa, a hilltop near Kiswa. The Israeli troops withdrew "
     "afterwards, the sources said.",
     [("Israel", "Jabal Manaa", "syr-kiswah", "reported", 2, True),
      ("Israel", "Jabal Manaa", "syr-kiswah", "withdrawn", 2, True)]),
    ("Reports said US troops would deploy at an airbase in Damascus. The government denied the report.",
     [("United States", "Damascus", "syr-damascus", "denied", 1, False),
      ("United States", "Damascus", "syr-damascus", "planned", 1, False)]),
    ("Russian forces were leaving their bases in Ain Issa and Tel Al-Samn, close to the northern city of Raqqa.",
     [("Russia", "Ain Issa", "syr-ain-issa", "withdrawn", 1, False),
      ("Russia", "Tel Al-Samn", "wof-1310406369", "withdrawn", 1, False)]),
    ("Asked about reports that Russian patrols would resume in the southern regions of the country, Peskov said he "
     "knew nothing of such publications.",
     [("Russia", "southern regions of the country", "syr-southern-syria", "denied", 3, False)]),
    # artillery fire continues the force just named, whoever is only quoted; "in the countryside near X" locates
    ("A Turkish combat drone bombed a busy marketplace in the town of Sarrin. Earlier that same day, according to the "
     "SDF, artillery fire hit the village of Umm Harmalah in the countryside near al-Dirbasiyah.",
     [("Turkey", "Sarrin", "gn-164071", "struck", 1, False),
      ("Turkey", "Umm Harmalah", "wof-1276457795", "struck", 1, False)]),
    # where fire came from is where the force is, not what it struck
    ("Israeli artillery fired from Tal al-Ahmar hit the village of Kodna.",
     [("Israel", "Kodna", "syr-kodana", "struck", 1, False),
      ("Israel", "Tal al-Ahmar", "wof-1209204373", "reported", 1, False)]),
    ("Israeli forces entered Quneitra. In another incident, three Israeli military vehicles pushed briefly into the "
     "Abu Madharah farm.",
     [("Israel", "Abu Madharah", "syr-quneitra-governorate", "reported", 3, True),
      ("Israel", "Quneitra", "syr-quneitra", "reported", 1, False)]),
    # Kurdish outlets' "the Turkish state"; "pressed on with their attacks" is no demand
    ("All through Tuesday the Turkish state and its proxies pressed on with their attacks on the Qereqozaq Bridge and "
     "the Tishrin Dam.",
     [("Turkey", "Qereqozaq", "syr-qara-qozak", "struck", 1, False),
      ("Turkey", "Tishrin Dam", "syr-tishrin-dam", "struck", 1, False)]),
    # "the military" continues the force just named
    ("Israeli jets struck Homs. The military confirmed that it had hit the Jousieh border crossing.",
     [("Israel", "Homs", "syr-homs", "struck", 1, False),
      ("Israel", "Jousieh border crossing", "syr-joussieh-crossing", "struck", 1, False)]),
    # what is left of IS is no withdrawal; a cell Iran runs is Iran's proxy, not Iran
    ("The Coalition bases in Syria are supposed to support operations against what is left of IS.",
     [("United States", "Syria", "syr-syria", "reported", 4, False)]),
    ("Israeli troops raided an Iranian-run terrorist cell in Kodna.",
     [("Israel", "Kodna", "syr-kodana", "reported", 1, False)]),
    # "expected to pull out" is a plan; operatives "operated by Al Quds Force" are not Iran's force there;
    # a "targeted overnight operation" is a raid, not a strike
    ("Three informed sources told AFP that U.S. forces are expected to pull out of Syrian soil in under a month.",
     [("United States", "Syrian soil", "syr-syria", "planned", 4, False)]),
    ("Israeli forces crossed the line. The army said it had conducted a targeted overnight operation in the Syrian town "
     "of Kudna and had arrested operatives that were operated by Al Quds Force.",
     [("Israel", "Kudna", "syr-kodana", "claimed", 1, False)]),
    # a city south of which the hills lie only locates them (the country before a town does not)
    ("Turkish troops also remain at a handful of positions in the Jabal al-Zawiya hills south of Idleb.",
     [("Turkey", "Jabal al-Zawiya", "syr-jabal-al-zawiya", "reported", 3, False)]),
    # where the sources are based is not where the force will be
    ("The Reuters sources – a Syrian security official, two foreign security officials based in Damascus and a senior "
     "regional intelligence officer – said the deal could let Turkey build new air bases in Syria.",
     [("Turkey", "Syria", "syr-syria", "planned", 4, False)]),
    # US trucks are a force; a withdrawal's words carry the force just named; the SDF a base is handed to does
    # not act; "MSS Euphrates" is the Conoco site, not the river
    ("A convoy of 25 U.S. trucks loaded with military gear drove into the Qasrok base near al-Hasakah.",
     [("United States", "Qasrok", "syr-qasrak", "reported", 1, False)]),
    ("US forces are leaving their bases in Deir ez-Zor. Al Arabiya also quoted Fox News as reporting that Mission "
     "Support Site Green Village had been closed, while MSS Euphrates had been handed over to the SDF.",
     [("United States", "Deir ez-Zor", "syr-deir-ez-zor", "withdrawn", 1, False),
      ("United States", "MSS Euphrates", "syr-conoco", "withdrawn", 1, False),
      ("United States", "Mission Support Site Green Village", "syr-al-omar", "withdrawn", 1, False)]),
    # the region where unnamed posts are is a place of its own beside the named airport
    ("The Russian military pulled some troops out of Qamishli International Airport and nearby posts in the northern "
     "al-Hasakah countryside.",
     [("Russia", "Qamishli International Airport", "syr-qamishli-airport", "withdrawn", 1, False),
      ("Russia", "al-Hasakah countryside", "syr-hasakah-governorate", "withdrawn", 3, False)]),
    # a country named among others where borders meet is a place, not a force; "Jan. 5" is a month
    ("Israeli troops entered Koya. Koya sits in the western Daraa countryside, whose strategic weight comes from its "
     "position at the point where the borders of Syria, Jordan and Israel meet.",
     [("Israel", "Koya", "wof-1242775343", "reported", 1, False)]),
    ("Israeli military armored vehicles block a road leading to the town of Quneitra, Syria, Sunday, Jan. 5, 2025.",
     [("Israel", "Quneitra", "syr-quneitra", "reported", 1, False)]),
    # a base on alert over a possible attack is there, not struck
    ("Syrian security source: main US base in Syria on full alert over possible Iranian attack",
     [("United States", "Syria", "syr-syria", "claimed", 4, False)]),
    # two forces that struck together are both carried into the next sentence; "the site, which lies …
    # north of Palmyra" is the unnamed site already spoken of
    ("RAF Typhoons and French aircraft have carried out a joint strike on an underground facility in Syria. On "
     "Saturday evening guided bombs were aimed at access tunnels leading down to the site, which lies in the "
     "mountains north of the ancient city of Palmyra.",
     [("France", "Palmyra", "syr-palmyra", "struck", 2, False), ("France", "Syria", "syr-syria", "struck", 4, False),
      ("United Kingdom", "Palmyra", "syr-palmyra", "struck", 2, False),
      ("United Kingdom", "Syria", "syr-syria", "struck", 4, False)]),
    # the places excepted from a withdrawal are where the force stays
    ("With the exception of Hmeimim airbase and the port of Tartus, Russian forces have completely evacuated every "
     "position they formerly held in Syria.",
     [("Russia", "Hmeimim airbase", "syr-khmeimim-airbase", "reported", 1, False),
      ("Russia", "Tartus", "syr-tartus", "reported", 1, False)]),
    # a demand to expel, trying to secure, fears that a force could take a base
    ("Ukrainian Foreign Minister Andriy Sybiga urged Syria's newly installed leader Ahmed al-Sharaa to expel Russian "
     "forces from the country when he made a surprise visit to Damascus on Monday.",
     [("Russia", "the country", "syr-syria", "warned-about", 4, False)]),
    ("Russia is now trying to secure its naval base in the Syrian city of Tartus and Khmeimim Air Base.",
     [("Russia", "Khmeimim Air Base", "syr-khmeimim-airbase", "planned", 1, False),
      ("Russia", "Tartus", "syr-tartus", "planned", 1, False)]),
    ("Israel called this an alarming sign: in Jerusalem there are fears that Turkey could take strategic positions, "
     "above all the T4 base.",
     [("Turkey", "T4 base", "syr-t4-airbase", "warned-about", 1, False)]),
    # a report denied in the same sentence stands as claimed and, beside it, as denied
    ("The Kurdish-led Syrian Democratic Forces said on Monday that Turkish drones had hit Hasaka, a city in Syria's "
     "far northeast, but Turkish security sources said the report was untrue.",
     [("Turkey", "Hasaka", "syr-hasakah", "denied", 1, False), ("Turkey", "Hasaka", "syr-hasakah", "struck", 1, False)]),
    # a "where" clause puts its force at the place whatever happened there
    ("Israeli aircraft launched airstrikes on military targets in the Syrian port city of Tartus, where an important "
     "Russian naval base and ship repair facility are located.",
     [("Israel", "Tartus", "syr-tartus", "struck", 1, False), ("Russia", "Tartus", "syr-tartus", "reported", 1, False)]),
    ("Hezbollah fighters fled Qusayr as the opposition advanced.",
     [("Hezbollah", "Qusayr", "syr-qusayr", "withdrawn", 1, False)]),
    ("The Pentagon has cut the number of troops in Syria from 2,000 to fewer than 1,000.",
     [("United States", "Syria", "syr-syria", "withdrawn", 4, False)]),
    ("Russia is holding talks about keeping its bases at Tartus and Hmeimim.",
     [("Russia", "Hmeimim", "syr-khmeimim-airbase", "planned", 1, False),
      ("Russia", "Tartus", "syr-tartus", "planned", 1, False)]),
    ("U.S. envoy Thomas Barrack said the American military would substantially shrink its footprint in Syria.",
     [("United States", "Syria", "syr-syria", "planned", 4, False)]),
    ("Russian cargo ships kept evacuating military assets from Tartus while Russia negotiates its presence in Syria.",
     [("Russia", "Syria", "syr-syria", "planned", 4, False), ("Russia", "Tartus", "syr-tartus", "withdrawn", 1, False)]),
    # a hedged present state is a claim, not a plan
    ("Small French and British special-forces contingents are believed to remain in Hasakeh province.",
     [("France", "Hasakeh province", "syr-hasakah-governorate", "claimed", 3, False),
      ("United Kingdom", "Hasakeh province", "syr-hasakah-governorate", "claimed", 3, False)]),
    ("Since Assad fled to Moscow in December, Russia has kept a reduced force at Hmeimim.",
     [("Russia", "Hmeimim", "syr-khmeimim-airbase", "reported", 1, False)]),
    ("The Russian navy may also have pulled its warships out of Tartous.",
     [("Russia", "Tartous", "syr-tartus", "withdrawn", 1, False)]),
    ("As of December, the US had 2,000 troops in Syria leading a coalition whose job is to keep ISIS down.",
     [("United States", "Syria", "syr-syria", "reported", 4, False)]),
])
def test_statuses(extractor, sentence, expected):
    assert _full(extractor, sentence) == expected


@pytest.mark.parametrize("sentence", [
    # 6. false claims from nearby words: bodies' names, fragments, places abroad, acronyms
    "The War monitor said Turkish drones struck a car.",
    "Turkish-backed factions of the Euphrates Shield operation attacked SDF positions.",
    "Speaking to Shafaq News Agency, a source said that armed members of Iraqi factions had withdrawn.",
    "Hezbollah said its fighters in southern Lebanon fired rockets at northern Israel.",
    "Iraqi officials said militias in northern Iraq were put on alert.",
    "Is Hezbollah rebuilding? Israeli officials think so.",
    "Before the fall of Assad, Israel carried out hundreds of strikes against Iranian targets in Syria.",
    # Syria's own army is the subject; the foreign force after the place only speaks of it
    "Syrian army moves into Al-Hol camp as US calls SDF role 'expired'",
    # "them" is no force: the jihadists are held, not the coalition
    "US troops guard the prisons. Thousands of former jihadists, many Westerners among them, are held in Al-Hol.",
    # a person, not a place: "Mr Al Shara"
    "The armed group, led by Mr Al Shara, has several Jordanian fighters in its command structure.",
    # a neighbour's force along its border with Syria is as likely on its own side
    "Brigades of the Popular Mobilization Forces pulled back from positions along the Iraqi-Syrian border.",
    "A refugee talks with Turkish soldiers at the Cilvegozu border gate before crossing into Syria.",
    # the backer of the militias that fired is not the force
    "Iran-backed militias fired rockets at the Conoco base.",
    # a person the report names with first name or title, later by surname alone
    "Syria's interim President Ahmed Sharaa wants new terms. In return for a continued Russian presence Sharaa is "
    "looking for support.",
    # a namesake abroad, a capital visited or ruled from, a regime named by its capital
    "Hezbollah fighters were killed in the southern Lebanese village of Majdal Selm.",
    "Ukraine's Foreign Minister visited Damascus on Dec. 30 to discuss Russia's military presence.",
    'Hezbollah fighters complained that the Damascus regime "betrayed and abandoned them on the field."',
    "The paper's Damascus correspondent wrote that Hezbollah fighters had left.",
    "On the new administration in Damascus, Turkish sources said Turkish troops were ready to help.",
    "On June 10, 1967, the last day of the Six-Day War, the IOF seized the city of Quneitra.",
    # the forces a state backed are not its own; a fair is no airport; the Iraqi side of a crossing is Iraq
    "Türkiye backed opposition forces in Syria throughout the 13-year civil war.",
    "Turkish soldiers will secure the Damascus International Fair.",
    # a capital someone leads, officials are based in, or that weighs a response; what planes "used to" do
    "Even so, it is far from certain that whoever leads Damascus in future will accept a long-term Russian military "
    "presence.",
    "They point out that Damascus is now weighing how to respond to the US strikes.",
    # a government offered or given something
    "Ankara, which has cordial relations with the new government, had also earlier offered Damascus its "
    "operational and military support in the fight against Daesh.",
    '"We used to be afraid of it when those Russian planes would bomb us in Idlib," he said.',
    # "Hayat Tahrir al-Sham" names no village
    "He cautioned that Israel would not permit forces tied to Hayat Tahrir al-Sham to stay.",
    # the craft that carried a fleeing man is no force leaving
    "Bashar al-Assad fled Damascus on a Russian aircraft in December 2024.",
    "On the Iraqi side, meanwhile, two Iraqi tanks stood at the entrance to the Al-Qaim border crossing.",
    # a neighbour's media speak; Syria's own authorities deploy
    "Iraq's official television said on Thursday that Syrian authorities have deployed reinforced military forces at "
    "the Al-Boukamal crossing.",
    # "with rebel forces taking…" has a subject of its own
    "Iran's withdrawal comes as Assad's government faces an offensive, with rebel forces taking key cities such as Homs "
    "and Aleppo.",
])
def test_no_claim_from_nearby_words(extractor, sentence):
    assert _full(extractor, sentence) == []
