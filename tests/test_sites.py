"""Sites: whether a place a sentence names can carry a claim (the place, not its locator or a speaker)."""

import datetime as dt

import pytest

from footprint import gazetteer as gz
from footprint import sites


@pytest.fixture(scope="module")
def gazetteer():
    return gz.load()


def _sites(gazetteer, sentence):
    mentions = gazetteer.find(sentence)
    return [m.text for m in mentions if sites.is_site(sentence, m, mentions, dt.date(2025, 6, 5), (0, len(sentence)))]


@pytest.mark.parametrize("sentence, expected", [
    ("US troops remain at al-Tanf in southern Syria.", ["al-Tanf"]),                      # a locator
    ("Russia keeps jets at the Hmeimim Air Base in Jableh, Latakia.", ["Hmeimim Air Base"]),  # an address
    ("The wounded were flown to Al-Tanf, roughly 75 miles south of Palmyra.", ["Al-Tanf"]),   # a distance
    ("US forces operate from bases in Hasakah, including Qasrak and al-Shaddadi.", ["Qasrak", "al-Shaddadi"]),
    ("Israel says the government in Damascus is responsible.", []),                        # an institution
    ("DAMASCUS, Syria (Reuters) - Turkish troops were seen near the border.", []),           # a dateline
    ("Hezbollah withdrew its forces from Syria.", ["Syria"]),                             # the country as a place
    ("Syria's new leadership met Turkish officials.", []),                                # the country as owner
    ("In 2015 Russia deployed jets to Hmeimim.", []),                                     # history
])
def test_is_site(gazetteer, sentence, expected):
    assert _sites(gazetteer, sentence) == expected


def test_the_town_stands_for_the_town_named_before(gazetteer):
    earlier = gazetteer.find("Residents of Khan Arnabeh were awake.")
    recent = [(0, m.place) for m in earlier]
    sentence = "Israeli tanks were on the edge of the town, not the base."
    found = sites.back_references(sentence, gazetteer.find(sentence), recent)
    assert [(m.text, m.place.place_id) for m in found] == [("the town", "syr-khan-arnabah")]
