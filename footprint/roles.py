"""Roles of actor mentions: which mention names a force at a place, which only speaks, which is
a place or a backer, and when Syria's own forces are the subject a foreign actor is not.

"Israeli forces entered Quneitra" (a force), "Israeli officials said" (a speaker), "flown to the
US" (a place), "Turkish-backed factions" (a backer, not the force), "Syrian army units shelled"
(Syria's own forces).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from . import actors as actors_mod
from . import attribution

__all__ = ["domestic", "domestic_force", "group", "role"]

#: The role lexicon (data/roles.json): the nouns that make an actor a force or a speaker, and the
#: names of Syria's own forces.
LEXICON = Path(__file__).resolve().parent.parent / "data" / "roles.json"
_WORDS = json.loads(LEXICON.read_text(encoding="utf-8"))


_SPEAKER_NOUN = re.compile(r"^(?:['’]s)?\s*(?:\w+\s+){0,2}?(?:" + "|".join(_WORDS["speaker_nouns"]) + r")\b",
                           re.IGNORECASE)


_QUOTES = re.compile(r"[\"“”]")


_SPEAKS_NEXT = re.compile(rf"^\s*(?:\w+\s+){{0,3}}?(?:{attribution.SPEECH_VERB})\b", re.IGNORECASE)


_COUNTRIES = r"(?:Syria|Lebanon|Iraq|Jordan|Israel|Turkey|Türkiye|Iran|Egypt|Russia)"
_COUNTRY_LISTED_BEFORE = re.compile(rf"\b{_COUNTRIES}\s*,\s*$")
_COUNTRY_LISTED_AFTER = re.compile(rf"^\s*(?:,|and)\s+{_COUNTRIES}\b(?!\s+(?:have|has|had|will|would|are|is|were|was|agreed|said))")
_PLACE_USAGE = re.compile(
    r"\b(?:in|from|to|into|with|across|toward|towards|via|through|between|inside|within|against|and|for)\s+(?:the\s+)?"
    r"(?:(?:north|south|east|west)(?:ern|-?east|-?west|-?eastern|-?western)?\s+|neighbou?ring\s+|nearby\s+)?$",
    re.IGNORECASE,
)


# "Turkish-backed militants", "Iran-backed Badr and Nujabaa groups": the fighters, not their backer,
# are at the place (Syrian factions, or another actor named after the adjective)
_CARRIED_ON = re.compile(r"\b(?:on|aboard|on board)\s+(?:a|an|the)\s+$", re.IGNORECASE)


_VEHICLE_AFTER = re.compile(r"^\s+(?:military\s+|air force\s+)?(?:aircraft|plane|jet|ship|helicopter|vessel|flight|transport)\b",
                            re.IGNORECASE)


_PROXY_OF_SYRIANS = re.compile(r"^-(?:backed|supported|allied|aligned|sponsored|funded|armed)\b"
                               # "Iranian-run terrorist cell" (but "Turkish-run training camps" are Turkey's own)
                               r"|^-(?:run|operated|linked|affiliated|directed|controlled)\s+(?:[\w'-]+\s+){0,2}?"
                               r"(?:cells?|groups?|militias?|factions?|fighters|networks?|gangs?|gunmen|mercenaries)\b")


_DOMESTIC = re.compile(r"\b(?:" + "|".join(_WORDS["syria_own_forces"]) + r")\b")


_FORCE_NOUN = re.compile(r"^(?:-(?:backed|led|run|held|controlled)\b|\s+(?:[\w-]+\s+){0,2}?(?:"
                         + "|".join(_WORDS["force_nouns"]) + r"))", re.IGNORECASE)


def role(sentence: str, m: actors_mod.ActorMention, offset: int) -> str:
    """'place' (used as a location), 'speaker' (only speaks) or 'force'."""
    s, e = m.start - offset, m.end - offset
    # scare quotes ('"Israeli" forces') do not change what the word names
    before = sentence[max(0, s - 25) : s].rstrip("\"“‘'")
    after = _QUOTES.sub("", sentence[e : e + 60].lstrip("'’"))  # 'the Turkish "training bases"' 
    if m.form == "name" and (_COUNTRY_LISTED_BEFORE.search(before) or _COUNTRY_LISTED_AFTER.match(after)):
        return "place"  # "where the borders of Syria, Jordan and Israel meet": countries named as places
    if m.form in ("name", "metonym") and _PLACE_USAGE.search(before) and not _FORCE_NOUN.match(after):
        return "place"  # "flown to the US" is a place; "flown to the US base at Al-Tanf" names a force
    if re.match(r"^-(?:based|backed)?\b", after) and after.startswith("-based"):
        return "place"
    if _SPEAKER_NOUN.match(after) or _SPEAKS_NEXT.match(after) or re.search(r"according to\s+(?:the\s+)?$", before, re.I):
        return "speaker"
    listed = re.sub(r"^(?:(?:\s*,\s*|\s+)(?:and\s+|or\s+)?[A-Z][a-z]+(?:-[a-z]+)?(?=[\s,]))+", "", after)
    if re.search(r"\b(?:backed|supported|funded|armed|trained|sponsored|operated|run|directed|linked|affiliated) by"
                 r"\s+(?:the\s+|[Aa]l[- ])?$", before):  # "operatives operated by Al Quds Force"
        return "other"  # "militias backed by Iran": the backer is not the force at the place
    if _CARRIED_ON.search(before) and _VEHICLE_AFTER.match(after):
        return "other"  # "Assad fled Damascus on a Russian aircraft": the craft carried him, the force did nothing
    if _PROXY_OF_SYRIANS.match(after):
        return "other"  # "Turkish-backed Syrian National Army fighters" are Syrian
    if m.form == "demonym" and not (_FORCE_NOUN.match(after) or _FORCE_NOUN.match(listed)):
        return "other"  # "Turkish border", "American fabrication": the adjective names no force
    return "force"


_SYRIA = actors_mod.Actor("Syria", "SYR", None, "#000000")


def domestic_force(sentence: str) -> bool:
    """Whether Syria's own forces act in the sentence (not merely speak: "two SDF officials said")."""
    return any(not (_SPEAKER_NOUN.match(sentence[m.end():]) or _SPEAKS_NEXT.match(sentence[m.end():])
                    or _HELD_BY.search(sentence, max(0, m.start() - 20), m.start()))
               for m in _DOMESTIC.finditer(sentence))


