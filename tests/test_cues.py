"""The cue lexicon (data/cues.json): readable data, checked when it is read."""

import json
import re

import pytest

from footprint import actors, cues


def test_bundled_lexicon_has_every_status_but_reported_and_each_entry_compiles():
    data = json.loads(cues.LEXICON.read_text(encoding="utf-8"))
    assert set(data["statuses"]) == set(cues.STATUSES) - {"reported"}
    assert tuple(data["precedence"]) == cues.lexicon().precedence
    for words in [*data["statuses"].values(), data["military"]]:
        for word in words:
            re.compile(word)  # each alternative stands alone, so a person can edit one line


@pytest.mark.parametrize("scope, status, cue", [
    ("Israeli jets struck the airbase", "struck", "struck"),
    ("Russian forces retreated from Kobani", "withdrawn", "retreated"),
    ("Turkey plans to deploy air defences", "planned", "plans"),
    ("Ankara denied any plans", "denied", "denied"),
    ("the move was a red line", "warned-about", "red line"),
    ("troops were reportedly seen", "claimed", "reportedly"),
    ("troops were seen", "reported", None),
])
def test_read_status(scope, status, cue):
    got, match = cues.read_status(scope, False)
    assert (got, match.group() if match else None) == (status, cue)


def test_a_lexicon_with_an_unknown_status_is_refused(tmp_path):
    path = tmp_path / "cues.json"
    path.write_text(json.dumps({"precedence": ["struck"], "statuses": {"struck": ["hit"], "bombed": ["x"]},
                                "military": ["troops"]}), encoding="utf-8")
    with pytest.raises(ValueError, match="bombed"):
        cues.lexicon(path)


def test_bundled_role_lexicon_has_its_three_lists_and_each_entry_compiles():
    from footprint import roles

    words = json.loads(roles.LEXICON.read_text(encoding="utf-8"))
    assert {"force_nouns", "speaker_nouns", "syria_own_forces"} <= set(words)
    for key in ("force_nouns", "speaker_nouns", "syria_own_forces"):
        assert words[key], key
        for entry in words[key]:
            re.compile(entry)
    # the lexicon is what decides: "officials" makes a speaker, "forces" a force, the SDF Syria's own
    mention = actors.load().find("Israeli officials said")[0]
    assert roles.role("Israeli officials said", mention, 0) == "speaker"
    mention = actors.load().find("Israeli forces entered")[0]
    assert roles.role("Israeli forces entered", mention, 0) == "force"
    assert [m.text for m, _ in roles.domestic("SDF fighters held the dam")] == ["SDF"]


@pytest.mark.parametrize("noun, status", [
    ("strikes", "struck"), ("air raids", "struck"), ("raids", None), ("withdrawals", "withdrawn"), ("patrol", None),
])
def test_event_nouns_give_their_status(noun, status):
    assert cues.lexicon().events.search(f"The {noun} went on.") is not None
    assert cues.lexicon().event_status(noun) == status


def test_an_event_noun_with_an_unknown_status_is_refused(tmp_path):
    path = tmp_path / "cues.json"
    path.write_text(json.dumps({"precedence": ["struck"], "statuses": {"struck": ["hit"]}, "military": ["troops"],
                                "event_nouns": {"strikes": "bombed"}}), encoding="utf-8")
    with pytest.raises(ValueError, match="bombed"):
        cues.lexicon(path)


def test_bundled_place_words_compile_and_decide():
    from footprint import unknown

    words = json.loads(unknown.LEXICON.read_text(encoding="utf-8"))
    for key in ("heads", "plural_heads", "topographic"):
        assert words[key], key
        for entry in words[key]:
            re.compile(entry)
    assert "Jan" in unknown.NOT_PLACES and "Kurmanji" in unknown.NOT_PLACE_NAMES
    # a topographic word makes a name a place by its form
    assert [m.group("formed") for m in unknown._STRONG.finditer("landed near Jabal Manaa, a hilltop")] == ["Jabal Manaa"]