# "the Qasrak base, which is still under SDF control": who holds the place, not who acts in the sentence
_HELD_BY = re.compile(r"\b(?:under|held by|controlled by|run by|in the hands of|according to|blamed by|said by"
                      r"|handed (?:over |back )?to|transferred to|given to)\s+"
                      r"(?:the\s+)?$", re.IGNORECASE)  # or who only speaks: "according to the SDF"


def domestic(sentence: str) -> list[tuple[actors_mod.ActorMention, str]]:
    """Syria's own forces, named so that they can be the subject a foreign actor is not
    (but not when they are the object: "operations against the Islamic State group")."""
    return [(actors_mod.ActorMention(_SYRIA, m.start(), m.end(), m.group(), "domestic"), "force")
            for m in _DOMESTIC.finditer(sentence) if not _OBJECT_BEFORE.search(sentence, 0, m.start())
            or _WITH_DOING.match(sentence, m.start() - 5, m.end() + 20)]


_WITH_DOING = re.compile(r"with\s+[\w\s-]+?\s+\w+ing\b")  # "with rebel forces taking Homs": a subject


_OBJECT_BEFORE = re.compile(r"\b(?:against|on|at|targeting|targeted|killed|captured|of|with|from|to)\s+(?:the\s+)?$")


def group(sentence, mentions, reverse):
    """The nearest actor mention and those listed with it ("Israeli, Turkish and Russian forces")."""
    if not mentions:
        return []
    ordered = list(reversed(mentions)) if reverse else list(mentions)
    group = [ordered[0]]
    for m in ordered[1:]:
        a, b = (m, group[-1]) if reverse else (group[-1], m)
        gap = sentence[a.end : b.start]
        if re.fullmatch(r"[\s,]*(?:and|or|as well as)?[\s,]*", gap) or _CRAFT_AND.fullmatch(gap) \
                or a.actor == b.actor and len(gap) < 4:
            group.append(m)
        else:
            break
    return sorted(group, key=lambda m: m.start)


# "RAF Typhoons and French jets", "Israeli drones and Turkish artillery": forces listed with their craft
_CRAFT_AND = re.compile(
    r"\s+(?:[\w-]+\s+)?(?:jets|warplanes|aircraft|planes|drones|troops|forces|soldiers|units|fighters|Typhoons"
    r"|Rafales|F-\d+s?|helicopters|artillery|tanks|ships|warships)\s*,?\s*(?:and|or|as well as)\s+", re.IGNORECASE)
